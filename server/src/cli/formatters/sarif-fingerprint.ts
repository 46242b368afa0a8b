/**
 * SARIF `partialFingerprints` that survive commits which do not touch the finding, so code
 * scanning keeps one alert open across them instead of closing and reopening it: a hash of the
 * rule id, the file's relative path and the source lines of the finding's range with whitespace
 * collapsed (not their numbers, which move when lines are added above; not the message, whose
 * wording a new aks-netlint version may change). Equal hashes in one file get `:2`, `:3`... in
 * order, as GitHub's own primaryLocationLineHash does.
 */
import { createHash } from 'node:crypto';
import type { Finding } from '../../engine/analyze/findings.js';

/** The key under which the fingerprint goes; bump its version if the recipe changes. */
export const FINGERPRINT_KEY = 'aksNetlint/v1';

/** The fingerprint of each finding, in order. `source` gives a file's text (undefined if unreadable). */
export function fingerprints(findings: readonly Finding[], path: (uri: string) => string, source: (uri: string) => string | undefined): string[] {
  const seen = new Map<string, number>();
  return findings.map((f) => {
    const text = source(f.uri);
    // Unreadable (gone since the check): the message stands in for the lines.
    // A range ending at a line's start does not cover that line.
    const last = f.range.end.character === 0 && f.range.end.line > f.range.start.line ? f.range.end.line - 1 : f.range.end.line;
    const context = text === undefined ? f.message : text.split(/\r?\n/).slice(f.range.start.line, last + 1).join('\n').replace(/\s+/g, ' ').trim();
    const hash = createHash('sha256').update(`${f.ruleId}\0${path(f.uri)}\0${context}`).digest('hex').slice(0, 32);
    const count = (seen.get(hash) ?? 0) + 1;
    seen.set(hash, count);
    return `${hash}:${count}`;
  });
}
