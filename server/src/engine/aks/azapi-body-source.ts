/**
 * A block of an azapi body (`body = { properties = { networkProfile = { … } } }`, or the same
 * inside `jsonencode(…)`), read through the AKS API's names (azapi-naming.ts). Where the body is
 * written as object literals, a setting is placed at its key and value with an edit handle, so
 * fixes edit inside the body; where it is computed (`merge()`, a local, a variable), the value is
 * evaluated and read as ValueBlockSource reads values: placed by origins, without edits.
 *
 * A body may have layers: an `azapi_update_resource` on the same cluster updates its body, and
 * its keys win over the resource's own.
 */
import type { Expr, ObjectItem, SyntaxAttribute, SyntaxBlock } from '../syntax/syntax-tree.js';
import type { Evaluator } from '../terraform/evaluate.js';
import type { Scope } from '../terraform/scope.js';
import { isKnown, isObjectValue, type Value } from '../terraform/values.js';
import type { Range } from '../text/positions.js';
import type { DefaultAsker } from './azapi-naming.js';
import type { BlockSource, WrittenAttribute } from './block-source.js';
import type { AttributeSite, BlockPresence, BlockSite } from './model.js';
import type { SchemaBlock } from './schema/network-schema.js';
import { makeHandle } from './sites.js';
import { valueAt, type Naming, type ValuePath } from './value-block-source.js';

/** One place of a body: an object or list written as a literal, or a value. */
type BodyNode =
  | { kind: 'syntax'; expr: Extract<Expr, { kind: 'object' } | { kind: 'tuple' }>; jsonPath?: (string | number)[]; keyRange?: Range }
  | { kind: 'value'; value: Value };

/** A body as one resource writes it: where it is, and the scope its expressions evaluate in. */
export interface BodyLayer {
  node: BodyNode;
  uri: string;
  scope: Scope;
}

/** What reading a body needs besides its layers. */
export interface BodyContext {
  evaluator: Evaluator;
  naming: Naming;
  defaults: (schemaBlock: SchemaBlock | undefined, name: string, source: DefaultAsker) => Value;
}

/** The layer of a `body` attribute (through `jsonencode(…)`, as azapi 1.x writes it). */
export function bodyLayer(attribute: SyntaxAttribute, scope: Scope, evaluator: Evaluator): BodyLayer {
  return { node: nodeOf(attribute.expr, scope, evaluator, attribute.jsonPath), uri: scope.uri, scope };
}

function nodeOf(expr: Expr, scope: Scope, evaluator: Evaluator, jsonPath?: (string | number)[], keyRange?: Range): BodyNode {
  if (expr.kind === 'call' && expr.name === 'jsonencode' && expr.args.length === 1 && !expr.expandFinal) return nodeOf(expr.args[0], scope, evaluator, undefined, keyRange);
  if (expr.kind === 'tuple' || (expr.kind === 'object' && expr.items.every((item) => keyOf(item) !== undefined))) {
    return { kind: 'syntax', expr, ...(jsonPath ? { jsonPath } : {}), ...(keyRange ? { keyRange } : {}) };
  }
  return { kind: 'value', value: evaluator.evaluate(expr, scope) };
}

/** The key of an object item written as a name or a plain string; undefined when it is computed. */
function keyOf(item: ObjectItem): string | undefined {
  const key = item.key;
  if (key.kind === 'literal' && typeof key.value === 'string') return key.value;
  if (key.kind === 'template' && key.parts.length === 1 && typeof key.parts[0] === 'string') return key.parts[0];
  if (key.kind === 'template' && key.parts.length === 0) return '';
  return undefined;
}

/** Where a list entry is named: the value of its `name` (an agent pool's `"user"`), which findings about the entry point at. */
function entryLabel(entry: Expr): Range | undefined {
  if (entry.kind !== 'object') return undefined;
  let label: Range | undefined;
  for (const item of entry.items) if (keyOf(item) === 'name') label = item.value.range;
  return label;
}

/** The node one step below, with the item written there (syntax only). */
function stepInto(node: BodyNode, step: string | number, layer: BodyLayer, evaluator: Evaluator): { node: BodyNode; item?: ObjectItem; jsonPath?: (string | number)[] } | undefined {
  if (node.kind === 'value') {
    const value = valueAt(node.value, [step]);
    return value ? { node: { kind: 'value', value } } : undefined;
  }
  const { expr } = node;
  const jsonPath = node.jsonPath ? [...node.jsonPath, step] : undefined;
  if (expr.kind === 'tuple') {
    const item = typeof step === 'number' ? expr.items[step] : undefined;
    return item ? { node: nodeOf(item, layer.scope, evaluator, jsonPath, entryLabel(item) ?? node.keyRange), ...(jsonPath ? { jsonPath } : {}) } : undefined;
  }
  if (typeof step !== 'string') return undefined;
  let item: ObjectItem | undefined;
  for (const candidate of expr.items) if (keyOf(candidate) === step) item = candidate;
  if (!item) return undefined;
  return { node: nodeOf(item.value, layer.scope, evaluator, jsonPath, item.key.range), item, ...(jsonPath ? { jsonPath } : {}) };
}

/** A block of a body: the same path in each layer, the last layer that writes a field winning. */
export class AzapiBodySource implements BlockSource {
  constructor(
    private readonly context: BodyContext,
    /** The block in each layer that has it, first layer first. */
    private readonly layers: readonly { layer: BodyLayer; node: BodyNode }[],
    readonly presence: BlockPresence,
    readonly uri: string,
    readonly schemaBlock: SchemaBlock | undefined,
  ) {}

  /** The source of a body's top: its resource's presence is the body's. */
  static ofBody(context: BodyContext, layers: readonly BodyLayer[], presence: BlockPresence, uri: string): AzapiBodySource {
    return new AzapiBodySource(
      context,
      layers.map((layer) => ({ layer, node: layer.node })),
      presence,
      uri,
      undefined,
    );
  }

  /** The block at `path` below this one, read as schema block `schemaBlock`; `presence` given when the caller knows it (a pool body is there). */
  at(path: ValuePath, schemaBlock: SchemaBlock | undefined, presence?: BlockPresence): AzapiBodySource {
    const found = this.walkAll(path);
    const last = found.at(-1);
    let state: BlockPresence;
    if (presence) state = presence;
    else if (this.presence.state !== 'present') state = { state: this.presence.state };
    else if (!last) state = { state: 'absent' };
    else if (last.node.kind === 'value' && !(isKnown(last.node.value) && isObjectValue(last.node.value.value))) state = { state: 'unknown' };
    else state = { state: 'present', site: this.blockSite(last, schemaBlock) };
    const site = presence?.site ?? (last ? this.blockSite(last, schemaBlock) : undefined);
    return new AzapiBodySource(this.context, found, { ...state, ...(state.state === 'present' && site ? { site } : {}) }, last?.layer.uri ?? this.uri, schemaBlock);
  }

  /** How many entries a list at `path` has, when known (agentPoolProfiles). */
  lengthAt(path: ValuePath): number | undefined {
    const last = this.walkAll(path).at(-1);
    if (!last) return 0;
    if (last.node.kind === 'syntax') return last.node.expr.kind === 'tuple' ? last.node.expr.items.length : undefined;
    const value = last.node.value;
    return isKnown(value) && Array.isArray(value.value) ? value.value.length : undefined;
  }

  attribute(name: string): WrittenAttribute | undefined {
    const path = this.context.naming.attributePath(this.schemaBlock, name);
    if (!path || path.length === 0) return undefined;
    for (let i = this.layers.length - 1; i >= 0; i--) {
      const written = this.read(this.layers[i], path);
      if (written) return written;
    }
    return undefined;
  }

  nested(type: string): BlockSource {
    const path = this.context.naming.blockPath(this.schemaBlock, type);
    if (!path) return new AzapiBodySource(this.context, [], { state: this.presence.state === 'present' ? 'absent' : this.presence.state }, this.uri, type as SchemaBlock);
    return this.at(path, type as SchemaBlock);
  }

  defaultValue(schemaBlock: SchemaBlock | undefined, name: string): Value {
    return this.context.defaults(schemaBlock, name, this);
  }

  private walkAll(path: ValuePath): { layer: BodyLayer; node: BodyNode; item?: ObjectItem; jsonPath?: (string | number)[] }[] {
    const out: { layer: BodyLayer; node: BodyNode; item?: ObjectItem; jsonPath?: (string | number)[] }[] = [];
    for (const { layer, node } of this.layers) {
      const found = this.walk(layer, node, path);
      if (found) out.push({ layer, ...found });
    }
    return out;
  }

  private walk(layer: BodyLayer, start: BodyNode, path: ValuePath): { node: BodyNode; item?: ObjectItem; jsonPath?: (string | number)[] } | undefined {
    let at: { node: BodyNode; item?: ObjectItem; jsonPath?: (string | number)[] } = { node: start };
    for (const step of path) {
      const next = stepInto(at.node, step, layer, this.context.evaluator);
      if (!next) return undefined;
      at = next;
    }
    return at;
  }

  private read(entry: { layer: BodyLayer; node: BodyNode }, path: ValuePath): WrittenAttribute | undefined {
    const found = this.walk(entry.layer, entry.node, path);
    if (!found) return undefined;
    const { layer } = entry;
    if (found.item) {
      const { item } = found;
      const value = found.node.kind === 'value' ? found.node.value : this.context.evaluator.evaluate(item.value, layer.scope);
      const attribute: SyntaxAttribute = {
        name: keyOf(item)!,
        nameRange: item.key.range,
        range: item.range,
        expr: item.value,
        ...(found.jsonPath ? { jsonPath: found.jsonPath } : {}),
        uri: layer.uri,
      };
      const site: AttributeSite = { uri: layer.uri, range: item.range, nameRange: item.key.range, valueRange: item.value.range, edit: makeHandle({ kind: 'attribute', attribute }) };
      return { value, site, uri: layer.uri };
    }
    // A list entry or a value inside a computed body: placed by where the value comes from.
    const value = found.node.kind === 'value' ? found.node.value : this.context.evaluator.evaluate(found.node.expr, layer.scope);
    const origin = value.origin;
    const site = origin ? { uri: origin.uri, range: origin.range, nameRange: origin.range, valueRange: origin.range } : undefined;
    return { value, uri: origin?.uri ?? layer.uri, ...(site ? { site } : {}) };
  }

  private blockSite(found: { layer: BodyLayer; node: BodyNode; item?: ObjectItem; jsonPath?: (string | number)[] }, schemaBlock: SchemaBlock | undefined): BlockSite | undefined {
    const { node, layer } = found;
    if (node.kind === 'value') {
      const origin = node.value.origin;
      return origin ? { uri: origin.uri, range: origin.range, typeRange: origin.range, headerRange: origin.range, labelRange: origin.range } : undefined;
    }
    const { expr } = node;
    const header = node.keyRange ?? expr.range;
    if (expr.kind !== 'object') return { uri: layer.uri, range: expr.range, typeRange: header, headerRange: header, labelRange: header };
    const block: SyntaxBlock = {
      type: found.item ? keyOf(found.item)! : 'body',
      typeRange: header,
      labels: [],
      range: expr.range,
      headerRange: header,
      body: {
        attributes: expr.items.map((item) => ({ name: keyOf(item)!, nameRange: item.key.range, range: item.range, expr: item.value })),
        blocks: [],
        range: expr.range,
      },
      closed: true,
      ...(node.jsonPath ? { jsonPath: node.jsonPath } : {}),
    };
    return { uri: layer.uri, range: expr.range, typeRange: header, headerRange: header, labelRange: header, edit: makeHandle({ kind: 'object', block, schemaBlock, naming: this.context.naming }) };
  }
}
