/**
 * Expected findings written in fixtures (STYLE.md §4): a comment line `# ^^^ <severity> <messageId>`
 * marks the columns of the line above it; `# @ L:C-L:C <severity> <messageId>` (1-based) marks
 * any range, for multi-line or empty ones. `related` in place of the severity marks the other
 * side of a finding with that message id (its related information), in any file of the case.
 * Annotation lines are removed before analysis.
 */
import type { Finding } from '../../server/src/engine/analyze/findings.js';
import type { Range } from '../../server/src/engine/text/positions.js';

export interface Expectation {
  range: Range;
  severity: string;
  messageId: string;
}

const CARETS = /^(\s*)#(\s*)(\^+)\s+(error|warning|info|related)\s+(\S+)\s*$/;
const EXPLICIT = /^\s*#\s*@\s*(\d+):(\d+)-(\d+):(\d+)\s+(error|warning|info|related)\s+(\S+)\s*$/;

/**
 * Strips annotations; returns the clean text and what it expects, in clean-text positions:
 * findings in `expected`, other sides of findings in `related` (severity `related`).
 */
export function readAnnotations(annotated: string): { text: string; expected: Expectation[]; related: Expectation[] } {
  const out: string[] = [];
  const all: Expectation[] = [];
  for (const line of annotated.split('\n')) {
    const caret = CARETS.exec(line);
    if (caret) {
      const target = out.length - 1;
      const start = line.indexOf('^');
      all.push({
        range: { start: { line: target, character: start }, end: { line: target, character: start + caret[3].length } },
        severity: caret[4],
        messageId: caret[5],
      });
      continue;
    }
    const explicit = EXPLICIT.exec(line);
    if (explicit) {
      const [, sl, sc, el, ec, severity, messageId] = explicit;
      all.push({
        range: { start: { line: Number(sl) - 1, character: Number(sc) - 1 }, end: { line: Number(el) - 1, character: Number(ec) - 1 } },
        severity,
        messageId,
      });
      continue;
    }
    out.push(line);
  }
  return { text: out.join('\n'), expected: all.filter((e) => e.severity !== 'related'), related: all.filter((e) => e.severity === 'related') };
}

/** The related locations of findings, as `related` expectations of one file, sorted and without repeats. */
export function relatedExpectations(findings: readonly Finding[], uri: string): Expectation[] {
  const list = findings.flatMap((f) => f.related.filter((r) => r.uri === uri).map((r) => ({ range: r.range, severity: 'related', messageId: f.messageId })));
  const unique = [...new Map(list.map((e) => [JSON.stringify(e), e])).values()];
  return sortExpectations(unique);
}

/** The same, from annotations (a location may be annotated once for several findings). */
export function uniqueExpectations(list: Expectation[]): Expectation[] {
  return sortExpectations([...new Map(list.map((e) => [JSON.stringify(e), e])).values()]);
}

/** Findings of one file as expectations, sorted, for deepEqual. */
export function asExpectations(findings: readonly Finding[]): Expectation[] {
  return sortExpectations(findings.map((f) => ({ range: f.range, severity: f.severity, messageId: f.messageId })));
}

export function sortExpectations(list: Expectation[]): Expectation[] {
  const key = (e: Expectation) =>
    [e.range.start.line, e.range.start.character, e.range.end.line, e.range.end.character].map((n) => String(n).padStart(6, '0')).join(':') + e.messageId;
  return [...list].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** The clean text re-annotated with actual findings (and related locations), printed when a fixture fails. */
export function annotate(text: string, findings: readonly Finding[], related: readonly Expectation[] = []): string {
  const lines = text.split('\n');
  const extra = new Map<number, string[]>();
  const marks = [...findings.map((f) => ({ range: f.range, severity: f.severity as string, messageId: f.messageId })), ...related];
  for (const f of marks) {
    const { start, end } = f.range;
    const note =
      start.line === end.line && end.character > start.character && start.character >= 2
        ? `${' '.repeat(start.character - 2)}# ${'^'.repeat(end.character - start.character)} ${f.severity} ${f.messageId}`
        : `# @ ${start.line + 1}:${start.character + 1}-${end.line + 1}:${end.character + 1} ${f.severity} ${f.messageId}`;
    extra.set(start.line, [...(extra.get(start.line) ?? []), note]);
  }
  return lines.flatMap((line, i) => [line, ...(extra.get(i) ?? [])]).join('\n');
}
