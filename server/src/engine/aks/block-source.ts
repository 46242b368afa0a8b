/**
 * Where the readers of clusters and pools get a block's attributes from, whatever form writes
 * them: a `resource` block and its nested blocks (this file), an azapi body, a plan's planned
 * values. The reader of settings (read-clusters.ts) asks by azurerm schema names; each source maps
 * them to its own (an azapi body's `networkProfile.networkPlugin`) and says what an attribute it
 * does not hold defaults to in its form.
 */
import { findAttribute, findBlocks, type SyntaxBlock } from '../syntax/syntax-tree.js';
import type { Evaluator } from '../terraform/evaluate.js';
import { iteratorName } from '../terraform/dynamic-iterator.js';
import { scopeFor, type Scope } from '../terraform/scope.js';
import type { ProviderVersion } from '../terraform/provider-version.js';
import { isKnown, known, unknown, type Value } from '../terraform/values.js';
import type { AttributeSite, BlockPresence } from './model.js';
import { attributeSchema, type SchemaBlock } from './schema/network-schema.js';
import { attributeSite, blockSite } from './sites.js';

/** An attribute as a form writes it. */
export interface WrittenAttribute {
  value: Value;
  site?: AttributeSite;
  /** The file it is written in. */
  uri: string;
}

/** One block of a cluster or pool (the resource itself at the top). */
export interface BlockSource {
  presence: BlockPresence;
  /** The file of the block, for an attribute it does not write. */
  uri: string;
  /** The attribute `name` (its azurerm name) when the block writes it, evaluated. */
  attribute(name: string): WrittenAttribute | undefined;
  /** The single nested block `type` (an azurerm schema block name). */
  nested(type: string): BlockSource;
  /** What an attribute the block does not write is (`schemaBlock` undefined: not a network attribute). */
  defaultValue(schemaBlock: SchemaBlock | undefined, name: string): Value;
}

const NOWHERE = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** A block of an azurerm resource as written in Terraform files, read in one instance's scope. */
export class SyntaxBlockSource implements BlockSource {
  constructor(
    private readonly evaluator: Evaluator,
    private readonly provider: ProviderVersion,
    /** The file of the resource declaration. */
    private readonly resourceUri: string,
    readonly presence: BlockPresence,
    private readonly scope: Scope,
    private readonly block?: SyntaxBlock,
  ) {}

  /** The file of the block: an override file's when that file merged the whole block in. */
  get uri(): string {
    return this.block?.uri ?? this.resourceUri;
  }

  attribute(name: string): WrittenAttribute | undefined {
    const attribute = this.block ? findAttribute(this.block.body, name) : undefined;
    if (!attribute) return undefined;
    return {
      value: this.evaluator.evaluate(attribute.expr, scopeFor(attribute, this.scope)),
      site: attributeSite(this.resourceUri, attribute),
      // An override file may have merged the attribute in from another file.
      uri: attribute.uri ?? this.uri,
    };
  }

  /**
   * The single nested block `type`: static, or the `content` of a `dynamic "type"` (whose
   * presence is Unknown unless its `for_each` is known).
   */
  nested(type: string): BlockSource {
    const make = (presence: BlockPresence, scope: Scope, block?: SyntaxBlock) => new SyntaxBlockSource(this.evaluator, this.provider, this.resourceUri, presence, scope, block);
    const { presence, scope } = this;
    if (presence.state === 'absent') return make({ state: 'absent' }, scope);
    if (presence.state === 'unknown' || !this.block) return make({ state: 'unknown' }, scope);
    const body = this.block.body;
    const statics = findBlocks(body, type);
    if (statics.length > 0) return make({ state: 'present', site: blockSite(this.resourceUri, statics[0]) }, scope, statics[0]);
    // Modules write one dynamic block per case (Azure/aks/azurerm has two `default_node_pool`s,
    // for manual and autoscaled pools): the one whose for_each yields a block is the block.
    const dynamics = findBlocks(body, 'dynamic').filter((b) => b.labels[0]?.value === type);
    if (dynamics.length === 0) return make({ state: 'absent' }, scope);
    const candidates = dynamics.map((dynamic) => {
      const forEach = this.evaluator.attribute(dynamic, 'for_each', scope);
      return { dynamic, items: isKnown(forEach) ? dynamicItems(forEach) : undefined };
    });
    const yielding = candidates.filter((c) => c.items === undefined || c.items.length > 0);
    if (yielding.length === 0) return make({ state: 'absent' }, scope);
    const { dynamic, items } = yielding[0];
    const content = findBlocks(dynamic.body, 'content')[0];
    const name = iteratorName(dynamic);
    if (!content) return make({ state: 'unknown' }, scope);
    if (yielding.length === 1 && items && items.length === 1) {
      const [key, value] = items[0];
      const at = { uri: content.uri ?? this.resourceUri, range: content.range, via: [] };
      const iterator = known({ key: known(key, at), value }, at);
      return make({ state: 'present', site: blockSite(this.resourceUri, content) }, { ...scope, iterators: { ...scope.iterators, [name]: iterator } }, content);
    }
    const reason = `"${type}" is a dynamic block whose for_each is not known to yield exactly one block`;
    return make({ state: 'unknown', site: blockSite(this.resourceUri, content) }, { ...scope, iterators: { ...scope.iterators, [name]: unknown(reason) } }, content);
  }

  defaultValue(schemaBlock: SchemaBlock | undefined, name: string): Value {
    const schema = schemaBlock ? attributeSchema(this.provider.major, schemaBlock, name) : undefined;
    const origin = { uri: this.uri, range: this.block?.headerRange ?? NOWHERE, via: [{ label: `azurerm ${this.provider.major}.x default for ${name}` }] };
    // Schema defaults only apply inside a block that exists.
    if (schema?.schemaDefault !== undefined && this.presence.state === 'present') return known(schema.schemaDefault, origin);
    return known(null, { ...origin, via: [{ label: `${name} not set` }] });
  }
}

function dynamicItems(forEach: Value): [string | number, Value][] | undefined {
  if (!isKnown(forEach)) return undefined;
  const v = forEach.value;
  if (Array.isArray(v)) return v.map((item, i) => [i, item]);
  if (v !== null && typeof v === 'object') return Object.entries(v);
  return undefined;
}
