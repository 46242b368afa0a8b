/**
 * Inline suppressions: `# aks-netlint-ignore <rule-id>[,<rule-id>...] -- <reason>` on the line
 * above a block or attribute (or at the end of its first line) silences those rules inside it.
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
}

/**
 * What the "Ignore <rule> here" quick-fix writes for the reason: it still counts as no reason, so
 * the directive stays flagged until the user explains it.
 */
export const REASON_PLACEHOLDER = '<reason>';

const DIRECTIVE = /^(?:#|\/\/)\s*aks-netlint-ignore\b(.*)$/;

/** The suppression directives of one file. */
export function parseSuppressions(file: SyntaxFile): Suppression[] {
  const out: Suppression[] = [];
  for (const comment of file.comments) {
    const match = DIRECTIVE.exec(comment.text.trim());
    if (!match) continue;
    const rest = match[1];
    const separator = rest.indexOf('--');
    const idsText = separator >= 0 ? rest.slice(0, separator) : rest;
    const written = separator >= 0 ? rest.slice(separator + 2).trim() : undefined;
    const reason = written === REASON_PLACEHOLDER ? undefined : written;
    const idsStart = comment.range.start.character + comment.text.indexOf(rest);
    const ruleIds: Suppression['ruleIds'] = [];
    for (const m of idsText.matchAll(/[^\s,]+/g)) {
      const start = idsStart + m.index!;
      ruleIds.push({ id: m[0], range: { start: { line: comment.range.start.line, character: start }, end: { line: comment.range.start.line, character: start + m[0].length } } });
    }
    out.push({ uri: file.uri, ruleIds, reason: reason || undefined, range: comment.range, target: findTarget(file, comment.range) });
  }
  return out;
}

/** Whether a finding lies inside a suppression for its rule. */
export function isSuppressed(finding: Finding, suppressions: readonly Suppression[]): boolean {
  return suppressions.some(
    (s) =>
      s.uri === finding.uri &&
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

