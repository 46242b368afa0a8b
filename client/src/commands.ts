/**
 * The commands under the "AKS" category: show the packet flow, restart the server, fix all safe
 * problems of the file, open the docs of the rule under the cursor, show the output.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { PacketFlowPanels } from './packet-flow-panel';

export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('aksNetlint');

export function registerCommands(context: vscode.ExtensionContext, client: () => LanguageClient, output: vscode.OutputChannel, packetFlow: PacketFlowPanels): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('aksNetlint.showPacketFlow', async () => packetFlow.show()),
    vscode.commands.registerCommand('aksNetlint.restartServer', async () => {
      await client().restart();
    }),
    vscode.commands.registerCommand('aksNetlint.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('aksNetlint.fixAll', async () => fixAll()),
    vscode.commands.registerCommand('aksNetlint.openRuleDocs', async (href?: string) => openRuleDocs(href)),
  );
}

/** Applies the server's source.fixAll.aksNetlint action to the active editor. */
async function fixAll(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return;
  const document = editor.document;
  const whole = new vscode.Range(0, 0, document.lineCount, 0);
  const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, whole, FIX_ALL_KIND.value)) ?? [];
  const fix = actions.find((a) => a.kind?.value === FIX_ALL_KIND.value && a.edit);
  if (!fix?.edit) {
    void vscode.window.showInformationMessage('AKS NetLint: nothing in this file can be fixed safely.');
    return;
  }
  await vscode.workspace.applyEdit(fix.edit);
}

/** Opens the page of the aks-netlint finding under the cursor (or of the link given). */
async function openRuleDocs(href?: string): Promise<void> {
  let target = href;
  const editor = vscode.window.activeTextEditor;
  if (!target && editor) {
    const here = vscode.languages
      .getDiagnostics(editor.document.uri)
      .filter((d) => d.source === 'aks-netlint' && d.range.contains(editor.selection.active));
    const links = here.flatMap((d) => (typeof d.code === 'object' ? [{ label: String(d.code.value), detail: d.message, href: d.code.target.toString() }] : []));
    if (links.length === 1) target = links[0].href;
    else if (links.length > 1) target = (await vscode.window.showQuickPick(links, { title: 'Open the page of which rule?' }))?.href;
  }
  if (!target) {
    void vscode.window.showInformationMessage('AKS NetLint: put the cursor on an aks-netlint finding to open its rule page.');
    return;
  }
  await vscode.env.openExternal(vscode.Uri.parse(target));
}
