/**
 * Every check the analysis runs, rules and file checks together, sorted by id: what settings,
 * suppression comments, the manifest's rule list and SARIF's rule table are made from.
 */
import { RULES } from '../rules/index.js';
import type { Severity } from '../rules/define-rule.js';
import { FILE_CHECKS } from './file-checks/index.js';
import { INTERNAL_ERROR } from './internal-error.js';

/** What every check has, whether a rule or a file check. */
export interface CheckInfo {
  id: string;
  title: string;
  severity: Severity;
  messages: Record<string, string>;
  docsUrl: string;
}

export const CHECKS: readonly CheckInfo[] = [...RULES, ...FILE_CHECKS, INTERNAL_ERROR].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

export const CHECK_IDS: ReadonlySet<string> = new Set(CHECKS.map((c) => c.id));

/**
 * The checks about a module's files themselves (their syntax, whether they could be read, their
 * suppression comments) and the engine's own failures: what a module called by another still
 * reports when it is checked alone, since its settings are checked through its callers.
 */
export const FILE_ONLY_CHECK_IDS: ReadonlySet<string> = new Set([
  'hcl-syntax',
  'file-not-text',
  'file-too-large',
  'suppression-expired',
  'suppression-requires-reason',
  'suppression-unknown-rule',
  INTERNAL_ERROR.id,
]);
