/**
 * The packet-flow graph of one cluster: what `buildPacketFlow` produces and the Mermaid and
 * markdown renderers (and later the webview) consume. Plain data, so it crosses the LSP boundary
 * as JSON. Labels hold the user's text unescaped; escaping is the renderers' job.
 */
import type { Origin } from '../../aks/model.js';
import type { Range } from '../../text/positions.js';

/** Where an editor jumps for a node or setting: the attribute it comes from (or its block). */
export interface SourceLocation {
  uri: string;
  range: Range;
}

/** How pods get their IPs and how they are routed (packet-flow.md §0). */
export type IpamMode = import('../../aks/network-facts.js').IpamMode | 'unknown';

/** What does Service load balancing on the node (packet-flow.md §5). */
export type DataPlaneKind = 'azure' | 'cilium' | 'unknown';

/** What a node stands for; renderers style by kind. */
export type FlowNodeKind =
  | 'client'
  | 'loadBalancer'
  | 'nodes'
  | 'dataPlane'
  | 'policy'
  | 'pods'
  | 'routeTable'
  | 'privateNetwork'
  | 'egress'
  | 'internet';

/** Which panel a node belongs to. */
export type FlowGroup = 'ingress' | 'cluster' | 'private' | 'egress';

/** Node ids are fixed by the builder, never taken from the user's files. */
export type FlowNodeId =
  | 'client'
  | 'lb'
  | 'nodes'
  | 'dataPlane'
  | 'policy'
  | 'pods'
  | 'remotePods'
  | 'podRoutes'
  | 'privateNet'
  | 'egress'
  | 'egressRoutes'
  | 'internet';

/** One box of the diagram. */
export interface FlowNode {
  id: FlowNodeId;
  kind: FlowNodeKind;
  group: FlowGroup;
  /** The first line is the title; the rest are details. */
  label: string[];
  source?: SourceLocation;
  /** A setting it is drawn from changed since the baseline (mark-changes.ts). */
  changed?: boolean;
}

/**
 * `solid`: a path packets take; `dashed`: a side path (health probe, policy enforcement) or one
 * whose route is not known or depends on software the module does not describe.
 */
export interface FlowEdge {
  from: FlowNodeId;
  to: FlowNodeId;
  label?: string;
  style: 'solid' | 'dashed';
  /** A setting it is drawn from changed since the baseline. */
  changed?: boolean;
}

/** One effective setting, for the legend: its value as shown and where it came from. */
export interface EffectiveSetting {
  /** The attribute name, e.g. `network_plugin` or `default_node_pool.vnet_subnet_id`. */
  name: string;
  /** The value as shown: `"azure"`, `not set`, or `unknown (<reason>)`. */
  value: string;
  /** The origin chain of a Known value. */
  origin?: Origin;
  /** The attribute (or its block) in the files. */
  source?: SourceLocation;
}

/** One setting changed since the baseline, as the legend shows it: `network_plugin "kubenet" → "azure"`. */
export type FlowChange =
  | { name: string; before: string; after: string }
  /** A node pool the change adds. */
  | { name: string; added: true };

/** What the change alters, when the analysis has a baseline. */
export interface FlowChanges {
  /** How the baseline is named: `HEAD (3f2a1bc)`. */
  baseline: string;
  /** The baseline lacks the cluster: the change creates it (and nothing is marked). */
  created: boolean;
  settings: FlowChange[];
}

/** The packet-flow graph of one cluster, with the settings it was drawn from. */
export interface PacketFlowGraph {
  /** `azurerm_kubernetes_cluster.aks` or `azurerm_kubernetes_cluster.aks["prod"]`. */
  clusterAddress: string;
  /** The cluster's `name` attribute, when Known. */
  clusterName?: string;
  /** True when the cluster's count or for_each is not known: it stands for zero or more instances. */
  instancesUnknown: boolean;
  /** The cluster's name label, for a jump to the resource. */
  clusterSource: SourceLocation;
  ipam: IpamMode;
  dataPlane: DataPlaneKind;
  /** The cluster's title: address, Known name, and a note when its instances are not known. */
  title: string;
  nodes: FlowNode[];
  edges: FlowEdge[];
  settings: EffectiveSetting[];
  /** With a baseline: what changed since it (absent when nothing did). */
  changes?: FlowChanges;
}
