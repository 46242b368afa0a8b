/**
 * Incremental reparsing must give exactly the model a parse from scratch gives: replay random
 * edits (typing, deleting, pasting lines, non-ASCII and CRLF text) on real files and compare after
 * every edit.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { IncrementalFile } from '../../../server/src/engine/syntax/incremental-file.js';
import { parseFile } from '../../../server/src/engine/syntax/parse-file.js';
import { LineIndex } from '../../../server/src/engine/text/positions.js';
import { loadParsers } from '../../../server/src/host/load-parsers.js';

/** A small deterministic generator, so a failure replays. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state / 0x7fffffff;
  };
}

const SNIPPETS = ['"', '{', '}', '\n', ' = ', 'network_plugin = "azure"\n', 'ü', '😀', '\r\n', '  pod_cidr = "10.244.0.0/16"', '#', '${var.x}', ''];
/** Edits that make the lexer see a shortened run (lexer-ranges.ts), and undo it. */
const RUN_SNIPPETS = [...SNIPPETS, ' '.repeat(40), '\n'.repeat(33), ` \n${' '.repeat(35)}`, '%%%{', '$$${x}', '%', '$'];

describe('IncrementalFile', () => {
  for (const [name, crlf, snippets] of [
    ['examples/overlay-cilium/main.tf', false, SNIPPETS],
    ['examples/broken/main.tf', false, SNIPPETS],
    ['examples/overlay-cilium/main.tf', true, SNIPPETS],
    ['examples/variables/main.tf', false, RUN_SNIPPETS],
  ] as const) {
    const runs = snippets === RUN_SNIPPETS ? ', with long whitespace runs and escapes' : '';
    it(`matches a full parse after each of 300 random edits of ${name}${crlf ? ' (CRLF)' : ''}${runs}`, async () => {
      const parsers = await loadParsers();
      let text = readFileSync(name, 'utf8');
      if (crlf) text = text.replace(/\n/g, '\r\n');
      const doc = new IncrementalFile('/m/main.tf', text);
      doc.syntax(parsers);
      const next = random(name.length + (crlf ? 1 : 0));
      for (let step = 0; step < 300; step++) {
        const lines = new LineIndex(doc.text);
        const start = Math.floor(next() * (doc.text.length + 1));
        const end = Math.min(doc.text.length, start + Math.floor(next() * 12));
        const inserted = snippets[Math.floor(next() * snippets.length)];
        // Never split a surrogate pair: editors send whole characters.
        const safe = (o: number) => (o > 0 && o < doc.text.length && /[\uDC00-\uDFFF]/.test(doc.text[o]) ? o - 1 : o);
        const range = { start: lines.positionAt(safe(start)), end: lines.positionAt(safe(end)) };
        doc.applyChanges([{ range, text: inserted }]);
        if (step % 3 !== 0) continue; // several edits between parses, as when typing fast
        const incremental = doc.syntax(parsers);
        const full = parseFile('/m/main.tf', doc.text, parsers);
        assert.deepEqual(incremental, full, `step ${step}: incremental parse differs from a full parse`);
      }
    });
  }

  it('converts again only the top-level block an edit touched', async () => {
    const parsers = await loadParsers();
    const doc = new IncrementalFile('/m/main.tf', 'locals {\n  a = 1\n}\n\nlocals {\n  b = 2\n}\n');
    const before = doc.syntax(parsers);
    doc.applyChanges([{ range: { start: { line: 1, character: 6 }, end: { line: 1, character: 7 } }, text: '10' }]);
    const after = doc.syntax(parsers);
    assert.notEqual(after.body.blocks[0], before.body.blocks[0]);
    assert.equal(after.body.blocks[1], before.body.blocks[1], 'the untouched block is the same object');
    // A new line above moves the second block: reused, but shifted.
    doc.applyChanges([{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '\n' }]);
    const shifted = doc.syntax(parsers);
    assert.equal(shifted.body.blocks[1].range.start.line, 5);
    assert.deepEqual(shifted, parseFile('/m/main.tf', doc.text, parsers));
  });

  it('applies several changes of one notification in order', async () => {
    const parsers = await loadParsers();
    const doc = new IncrementalFile('/m/main.tf', 'a = 1\nb = 2\n');
    doc.applyChanges([
      { range: { start: { line: 0, character: 4 }, end: { line: 0, character: 5 } }, text: '10' },
      { range: { start: { line: 1, character: 4 }, end: { line: 1, character: 5 } }, text: '"x"' },
    ]);
    assert.equal(doc.text, 'a = 10\nb = "x"\n');
    assert.deepEqual(doc.syntax(parsers), parseFile('/m/main.tf', 'a = 10\nb = "x"\n', parsers));
  });

  it('replaces the whole text when a change has no range', async () => {
    const parsers = await loadParsers();
    const doc = new IncrementalFile('/m/main.tf.json', '{}');
    doc.applyChanges([{ text: '{"locals": {"a": 1}}' }]);
    assert.equal(doc.syntax(parsers).body.blocks[0]?.type, 'locals');
  });
});
