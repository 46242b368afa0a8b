/**
 * The status bar item: whether the language server runs. A click opens the output channel, where
 * the server logs (and, with aksNetlint.trace.server, the protocol trace) appear.
 */
import * as vscode from 'vscode';
import { State } from 'vscode-languageclient/node';

const TEXT: Record<State, string> = {
  [State.Starting]: '$(sync~spin) AKS NetLint',
  [State.Running]: '$(check) AKS NetLint',
  [State.Stopped]: '$(error) AKS NetLint',
  [State.StartFailed]: '$(error) AKS NetLint',
};

const TOOLTIP: Record<State, string> = {
  [State.Starting]: 'AKS NetLint: the language server is starting',
  [State.Running]: 'AKS NetLint: checking Terraform network settings of AKS clusters',
  [State.Stopped]: 'AKS NetLint: the language server stopped. Click for its output; run "AKS: Restart Server" to start it again.',
  [State.StartFailed]: 'AKS NetLint: the language server could not start. Click for its output.',
};

export class ServerStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('aksNetlint.status', vscode.StatusBarAlignment.Right, 100);

  constructor() {
    this.item.name = 'AKS NetLint';
    this.item.command = 'aksNetlint.showOutput';
  }

  update(state: State): void {
    this.item.text = TEXT[state];
    this.item.tooltip = TOOLTIP[state];
    this.item.backgroundColor = state === State.Stopped || state === State.StartFailed ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}
