/**
 * A block read from a value rather than from syntax: the planned values of a resource in a plan
 * file, or an azapi body that is computed (built with `merge()`, kept in a local). Each attribute
 * is the value at a path below the block's object, which a Naming gives per form (azurerm's
 * attribute names with nested blocks as one-element lists, as plan JSON writes them; the AKS
 * API's JSON names for a body). Sites come from the values' origins and carry no edit handle, so
 * no fix is offered where the value was not written as an attribute.
 */
import { isKnown, isObjectValue, unknown, type Value } from '../terraform/values.js';
import type { BlockSource, WrittenAttribute } from './block-source.js';
import type { BlockPresence } from './model.js';
import type { Naming, ValuePath } from './naming.js';
import type { SchemaBlock } from './schema/network-schema.js';

export type { Naming, ValuePath } from './naming.js';

/** azurerm names, nested blocks as lists of one object: `network_profile[0].pod_cidr` (plan JSON). */
export const AZURERM_NAMING: Naming = {
  attributePath: (_block, name) => [name],
  blockPath: (_parent, type) => [type, 0],
};

/** What an attribute that is not written is, in the form: `source` is the block asking. */
export type DefaultOf = (schemaBlock: SchemaBlock | undefined, name: string, source: ValueBlockSource) => Value;

/** The value at a path: undefined when a step is missing or null, Unknown when a step is not known. */
export function valueAt(value: Value, path: ValuePath): Value | undefined {
  let at: Value = value;
  for (const step of path) {
    if (!isKnown(at)) return unknown(at.reason, { ...(at.origin ? { origin: at.origin } : {}), ...(at.ref ? { ref: at.ref } : {}) });
    const v = at.value;
    const next = typeof step === 'number' ? (Array.isArray(v) ? v[step] : undefined) : isObjectValue(v) ? v[step] : undefined;
    if (next === undefined || (isKnown(next) && next.value === null)) return undefined;
    at = next;
  }
  return at;
}

export class ValueBlockSource implements BlockSource {
  constructor(
    /** The block's object (Known), or the Unknown that stands for it. */
    readonly value: Value | undefined,
    readonly presence: BlockPresence,
    /** The file the value was read from (the plan file, the body's file). */
    readonly uri: string,
    readonly schemaBlock: SchemaBlock | undefined,
    private readonly naming: Naming,
    private readonly defaults: DefaultOf,
  ) {}

  attribute(name: string): WrittenAttribute | undefined {
    const path = this.naming.attributePath(this.schemaBlock, name);
    if (!path || !this.value) return undefined;
    const value = valueAt(this.value, path);
    if (!value) return undefined;
    const origin = value.origin;
    const site = origin ? { uri: origin.uri, range: origin.range, nameRange: origin.range, valueRange: origin.range } : undefined;
    return { value, uri: origin?.uri ?? this.uri, ...(site ? { site } : {}) };
  }

  nested(type: string): BlockSource {
    const make = (presence: BlockPresence, value?: Value) => new ValueBlockSource(value, presence, this.uri, type as SchemaBlock, this.naming, this.defaults);
    if (this.presence.state !== 'present') return make({ state: this.presence.state });
    const path = this.naming.blockPath(this.schemaBlock, type);
    const value = path && this.value ? valueAt(this.value, path) : undefined;
    if (!value) return make({ state: 'absent' });
    if (!isKnown(value)) return make({ state: 'unknown' }, value);
    const origin = value.origin;
    const site = { uri: origin.uri, range: origin.range, typeRange: origin.range, headerRange: origin.range, labelRange: origin.range };
    return make({ state: 'present', site }, value);
  }

  defaultValue(schemaBlock: SchemaBlock | undefined, name: string): Value {
    return this.defaults(schemaBlock, name, this);
  }
}
