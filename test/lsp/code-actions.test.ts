/**
 * Code actions from the real server: the safe fix (preferred), suggestions, "Ignore <rule> here"
 * and source.fixAll.aksNetlint, applied to the text with an independent implementation
 * (vscode-languageserver-textdocument) and compared with the expected result.
 */
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CodeActionRequest, type CodeAction, type Diagnostic, type WorkspaceEdit } from 'vscode-languageserver-protocol/node';
import { fileUri, FULL_CAPABILITIES, TestClient } from '../support/lsp-client.js';

/** Applies a workspace edit to the given texts (by URI); returns the new texts. */
function applyWorkspaceEdit(edit: WorkspaceEdit, texts: Map<string, string>): Map<string, string> {
  const out = new Map(texts);
  const perDoc: [string, { range: Diagnostic['range']; newText: string }[]][] = edit.documentChanges
    ? edit.documentChanges.map((c) => {
        assert.ok('textDocument' in c, 'only text document edits are expected');
        return [c.textDocument.uri, c.edits as { range: Diagnostic['range']; newText: string }[]];
      })
    : Object.entries(edit.changes ?? {});
  for (const [uri, edits] of perDoc) {
    const text = out.get(uri);
    assert.ok(text !== undefined, `edit for an unexpected document ${uri}`);
    out.set(uri, TextDocument.applyEdits(TextDocument.create(uri, 'terraform', 1, text), edits));
  }
  return out;
}

describe('code actions', () => {
  let client: TestClient;
  let dir: string;
  let main: string;
  let tfvars: string;
  let texts: Map<string, string>;
  let diagnostics: Diagnostic[];
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'aks-netlint-lsp-'));
    cpSync('test/fixtures/modules/cilium-calico', dir, { recursive: true });
    client = await TestClient.start({ rootPath: dir });
    main = fileUri(join(dir, 'main.tf'));
    tfvars = fileUri(join(dir, 'terraform.tfvars'));
    texts = new Map([
      [main, readFileSync(join(dir, 'main.tf'), 'utf8')],
      [tfvars, readFileSync(join(dir, 'terraform.tfvars'), 'utf8')],
    ]);
    await client.open(main, texts.get(main)!);
    diagnostics = (await client.diagnostics(main)).diagnostics;
  });
  after(async () => {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const actionsAt = (range: Diagnostic['range'], context: { diagnostics: Diagnostic[]; only?: string[] }) =>
    client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: main }, range, context }) as Promise<CodeAction[]>;

  it('offers the safe fix first and preferred, then "Ignore <rule> here"', async () => {
    const caseFinding = diagnostics.find((d) => d.code === 'overlay-mode-case')!;
    const actions = await actionsAt(caseFinding.range, { diagnostics: [caseFinding] });
    assert.deepEqual(
      actions.map((a) => [a.title, a.kind, a.isPreferred ?? false]),
      [
        ['Write "overlay" in lowercase', 'quickfix', true],
        ['Ignore overlay-mode-case here', 'quickfix', false],
      ],
    );
    assert.deepEqual(actions[0].diagnostics, [caseFinding]);
    const fixed = applyWorkspaceEdit(actions[0].edit!, texts);
    assert.equal(fixed.get(main)!.split('\n')[18], '    network_plugin_mode = "overlay"');
    // The edit is versioned: it applies to the buffer the user sees.
    assert.deepEqual(actions[0].edit!.documentChanges!.map((c) => ('textDocument' in c ? c.textDocument : undefined)), [{ uri: main, version: 1 }]);
  });

  it('writes the suppression with a reason placeholder above the attribute', async () => {
    const caseFinding = diagnostics.find((d) => d.code === 'overlay-mode-case')!;
    const actions = await actionsAt(caseFinding.range, { diagnostics: [caseFinding] });
    const ignore = actions.find((a) => a.title === 'Ignore overlay-mode-case here')!;
    const lines = applyWorkspaceEdit(ignore.edit!, texts).get(main)!.split('\n');
    assert.deepEqual(lines.slice(17, 20), ['    network_plugin      = "azure"', '    # aks-netlint-ignore overlay-mode-case -- <reason>', '    network_plugin_mode = "Overlay"']);
  });

  it('fixes a value where it is written, in another file', async () => {
    const policy = diagnostics.find((d) => d.code === 'cilium-requires-cilium-policy')!;
    const actions = await actionsAt(policy.range, { diagnostics: [policy] });
    const titles = actions.map((a) => a.title);
    assert.ok(titles.includes('Ignore cilium-requires-cilium-policy here'), titles.join(', '));
    const change = actions.find((a) => a.edit?.documentChanges?.some((c) => 'textDocument' in c && c.textDocument.uri === tfvars));
    assert.ok(change, `an action edits terraform.tfvars: ${titles.join(', ')}`);
    assert.equal(applyWorkspaceEdit(change.edit!, texts).get(tfvars), '# Platform team overrides\nnetwork_policy = "cilium"\n');
    // terraform.tfvars is not open: its edit is unversioned.
    assert.deepEqual(change.edit!.documentChanges!.map((c) => ('textDocument' in c ? c.textDocument.version : 'x')), [null]);
  });

  it('answers for a cursor inside a finding without context diagnostics', async () => {
    const actions = await actionsAt({ start: { line: 18, character: 30 }, end: { line: 18, character: 30 } }, { diagnostics: [] });
    assert.equal(actions[0].title, 'Write "overlay" in lowercase');
  });

  it('offers nothing where there is no finding', async () => {
    assert.deepEqual(await actionsAt({ start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, { diagnostics: [] }), []);
  });

  it('offers fix-all only when asked for', async () => {
    const caseFinding = diagnostics.find((d) => d.code === 'overlay-mode-case')!;
    const quickfixes = await actionsAt(caseFinding.range, { diagnostics: [caseFinding], only: ['quickfix'] });
    assert.ok(quickfixes.every((a) => a.kind === 'quickfix'));
    const source = await actionsAt(caseFinding.range, { diagnostics: [], only: ['source'] });
    assert.deepEqual(source.map((a) => a.kind), ['source.fixAll.aksNetlint']);
  });

  it('fixes all safe problems of the file with source.fixAll.aksNetlint', async () => {
    const actions = await actionsAt({ start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, { diagnostics: [], only: ['source.fixAll'] });
    assert.deepEqual(actions.map((a) => [a.title, a.kind]), [['Fix all safe aks-netlint problems', 'source.fixAll.aksNetlint']]);
    const fixed = applyWorkspaceEdit(actions[0].edit!, texts);
    assert.equal(fixed.get(main)!.split('\n')[18], '    network_plugin_mode = "overlay"');
  });

  it('uses plain changes for a client without versioned document edits', async () => {
    const other = await TestClient.start({ capabilities: { ...FULL_CAPABILITIES, workspace: { configuration: true } } });
    try {
      await other.open(main, texts.get(main)!);
      const [first] = (await other.connection.sendRequest(CodeActionRequest.type, {
        textDocument: { uri: main },
        range: { start: { line: 18, character: 30 }, end: { line: 18, character: 30 } },
        context: { diagnostics: [] },
      })) as CodeAction[];
      assert.deepEqual(Object.keys(first.edit!.changes!), [main]);
      assert.equal(first.edit!.documentChanges, undefined);
    } finally {
      await other.stop();
    }
  });
});
