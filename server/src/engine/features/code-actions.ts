/**
 * The code actions an editor offers for findings: a finding's safe fix (preferred), each of its
 * suggestions (the title says when the cluster would be replaced), "Ignore <rule> here", and one
 * fix-all action per file that applies every safe fix (for `editor.codeActionsOnSave`).
 * Computed from the request (range, diagnostics) and the current analysis; nothing is remembered.
 */
import { chooseSafeFixes } from '../analyze/apply-fixes.js';
import type { CodeFix, Finding, TextEdit } from '../analyze/findings.js';
import { REASON_PLACEHOLDER } from '../analyze/suppressions.js';
import type { SyntaxBody, SyntaxFile } from '../syntax/syntax-tree.js';
import { lineEndingOf } from '../text/line-endings.js';
import { containsRange, rangesMeet, type Range } from '../text/positions.js';

export const FIX_ALL_KIND = 'source.fixAll.aksNetlint';

export interface EngineCodeAction {
  title: string;
  kind: 'quickfix' | typeof FIX_ALL_KIND;
  edits: TextEdit[];
  isPreferred?: boolean;
  /** The finding the action resolves (none for fix-all). */
  finding?: Finding;
}

/** Quick-fixes for the findings of `file` that touch `range`. */
export function quickFixes(findings: readonly Finding[], file: SyntaxFile | undefined, range: Range): EngineCodeAction[] {
  const actions: EngineCodeAction[] = [];
  for (const finding of findings.filter((f) => rangesMeet(f.range, range))) {
    if (finding.fix) actions.push({ title: finding.fix.title, kind: 'quickfix', isPreferred: true, edits: finding.fix.edits, finding });
    for (const suggestion of finding.suggestions) actions.push({ title: suggestionTitle(suggestion), kind: 'quickfix', edits: suggestion.edits, finding });
  }
  // "Ignore" actions after every real fix, one per rule and place.
  const seen = new Set<string>();
  for (const finding of findings.filter((f) => rangesMeet(f.range, range))) {
    const action = file ? ignoreAction(finding, file) : undefined;
    const key = action && `${finding.ruleId}|${JSON.stringify(action.edits[0].range)}`;
    if (!action || seen.has(key!)) continue;
    seen.add(key!);
    actions.push(action);
  }
  return actions;
}

/** Every safe fix of the file's findings that can be applied together; none when there is nothing to fix. */
export function fixAllAction(findings: readonly Finding[]): EngineCodeAction | undefined {
  const fixes = chooseSafeFixes(findings);
  if (fixes.length === 0) return undefined;
  return { title: 'Fix all safe aks-netlint problems', kind: FIX_ALL_KIND, edits: fixes.flatMap((f) => f.edits) };
}

/** Inserts `# aks-netlint-ignore <rule> -- <reason>` above the attribute or block holding the finding. */
export function ignoreAction(finding: Finding, file: SyntaxFile): EngineCodeAction | undefined {
  if (file.format !== 'hcl') return undefined; // Terraform JSON has no comments
  const target = innermostTarget(file.body, finding.range);
  if (!target) return undefined;
  const line = target.start.line;
  const lineText = file.lines.lineText(line);
  const indent = /^[ \t]*/.exec(lineText)![0];
  // The directive must stand on its own line: the target must start the line.
  if (lineText.slice(indent.length, target.start.character).trim() !== '') return undefined;
  const eol = lineEndingOf(file.text);
  const at = { line, character: 0 };
  return {
    title: `Ignore ${finding.ruleId} here`,
    kind: 'quickfix',
    edits: [{ uri: finding.uri, range: { start: at, end: at }, newText: `${indent}# aks-netlint-ignore ${finding.ruleId} -- ${REASON_PLACEHOLDER}${eol}` }],
    finding,
  };
}

function suggestionTitle(suggestion: CodeFix): string {
  if (!suggestion.replacesCluster || /replace/i.test(suggestion.title)) return suggestion.title;
  return `${suggestion.title} (forces a new cluster)`;
}

/** The range of the innermost attribute or block that holds `range`. */
function innermostTarget(body: SyntaxBody, range: Range): Range | undefined {
  for (const attribute of body.attributes) if (containsRange(attribute.range, range)) return attribute.range;
  for (const block of body.blocks) {
    if (!containsRange(block.range, range)) continue;
    return innermostTarget(block.body, range) ?? block.range;
  }
  return undefined;
}
