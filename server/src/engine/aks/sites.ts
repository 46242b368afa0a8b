/**
 * Sites for the model, made from syntax by the readers of Terraform files: where a setting or a
 * block is written, with an opaque edit handle. Only the EditBuilder looks inside a handle
 * (`syntaxOfHandle`); rules pass sites along and never see a syntax node.
 */
import type { SyntaxAttribute, SyntaxBlock } from '../syntax/syntax-tree.js';
import type { AttributeSite, BlockSite, EditHandle } from './model.js';
import type { SchemaBlock } from './schema/network-schema.js';
import type { Naming } from './naming.js';

/**
 * What a handle made here points at. `object`: an object written in an azapi body, read as a
 * block (`block` stands for the object; its `type` is the key), whose settings an edit names as
 * `naming` says (the AKS API's JSON names) and writes as `key = value` items.
 */
export type HandleTarget =
  | { kind: 'attribute'; attribute: SyntaxAttribute }
  | { kind: 'block'; block: SyntaxBlock }
  | { kind: 'object'; block: SyntaxBlock; schemaBlock: SchemaBlock | undefined; naming: Naming };

const handles = new WeakMap<EditHandle, HandleTarget>();

/** A new handle on `target` (the reader of azapi bodies makes handles on objects of a body). */
export function makeHandle(target: HandleTarget): EditHandle {
  const handle = Object.freeze({}) as EditHandle;
  handles.set(handle, target);
  return handle;
}

/** What an edit handle points at, or undefined for a handle another reader made. */
export function syntaxOfHandle(handle: EditHandle | undefined): HandleTarget | undefined {
  return handle ? handles.get(handle) : undefined;
}

/**
 * The site of an attribute of a declaration written in `uri`: in the file the attribute itself is
 * written in, which is an override file's when that file merged it in (terraform/merge-overrides.ts).
 */
export function attributeSite(uri: string, attribute: SyntaxAttribute): AttributeSite {
  return { uri: attribute.uri ?? uri, range: attribute.range, nameRange: attribute.nameRange, valueRange: attribute.expr.range, edit: makeHandle({ kind: 'attribute', attribute }) };
}

/**
 * The site of a block of a declaration written in `uri` (or in an override file, as for
 * attributes). A block override files merged into is placed, and edited, where it is written.
 */
export function blockSite(uri: string, block: SyntaxBlock): BlockSite {
  return {
    uri: block.uri ?? uri,
    range: block.range,
    typeRange: block.typeRange,
    headerRange: block.headerRange,
    labelRange: block.type === 'resource' || block.type === 'data' ? (block.labels[1]?.range ?? block.headerRange) : block.typeRange,
    edit: makeHandle({ kind: 'block', block: block.original ?? block }),
  };
}
