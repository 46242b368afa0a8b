/**
 * What is at a position, for hover and completion: the AKS resource block around it, the schema
 * block it is in (`network_profile`, `default_node_pool`, a node pool's body...), and the attribute
 * under the cursor. Works on the syntax model, so half-typed files and `.tf.json` both work.
 */
import type { AksCluster, AksModel, AksNodePool } from '../aks/model.js';
import { childBlocks, resourceSchema, type SchemaBlock } from '../aks/schema/network-schema.js';
import type { SyntaxAttribute, SyntaxBlock, SyntaxBody, SyntaxFile } from '../syntax/syntax-tree.js';
import { fileRole } from '../terraform/module.js';
import { dirOf } from '../analyze/place-findings.js';
import { comparePositions, type Position, type Range } from '../text/positions.js';

export interface Location {
  /** The `resource` block. */
  resource: SyntaxBlock;
  resourceType: 'azurerm_kubernetes_cluster' | 'azurerm_kubernetes_cluster_node_pool';
  /** The schema block the position is directly in; undefined for a block we do not describe. */
  schemaBlock: SchemaBlock | undefined;
  /** The innermost block around the position (the resource itself at its top level). */
  block: SyntaxBlock;
  /** The attribute whose name or value holds the position. */
  attribute?: SyntaxAttribute;
}

export function locate(file: SyntaxFile, position: Position): Location | undefined {
  const resource = file.body.blocks.find((b) => b.type === 'resource' && contains(b.range, position));
  const type = resource?.labels[0]?.value;
  if (!resource || (type !== 'azurerm_kubernetes_cluster' && type !== 'azurerm_kubernetes_cluster_node_pool')) return undefined;
  let block = resource;
  // The schema says how blocks nest: a node pool's body is the node_pool block; a cluster's own
  // top-level attributes are not network attributes, its blocks are.
  const top = resourceSchema(type);
  let schemaBlock: SchemaBlock | undefined = top.body;
  let children: readonly SchemaBlock[] = top.blocks;
  for (;;) {
    const child = innerBlock(block.body, position);
    if (!child) break;
    block = child.block;
    schemaBlock = children.find((name) => name === child.name);
    children = schemaBlock ? childBlocks(schemaBlock) : [];
  }
  const attribute = block.body.attributes.find((a) => contains(a.range, position));
  return { resource, resourceType: type, schemaBlock, block, attribute };
}

/** The block around the position, seen through `dynamic "x" { content { ... } }`. */
function innerBlock(body: SyntaxBody, position: Position): { name: string; block: SyntaxBlock } | undefined {
  const block = body.blocks.find((b) => contains(b.range, position));
  if (!block) return undefined;
  if (block.type !== 'dynamic') return { name: block.type, block };
  const content = block.body.blocks.find((b) => b.type === 'content' && contains(b.range, position));
  const label = block.labels[0]?.value ?? '';
  return content ? { name: label, block: content } : { name: `dynamic:${label}`, block };
}

/**
 * The cluster or node pool instances declared by a resource block of a file (several with
 * count/for_each), or, for a block of an override file, those of the resource of its module it
 * merges into.
 */
export function instancesOf(model: AksModel, uri: string, resource: SyntaxBlock): (AksCluster | AksNodePool)[] {
  const at = resource.range.start;
  const [type, name] = resource.labels.map((label) => label.value);
  const overrides = fileRole(uri) === 'override';
  const declares = (instance: AksCluster | AksNodePool, instanceType: string) =>
    overrides
      ? instanceType === type && instance.label === name && dirOf(instance.uri) === dirOf(uri)
      : instance.uri === uri && comparePositions(instance.site.range.start, at) === 0;
  return [
    ...model.clusters.filter((c) => declares(c, 'azurerm_kubernetes_cluster')),
    ...model.nodePools.filter((p) => declares(p, 'azurerm_kubernetes_cluster_node_pool')),
  ];
}

/** Whether a position lies in a range, its end included (a cursor right after a word is on it). */
export function contains(range: Range, position: Position): boolean {
  return comparePositions(range.start, position) <= 0 && comparePositions(position, range.end) <= 0;
}
