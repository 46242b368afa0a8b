/**
 * Inserted lines follow the file's line endings: in a CRLF file, every line break of a fix's
 * new text is CRLF (the engine writes `\n`), and LF files are left as the engine writes them.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFixes } from '../../server/src/engine/analyze/apply-fixes.js';
import type { CodeFix } from '../../server/src/engine/analyze/findings.js';
import { matchLineEndings, usesCrlf } from '../../server/src/cli/match-line-endings.js';

const insertAfterFirstLine = (uri: string): CodeFix => ({
  title: 'insert',
  edits: [{ uri, range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, newText: '  b = 2\n  c = {\n    d = 3\r\n  }\n' }],
});

describe('matchLineEndings', () => {
  it('writes inserted lines with CRLF in a CRLF file', () => {
    const texts = new Map([['crlf.tf', 'x {\r\n  a = 1\r\n}\r\n']]);
    const fixed = applyFixes(texts, matchLineEndings([insertAfterFirstLine('crlf.tf')], texts));
    assert.equal(fixed.get('crlf.tf'), 'x {\r\n  b = 2\r\n  c = {\r\n    d = 3\r\n  }\r\n  a = 1\r\n}\r\n');
  });

  it('leaves LF files as the engine writes them', () => {
    const texts = new Map([['lf.tf', 'x {\n  a = 1\n}\n']]);
    const fixes = [insertAfterFirstLine('lf.tf')];
    assert.deepEqual(matchLineEndings(fixes, texts), fixes);
  });

  it('goes by most line breaks of the file', () => {
    assert.equal(usesCrlf('a\r\nb\r\nc\n'), true);
    assert.equal(usesCrlf('a\r\nb\nc\n'), false);
    assert.equal(usesCrlf('no line break'), false);
  });
});
