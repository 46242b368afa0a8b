/**
 * Where a form keeps a cluster's settings, by their azurerm names: the one interface the readers
 * of values (value-block-source.ts), of azapi bodies and the edit handles on them share.
 */
import type { SchemaBlock } from './schema/network-schema.js';

export type ValuePath = readonly (string | number)[];

/** Where a form keeps attributes and nested blocks, by their azurerm names. */
export interface Naming {
  /** The path of attribute `name` of schema block `block` (undefined: the resource's own) below the block's value; undefined when the form has none. */
  attributePath(block: SchemaBlock | undefined, name: string): ValuePath | undefined;
  /** The path of the nested block `type` below the value of its parent `parent`; undefined when the form has none. */
  blockPath(parent: SchemaBlock | undefined, type: string): ValuePath | undefined;
}
