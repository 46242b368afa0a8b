/**
 * Messages between the packet-flow panel (extension side) and its webview script. The diagram
 * itself is the server's answer (protocol/packet-flow.ts), passed through unchanged.
 */
import type { PacketFlowResult, Range } from '../../../server/src/protocol/packet-flow';

export type ToWebview = { type: 'render'; diagram: NonNullable<PacketFlowResult['diagram']> } | { type: 'message'; text: string };

export type FromWebview =
  | { type: 'ready' }
  | { type: 'rendered'; nodes: number; edges: number }
  | { type: 'error'; message: string }
  | { type: 'reveal'; uri: string; range: Range }
  | { type: 'openLink'; href: string };
