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
   */
  fromHclPos(line: number, column: number): Position {
    const zeroLine = Math.max(0, Math.min(line - 1, this.starts.length - 1));
    const text = this.lineText(zeroLine);
    let remaining = column - 1;
    let character = 0;
    if (remaining > 0) {
      for (const { segment } of (graphemes ??= new Intl.Segmenter('en', { granularity: 'grapheme' })).segment(text)) {
        if (remaining === 0) break;
        character += segment.length;
        remaining--;
      }
      if (remaining > 0) character += remaining; // columns past the line end (e.g. the newline)
    }
    return { line: zeroLine, character };
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
