/**
 * The one place that runs tree-sitter on HCL text: with the lexer shown what it needs to stay
 * linear (lexer-ranges.ts) and under a time budget, so that no input holds a run or the
 * language server for long.
 */
import type { Parser, Tree } from 'web-tree-sitter';
import { lexerRanges } from './lexer-ranges.js';
import { parseTooSlow, type ParseLimits } from './parse-limits.js';
import type { NotAnalysed } from './syntax-tree.js';

/**
 * Parses `text`, reusing `oldTree` (already `edit`ed to match it) where it can. Returns the tree,
 * or why there is none: tree-sitter was cancelled when the budget ran out.
 */
export function parseHclTree(
  parser: Parser,
  text: string,
  oldTree: Tree | undefined,
  limits: ParseLimits,
  /** When the budget runs out (`performance.now()` time): a Terraform JSON file shares one among its templates. */
  deadline = performance.now() + limits.parseMs,
): Tree | NotAnalysed {
  // tree-sitter asks every 100 parse operations; a clock read is cheap next to those.
  const tree = parser.parse(text, oldTree ?? null, { includedRanges: lexerRanges(text), progressCallback: () => performance.now() > deadline });
  if (tree) return tree;
  // A cancelled parser resumes where it stopped on its next call unless it is reset.
  parser.reset();
  return parseTooSlow(limits);
}

/** Whether a parse result is a tree. */
export function isTree(result: Tree | NotAnalysed): result is Tree {
  return !('limit' in result);
}
