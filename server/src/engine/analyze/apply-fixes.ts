/**
 * Applies text edits to file texts: the safe fixes of `--fix` and fix-all. Overlapping edits
 * from different fixes are left for the next pass, as ESLint does.
 */
import { compareRanges, LineIndex, rangesMeet } from '../text/positions.js';
import type { CodeFix, Finding, TextEdit } from './findings.js';

/** Applies non-overlapping edits to one text. */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const lines = new LineIndex(text);
  // From the end backwards; insertions at one point keep their order (as editors apply them).
  const sorted = edits.map((edit, index) => ({ edit, index })).sort((a, b) => compareRanges(b.edit.range, a.edit.range) || b.index - a.index).map((e) => e.edit);
  let result = text;
  for (const edit of sorted) {
    result = result.slice(0, lines.offsetAt(edit.range.start)) + edit.newText + result.slice(lines.offsetAt(edit.range.end));
  }
  return result;
}

/** The safe fixes of the findings whose edits do not overlap an earlier chosen fix. */
export function chooseSafeFixes(findings: readonly Finding[]): CodeFix[] {
  const chosen: CodeFix[] = [];
  const taken: TextEdit[] = [];
  for (const finding of findings) {
    const fix = finding.fix;
    if (!fix) continue;
    if (fix.edits.some((e) => taken.some((t) => t.uri === e.uri && overlaps(t, e)))) continue;
    chosen.push(fix);
    taken.push(...fix.edits);
  }
  return chosen;
}

function overlaps(a: TextEdit, b: TextEdit): boolean {
  // Two insertions at one point would interleave unpredictably: touching counts as overlapping.
  return rangesMeet(a.range, b.range);
}

/** New texts per file after applying fixes; files without edits are absent. */
export function applyFixes(texts: ReadonlyMap<string, string>, fixes: readonly CodeFix[]): Map<string, string> {
  const byFile = new Map<string, TextEdit[]>();
  for (const edit of fixes.flatMap((f) => f.edits)) byFile.set(edit.uri, [...(byFile.get(edit.uri) ?? []), edit]);
  const out = new Map<string, string>();
  for (const [uri, edits] of byFile) {
    const text = texts.get(uri);
    if (text === undefined) continue;
    const next = applyTextEdits(text, edits);
    if (next !== text) out.set(uri, next);
  }
  return out;
}
