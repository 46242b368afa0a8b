/**
 * Messages between the packet-flow panel (extension side) and its webview script. The diagram
 * itself is the server's answer (protocol/packet-flow.ts), passed through unchanged.
 */
import type { PacketFlowResult, Range } from '../../../server/src/protocol/packet-flow';
import type { Zoom } from './zoom';

/**
 * `source` says which file and cluster the panel shows: the webview keeps it in its state, which
 * VS Code hands back to the serializer after a reload.
 */
export type ToWebview =
  | { type: 'render'; diagram: NonNullable<PacketFlowResult['diagram']>; source: PanelSource }
  | { type: 'message'; text: string }
  /** What a take-away button does, asked by the extension (its tests, a command). */
  | { type: 'takeAway'; action: TakeAwayAction; view?: ViewId };

export type TakeAwayAction = 'copy' | 'markdown' | 'svg' | 'png';

export interface PanelSource {
  uri: string;
  cluster?: string;
}

/** What the webview saves with vscode.setState. */
export interface WebviewState extends Partial<PanelSource> {
  diagram?: NonNullable<PacketFlowResult['diagram']>;
  zoom?: Zoom;
  /** The view the user picked (overview when absent). */
  view?: ViewId;
}

export type ViewId = NonNullable<PacketFlowResult['diagram']>['views'][number]['id'];

export type FromWebview =
  | { type: 'ready' }
  | { type: 'rendered'; nodes: number; edges: number }
  | { type: 'error'; message: string }
  | { type: 'reveal'; uri: string; range: Range }
  | { type: 'openLink'; href: string }
  /** Take-away: the extension copies to the clipboard or asks where to save. */
  | { type: 'copy'; text: string }
  | { type: 'save'; format: 'markdown' | 'svg' | 'png'; name: string; text?: string; dataUrl?: string };
