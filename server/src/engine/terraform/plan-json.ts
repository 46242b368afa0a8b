/**
 * Reads `terraform show -json` output (format_version 1.x; input-forms.md §5) into values: every
 * resource instance the plan will leave behind, with each planned value Known and placed at its
 * JSON node in the plan file, and each `after_unknown` leaf Unknown ("known only after apply"),
 * carrying the resource the configuration's expression references (a pool's
 * kubernetes_cluster_id, a subnet id), since that is how resources link before apply. Sensitive
 * values stay as they are: they are hidden in the output, not unknown to Terraform.
 */
import { parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import { nestsDeeperThan } from '../syntax/parse-json.js';
import { DEFAULT_PARSE_LIMITS } from '../syntax/parse-limits.js';
import { LineIndex, type Range } from '../text/positions.js';
import { ConfigurationReferences, type ConfigModule } from './plan-references.js';
import { known, unknown, type Origin, type ResourceRef, type Value } from './values.js';

/** One resource instance of the plan. */
export interface PlanResource {
  /** `module.aks.module.pools["u1"].azurerm_kubernetes_cluster_node_pool.this[0]`. */
  address: string;
  /** The module calls leading to it, outermost first, with instance keys (`module.pools["u1"]`). */
  modulePath: string[];
  mode: 'managed' | 'data';
  type: string;
  name: string;
  key?: string | number;
  /** The values it will have after apply (before, for a data source read from the prior state). */
  values: Value;
  /** The change's actions (`["create"]`, `["delete","create"]`); empty for the prior state. */
  actions: string[];
  /** Where the address is written in the plan file: where a finding about the whole resource points. */
  addressRange: Range;
  /** What resource_changes says of it; absent for a resource of planned_values or the prior state only. */
  change?: PlanChange;
}

/** A resource change's record of what the resource was and why it changes (input-forms.md §5). */
export interface PlanChange {
  /**
   * `change.before`: the resource in the prior state, all known (no before_unknown exists);
   * undefined when it is created. Values before_sensitive marks are kept: a network setting is
   * hidden in Terraform's output, not secret from a check.
   */
  before?: Value;
  /** `change.replace_paths`: the attributes that force a replacement (`[["network_profile", 0, "network_plugin"]]`). */
  replacePaths: (string | number)[][];
  /** `action_reason`: `replace_because_cannot_update`, `replace_because_tainted`, ... */
  actionReason?: string;
  /** Where the entry's `change` object is in the plan file. */
  range: Range;
}

/** A plan file, read. */
export interface PlanDocument {
  uri: string;
  formatVersion: string;
  /** Every resource instance that exists after apply (managed ones), and the data sources read at plan time. */
  resources: PlanResource[];
  /** The `version_constraint`s of the azurerm provider configurations, where each is written. */
  providerConstraints: { text: string; range: Range }[];
  /** What identifies the plan's content (its timestamp, length and a hash of its text). */
  digest: string;
}

/** A file that is not a plan in JSON: the message says why, for the CLI's one line. */
export class PlanFormatError extends Error {}

type ExpressionTree = { [key: string]: unknown };

/** Reads a plan; throws PlanFormatError when the text is not one. */
export function readPlanJson(uri: string, text: string): PlanDocument {
  // Deep nesting would exhaust the stack of the parser and of every walk after it; a real plan
  // nests a few dozen levels (modules, resources, nested blocks).
  const { nesting } = DEFAULT_PARSE_LIMITS;
  if (nestsDeeperThan(text, nesting)) throw new PlanFormatError(`not a Terraform plan aks-netlint reads: its JSON nests deeper than ${nesting} levels`);
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
  if (!root || errors.length > 0) {
    const first = errors[0];
    const at = first ? new LineIndex(text).positionAt(first.offset) : undefined;
    throw new PlanFormatError(`not JSON${first && at ? ` (${printParseErrorCode(first.error)} at line ${at.line + 1})` : ''}`);
  }
  if (root.type !== 'object') throw new PlanFormatError('not a Terraform plan: the JSON is not an object');
  const formatVersion = stringAt(root, 'format_version');
  if (formatVersion === undefined) throw new PlanFormatError('not a Terraform plan: it has no format_version (write it with terraform show -json <planfile>)');
  if (!/^1\./.test(formatVersion)) throw new PlanFormatError(`plan format_version ${formatVersion} is not supported (1.x is)`);
  if (!child(root, 'resource_changes') && !child(root, 'planned_values')) throw new PlanFormatError('not a Terraform plan: it has neither resource_changes nor planned_values');
  return { ...new PlanReader(uri, text, root).read(formatVersion), digest: `${stringAt(root, 'timestamp') ?? ''}:${text.length}:${hashOf(text)}` };
}

/** FNV-1a of a text's UTF-16 units: enough to tell two plans apart, with their length and timestamp. */
function hashOf(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return (hash >>> 0).toString(16).padStart(8, '0');
}

class PlanReader {
  private readonly lines: LineIndex;
  /** The configuration's resources by static module key and address (`aks.pools|azurerm_x.y`). */
  private readonly expressions = new Map<string, ExpressionTree>();
  /** Follows a configuration's references through variables and module outputs. */
  private references = new ConfigurationReferences(undefined);

  constructor(
    private readonly uri: string,
    text: string,
    private readonly root: JsonNode,
  ) {
    this.lines = new LineIndex(text);
  }

  read(formatVersion: string): Omit<PlanDocument, 'digest'> {
    const configuration = child(this.root, 'configuration');
    const rootModule = configuration ? child(configuration, 'root_module') : undefined;
    if (rootModule) {
      this.indexConfiguration(rootModule, []);
      this.references = new ConfigurationReferences(plainOf(rootModule) as ConfigModule);
    }
    const resources: PlanResource[] = [];
    const seen = new Set<string>();
    for (const change of elements(child(this.root, 'resource_changes'))) {
      const resource = this.changedResource(change);
      if (!resource) continue;
      seen.add(resource.address);
      if (resource.actions.includes('delete') && !resource.actions.includes('create')) continue;
      if (resource.actions.includes('forget') && !resource.actions.includes('create')) continue;
      resources.push(resource);
    }
    // A plan without resource_changes for a resource (older or partial output): its planned values.
    const planned = child(this.root, 'planned_values');
    const add = (node: JsonNode) => {
      const address = stringAt(node, 'address');
      if (address === undefined || seen.has(address)) return;
      const resource = this.stateResource(node, 'values');
      if (!resource) return;
      seen.add(address);
      resources.push(resource);
    };
    for (const node of moduleResources(planned ? child(planned, 'root_module') : undefined)) add(node);
    // Data sources read while planning are in the prior state only.
    const prior = child(this.root, 'prior_state');
    const priorValues = prior ? child(prior, 'values') : undefined;
    for (const node of moduleResources(priorValues ? child(priorValues, 'root_module') : undefined)) if (stringAt(node, 'mode') === 'data') add(node);
    return { uri: this.uri, formatVersion, resources, providerConstraints: this.providerConstraints(configuration) };
  }

  private changedResource(node: JsonNode): PlanResource | undefined {
    const head = this.head(node);
    const change = child(node, 'change');
    if (!head || !change) return undefined;
    const actions = elements(child(change, 'actions')).flatMap((a) => (typeof a.value === 'string' ? [a.value] : []));
    const after = child(change, 'after');
    const values = this.toValue(after, child(change, 'after_unknown'), head, []);
    const before = child(change, 'before');
    const replacePaths = elements(child(change, 'replace_paths')).map((path) => elements(path).flatMap((step) => (typeof step.value === 'string' || typeof step.value === 'number' ? [step.value] : [])));
    const actionReason = stringAt(node, 'action_reason');
    const record: PlanChange = {
      ...(before && before.type !== 'null' ? { before: this.toValue(before, undefined, head, []) } : {}),
      replacePaths,
      ...(actionReason !== undefined ? { actionReason } : {}),
      range: this.range(change),
    };
    return { ...head, actions, values, change: record };
  }

  private stateResource(node: JsonNode, key: string): PlanResource | undefined {
    const head = this.head(node);
    if (!head) return undefined;
    return { ...head, actions: [], values: this.toValue(child(node, key), undefined, head, []) };
  }

  /** What names a resource object of the plan (resource_changes or planned_values). */
  private head(node: JsonNode): (Omit<PlanResource, 'values' | 'actions'> & { expressions?: ExpressionTree }) | undefined {
    const addressNode = child(node, 'address');
    const address = typeof addressNode?.value === 'string' ? addressNode.value : undefined;
    const type = stringAt(node, 'type');
    const name = stringAt(node, 'name');
    const mode = stringAt(node, 'mode');
    if (!addressNode || address === undefined || !type || !name || (mode !== 'managed' && mode !== 'data')) return undefined;
    const modulePath = modulePathOf(address);
    if (!modulePath) return undefined;
    const index = child(node, 'index')?.value as unknown;
    const key = typeof index === 'string' || typeof index === 'number' ? index : undefined;
    const staticKey = modulePath.map((step) => step.replace(/^module\.|\[.*$/g, '')).join('.');
    const expressions = this.expressions.get(`${staticKey}|${mode === 'data' ? 'data.' : ''}${type}.${name}`);
    return {
      address,
      modulePath,
      mode,
      type,
      name,
      ...(key !== undefined ? { key } : {}),
      addressRange: this.range(addressNode),
      ...(expressions ? { expressions } : {}),
    };
  }

  /** A planned value: Known leaves at their nodes, Unknown where after_unknown says so. */
  private toValue(node: JsonNode | undefined, unknownNode: JsonNode | undefined, head: ReturnType<PlanReader['head']> & object, path: (string | number)[]): Value {
    if (unknownNode?.type === 'boolean' && unknownNode.value === true) {
      const ref = referenceAt(head.expressions, path, head.modulePath, this.references);
      return unknown(`${head.address}.${formatPath(path)} is known only after apply`, { origin: this.origin(unknownNode), ...(ref ? { ref } : {}) });
    }
    if (!node) return known(null, this.origin(unknownNode ?? this.root));
    const origin = this.origin(node);
    if (node.type === 'object') {
      const out: { [key: string]: Value } = {};
      for (const property of node.children ?? []) {
        const [keyNode, valueNode] = property.children ?? [];
        if (typeof keyNode?.value !== 'string') continue;
        out[keyNode.value] = this.toValue(valueNode, unknownNode?.type === 'object' ? child(unknownNode, keyNode.value) : undefined, head, [...path, keyNode.value]);
      }
      // Unknown values are left out of `after`: after_unknown alone names them.
      if (unknownNode?.type === 'object') {
        for (const property of unknownNode.children ?? []) {
          const [keyNode, valueNode] = property.children ?? [];
          if (typeof keyNode?.value !== 'string' || keyNode.value in out) continue;
          out[keyNode.value] = this.toValue(undefined, valueNode, head, [...path, keyNode.value]);
        }
      }
      return known(out, origin);
    }
    if (node.type === 'array') {
      const items = node.children ?? [];
      const unknownItems = unknownNode?.type === 'array' ? (unknownNode.children ?? []) : [];
      return known(
        items.map((item, i) => this.toValue(item, unknownItems[i], head, [...path, i])),
        origin,
      );
    }
    return known(node.value as string | number | boolean | null, origin);
  }

  private origin(node: JsonNode): Origin {
    return { uri: this.uri, range: this.range(node), via: [] };
  }

  private range(node: JsonNode): Range {
    return this.lines.rangeOf(node.offset, node.offset + node.length);
  }

  /** Records each configured resource's `expressions`, through module_calls. */
  private indexConfiguration(module: JsonNode, path: string[]): void {
    for (const resource of elements(child(module, 'resources'))) {
      const address = stringAt(resource, 'address');
      const expressions = child(resource, 'expressions');
      if (address && expressions) this.expressions.set(`${path.join('.')}|${address}`, plainOf(expressions) as ExpressionTree);
    }
    const calls = child(module, 'module_calls');
    for (const property of calls?.children ?? []) {
      const [keyNode, call] = property.children ?? [];
      const nested = call ? child(call, 'module') : undefined;
      if (typeof keyNode?.value === 'string' && nested) this.indexConfiguration(nested, [...path, keyNode.value]);
    }
  }

  private providerConstraints(configuration: JsonNode | undefined): { text: string; range: Range }[] {
    const out: { text: string; range: Range }[] = [];
    const configs = configuration ? child(configuration, 'provider_config') : undefined;
    for (const property of configs?.children ?? []) {
      const config = property.children?.[1];
      if (!config) continue;
      const fullName = stringAt(config, 'full_name');
      const isAzurerm = fullName ? /(^|\/)hashicorp\/azurerm$/.test(fullName) : stringAt(config, 'name') === 'azurerm';
      const constraint = child(config, 'version_constraint');
      if (isAzurerm && typeof constraint?.value === 'string') out.push({ text: constraint.value, range: this.range(constraint) });
    }
    return out;
  }
}

/** The property `key` of an object node. */
function child(node: JsonNode, key: string): JsonNode | undefined {
  if (node.type !== 'object') return undefined;
  for (const property of node.children ?? []) {
    const [keyNode, value] = property.children ?? [];
    if (keyNode?.value === key) return value;
  }
  return undefined;
}

function stringAt(node: JsonNode, key: string): string | undefined {
  const value = child(node, key)?.value as unknown;
  return typeof value === 'string' ? value : undefined;
}

function elements(node: JsonNode | undefined): JsonNode[] {
  return node?.type === 'array' ? (node.children ?? []) : [];
}

/** The resources of a module of planned_values or prior_state and of every child module. */
function moduleResources(module: JsonNode | undefined): JsonNode[] {
  if (!module) return [];
  return [...elements(child(module, 'resources')), ...elements(child(module, 'child_modules')).flatMap(moduleResources)];
}

/** The plain JSON of a node. */
function plainOf(node: JsonNode): unknown {
  if (node.type === 'object') return Object.fromEntries((node.children ?? []).map((p) => [p.children?.[0]?.value as string, p.children?.[1] ? plainOf(p.children[1]) : null]));
  if (node.type === 'array') return (node.children ?? []).map(plainOf);
  return node.value;
}

/**
 * The module calls of an address (`module.a["x"].module.b.azurerm_y.z[0]` → `module.a["x"]`,
 * `module.b`), or undefined when it cannot be split.
 */
export function modulePathOf(address: string): string[] | undefined {
  const path: string[] = [];
  let at = 0;
  while (address.startsWith('module.', at)) {
    let end = at + 'module.'.length;
    while (end < address.length && /[\w-]/.test(address[end])) end++;
    if (address[end] === '[') {
      const close = closingBracket(address, end);
      if (close === undefined) return undefined;
      end = close + 1;
    }
    path.push(address.slice(at, end));
    if (address[end] !== '.') return undefined;
    at = end + 1;
  }
  return path;
}

/** The index of the `]` closing the `[` at `open`, skipping a quoted key. */
function closingBracket(text: string, open: number): number | undefined {
  let i = open + 1;
  if (text[i] === '"') {
    for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
    i++;
  } else while (i < text.length && text[i] !== ']') i++;
  return text[i] === ']' ? i : undefined;
}

/** `network_profile[0].pod_cidr`. */
function formatPath(path: readonly (string | number)[]): string {
  return path.map((step, i) => (typeof step === 'number' ? `[${step}]` : i === 0 ? step : `.${step}`)).join('');
}

/**
 * The resource attribute the configuration's expression at `path` references
 * (`azurerm_kubernetes_cluster.aks.id`), also through variables and module outputs
 * (plan-references.ts): nested blocks are lists of objects there, as in the values. An expression
 * of more than one reference, or through a local or `each`, names no resource and gives none.
 */
function referenceAt(expressions: ExpressionTree | undefined, path: readonly (string | number)[], modulePath: readonly string[], references: ConfigurationReferences): ResourceRef | undefined {
  let at: unknown = expressions;
  for (const step of path) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<string | number, unknown>)[step];
  }
  return references.resolve((at as { references?: unknown } | undefined)?.references, modulePath);
}
