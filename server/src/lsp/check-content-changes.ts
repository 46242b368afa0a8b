/**
 * Checks the content changes of one `textDocument/didChange` against the text they apply to,
 * before any of them is applied. A message is applied whole or not at all: each range refers to
 * the text the previous change left, so applying the changes before a bad one would leave a text
 * that neither the client nor the server ever had. A rejected message leaves the buffer as it was,
 * and its analysis stays that of a text the server really has (issue 16).
 *
 * Rejected: a change whose text is not a string, a position that is not two integers >= 0, a line
 * past the end of the document, a start after its end, a position between the two halves of a
 * surrogate pair. Accepted as the protocol says: a character past the end of its line means the
 * end of the line, and a change without a range replaces the whole text.
 */
import type { TextChange } from '../engine/syntax/incremental-file.js';
import { LineIndex, type Position } from '../engine/text/positions.js';

export type ContentChangesCheck =
  | { ok: true; changes: TextChange[]; text: string }
  | { ok: false; reason: string };

/**
 * The changes with every range clamped as the protocol says, and the text they lead to; or why
 * the message must be ignored.
 */
export function checkContentChanges(text: string, contentChanges: unknown): ContentChangesCheck {
  if (!Array.isArray(contentChanges)) return { ok: false, reason: `contentChanges is ${describe(contentChanges)}, not a list` };
  const changes: TextChange[] = [];
  let current = text;
  for (const [index, change] of contentChanges.entries()) {
    const which = contentChanges.length === 1 ? 'the change' : `change ${index + 1} of ${contentChanges.length}`;
    if (typeof change !== 'object' || change === null) return { ok: false, reason: `${which} is ${describe(change)}, not an object` };
    const { text: inserted, range } = change as { text?: unknown; range?: unknown };
    if (typeof inserted !== 'string') return { ok: false, reason: `${which} has text ${describe(inserted)}, not a string` };
    if (range === undefined) {
      changes.push({ text: inserted });
      current = inserted;
      continue;
    }
    const lines = new LineIndex(current);
    const where = checkRange(range, lines);
    if (typeof where === 'string') return { ok: false, reason: `${which}: ${where}` };
    changes.push({ range: { start: lines.positionAt(where.start), end: lines.positionAt(where.end) }, text: inserted });
    current = current.slice(0, where.start) + inserted + current.slice(where.end);
  }
  return { ok: true, changes, text: current };
}

/** The offsets of a range, or what is wrong with it. */
function checkRange(range: unknown, lines: LineIndex): { start: number; end: number } | string {
  if (typeof range !== 'object' || range === null) return `its range is ${describe(range)}`;
  const { start, end } = range as { start?: unknown; end?: unknown };
  const startProblem = checkPosition(start, lines);
  if (startProblem) return `its start ${startProblem}`;
  const endProblem = checkPosition(end, lines);
  if (endProblem) return `its end ${endProblem}`;
  const from = start as Position;
  const to = end as Position;
  if (from.line > to.line || (from.line === to.line && from.character > to.character)) return `its range starts (${show(from)}) after it ends (${show(to)})`;
  const startOffset = lines.offsetAt(from);
  const endOffset = lines.offsetAt(to);
  for (const [name, offset] of [['start', startOffset], ['end', endOffset]] as const) {
    if (splitsSurrogatePair(lines.text, offset)) return `its ${name} (${show(name === 'start' ? from : to)}) falls between the two halves of a surrogate pair`;
  }
  return { start: startOffset, end: endOffset };
}

function checkPosition(position: unknown, lines: LineIndex): string | undefined {
  if (typeof position !== 'object' || position === null) return `is ${describe(position)}, not a position`;
  const { line, character } = position as { line?: unknown; character?: unknown };
  if (!isCount(line) || !isCount(character)) return `is (${describe(line)}, ${describe(character)}), not two integers >= 0`;
  if (line >= lines.lineCount) return `(${show(position as Position)}) is past the end of the document, which has lines 0 to ${lines.lineCount - 1}`;
  return undefined;
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function splitsSurrogatePair(text: string, offset: number): boolean {
  if (offset <= 0 || offset >= text.length) return false;
  const before = text.charCodeAt(offset - 1);
  const after = text.charCodeAt(offset);
  return before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff;
}

/** A position as the protocol counts (from 0). */
function show(position: Position): string {
  return `line ${position.line}, character ${position.character}`;
}

/** A value in a log line: short, whatever it is. */
export function describe(value: unknown): string {
  if (value === undefined) return 'missing';
  const json = JSON.stringify(value) ?? String(value);
  return json.length > 60 ? `${json.slice(0, 57)}...` : json;
}
