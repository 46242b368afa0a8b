/**
 * Which characters tree-sitter's lexer is shown (its "included ranges"). Leaving a character out
 * keeps every node's position in the real text, so the tree and everything converted from it read
 * the file as written; only what the lexer steps through changes. Two flaws of the HCL grammar are
 * worked around this way, because its WebAssembly cannot be rebuilt here:
 *
 * - Each whitespace character is a token of its own, and before each one, wherever a string may
 *   start (any expression), the grammar's external scanner skips all the whitespace ahead of it
 *   and gives up: a run of n spaces costs n²/2 steps (`a = {` + 30,000 spaces took 8.6 s).
 *   The lexer is shown three characters of a long run: its first, its first line break and its
 *   last. That keeps what whitespace means: tokens stay apart, a `#` comment still ends at its
 *   line break, and a heredoc's closing marker still follows one.
 * - In a template the scanner reads `%%` or `$$` as a pair, so in `%%%{` it takes `%%` as text
 *   and `%{` as a directive, where HCL reads `%` and then the escape `%%{` (and the rest of the
 *   file turned into an error). An odd run of three or more before `{` is shown without its first
 *   character: the scanner then reads the escape as HCL does, and the converter reads the text of
 *   the template from the file itself (parse-hcl.ts), with the character it was not shown.
 */
import type { Range as TreeSitterRange } from 'web-tree-sitter';

/** Whitespace runs at least this long are shortened; shorter ones cost under 32²/2 scanner steps. */
export const LONG_WHITESPACE = 32;

const LONG_RUN = new RegExp(`[ \\t\\r\\n]{${LONG_WHITESPACE},}|(?<!\\$)(?:\\$\\$)+\\$(?=\\{)|(?<!%)(?:%%)+%(?=\\{)`, 'g');

/**
 * The included ranges for `text`, or undefined when the lexer may see all of it (the usual case,
 * which costs one regular-expression scan). Offsets and columns are UTF-16 code units, rows count
 * `\n` only, as web-tree-sitter's are.
 */
export function lexerRanges(text: string): TreeSitterRange[] | undefined {
  const hidden: [number, number][] = [];
  for (const match of text.matchAll(LONG_RUN)) {
    const start = match.index;
    const end = start + match[0].length;
    if (match[0][0] === '$' || match[0][0] === '%') {
      hidden.push([start, start + 1]);
      continue;
    }
    const newline = match[0].indexOf('\n');
    if (newline > 1) {
      hidden.push([start + 1, start + newline]);
      if (start + newline + 1 < end - 1) hidden.push([start + newline + 1, end - 1]);
    } else {
      const keep = newline === 1 ? start + 2 : start + 1;
      if (keep < end - 1) hidden.push([keep, end - 1]);
    }
  }
  if (hidden.length === 0) return undefined;
  const points = new PointCounter(text);
  const ranges: TreeSitterRange[] = [];
  let from = 0;
  for (const [start, end] of hidden) {
    if (start > from) ranges.push({ startIndex: from, endIndex: start, startPosition: points.at(from), endPosition: points.at(start) });
    from = end;
  }
  ranges.push({ startIndex: from, endIndex: text.length, startPosition: points.at(from), endPosition: points.at(text.length) });
  return ranges;
}

/** tree-sitter points of increasing offsets, in one pass over the text. */
class PointCounter {
  private row = 0;
  private lineStart = 0;
  /** The first line break not yet counted (text.length when none is left). */
  private nextBreak: number;

  constructor(private readonly text: string) {
    this.nextBreak = this.findBreak(0);
  }

  at(offset: number): { row: number; column: number } {
    while (this.nextBreak < offset) {
      this.row++;
      this.lineStart = this.nextBreak + 1;
      this.nextBreak = this.findBreak(this.lineStart);
    }
    return { row: this.row, column: offset - this.lineStart };
  }

  private findBreak(from: number): number {
    const at = this.text.indexOf('\n', from);
    return at === -1 ? this.text.length : at;
  }
}
