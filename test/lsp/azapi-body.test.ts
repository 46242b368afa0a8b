/**
 * An azapi cluster in the real server (examples/azapi): the diagnostic points at the value in the
 * body and names the JSON field, hover on a body key explains the field as the AKS API has it,
 * and the quick-fix sets the JSON field inside the body.
 */
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CodeActionRequest, HoverRequest, type CodeAction, type Diagnostic, type Hover, type MarkupContent } from 'vscode-languageserver-protocol/node';
import { fileUri, messageText, TestClient } from '../support/lsp-client.js';

/** The range of the first `snippet` after `after` in `text`. */
function rangeOf(text: string, snippet: string, after = '') {
  const index = text.indexOf(snippet, after ? text.indexOf(after) : 0);
  assert.ok(index >= 0, `${snippet} is in the text`);
  const position = (offset: number) => {
    const lines = text.slice(0, offset).split('\n');
    return { line: lines.length - 1, character: lines.at(-1)!.length };
  };
  return { start: position(index), end: position(index + snippet.length) };
}

describe('azapi body in the language server', () => {
  let client: TestClient;
  let dir: string;
  let main: string;
  let text: string;
  let diagnostics: Diagnostic[];
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'aks-netlint-azapi-'));
    cpSync('examples/azapi', dir, { recursive: true });
    client = await TestClient.start({ rootPath: dir });
    main = fileUri(join(dir, 'main.tf'));
    text = readFileSync(join(dir, 'main.tf'), 'utf8');
    await client.open(main, text);
    diagnostics = (await client.diagnostics(main)).diagnostics;
  });
  after(async () => {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reports at the value in the body, naming the JSON fields', () => {
    const policy = diagnostics.find((d) => d.code === 'cilium-requires-cilium-policy');
    assert.ok(policy, JSON.stringify(diagnostics.map((d) => d.code)));
    assert.deepEqual(policy.range, rangeOf(text, '"calico"'));
    assert.match(messageText(policy.message), /^networkPolicy "calico" cannot run on the Cilium data plane/);
  });

  it('explains a body key on hover', async () => {
    const key = rangeOf(text, 'networkDataplane');
    const hover = (await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: main }, position: { line: key.start.line, character: key.start.character + 3 } })) as Hover | null;
    assert.ok(hover);
    assert.deepEqual(hover.range, key);
    const value = (hover.contents as MarkupContent).value;
    assert.match(value, /^\*\*networkDataplane\*\* · `properties\.networkProfile\.networkDataplane` · AKS API 2025-10-01\n/);
    assert.match(value, /- Allowed values: `azure` · `cilium` \(exact JSON strings\)/);
  });

  it('sets networkPolicy = "cilium" in the body', async () => {
    const policy = diagnostics.find((d) => d.code === 'cilium-requires-cilium-policy')!;
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: main }, range: policy.range, context: { diagnostics: [policy] } })) as CodeAction[];
    const fix = actions.find((a) => a.title.startsWith('Set networkPolicy = "cilium"'));
    assert.ok(fix, actions.map((a) => a.title).join('\n'));
    const change = fix.edit!.documentChanges![0];
    assert.ok('textDocument' in change);
    const fixed = TextDocument.applyEdits(TextDocument.create(main, 'terraform', 1, text), change.edits as never);
    assert.equal(fixed.split('\n')[rangeOf(text, '"calico"').start.line], '        networkPolicy     = "cilium"');
  });
});
