/**
 * The shape of a rule: an id (which is also its file name and docs page), a default severity,
 * message templates with `{{placeholders}}`, and checks over the closed AKS model (aks/model.ts),
 * never syntax: a rule places its findings with the Sites and ranges the model holds, and edits
 * through an `Edits` it is handed.
 */
import type { AksCluster, AksModel, AksNodePool, AttributeSite, BlockSite, Setting } from '../aks/model.js';
import type { Range } from '../text/positions.js';

/** Where rule docs live; every finding links to `<DOCS_BASE>/<id>.md`. */
export const DOCS_BASE = 'https://github.com/aks-netlint/aks-netlint/blob/main/docs/rules';

export type Severity = 'error' | 'warning' | 'info';

/** The other side of a conflict. */
export interface RelatedInformation {
  uri: string;
  range: Range;
  message: string;
}

/** A literal a fix writes. */
export type LiteralValue = string | number | boolean;

/**
 * What a fix can do, on Sites of the model. Each method returns false when it cannot edit safely
 * (a site without an edit handle, a one-line block...); the fix is then not offered.
 */
export interface Edits {
  /** Replaces the value of an attribute. */
  replaceValue(site: AttributeSite, value: LiteralValue): boolean;
  /** Changes a setting's value where it is written (the attribute, or the variable default, var file or local it comes from). */
  replaceSettingValue(setting: Setting, value: LiteralValue): boolean;
  /** Renames an attribute, keeping its value. */
  renameAttribute(site: AttributeSite, newName: string): boolean;
  /** Removes an attribute with its line. */
  removeAttribute(site: AttributeSite): boolean;
  /** Sets an attribute of a block: replaces the value of `existing` when it is written, else inserts it. */
  setAttribute(block: BlockSite, name: string, value: LiteralValue, existing?: Setting): boolean;
  /** Inserts `name { key = value ... }` as the last item of a block. */
  insertBlock(parent: BlockSite, name: string, attributes: Record<string, LiteralValue>): boolean;
}

/** An edit function for a fix: returns false when the edit cannot be made safely. */
export type EditFunction = (edit: Edits) => boolean;

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

/** What a rule of `scope: 'instance'` may read besides its cluster or pool: not the other clusters. */
export type InstanceModel = Omit<AksModel, 'clusters' | 'nodePools'>;

/**
 * What a rule reads: `instance` (the default), only the cluster or pool it checks (with the
 * cluster's pools, or the pool's cluster and its pools) and the network model; `module`, also
 * the other clusters and pools. The language server reuses an instance-scoped rule's findings
 * while that cluster and the network did not change.
 */
export type RuleScope = 'instance' | 'module';

/** The model a rule of a scope is given. */
export type ScopedModel<S extends RuleScope> = S extends 'module' ? AksModel : InstanceModel;

export interface RuleDefinition<M extends string, S extends RuleScope = 'instance'> {
  id: string;
  title: string;
  severity: Severity;
  scope?: S;
  messages: Record<M, string>;
  checkCluster?(context: { cluster: AksCluster; model: ScopedModel<S>; reportUnknown: boolean }, report: ReportFunction<M>): void;
  checkNodePool?(context: { nodePool: AksNodePool; model: ScopedModel<S>; reportUnknown: boolean }, report: ReportFunction<M>): void;
}

/** A rule as the analysis runs it. */
export interface Rule<M extends string = string> {
  id: string;
  title: string;
  severity: Severity;
  scope: RuleScope;
  messages: Record<M, string>;
  docsUrl: string;
  checkCluster?(context: { cluster: AksCluster; model: AksModel; reportUnknown: boolean }, report: ReportFunction<M>): void;
  checkNodePool?(context: { nodePool: AksNodePool; model: AksModel; reportUnknown: boolean }, report: ReportFunction<M>): void;
}

/** Declares a rule; type-checks its message ids and what it may read, and derives its docs URL from its id. */
export function defineRule<M extends string, S extends RuleScope = 'instance'>(definition: RuleDefinition<M, S>): Rule<M> {
  return { ...(definition as unknown as Omit<Rule<M>, 'docsUrl' | 'scope'>), scope: definition.scope ?? 'instance', docsUrl: `${DOCS_BASE}/${definition.id}.md` };
}

/** Fills `{{name}}` placeholders. */
export function formatMessage(template: string, data: Record<string, string | number> = {}): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (match, key: string) => (key in data ? String(data[key]) : match));
}
