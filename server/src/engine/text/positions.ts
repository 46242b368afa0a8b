/**
 * The one place that converts between offsets and positions.
 *
 * Engine positions are 0-based lines and UTF-16 code units (LSP's convention), so the LSP adapter
 * passes them through. web-tree-sitter indices and jsonc-parser offsets are UTF-16 offsets into
 * the JavaScript string; HCL's own diagnostics count columns in characters (grapheme clusters);
 * the CLI and SARIF want 1-based numbers.
 */

/** A 0-based line and UTF-16 column. */
export interface Position {
  line: number;
  character: number;
}

/** A half-open range [start, end) of positions. */
export interface Range {
  start: Position;
  end: Position;
}

/** 1-based line and column, for human-facing output only. */
export interface OneBasedPosition {
  line: number;
  column: number;
}

/** Made on first use: creating one loads ICU's break rules (milliseconds, and memory) at startup. */
let graphemes: Intl.Segmenter | undefined;

/** Line starts of one text, for offset <-> position conversion. */
export class LineIndex {
  private readonly starts: number[];
  /** Where the last fromHclPos call stopped counting: `column` characters before UTF-16 unit `character`. */
  private hclCursor: { line: number; column: number; character: number; ascii: boolean } | undefined;

  constructor(readonly text: string) {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) starts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    this.starts = starts;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** Position of a UTF-16 offset; offsets past the end clamp to the end. */
  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid] <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: clamped - this.starts[low] };
  }

  /** UTF-16 offset of a position; characters past the line end clamp to it. */
  offsetAt(position: Position): number {
    if (position.line >= this.starts.length) return this.text.length;
    const start = this.starts[Math.max(0, position.line)];
    return Math.min(start + Math.max(0, position.character), this.lineEnd(position.line));
  }

  /** Range between two UTF-16 offsets. */
  rangeOf(startOffset: number, endOffset: number): Range {
    return { start: this.positionAt(startOffset), end: this.positionAt(endOffset) };
  }

  /** Offset of the end of a line's content, before its line break. */
  lineEnd(line: number): number {
    if (line + 1 >= this.starts.length) return this.text.length;
    let end = this.starts[line + 1];
    if (end > 0 && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > 0 && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  /** The text of one line without its line break. */
  lineText(line: number): string {
    if (line < 0 || line >= this.starts.length) return '';
    return this.text.slice(this.starts[line], this.lineEnd(line));
  }

  /** Offset at which a line starts. */
  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))];
  }

  /**
   * Position of an HCL diagnostic position: 1-based line, 1-based column counted in characters
   * (grapheme clusters, as HCL's textseg does), so "🚀" is one HCL column but two UTF-16 units.
   *
   * Linear in the line's length over a run of calls in source order (as HCL reports its errors):
   * a cursor remembers how far the last call counted, and lines are segmented in short windows,
   * because V8's segment iterator costs time in proportion to the whole string at every step
   * (counting a 150,000-character line from its start took seconds per error).
   */
  fromHclPos(line: number, column: number): Position {
    const zeroLine = Math.max(0, Math.min(line - 1, this.starts.length - 1));
    const target = Math.max(0, column - 1);
    const start = this.starts[zeroLine];
    const length = this.lineEnd(zeroLine) - start;
    let cursor = this.hclCursor;
    if (!cursor || cursor.line !== zeroLine || cursor.column > target) {
      // ASCII has one character per UTF-16 unit and no cluster spans two of them.
      const ascii = cursor?.line === zeroLine ? cursor.ascii : !/[^\x00-\x7f]/.test(this.text.slice(start, start + length));
      cursor = this.hclCursor = { line: zeroLine, column: 0, character: 0, ascii };
    }
    if (cursor.ascii) return { line: zeroLine, character: target };
    while (cursor.column < target && cursor.character < length) {
      const { starts, complete } = graphemeWindow(this.text, start + cursor.character, start + length);
      const take = Math.min(complete, target - cursor.column);
      cursor.column += take;
      cursor.character += take < starts.length ? starts[take] : length - cursor.character;
    }
    // Columns past the line end (HCL points at the newline, or past it) count one unit each.
    return { line: zeroLine, character: cursor.character + (target - cursor.column) };
  }
}

/** Characters (grapheme clusters) segmented per call: short, so each iterator step stays cheap. */
const GRAPHEME_WINDOW = 1024;

/**
 * The cluster starts (offsets from `from`) in a window of `text` that begins at a cluster
 * boundary, and how many of those clusters are known to be complete. A start is exact when the
 * whole code point at it lies inside the window: no segmentation rule looks further right than
 * that. The last exact start's cluster may continue past the window, unless the window reaches
 * `end`. A window with fewer than two exact starts (a base with thousands of combining marks) is
 * widened until it has them.
 */
function graphemeWindow(text: string, from: number, end: number): { starts: number[]; complete: number } {
  graphemes ??= new Intl.Segmenter('en', { granularity: 'grapheme' });
  for (let width = GRAPHEME_WINDOW; ; width *= 2) {
    const windowEnd = Math.min(end, from + width);
    const starts: number[] = [];
    const exactBefore = windowEnd === end ? Infinity : windowEnd - from - 1;
    for (const { index } of graphemes.segment(text.slice(from, windowEnd))) {
      if (index >= exactBefore) break;
      starts.push(index);
    }
    if (windowEnd === end) return { starts, complete: starts.length };
    if (starts.length > 1) return { starts, complete: starts.length - 1 };
  }
}

/** 1-based line and column of a position, for the CLI and SARIF (UTF-16 columns). */
export function toOneBased(position: Position): OneBasedPosition {
  return { line: position.line + 1, column: position.character + 1 };
}

/** Whether `inner` lies within `outer` (both ends inclusive). */
export function containsRange(outer: Range, inner: Range): boolean {
  return comparePositions(outer.start, inner.start) <= 0 && comparePositions(inner.end, outer.end) <= 0;
}

/** Whether two ranges share at least a position (touching ends count: a cursor at a word's end is on it). */
export function rangesMeet(a: Range, b: Range): boolean {
  return comparePositions(a.start, b.end) <= 0 && comparePositions(b.start, a.end) <= 0;
}

/** Negative, zero or positive as `a` is before, at or after `b`. */
export function comparePositions(a: Position, b: Position): number {
  return a.line !== b.line ? a.line - b.line : a.character - b.character;
}

/** Orders ranges by start, then end. */
export function compareRanges(a: Range, b: Range): number {
  return comparePositions(a.start, b.start) || comparePositions(a.end, b.end);
}
