/**
 * The baseline in the editor (issue 13), through the real server process and a real repository
 * made by the test with the system git: a cluster committed with kubenet on azurerm 4.57, edited
 * in the buffer to Azure CNI Overlay. The replacement error appears on the changed value (the
 * commit is read in the background: the first diagnostics never wait for it), hover says what
 * the value was at HEAD, the restore quick-fix puts the committed text back, the packet-flow
 * diagram marks what the change alters, undoing the edit
 * clears the error, a new commit moves HEAD, and `aksNetlint.baseline = "off"` compares with
 * nothing.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CodeActionRequest, DidSaveTextDocumentNotification, HoverRequest, type CodeAction, type Diagnostic, type Hover, type MarkupContent, type Range } from 'vscode-languageserver-protocol/node';
import { PACKET_FLOW_REQUEST, type PacketFlowResult } from '../../server/src/protocol/packet-flow.js';
import { commitFiles, git, tempDir } from '../support/git-repository.js';
import { fileUri, TestClient } from '../support/lsp-client.js';

const LOCK = 'provider "registry.terraform.io/hashicorp/azurerm" {\n  version = "4.57.0"\n}\n';

const clusterTf = (network: string) => `resource "azurerm_kubernetes_cluster" "aks" {
  name                = "aks-demo"
  location            = "westeurope"
  resource_group_name = "rg-aks-demo"
  dns_prefix          = "aksdemo"

  default_node_pool {
    name       = "system"
    vm_size    = "Standard_D4s_v5"
    node_count = 3
  }

  identity {
    type = "SystemAssigned"
  }

  network_profile {
${network}
  }
}
`;

const COMMITTED = clusterTf('    network_plugin = "kubenet"');
const EDITED = clusterTf('    network_plugin      = "azure"\n    network_plugin_mode = "overlay"');

/** The range of the first `snippet` in `text`, on one line. */
function rangeOf(text: string, snippet: string): Range {
  const index = text.indexOf(snippet);
  assert.ok(index >= 0, `${snippet} is in the text`);
  const before = text.slice(0, index).split('\n');
  const start = { line: before.length - 1, character: before.at(-1)!.length };
  return { start, end: { line: start.line, character: start.character + snippet.length } };
}

const CHANGE_RULES = /^(change-|ipam-and-dataplane|kubenet-to-overlay)/;
const changeFindings = (diagnostics: Diagnostic[]) => diagnostics.filter((d) => CHANGE_RULES.test(String(d.code)));

describe('the baseline in the language server', () => {
  let repo: ReturnType<typeof tempDir>;
  let client: TestClient;
  let main: string;
  let sha: string;
  let baseline: unknown = 'HEAD';

  before(async () => {
    repo = tempDir('aks-netlint-lsp-baseline-');
    git(repo.dir, 'init', '-q');
    sha = commitFiles(repo.dir, { 'main.tf': COMMITTED, '.terraform.lock.hcl': LOCK }, 'kubenet').slice(0, 7);
    main = fileUri(join(repo.dir, 'main.tf'));
    client = await TestClient.start({ rootPath: repo.dir, settings: () => ({ baseline }) });
  });
  after(async () => {
    await client.stop();
    repo.remove();
  });

  const hover = async (text: string, snippet: string) => {
    const { start } = rangeOf(text, snippet);
    const result = (await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: main }, position: { line: start.line, character: start.character + 1 } })) as Hover | null;
    return (result?.contents as MarkupContent | undefined)?.value ?? '';
  };

  /** Replaces the whole buffer and waits for the diagnostics of that version that satisfy `check`. */
  async function edit(text: string, check: (d: Diagnostic[]) => boolean): Promise<Diagnostic[]> {
    const version = await client.change(main, [{ text }]);
    return (await client.diagnostics(main, (p) => p.version === version && check(p.diagnostics))).diagnostics;
  }

  it('the first diagnostics do not wait for the commit; the committed text has no change finding', async () => {
    await client.open(main, COMMITTED);
    const { diagnostics } = await client.diagnostics(main);
    assert.deepEqual(changeFindings(diagnostics), []);
  });

  it('an edit away from HEAD: the replacement error on the changed value, with the old value as related information', async () => {
    const diagnostics = await edit(EDITED, (d) => changeFindings(d).length > 0);
    const [replaces] = changeFindings(diagnostics).filter((d) => d.code === 'change-replaces-cluster');
    assert.ok(replaces, JSON.stringify(diagnostics.map((d) => d.code)));
    assert.equal(replaces.severity, 1);
    assert.deepEqual(replaces.range, rangeOf(EDITED, '"azure"'));
    assert.ok(
      replaces.relatedInformation?.some((r) => r.message === `At HEAD (${sha}) network_plugin was "kubenet".` && r.location.uri === main),
      JSON.stringify(replaces.relatedInformation),
    );
  });

  it('hover: what the value was at HEAD, next to the value', async () => {
    const markdown = await hover(EDITED, 'network_plugin ');
    assert.ok(markdown.split('\n').includes(`Was \`"kubenet"\` at HEAD (${sha}).`), markdown);
    const mode = await hover(EDITED, 'network_plugin_mode');
    assert.ok(mode.split('\n').includes(`Was not set at HEAD (${sha}).`), mode);
  });

  it('the restore quick-fix puts the committed value back', async () => {
    const diagnostics = client.latest(main)!.diagnostics;
    const replaces = diagnostics.find((d) => d.code === 'change-replaces-cluster')!;
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: main }, range: replaces.range, context: { diagnostics: [replaces] } })) as CodeAction[];
    const restore = actions.find((a) => a.title === `Restore network_plugin = "kubenet" as at HEAD (${sha})`);
    assert.ok(restore, JSON.stringify(actions.map((a) => a.title)));
    assert.equal(restore.kind, 'quickfix');
    const [change] = restore.edit!.documentChanges!;
    assert.ok('textDocument' in change && change.textDocument.uri === main);
    const restored = TextDocument.applyEdits(TextDocument.create(main, 'terraform', 1, EDITED), change.edits as { range: Range; newText: string }[]);
    assert.equal(restored, EDITED.replace('network_plugin      = "azure"', 'network_plugin      = "kubenet"'));
  });

  it('the packet-flow diagram marks what the change alters', async () => {
    const answer = (await client.connection.sendRequest(PACKET_FLOW_REQUEST, { textDocument: { uri: main } })) as PacketFlowResult;
    const lines = answer.diagram!.mermaid.split('\n');
    assert.ok(lines.includes(`  changes["Changed since HEAD (${sha})<br/>network_plugin #quot;kubenet#quot; → #quot;azure#quot;<br/>network_plugin_mode not set → #quot;overlay#quot;"]`), answer.diagram!.mermaid);
    assert.ok(lines.some((line) => /^ {2}class pods,remotePods,edge\d+ changed$/.test(line)), answer.diagram!.mermaid);
  });

  it('undoing the edit clears the finding', async () => {
    const diagnostics = await edit(COMMITTED, (d) => changeFindings(d).length === 0);
    assert.deepEqual(changeFindings(diagnostics), []);
  });

  it('a commit moves HEAD: after a save the edit is compared with the new commit', async () => {
    await edit(EDITED, (d) => changeFindings(d).length > 0);
    const moved = commitFiles(repo.dir, { 'main.tf': EDITED }, 'overlay').slice(0, 7);
    const seen = client.published.length;
    await client.connection.sendNotification(DidSaveTextDocumentNotification.type, { textDocument: { uri: main } });
    await client.diagnostics(main, (p) => changeFindings(p.diagnostics).length === 0, seen);
    assert.ok((await hover(EDITED, 'network_plugin ')).length > 0);
    assert.doesNotMatch(await hover(EDITED, 'network_plugin '), new RegExp(`at HEAD \\(${moved}\\)`));
    // Back to the first commit's text: now a change again, compared with the new HEAD.
    const back = await edit(COMMITTED, (d) => changeFindings(d).length > 0);
    assert.ok(changeFindings(back).some((d) => d.relatedInformation?.some((r) => r.message.startsWith(`At HEAD (${moved}) network_plugin was "azure"`))), JSON.stringify(back));
    git(repo.dir, 'reset', '-q', '--hard', 'HEAD~1');
    await client.connection.sendNotification(DidSaveTextDocumentNotification.type, { textDocument: { uri: main } });
    await client.diagnostics(main, (p) => changeFindings(p.diagnostics).length === 0);
  });

  it('aksNetlint.baseline = "off": nothing is compared', async () => {
    baseline = 'off';
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    const diagnostics = await edit(EDITED, () => true);
    assert.deepEqual(changeFindings(diagnostics), []);
    assert.ok(!(await hover(EDITED, 'network_plugin ')).includes('at HEAD'));
  });

  it('a ref that names nothing: one line in the log, no finding', async () => {
    baseline = 'origin/nope';
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    await edit(COMMITTED, () => true);
    await client.until('the log line', () => client.logs.find((l) => l.includes('no baseline "origin/nope"')));
    const diagnostics = await edit(EDITED, () => true);
    assert.deepEqual(changeFindings(diagnostics), []);
    assert.equal(client.logs.filter((l) => l.includes('no baseline "origin/nope"')).length, 1);
  });
});
