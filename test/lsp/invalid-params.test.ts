/**
 * Document notifications the server cannot apply exactly are ignored as a whole and logged, and
 * the module is never left with a text nobody had (issue 16: one `{"text": null}` broke every
 * request of the module until the next full-text change). After each bad message, a valid edit
 * still lands where the client means it, and at the end the diagnostics are those a fresh server
 * publishes for the client's text.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DidChangeTextDocumentNotification, DidOpenTextDocumentNotification, HoverRequest, type MarkupContent } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { fileUri, TestClient } from '../support/lsp-client.js';

const MODULE = resolve('test/fixtures/modules/cilium-calico');
const MAIN = fileUri(`${MODULE}/main.tf`);
const TEXT = readFileSync(`${MODULE}/main.tf`, 'utf8');

describe('invalid document notifications', () => {
  let client: TestClient;
  /** The text the client has: what the server must believe. */
  let document: TextDocument;
  let version = 1;

  before(async () => {
    client = await TestClient.start({ rootPath: MODULE });
    document = TextDocument.create(MAIN, 'terraform', 1, TEXT);
    await client.open(MAIN, TEXT);
    await client.diagnostics(MAIN);
  });
  after(async () => {
    await client.stop();
  });

  const codes = (p: { diagnostics: { code?: unknown }[] }) => p.diagnostics.map((d) => d.code);

  /** Sends a didChange as is, with the next version unless told otherwise. */
  async function sendChange(contentChanges: unknown, options: { uri?: unknown; version?: unknown } = {}): Promise<void> {
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri: options.uri ?? MAIN, version: options.version ?? ++version },
      contentChanges,
    } as never);
  }

  /**
   * A valid edit that flips "Overlay" and "overlay" at the position the client's text has it:
   * the server agrees on the text exactly when the finding follows.
   */
  async function probe(): Promise<void> {
    const text = document.getText();
    const at = text.search(/"[Oo]verlay"/);
    const replacement = text[at + 1] === 'O' ? '"overlay"' : '"Overlay"';
    const change = { range: { start: document.positionAt(at), end: document.positionAt(at + 9) }, text: replacement };
    const published = client.published.length;
    await sendChange([change]);
    document = TextDocument.update(document, [change], version);
    const expected = replacement === '"Overlay"' ? ['overlay-mode-case', 'cilium-requires-cilium-policy'] : ['cilium-requires-cilium-policy'];
    const diagnostics = await client.diagnostics(MAIN, (p) => p.version === version, published);
    assert.deepEqual(codes(diagnostics), expected, `after version ${version}:\n${document.getText()}`);
  }

  /** Sends a bad didChange, checks the log names why it was ignored, and that a valid edit still lands. */
  async function rejects(contentChanges: unknown, reason: RegExp, options: { uri?: unknown; version?: unknown } = {}): Promise<void> {
    const logged = client.logs.length;
    await sendChange(contentChanges, options);
    await client.until(`a log line matching ${reason}`, () => client.logs.slice(logged).find((l) => /ignored a textDocument\/didChange/.test(l) && reason.test(l)));
    await probe();
  }

  const at = (line: number, character: number) => ({ line, character });

  it('ignores a change whose text is null (the whole-text form and the range form)', async () => {
    await rejects([{ text: null }], /the change has text null, not a string/);
    await rejects([{ range: { start: at(0, 0), end: at(0, 0) }, text: null }], /has text null/);
    await rejects([{ range: { start: at(0, 0), end: at(0, 0) } }], /has text missing/);
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: MAIN }, position: at(20, 10) });
    assert.match((hover?.contents as MarkupContent).value, /network_policy/);
  });

  it('ignores ranges past the end, negative or fractional positions, and a start after the end', async () => {
    const lines = document.lineCount;
    await rejects([{ range: { start: at(lines + 5, 0), end: at(lines + 5, 0) }, text: 'x' }], /past the end of the document/);
    await rejects([{ range: { start: at(-1, 0), end: at(0, 0) }, text: 'x' }], /not two integers >= 0/);
    await rejects([{ range: { start: at(0, 1.5), end: at(0, 2) }, text: 'x' }], /not two integers >= 0/);
    await rejects([{ range: { start: at(0, 0), end: { line: '1', character: 0 } }, text: 'x' }], /not two integers >= 0/);
    await rejects([{ range: { start: at(2, 0), end: at(1, 0) }, text: 'x' }], /starts \(line 2, character 0\) after it ends \(line 1, character 0\)/);
    await rejects([{ range: null, text: 'x' }], /its range is null/);
    await rejects({ text: 'x' }, /contentChanges is .*, not a list/);
  });

  it('ignores a range between the two halves of a surrogate pair', async () => {
    // A valid edit puts a rocket (two UTF-16 units) in a comment on the first line.
    const change = { range: { start: at(0, 0), end: at(0, 0) }, text: '# 🚀\n' };
    await sendChange([change]);
    document = TextDocument.update(document, [change], version);
    await rejects([{ range: { start: at(0, 3), end: at(0, 3) }, text: 'x' }], /between the two halves of a surrogate pair/);
    await rejects([{ range: { start: at(0, 2), end: at(0, 3) }, text: '' }], /end \(line 0, character 3\) falls between the two halves/);
  });

  it('ignores a message whole when any of its changes is bad', async () => {
    await rejects([{ range: { start: at(0, 0), end: at(0, 0) }, text: '# first\n' }, { range: { start: at(0, 0), end: at(0, 0) }, text: 42 }], /change 2 of 2 has text 42/);
    assert.ok(!document.getText().includes('# first'));
  });

  it('ignores versions going backwards, unknown documents, and missing identifiers', async () => {
    await rejects([{ text: 'gone' }], /version 1 is older than the document's/, { version: 1 });
    await rejects([{ text: 'gone' }], /its version is "7", not an integer/, { version: '7' });
    await rejects([{ text: 'gone' }], /the document is not open/, { uri: fileUri(`${MODULE}/other.tf`) });
    await rejects([{ text: 'gone' }], /its uri is 42/, { uri: 42 });
  });

  it('takes a character past the end of its line as the end of the line, as the protocol says', async () => {
    const line = document.getText().split('\n').findIndex((l) => l.includes('network_plugin_mode'));
    const column = document.getText().split('\n')[line].indexOf('"');
    const wasOverlay = document.getText().includes('"Overlay"');
    const change = { range: { start: at(line, column), end: at(line, 500) }, text: wasOverlay ? '"overlay"' : '"Overlay"' };
    const published = client.published.length;
    await sendChange([change]);
    document = TextDocument.update(document, [change], version);
    const expected = wasOverlay ? ['cilium-requires-cilium-policy'] : ['overlay-mode-case', 'cilium-requires-cilium-policy'];
    assert.deepEqual(codes(await client.diagnostics(MAIN, (p) => p.version === version, published)), expected);
    await probe();
  });

  it('ignores a didOpen without text, and keeps serving', async () => {
    const other = fileUri(`${MODULE}/other.tf`);
    const logged = client.logs.length;
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: other, languageId: 'terraform', version: 1, text: null } } as never);
    await client.until('the didOpen log line', () => client.logs.slice(logged).find((l) => /ignored a textDocument\/didOpen for .*other\.tf: its text is null, not a string/.test(l)));
    assert.equal(await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: other }, position: at(0, 0) }), null);
    await probe();
  });

  it('publishes what a fresh server publishes for the client\'s text', async () => {
    const fresh = await TestClient.start({ rootPath: MODULE });
    try {
      await fresh.open(MAIN, document.getText());
      const expected = await fresh.diagnostics(MAIN);
      assert.deepEqual(client.latest(MAIN)?.diagnostics, expected.diagnostics);
    } finally {
      await fresh.stop();
    }
    assert.deepEqual(client.stderr.join(''), '', 'nothing on stderr');
  });
});
