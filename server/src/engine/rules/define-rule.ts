/**
 * The shape of a rule: an id (which is also its file name and docs page), a default severity,
 * message templates with `{{placeholders}}`, and checks over the domain model — never syntax.
 */
import type { AksCluster, AksNodePool, Setting } from '../aks/model.js';
import type { NetworkResolver } from '../aks/resolve-network.js';
import type { EditBuilder } from '../analyze/edit-builder.js';
import type { RelatedInformation, Severity } from '../analyze/findings.js';
import type { SyntaxFile } from '../syntax/syntax-tree.js';
import type { Evaluator } from '../terraform/evaluate.js';
import type { TfModule } from '../terraform/module.js';
import type { ProviderVersion } from '../terraform/provider-version.js';
import type { Range } from '../text/positions.js';

/** Where rule docs live; every finding links to `<DOCS_BASE>/<id>.md`. */
export const DOCS_BASE = 'https://github.com/aks-netlint/aks-netlint/blob/main/docs/rules';

/** The analysed module, as rules see it. */
export interface ModuleModel {
  module: TfModule;
  evaluator: Evaluator;
  provider: ProviderVersion;
  clusters: AksCluster[];
  nodePools: AksNodePool[];
  /** Follows subnet and VNet references. */
  network: NetworkResolver;
  /** HashiCorp's syntax errors per file, when the host ran hcl2json. */
  hclErrors: Map<string, HclError[]>;
  /** Whether the user asked for "not checked" notes on Unknown values. */
  reportUnknown: boolean;
  /** Rule ids that exist, for suppression checks. */
  knownRuleIds: ReadonlySet<string>;
}

/** A syntax error as HashiCorp's HCL parser reports it: 1-based lines, columns in characters. */
export interface HclError {
  message: string;
  start: { line: number; column: number };
  end: { line: number; column: number };
}

/** An edit function for a fix: returns false when the edit cannot be made safely. */
export type EditFunction = (edit: EditBuilder) => boolean;

export interface Report<M extends string> {
  messageId: M;
  data?: Record<string, string | number>;
  /** Defaults to the file of the cluster or pool being checked. */
  uri?: string;
  range: Range;
  related?: RelatedInformation[];
  /** A safe fix (cannot change what Terraform builds). */
  fix?: { messageId: M; data?: Record<string, string | number>; edit: EditFunction };
  /** Fixes for a human to choose. */
  suggest?: { messageId: M; data?: Record<string, string | number>; replacesCluster?: boolean; edit: EditFunction }[];
  /**
   * The setting whose value the finding is about: when that value comes from a variable, local
   * or another resource, the message says where and the place becomes related information.
   */
  source?: Setting;
  /**
   * The finding holds only on some azurerm majors (a renamed or removed attribute, a value one
   * major accepts). When the major is assumed, not known, it is a warning and its fix a
   * suggestion: the module may well run on the major where it is right.
   */
  majorSpecific?: boolean;
  /** Overrides the rule's default severity for this finding (e.g. error on 4.x, warning on 3.x). */
  severity?: Severity;
  tags?: 'deprecated'[];
}

export type ReportFunction<M extends string> = (report: Report<M>) => void;

export interface RuleDefinition<M extends string> {
  id: string;
  title: string;
  severity: Severity;
  messages: Record<M, string>;
  checkCluster?(context: { cluster: AksCluster; model: ModuleModel }, report: ReportFunction<M>): void;
  checkNodePool?(context: { nodePool: AksNodePool; model: ModuleModel }, report: ReportFunction<M>): void;
  checkModule?(context: { model: ModuleModel; fileOf: (uri: string) => SyntaxFile | undefined }, report: ReportFunction<M>): void;
}

export interface Rule<M extends string = string> extends RuleDefinition<M> {
  docsUrl: string;
}

/** Declares a rule; type-checks its message ids and derives its docs URL from its id. */
export function defineRule<M extends string>(definition: RuleDefinition<M>): Rule<M> {
  return { ...definition, docsUrl: `${DOCS_BASE}/${definition.id}.md` };
}

/** Fills `{{name}}` placeholders. */
export function formatMessage(template: string, data: Record<string, string | number> = {}): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (match, key: string) => (key in data ? String(data[key]) : match));
}
