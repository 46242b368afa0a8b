/**
 * What the engine reports: findings with exact ranges, related locations and fixes as text edits.
 * Both adapters convert these (LSP diagnostics and code actions; CLI text, JSON and SARIF).
 */
import type { RelatedInformation, Severity } from '../rules/define-rule.js';
import type { Range } from '../text/positions.js';

export type { RelatedInformation, Severity } from '../rules/define-rule.js';
export type SeveritySetting = Severity | 'off';

/** A replacement of `range` in the file `uri` by `newText`. */
export interface TextEdit {
  uri: string;
  range: Range;
  newText: string;
}

/** A titled set of edits. */
export interface CodeFix {
  title: string;
  edits: TextEdit[];
  /** True when applying it makes Terraform replace the cluster (or pool). */
  replacesCluster?: boolean;
}

export interface Finding {
  ruleId: string;
  /** Which of the rule's messages: for tests and code actions, not shown to users. */
  messageId: string;
  severity: Severity;
  message: string;
  uri: string;
  range: Range;
  related: RelatedInformation[];
  /** A safe fix: cannot change what Terraform builds. `--fix` and fix-all apply only these. */
  fix?: CodeFix;
  /** Fixes a human must choose; titles say when they replace the cluster. */
  suggestions: CodeFix[];
  docsUrl: string;
  /** For editors: `deprecated` renders strike-through. */
  tags?: 'deprecated'[];
  /**
   * For a finding in a called module: the module calls it was found through
   * (`module.aks["a"] of envs/prod`), which `message` ends with; `messageWithoutCalls` is the rest.
   */
  calls?: string[];
  messageWithoutCalls?: string;
}
