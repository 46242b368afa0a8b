/**
 * checkContentChanges (server/src/lsp/check-content-changes.ts) applies a didChange whole or not
 * at all, with the protocol's line breaks (\n, \r\n, \r) and its clamping of characters past a
 * line's end, and agrees with vscode-languageserver-textdocument on every message it accepts.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { checkContentChanges } from '../../server/src/lsp/check-content-changes.js';

const at = (line: number, character: number) => ({ line, character });
const apply = (text: string, changes: { range?: { start: { line: number; character: number }; end: { line: number; character: number } }; text: string }[]) =>
  TextDocument.update(TextDocument.create('file:///m/main.tf', 'terraform', 1, text), changes as never, 2).getText();

describe('checkContentChanges', () => {
  it('applies changes in order, each against the text the previous one left', () => {
    const text = 'a = 1\r\nb = 2\rc = 3\n';
    const changes = [
      { range: { start: at(1, 4), end: at(1, 5) }, text: '20' },
      { range: { start: at(2, 0), end: at(2, 99) }, text: 'c = "Zoë 🚀"' },
      { text: 'whole\nnew' },
      { range: { start: at(1, 3), end: at(1, 3) }, text: '!' },
    ];
    const check = checkContentChanges(text, changes);
    assert.ok(check.ok);
    assert.equal(check.text, 'whole\nnew!');
    const ranged = checkContentChanges(text, changes.slice(0, 2));
    assert.ok(ranged.ok);
    assert.equal(ranged.text, apply(text, changes.slice(0, 2)));
    assert.equal(ranged.text, 'a = 1\r\nb = 20\rc = "Zoë 🚀"\n');
  });

  it('clamps a character past the end of a line to the end of its content, before \\r\\n', () => {
    const check = checkContentChanges('ab\r\ncd', [{ range: { start: at(0, 1), end: at(0, 40) }, text: 'X' }]);
    assert.deepEqual(check, { ok: true, text: 'aX\r\ncd', changes: [{ range: { start: at(0, 1), end: at(0, 2) }, text: 'X' }] });
  });

  it('rejects what it cannot apply exactly, and says why', () => {
    const text = '🚀\nb';
    const cases: [unknown, RegExp][] = [
      [null, /contentChanges is null, not a list/],
      [[null], /the change is null, not an object/],
      [[{ text: null }], /the change has text null, not a string/],
      [[{ range: { start: at(0, 0), end: at(0, 0) }, text: 'x' }, { text: 1 }], /change 2 of 2 has text 1/],
      [[{ range: { start: at(2, 0), end: at(2, 0) }, text: 'x' }], /its start \(line 2, character 0\) is past the end of the document, which has lines 0 to 1/],
      [[{ range: { start: at(0, 0), end: { line: 0 } }, text: 'x' }], /its end is \(0, missing\), not two integers >= 0/],
      [[{ range: { start: at(0, -1), end: at(0, 0) }, text: 'x' }], /its start is \(0, -1\)/],
      [[{ range: { start: at(1, 1), end: at(0, 1) }, text: 'x' }], /starts \(line 1, character 1\) after it ends \(line 0, character 1\)/],
      [[{ range: { start: at(0, 1), end: at(0, 2) }, text: '' }], /its start \(line 0, character 1\) falls between the two halves of a surrogate pair/],
      [[{ range: 'all', text: '' }], /its range is "all"/],
    ];
    for (const [changes, reason] of cases) {
      const check = checkContentChanges(text, changes);
      assert.equal(check.ok, false, JSON.stringify(changes));
      assert.match((check as { reason: string }).reason, reason);
    }
  });
});
