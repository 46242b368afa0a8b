/**
 * Inline suppressions: `# aks-netlint-ignore <rule-id>[,<rule-id>...] -- <reason>` on the line
 * above a block or attribute (or at the end of its first line) silences those rules inside it.
 * A reason may end with an expiry, `(until 2027-03-31)`, as tfsec's `:exp:`: through that day the
 * comment suppresses, after it not (suppression-expired says so). The engine has no clock: the
 * adapters pass today's date (AnalysisSettings.today); without it nothing expires.
 */
import type { SyntaxBody, SyntaxFile } from '../syntax/syntax-tree.js';
import { containsRange, type Range } from '../text/positions.js';
import type { Finding } from './findings.js';

export interface Suppression {
  uri: string;
  ruleIds: { id: string; range: Range }[];
  reason?: string;
  /** The directive comment. */
  range: Range;
  /** The block or attribute it applies to; undefined when nothing follows it. */
  target?: Range;
  /** `(until YYYY-MM-DD)` at the end of the reason: the date as written, whether it is a real date, and where. */
  until?: { date: string; valid: boolean; range: Range };
}

/**
 * What the "Ignore <rule> here" quick-fix writes for the reason: it still counts as no reason, so
 * the directive stays flagged until the user explains it.
 */
export const REASON_PLACEHOLDER = '<reason>';

const DIRECTIVE = /^(?:#|\/\/)\s*aks-netlint-ignore\b(.*)$/;
/**
 * The expiry at the end of a reason. Anything starting with a digit is meant as a date, and one
 * not written YYYY-MM-DD is reported; "(until the migration)" is words of the reason.
 */
const UNTIL = /\(\s*until\s+(\d[^()]*?)\s*\)\s*$/i;

/** The suppression directives of one file. */
export function parseSuppressions(file: SyntaxFile): Suppression[] {
  const out: Suppression[] = [];
  for (const comment of file.comments) {
    const match = DIRECTIVE.exec(comment.text.trim());
    if (!match) continue;
    const rest = match[1];
    const separator = rest.indexOf('--');
    const idsText = separator >= 0 ? rest.slice(0, separator) : rest;
    let written = separator >= 0 ? rest.slice(separator + 2).trim() : undefined;
    let until: Suppression['until'];
    const expiry = written === undefined ? null : UNTIL.exec(written);
    if (written !== undefined && expiry) {
      const line = comment.range.start.line;
      const start = comment.range.start.character + comment.text.lastIndexOf(expiry[0].trimEnd());
      until = { date: expiry[1], valid: isCalendarDate(expiry[1]), range: { start: { line, character: start }, end: { line, character: start + expiry[0].trimEnd().length } } };
      written = written.slice(0, expiry.index).trim();
    }
    const reason = written === REASON_PLACEHOLDER ? undefined : written;
    const idsStart = comment.range.start.character + comment.text.indexOf(rest);
    const ruleIds: Suppression['ruleIds'] = [];
    for (const m of idsText.matchAll(/[^\s,]+/g)) {
      const start = idsStart + m.index!;
      ruleIds.push({ id: m[0], range: { start: { line: comment.range.start.line, character: start }, end: { line: comment.range.start.line, character: start + m[0].length } } });
    }
    out.push({ uri: file.uri, ruleIds, reason: reason || undefined, range: comment.range, target: findTarget(file, comment.range), ...(until ? { until } : {}) });
  }
  return out;
}

/**
 * Whether a suppression has expired on `today` (YYYY-MM-DD): the day after its date. Dates in that
 * form compare as strings. An invalid date never expires (it is reported instead).
 */
export function hasExpired(suppression: Suppression, today: string | undefined): boolean {
  return today !== undefined && suppression.until?.valid === true && suppression.until.date < today;
}

/** Whether a finding lies inside a suppression for its rule that has not expired on `today`. */
export function isSuppressed(finding: Finding, suppressions: readonly Suppression[], today?: string): boolean {
  return suppressions.some(
    (s) =>
      s.uri === finding.uri &&
      !hasExpired(s, today) &&
      s.target !== undefined &&
      s.ruleIds.some((r) => r.id === finding.ruleId) &&
      containsRange(s.target, finding.range),
  );
}

function findTarget(file: SyntaxFile, comment: Range): Range | undefined {
  const { lines } = file;
  const before = lines.lineText(comment.start.line).slice(0, comment.start.character);
  let line = comment.start.line;
  if (before.trim() === '') {
    // The next line holding code, skipping blank lines and other comments.
    line++;
    while (line < lines.lineCount) {
      const text = lines.lineText(line).trim();
      if (text !== '' && !text.startsWith('#') && !text.startsWith('//')) break;
      line++;
    }
  }
  return smallestStartingOn(file.body, line);
}

function smallestStartingOn(body: SyntaxBody, line: number): Range | undefined {
  for (const attribute of body.attributes) if (attribute.range.start.line === line) return attribute.range;
  for (const block of body.blocks) {
    if (block.range.start.line === line) return block.range;
    if (block.range.start.line < line && line <= block.range.end.line) return smallestStartingOn(block.body, line) ?? undefined;
  }
  return undefined;
}


/** Whether `text` is a real day written YYYY-MM-DD (not 2027-02-30). */
function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
