/**
 * What is at a position, for hover and completion: the AKS resource block around it, the schema
 * block it is in (`network_profile`, `default_node_pool`, a node pool's body...), and the attribute
 * under the cursor. Works on the syntax model, so half-typed files and `.tf.json` both work.
 */
import type { AksCluster, AksNodePool } from '../aks/model.js';
import type { SchemaBlock } from '../aks/schema/network-schema.js';
import type { ModuleModel } from '../rules/define-rule.js';
import type { SyntaxAttribute, SyntaxBlock, SyntaxBody, SyntaxFile } from '../syntax/syntax-tree.js';
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

/** Nested blocks we describe, by the schema block they are in. */
const CHILD_BLOCKS: Record<string, Partial<Record<string, SchemaBlock>>> = {
  azurerm_kubernetes_cluster: { network_profile: 'network_profile', default_node_pool: 'default_node_pool', bootstrap_profile: 'bootstrap_profile', identity: 'identity' },
  network_profile: { load_balancer_profile: 'load_balancer_profile', nat_gateway_profile: 'nat_gateway_profile', advanced_networking: 'advanced_networking' },
  default_node_pool: { upgrade_settings: 'upgrade_settings' },
  node_pool: { upgrade_settings: 'upgrade_settings' },
};

export function locate(file: SyntaxFile, position: Position): Location | undefined {
  const resource = file.body.blocks.find((b) => b.type === 'resource' && contains(b.range, position));
  const type = resource?.labels[0]?.value;
  if (!resource || (type !== 'azurerm_kubernetes_cluster' && type !== 'azurerm_kubernetes_cluster_node_pool')) return undefined;
  let block = resource;
  // A node pool's body is the node_pool schema block; a cluster's own attributes are not ours.
  let schemaBlock: SchemaBlock | undefined = type === 'azurerm_kubernetes_cluster_node_pool' ? 'node_pool' : undefined;
  let context: string = type === 'azurerm_kubernetes_cluster_node_pool' ? 'node_pool' : type;
  for (;;) {
    const child = innerBlock(block.body, position);
    if (!child) break;
    const name = child.name;
    block = child.block;
    const next = CHILD_BLOCKS[context]?.[name];
    schemaBlock = next;
    context = next ?? `unknown:${name}`;
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

/** The cluster or node pool instances declared by a resource block (several with count/for_each). */
export function instancesOf(model: ModuleModel, resource: SyntaxBlock): (AksCluster | AksNodePool)[] {
  return [...model.clusters, ...model.nodePools].filter((i) => i.block === resource);
}

/** Whether a position lies in a range, its end included (a cursor right after a word is on it). */
export function contains(range: Range, position: Position): boolean {
  return comparePositions(range.start, position) <= 0 && comparePositions(position, range.end) <= 0;
}
