/**
 * A walkthrough: one journey of a packet through the cluster (domain/packet-flow.md §1–§7), as
 * numbered steps between hops, each step with the packet's source → destination there. Plain
 * data like PacketFlowGraph; labels hold the user's text unescaped, the renderers escape it.
 */
import type { FlowNodeKind, IpamMode, DataPlaneKind } from './packet-flow-graph.js';

/** The views `aks-netlint diagram --view` prints: the overview graph and one walkthrough per journey. */
export const JOURNEYS = ['ingress', 'service', 'pod-to-pod', 'egress'] as const;
export type Journey = (typeof JOURNEYS)[number];
export const VIEWS = ['overview', ...JOURNEYS] as const;
export type View = (typeof VIEWS)[number];

/** Hop ids are fixed by the builders, never taken from the user's files. */
export type HopId =
  | 'client'
  | 'lb'
  | 'nodeA'
  | 'nodeB'
  | 'dataPlane'
  | 'podA'
  | 'podB'
  | 'dns'
  | 'fabric'
  | 'routes'
  | 'policy'
  | 'outbound'
  | 'internet'
  | 'privateNet'
  | 'caption'
  | 'note';

export interface Hop {
  id: HopId;
  /** `note` is a box of text beside the path (the examples' caption, the no-encapsulation line). */
  kind: FlowNodeKind | 'note';
  /** The first line is the title; the rest are details. */
  label: string[];
}

export interface Step {
  /** `1`, `2`, `4a`: the order a reader follows. */
  number: string;
  from: HopId;
  to: HopId;
  /** The packet there: `10.244.0.4 → 10.0.0.100`. */
  packet: string;
  /** What happens: `kube-proxy DNATs to a ready pod`. */
  what: string;
  /** `dashed`: an alternative, a side path, or a path that is not known. */
  style: 'solid' | 'dashed';
}

export interface Walkthrough {
  journey: Journey;
  /** `Ingress: external client → Azure Load Balancer → node → pod`. */
  title: string;
  clusterTitle: string;
  ipam: IpamMode;
  dataPlane: DataPlaneKind;
  hops: Hop[];
  steps: Step[];
}
