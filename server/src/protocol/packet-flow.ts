/**
 * The one custom request between the VS Code client and the server (issue 6, item 5): the
 * packet-flow diagram of the cluster at a position (or named). Declared once here and imported by
 * both sides, so it imports nothing. The client never parses Terraform: it renders what comes back.
 */

export const PACKET_FLOW_REQUEST = 'aksNetlint/packetFlow';

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export interface PacketFlowParams {
  textDocument: { uri: string };
  /** The cursor: the cluster (or node pool's cluster) around it is drawn. */
  position?: Position;
  /** A cluster address chosen by the user (from `clusters`); wins over `position`. */
  cluster?: string;
}

export interface PacketFlowCluster {
  address: string;
  /** Address plus the Known `name`. */
  title: string;
  uri: string;
  range: Range;
}

export interface PacketFlowLink {
  /** The Mermaid node id (fixed by the server, never user text). */
  nodeId: string;
  /** What the node shows first, for the list of jump targets. */
  label: string;
  uri: string;
  range: Range;
}

export interface PacketFlowFinding {
  ruleId: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  docsUrl: string;
  uri: string;
  range: Range;
}

/** One view of the cluster: the overview graph or a journey's walkthrough. */
export interface PacketFlowView {
  id: 'overview' | 'ingress' | 'service' | 'pod-to-pod' | 'egress';
  /** For the view picker. */
  title: string;
  /** Mermaid source, escaped as `mermaid` is. */
  mermaid: string;
  /** The view as `aks-netlint diagram --format markdown` prints it, with the effective settings. */
  markdown: string;
}

export interface PacketFlowResult {
  /** Every cluster of the module, for a picker. */
  clusters: PacketFlowCluster[];
  /** The cluster drawn; absent when none could be chosen (several and none at the position). */
  diagram?: {
    address: string;
    title: string;
    /** Mermaid source: every string from the user's files is already escaped for Mermaid. */
    mermaid: string;
    /** Every view, the overview first (its mermaid is the one above). */
    views: PacketFlowView[];
    links: PacketFlowLink[];
    /** Findings on the cluster and its node pools: what breaks the path drawn. */
    findings: PacketFlowFinding[];
  };
  /** Why nothing is drawn (no cluster in the module, file not checked...). */
  message?: string;
}
