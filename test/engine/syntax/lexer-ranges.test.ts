/**
 * What tree-sitter's lexer is shown: long whitespace runs shortened to three characters, and odd
 * runs of `%` or `$` before `{` without their first. The tree must be the one a parse of the whole
 * text gives (same nodes, same positions), only without the cost: those runs made the grammar's
 * scanner quadratic and `%%%{` broke the rest of the file.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Node, Tree } from 'web-tree-sitter';
import { lexerRanges } from '../../../server/src/engine/syntax/lexer-ranges.js';
import { parseFile } from '../../../server/src/engine/syntax/parse-file.js';
import { findAttribute } from '../../../server/src/engine/syntax/syntax-tree.js';
import { loadParsers } from '../../../server/src/host/load-parsers.js';

/**
 * Every node of a tree with its type and exact position, in document order. A comment's end is
 * left out: one that ends in a shortened run ends at its last character shown, without the
 * trailing whitespace, which no reader of comments needs.
 */
function describeTree(tree: Tree): string[] {
  const out: string[] = [];
  const pending: [Node, number][] = [[tree.rootNode, 0]];
  while (pending.length > 0) {
    const [node, depth] = pending.pop()!;
    const end = node.type === 'comment' ? '' : node.endIndex;
    out.push(`${' '.repeat(depth)}${node.isMissing ? 'MISSING ' : ''}${node.type} ${node.startIndex}-${end} ${node.startPosition.row}:${node.startPosition.column}`);
    for (let i = node.childCount - 1; i >= 0; i--) pending.push([node.child(i)!, depth + 1]);
  }
  return out;
}

const spaces = ' '.repeat(40);
const blank = '\n'.repeat(40);
const SHORTENED = {
  'an object before its first attribute': `a = {${spaces}b = 1 }\n`,
  'blank lines inside an object': `a = {${blank}b = 1${blank}}\n`,
  'spaces and lines after a comment': `a = 1 # note${spaces}\n${spaces}b = 2 // more${spaces}\r\n${blank}c = 3\n`,
  'a block comment holding a run': `a = /*${spaces}\n${spaces}*/ 1\n`,
  'indented heredoc markers': `a = <<-EOT\n${spaces}x${spaces}\n${spaces}\n${spaces}EOT${spaces}\nb = 2\n`,
  'a heredoc marker after blank lines': `a = <<EOT\nx\n${blank}EOT\nb = 2\n`,
  'a string holding runs': `a = "${spaces}x${spaces}"\nb = "${spaces}"\n`,
  'identifier labels': `resource${spaces}a${spaces}b${spaces}{\n}\n`,
  'a template with runs around interpolations': `a = "x${spaces}\${${spaces}var.y${spaces}}${spaces}"\n`,
  'odd and even escapes': 'a = "%%%{x} $$${y} %%%%{z} $$$$$${w}"\nb = "%%%"\n',
};

describe('lexerRanges', () => {
  it('leaves ordinary text whole', () => {
    assert.equal(lexerRanges('resource "a" "b" {\n  name = "x"   # aligned\n}\n'), undefined);
  });

  it('shows the lexer the first character of a run, its first line break and its last', () => {
    const text = `a =${'  \n  '.repeat(10)}1`;
    const ranges = lexerRanges(text)!;
    const shown = ranges.map((r) => text.slice(r.startIndex, r.endIndex)).join('');
    assert.equal(shown, 'a = \n 1');
    assert.deepEqual(ranges.at(-1)!.startPosition, { row: 10, column: 1 });
  });

  for (const [name, text] of Object.entries(SHORTENED)) {
    it(`parses ${name} to the tree of the whole text`, async () => {
      const { hcl } = await loadParsers();
      const ranges = lexerRanges(text);
      assert.ok(ranges, 'the text has a run to shorten');
      const shown = hcl.parse(text, null, { includedRanges: ranges })!;
      const whole = hcl.parse(text)!;
      try {
        if (!name.includes('escapes')) assert.deepEqual(describeTree(shown), describeTree(whole));
        assert.equal(shown.rootNode.hasError, false);
      } finally {
        shown.delete();
        whole.delete();
      }
    });
  }

  it('reads the escape in "%%%{x}" as HCL does, and the rest of the file', async () => {
    const file = parseFile('main.tf', SHORTENED['odd and even escapes'], await loadParsers());
    assert.deepEqual(file.problems, []);
    const a = findAttribute(file.body, 'a')!.expr;
    assert.equal(a.kind === 'literal' && a.value, '%%{x} $${y} %%%{z} $$$$${w}');
    const b = findAttribute(file.body, 'b')!.expr;
    assert.equal(b.kind === 'literal' && b.value, '%%%');
  });
});
