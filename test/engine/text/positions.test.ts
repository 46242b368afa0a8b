import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LineIndex, toOneBased } from '../../../server/src/engine/text/positions.js';

describe('LineIndex', () => {
  const text = 'a = 1\r\nname = "Zoë 🚀"\nz = 2';
  const lines = new LineIndex(text);

  it('converts offsets to 0-based UTF-16 positions across CRLF and LF', () => {
    assert.deepEqual(lines.positionAt(0), { line: 0, character: 0 });
    assert.deepEqual(lines.positionAt(text.indexOf('name')), { line: 1, character: 0 });
    assert.deepEqual(lines.positionAt(text.indexOf('z =')), { line: 2, character: 0 });
    assert.deepEqual(lines.positionAt(text.length + 10), { line: 2, character: 5 });
  });

  it('counts the rocket as two UTF-16 units', () => {
    const closingQuote = text.lastIndexOf('"');
    assert.deepEqual(lines.positionAt(closingQuote), { line: 1, character: 14 });
    assert.equal(lines.offsetAt({ line: 1, character: 14 }), closingQuote);
  });

  it('reads HCL columns as characters: the rocket is one HCL column', () => {
    // name = "Zoë 🚀"  — HCL column 13 is the rocket, 14 the closing quote.
    assert.deepEqual(lines.fromHclPos(2, 13), { line: 1, character: 12 });
    assert.deepEqual(lines.fromHclPos(2, 14), { line: 1, character: 14 });
    assert.deepEqual(lines.fromHclPos(2, 15), { line: 1, character: 15 });
  });

  it('clamps positions past a line end to the line end', () => {
    assert.equal(lines.offsetAt({ line: 0, character: 99 }), 5);
    assert.equal(lines.lineText(1), 'name = "Zoë 🚀"');
  });

  it('gives 1-based numbers for the CLI', () => {
    assert.deepEqual(toOneBased({ line: 0, character: 0 }), { line: 1, column: 1 });
  });
});
