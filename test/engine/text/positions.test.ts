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

/** fromHclPos as it was: count clusters from the line start with one iterator over the whole line. */
function naiveFromHclPos(text: string, line: number, column: number): { line: number; character: number } {
  const lines = text.split(/\r\n|\r|\n/);
  const zeroLine = Math.max(0, Math.min(line - 1, lines.length - 1));
  let remaining = column - 1;
  let character = 0;
  for (const { segment } of new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(lines[zeroLine])) {
    if (remaining <= 0) break;
    character += segment.length;
    remaining--;
  }
  return { line: zeroLine, character: character + Math.max(0, remaining) };
}

describe('LineIndex.fromHclPos on long lines', () => {
  // Clusters that span several UTF-16 units: combining marks, a ZWJ family, a flag, a surrogate pair.
  const pieces = ['a', ' ', 'é', 'e\u0301', '👨‍👩‍👧', '🇫🇷', '🚀', '中', 'x\u0301\u0302\u0303'];

  it('counts the same clusters as one pass over the line, across segmentation windows and in any order', () => {
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const line = Array.from({ length: 3000 }, () => pieces[Math.floor(next() * pieces.length)]).join('');
    const text = `first\n${line}\nlast`;
    const lines = new LineIndex(text);
    const clusters = [...new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(line)].length;
    const columns = [1, 2, 1000, 1025, 1026, 2047, 2048, 2049, clusters, clusters + 1, clusters + 3];
    for (let i = 0; i < 40; i++) columns.push(1 + Math.floor(next() * (clusters + 2)));
    for (const column of columns) assert.deepEqual(lines.fromHclPos(2, column), naiveFromHclPos(text, 2, column), `column ${column}`);
    for (const column of [...columns].sort((a, b) => a - b)) assert.deepEqual(lines.fromHclPos(2, column), naiveFromHclPos(text, 2, column), `column ${column}`);
  });

  it('keeps one cluster of thousands of combining marks whole', () => {
    const text = `a = "x${'\u0301'.repeat(5000)}y"`;
    const lines = new LineIndex(text);
    assert.deepEqual(lines.fromHclPos(1, 6), { line: 0, character: 5 });
    assert.deepEqual(lines.fromHclPos(1, 7), { line: 0, character: 5006 });
  });
});
