/**
 * The line ending of a file, by most of its line breaks: what fixes and code actions end the
 * lines they insert with (end to end: test/engine/analyze/edit-builder.test.ts, test/cli/fix-safety.test.ts).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lineEndingOf, usesCrlf } from '../../../server/src/engine/text/line-endings.js';

describe('line endings', () => {
  it('goes by most line breaks of the file', () => {
    assert.equal(usesCrlf('a\r\nb\r\nc\n'), true);
    assert.equal(usesCrlf('a\r\nb\nc\n'), false);
    assert.equal(usesCrlf('no line break'), false);
  });

  it('gives CRLF for a CRLF file and LF otherwise', () => {
    assert.equal(lineEndingOf('x {\r\n  a = 1\r\n}\r\n'), '\r\n');
    assert.equal(lineEndingOf('x {\n  a = 1\n}\n'), '\n');
  });
});
