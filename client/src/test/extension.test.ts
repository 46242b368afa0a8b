/**
 * The extension in a real VS Code: the workspace is a copy of examples/broken (see
 * test/vscode/run-extension-tests.ts). Everything asserted here is what a user sees: the squiggles
 * (code, message, range), the quick-fix applied to the buffer, the hover, and the packet-flow panel
 * that the webview reports as drawn. No sleeps: every wait is on a VS Code or panel event, bounded
 * by Mocha's timeout.
 */
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { suite, suiteSetup, suiteTeardown, test } from 'mocha';
import * as vscode from 'vscode';
import type { AksNetlintApi } from '../extension';
import type { FromWebview } from '../webview/messages';

const EXTENSION_ID = 'aks-netlint.aks-netlint';

function codeOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}

function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'aks-netlint');
}

/** The aks-netlint diagnostics of `uri` once `ready` accepts them (now, or at a later change). */
function diagnosticsWhen(uri: vscode.Uri, ready: (ds: vscode.Diagnostic[]) => boolean): Promise<vscode.Diagnostic[]> {
  if (ready(ours(uri))) return Promise.resolve(ours(uri));
  return new Promise((resolve) => {
    const listener = vscode.languages.onDidChangeDiagnostics((event) => {
      if (!event.uris.some((u) => u.toString() === uri.toString())) return;
      const now = ours(uri);
      if (!ready(now)) return;
      listener.dispose();
      resolve(now);
    });
  });
}

/** The webview's first report of a drawing (or of its failure) after `report` was last seen. */
function drawn(panel: { lastReport: FromWebview | undefined; onDidReport: vscode.Event<FromWebview> }): Promise<FromWebview> {
  const done = (r: FromWebview | undefined) => r?.type === 'rendered' || r?.type === 'error';
  if (done(panel.lastReport)) return Promise.resolve(panel.lastReport!);
  return new Promise((resolve) => {
    const listener = panel.onDidReport((report) => {
      if (!done(report)) return;
      listener.dispose();
      resolve(report);
    });
  });
}

const line = (n: number, from: number, to: number) => [n, from, n, to];

suite('aks-netlint in a real VS Code', () => {
  let api: AksNetlintApi;
  let uri: vscode.Uri;
  let editor: vscode.TextEditor;

  suiteSetup(async () => {
    const extension = vscode.extensions.getExtension<AksNetlintApi>(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not installed`);
    api = await extension.activate();
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the test workspace is not open');
    uri = vscode.Uri.joinPath(folder.uri, 'main.tf');
    editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
  });

  suiteTeardown(async () => {
    // Leave the copy as it was on disk: the quick-fix only changed the buffer.
    await vscode.window.showTextDocument(editor.document);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  test('the language server starts and the file gets the squiggles of examples/broken', async () => {
    assert.equal(api.client.isRunning(), true);
    const diagnostics = await diagnosticsWhen(uri, (ds) => ds.length === 6);
    assert.deepEqual(
      diagnostics.map((d) => [codeOf(d), d.severity, d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character]),
      [
        ['node-public-ip-renamed', vscode.DiagnosticSeverity.Error, ...line(52, 4, 25)],
        ['overlay-mode-case', vscode.DiagnosticSeverity.Error, ...line(63, 26, 35)],
        ['cilium-requires-cilium-policy', vscode.DiagnosticSeverity.Error, ...line(67, 25, 33)],
        ['reserved-range', vscode.DiagnosticSeverity.Error, ...line(70, 15, 30)],
        ['dns-ip-outside-service-cidr', vscode.DiagnosticSeverity.Error, ...line(74, 21, 32)],
        ['docker-bridge-cidr-removed', vscode.DiagnosticSeverity.Error, ...line(77, 4, 22)],
      ],
    );
    const overlay = diagnostics[1];
    assert.equal(
      overlay.message,
      'network_plugin_mode "Overlay" is not accepted by azurerm 4.x, which compares case-sensitively: terraform plan fails with "expected network_profile.0.network_plugin_mode to be one of ["overlay"], got Overlay".',
    );
    assert.equal(editor.document.getText(overlay.range), '"Overlay"');
    // The code links to the rule page (VS Code shows it as a link in the hover and Problems).
    assert.equal(typeof overlay.code === 'object' && overlay.code.target.toString(), 'https://github.com/aks-netlint/aks-netlint/blob/main/docs/rules/overlay-mode-case.md');
  });

  test('the language server runs without NODE_EXTRA_CA_CERTS, which only slows its start', function () {
    // The server is a child of this extension host; /proc tells its environment (Linux only).
    if (process.platform !== 'linux') this.skip();
    assert.ok(process.env.NODE_EXTRA_CA_CERTS, 'the runner sets NODE_EXTRA_CA_CERTS for the extension host');
    const servers = readdirSync('/proc')
      .filter((entry) => /^\d+$/.test(entry))
      .filter((pid) => {
        try {
          const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
          const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
          return ppid === process.pid && readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('dist/server.js');
        } catch {
          return false; // gone meanwhile
        }
      });
    assert.equal(servers.length, 1, `one server process, not ${servers.length}`);
    const environment = readFileSync(`/proc/${servers[0]}/environ`, 'utf8').split('\0');
    assert.ok(environment.includes('ELECTRON_RUN_AS_NODE=1'), 'the language client started it');
    assert.equal(environment.find((v) => v.startsWith('NODE_EXTRA_CA_CERTS=')), undefined);
  });

  test('the quick-fix from vscode.executeCodeActionProvider rewrites the value and the squiggle goes', async () => {
    const overlay = (await diagnosticsWhen(uri, (ds) => ds.some((d) => codeOf(d) === 'overlay-mode-case'))).find((d) => codeOf(d) === 'overlay-mode-case')!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, overlay.range);
    const quickFixes = actions.filter((a) => a.kind && vscode.CodeActionKind.QuickFix.contains(a.kind));
    assert.deepEqual(
      quickFixes.map((a) => [a.title, a.isPreferred ?? false]),
      [
        ['Write "overlay" in lowercase', true],
        ['Ignore overlay-mode-case here', false],
      ],
    );
    assert.ok(quickFixes[0].edit, 'the fix carries its edit');
    assert.equal(await vscode.workspace.applyEdit(quickFixes[0].edit), true);
    assert.equal(editor.document.lineAt(63).text, '    network_plugin_mode = "overlay"');
    const after = await diagnosticsWhen(uri, (ds) => !ds.some((d) => codeOf(d) === 'overlay-mode-case'));
    assert.deepEqual(after.map(codeOf), ['node-public-ip-renamed', 'cilium-requires-cilium-policy', 'reserved-range', 'dns-ip-outside-service-cidr', 'docker-bridge-cidr-removed']);
    assert.equal(editor.document.isDirty, true);
  });

  test('vscode.executeHoverProvider explains network_policy and the finding there', async () => {
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(67, 8));
    const ourHover = hovers.find((h) => h.contents.some((c) => typeof c === 'object' && 'value' in c && c.value.startsWith('**network_policy**')));
    assert.ok(ourHover, `no aks-netlint hover among ${hovers.length}`);
    const text = ourHover.contents.map((c) => (typeof c === 'object' && 'value' in c ? c.value : String(c))).join('\n');
    assert.match(text, /^\*\*network_policy\*\* · `network_profile` · azurerm 4\.x\n/);
    assert.match(text, /\*\*Findings here\*\*/);
    assert.match(text, /- error \[cilium-requires-cilium-policy\]\(https:\/\/github\.com\/aks-netlint\/aks-netlint\/blob\/main\/docs\/rules\/cilium-requires-cilium-policy\.md\): network\\_policy "calico" cannot run on the Cilium data plane/);
    assert.deepEqual([ourHover.range?.start.line, ourHover.range?.start.character, ourHover.range?.end.line, ourHover.range?.end.character], line(67, 4, 18));
  });

  test('"AKS: Show Packet Flow" opens the panel and the webview draws the diagram', async () => {
    await vscode.window.showTextDocument(editor.document, { selection: new vscode.Selection(67, 8, 67, 8) });
    await vscode.commands.executeCommand('aksNetlint.showPacketFlow');
    const panels = api.packetFlow.open;
    assert.equal(panels.length, 1);
    const [panel] = panels;
    assert.equal(panel.state.uri, uri.toString());
    assert.equal(panel.panel.title, 'Packet flow: azurerm_kubernetes_cluster.aks (aks-broken)');
    assert.equal(panel.panel.visible, true);
    const report = await drawn(panel);
    assert.equal(report.type, 'rendered', JSON.stringify(report));
    if (report.type !== 'rendered') return;
    assert.ok(report.nodes > 0, `nodes: ${report.nodes}`);
    assert.ok(report.edges > 0, `edges: ${report.edges}`);
  });

  test('the packet-flow panel copies a view\'s Mermaid source and saves it as Markdown, SVG and PNG', async () => {
    const [panel] = api.packetFlow.open;
    assert.ok(panel, 'the panel of the previous test is open');
    const folder = vscode.workspace.workspaceFolders![0].uri;
    const saved: string[] = [];
    panel.saveTarget = async (name) => {
      saved.push(name);
      return vscode.Uri.joinPath(folder, name);
    };
    const taken = (format: string) =>
      new Promise<vscode.Uri | undefined>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no ${format} within 20 s`)), 20_000);
        const listener = panel.onDidTakeAway((event) => {
          if (event.format !== format) return;
          clearTimeout(timer);
          listener.dispose();
          resolve(event.uri);
        });
      });
    const copied = taken('mermaid');
    panel.takeAway('copy', 'pod-to-pod');
    await copied;
    const clipboard = await vscode.env.clipboard.readText();
    assert.match(clipboard, /^flowchart TB\n/);
    assert.match(clipboard, /podA -->\|"1\. /);
    const markdown = taken('markdown');
    panel.takeAway('markdown');
    const md = new TextDecoder().decode(await vscode.workspace.fs.readFile((await markdown)!));
    assert.match(md, /^# Packet walkthroughs of azurerm\\_kubernetes\\_cluster\.aks \(aks-broken\)\n/);
    assert.match(md, /^## Effective settings$/m);
    assert.ok(md.includes(`\`\`\`mermaid\n${clipboard}\`\`\``), 'the Markdown holds the copied view');
    const svg = taken('svg');
    panel.takeAway('svg');
    assert.match(new TextDecoder().decode(await vscode.workspace.fs.readFile((await svg)!)), /^<svg[^>]* xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    const png = taken('png');
    panel.takeAway('png');
    const bytes = await vscode.workspace.fs.readFile((await png)!);
    assert.equal(new TextDecoder().decode(bytes.subarray(1, 4)), 'PNG');
    assert.deepEqual(saved, ['packet-flow-aks-pod-to-pod.md', 'packet-flow-aks-pod-to-pod.svg', 'packet-flow-aks-pod-to-pod.png']);
  });
});
