/**
 * "AKS: Show Packet Flow": a webview beside the editor with the diagram of the cluster at the
 * cursor (or one the user picks), asked from the server with the one custom request. It follows
 * edits of the module (debounced), jumps to attributes on click, and survives a window reload
 * through a serializer that remembers the file and cluster.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { PACKET_FLOW_REQUEST, type PacketFlowParams, type PacketFlowResult } from '../../server/src/protocol/packet-flow';
import { packetFlowHtml } from './packet-flow-html';
import type { FromWebview, PanelSource, TakeAwayAction, ToWebview, ViewId, WebviewState } from './webview/messages';

export const VIEW_TYPE = 'aksNetlint.packetFlow';
const REFRESH_DELAY_MS = 400;

type PanelState = PanelSource;

export class PacketFlowPanels implements vscode.Disposable {
  private readonly panels = new Set<PacketFlowPanel>();

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly client: () => LanguageClient,
  ) {
    context.subscriptions.push(
      vscode.window.registerWebviewPanelSerializer(VIEW_TYPE, {
        // VS Code hands back what the webview saved with setState (see WebviewState).
        deserializeWebviewPanel: async (panel, state: WebviewState | undefined) => {
          if (!state?.uri) {
            panel.dispose();
            return;
          }
          this.track(new PacketFlowPanel(panel, context, client, { uri: state.uri, ...(state.cluster ? { cluster: state.cluster } : {}) }));
        },
      }),
    );
  }

  /** The command: the cluster at the cursor of the active editor, or one the user picks. */
  async show(): Promise<PacketFlowPanel | undefined> {
    const editor = vscode.window.activeTextEditor;
    if (!editor) {
      void vscode.window.showInformationMessage('AKS NetLint: open a Terraform file with an AKS cluster first.');
      return undefined;
    }
    const uri = editor.document.uri.toString();
    let result = await requestPacketFlow(this.client(), { textDocument: { uri }, position: editor.selection.active });
    if (!result.diagram && result.clusters.length > 1) {
      const picked = await vscode.window.showQuickPick(
        result.clusters.map((c) => ({ label: c.title, address: c.address })),
        { title: 'Packet flow of which cluster?' },
      );
      if (!picked) return undefined;
      result = await requestPacketFlow(this.client(), { textDocument: { uri }, cluster: picked.address });
    }
    if (!result.diagram) {
      void vscode.window.showInformationMessage(`AKS NetLint: ${result.message ?? 'no cluster to draw.'}`);
      return undefined;
    }
    const state: PanelState = { uri, cluster: result.diagram.address };
    const existing = [...this.panels].find((p) => p.state.uri === uri && p.state.cluster === state.cluster);
    if (existing) {
      existing.reveal();
      return existing;
    }
    const media = vscode.Uri.joinPath(this.context.extensionUri, 'media');
    const panel = vscode.window.createWebviewPanel(VIEW_TYPE, panelTitle(result.diagram.title), { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
      enableScripts: true,
      localResourceRoots: [media],
      retainContextWhenHidden: false,
    });
    return this.track(new PacketFlowPanel(panel, this.context, this.client, state, result));
  }

  private track(panel: PacketFlowPanel): PacketFlowPanel {
    this.panels.add(panel);
    panel.onDispose(() => this.panels.delete(panel));
    return panel;
  }

  /** For tests: the open panels. */
  get open(): PacketFlowPanel[] {
    return [...this.panels];
  }

  dispose(): void {
    for (const panel of this.panels) panel.dispose();
  }
}

/** What a take-away did: copied the Mermaid source, or saved a file there. */
export interface TakenAway {
  format: 'mermaid' | 'markdown' | 'svg' | 'png';
  uri?: vscode.Uri;
}

export class PacketFlowPanel {
  private readonly disposables: vscode.Disposable[] = [];
  private timer: NodeJS.Timeout | undefined;
  private ready = false;
  private pending: ToWebview | undefined;
  private disposeListeners: (() => void)[] = [];
  /** What the webview reported last: rendered (with counts) or an error. */
  lastReport: FromWebview | undefined;
  private readonly reported = new vscode.EventEmitter<FromWebview>();
  readonly onDidReport = this.reported.event;
  private readonly tookAway = new vscode.EventEmitter<TakenAway>();
  /** Fires when the Mermaid source was copied or a file saved (tests wait on it). */
  readonly onDidTakeAway = this.tookAway.event;
  /** Where to save a file: the save dialog; tests answer it themselves. */
  saveTarget: (name: string, filters: Record<string, string[]>) => Thenable<vscode.Uri | undefined> = (name, filters) =>
    vscode.window.showSaveDialog({ defaultUri: vscode.Uri.joinPath(vscode.Uri.parse(this.state.uri), '..', name), filters });

  constructor(
    readonly panel: vscode.WebviewPanel,
    context: vscode.ExtensionContext,
    private readonly client: () => LanguageClient,
    readonly state: PanelState,
    first?: PacketFlowResult,
  ) {
    const media = vscode.Uri.joinPath(context.extensionUri, 'media');
    panel.webview.options = { enableScripts: true, localResourceRoots: [media] };
    panel.iconPath = vscode.Uri.joinPath(media, 'packet-flow-icon.svg');
    panel.webview.html = packetFlowHtml({
      cspSource: panel.webview.cspSource,
      scriptUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(media, 'packet-flow.js')).toString(),
      styleUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(media, 'packet-flow.css')).toString(),
      title: first?.diagram?.title ?? 'Packet flow',
    });
    this.disposables.push(
      panel.webview.onDidReceiveMessage((message: FromWebview) => this.receive(message)),
      panel.onDidDispose(() => this.dispose()),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (sameModule(event.document.uri, this.state.uri)) this.scheduleRefresh();
      }),
      vscode.workspace.onDidSaveTextDocument((document) => {
        if (sameModule(document.uri, this.state.uri)) this.scheduleRefresh();
      }),
    );
    if (first?.diagram) this.post({ type: 'render', diagram: first.diagram, source: this.state });
    else void this.refresh();
  }

  /** Does what a take-away button of the webview does, for the view given (or the one shown). */
  takeAway(action: TakeAwayAction, view?: ViewId): void {
    this.post({ type: 'takeAway', action, ...(view ? { view } : {}) });
  }

  reveal(): void {
    this.panel.reveal(undefined, true);
  }

  onDispose(listener: () => void): void {
    this.disposeListeners.push(listener);
  }

  /** Asks the server again and redraws (or says why it cannot). */
  async refresh(): Promise<void> {
    try {
      const result = await requestPacketFlow(this.client(), { textDocument: { uri: this.state.uri }, cluster: this.state.cluster });
      if (result.diagram) {
        this.panel.title = panelTitle(result.diagram.title);
        this.post({ type: 'render', diagram: result.diagram, source: this.state });
      } else this.post({ type: 'message', text: result.message ?? 'The cluster is gone from the module.' });
    } catch (error) {
      this.post({ type: 'message', text: `The language server could not draw the diagram: ${error instanceof Error ? error.message : String(error)}` });
    }
  }

  private scheduleRefresh(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), REFRESH_DELAY_MS);
  }

  private post(message: ToWebview): void {
    if (!this.ready) {
      this.pending = message;
      return;
    }
    void this.panel.webview.postMessage(message);
  }

  private receive(message: FromWebview): void {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        if (this.pending) void this.panel.webview.postMessage(this.pending);
        this.pending = undefined;
        return;
      case 'reveal':
        void revealRange(message.uri, message.range);
        return;
      case 'openLink':
        if (/^https:\/\//.test(message.href)) void vscode.env.openExternal(vscode.Uri.parse(message.href));
        return;
      case 'copy':
        void vscode.env.clipboard.writeText(message.text).then(() => this.tookAway.fire({ format: 'mermaid' }));
        return;
      case 'save':
        void this.save(message);
        return;
      default:
        this.lastReport = message;
        this.reported.fire(message);
    }
  }

  /** Asks where, then writes the Markdown, SVG or PNG the webview prepared. */
  private async save(message: Extract<FromWebview, { type: 'save' }>): Promise<void> {
    const FILTERS: Record<typeof message.format, Record<string, string[]>> = { markdown: { Markdown: ['md'] }, svg: { SVG: ['svg'] }, png: { PNG: ['png'] } };
    const filters = FILTERS[message.format];
    // Only a name the webview made from safe characters, never a path.
    const name = /^[A-Za-z0-9._-]+$/.test(message.name) ? message.name : `packet-flow.${message.format === 'markdown' ? 'md' : message.format}`;
    let bytes: Uint8Array;
    if (message.format === 'png') {
      const base64 = /^data:image\/png;base64,([A-Za-z0-9+/=]+)$/.exec(message.dataUrl ?? '')?.[1];
      if (!base64) return;
      bytes = Buffer.from(base64, 'base64');
    } else {
      if (message.text === undefined) return;
      bytes = Buffer.from(message.text, 'utf8');
    }
    const target = await this.saveTarget(name, filters);
    if (!target) return;
    try {
      await vscode.workspace.fs.writeFile(target, bytes);
      this.tookAway.fire({ format: message.format, uri: target });
    } catch (error) {
      void vscode.window.showErrorMessage(`AKS NetLint: could not save ${target.fsPath}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.tookAway.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
    this.reported.dispose();
    for (const listener of this.disposeListeners.splice(0)) listener();
    this.panel.dispose();
  }
}

export function requestPacketFlow(client: LanguageClient, params: { textDocument: { uri: string }; position?: vscode.Position; cluster?: string }): Promise<PacketFlowResult> {
  const request: PacketFlowParams = {
    textDocument: params.textDocument,
    ...(params.position ? { position: { line: params.position.line, character: params.position.character } } : {}),
    ...(params.cluster ? { cluster: params.cluster } : {}),
  };
  return client.sendRequest(PACKET_FLOW_REQUEST, request);
}

function panelTitle(title: string): string {
  return `Packet flow: ${title}`;
}

/** Edits anywhere in the module's directory can change the diagram. */
function sameModule(changed: vscode.Uri, uri: string): boolean {
  const target = vscode.Uri.parse(uri);
  return changed.scheme === target.scheme && path.dirname(changed.fsPath) === path.dirname(target.fsPath);
}

async function revealRange(uri: string, range: { start: { line: number; character: number }; end: { line: number; character: number } }): Promise<void> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
  const selection = new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
  await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.One, selection });
}
