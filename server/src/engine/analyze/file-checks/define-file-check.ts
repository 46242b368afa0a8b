/**
 * Checks about files rather than clusters: syntax errors, files that could not be read,
 * suppression comments, an assumed provider version. Like ESLint's parse errors they sit beside
 * the rules, not among them (they read syntax, which rules never do), and keep rule ids, pages
 * and severity settings of their own.
 */
import type { AksModel } from '../../aks/model.js';
import { DOCS_BASE, type ReportFunction, type Severity } from '../../rules/define-rule.js';
import type { HclError } from '../../syntax/syntax-tree.js';
import type { TfModule } from '../../terraform/module.js';
import type { Range } from '../../text/positions.js';

/** What a file check is given. */
export interface FileCheckContext {
  module: TfModule;
  model: AksModel;
  /** HashiCorp's syntax errors per file, when the host ran hcl2json. */
  hclErrors: ReadonlyMap<string, HclError[]>;
  /** Every rule and check id, for suppression comments. */
  knownIds: ReadonlySet<string>;
  /** The evaluation limits this analysis reached, with where each was first reached. */
  limitsReached: ReadonlyMap<string, { uri: string; range: Range }>;
  /** Module calls whose code was not read, once per call block: the `source` value and why. */
  unreadCalls: readonly { uri: string; range: Range; reason: string }[];
  /** Whether "not checked" notes are asked for. */
  reportUnknown: boolean;
  /** Today, YYYY-MM-DD, when the adapter gave it (AnalysisSettings.today). */
  today?: string;
}

export interface FileCheck<M extends string = string> {
  id: string;
  title: string;
  severity: Severity;
  messages: Record<M, string>;
  docsUrl: string;
  /** Every report names its file (`uri`). */
  check(context: FileCheckContext, report: ReportFunction<M>): void;
}

/** Declares a file check; type-checks its message ids and derives its docs URL from its id. */
export function defineFileCheck<M extends string>(definition: Omit<FileCheck<M>, 'docsUrl'>): FileCheck<M> {
  return { ...definition, docsUrl: `${DOCS_BASE}/${definition.id}.md` };
}
