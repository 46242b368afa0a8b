/**
 * What parsing one file may cost. Parsing is linear in the file's size for every input we know
 * of; these limits are the safety net for the ones we do not (tree-sitter's error recovery on
 * some garbage is quadratic, and deep nesting would exhaust the JavaScript stack of every later
 * step). A file past a limit is not analysed: its syntax is empty and one finding
 * (`file-not-analysed`) names the limit, while every other file is still checked.
 */
import { LineIndex } from '../text/positions.js';
import type { NotAnalysed, SyntaxFile } from './syntax-tree.js';

export interface ParseLimits {
  /** Wall-clock time tree-sitter may spend on one file, in milliseconds. */
  parseMs: number;
  /** How deep blocks, expressions and JSON values may nest. */
  nesting: number;
}

/**
 * Real configurations nest a few dozen levels at most; 256 keeps the converter and the
 * recursive evaluator far from the stack's end. Ten seconds is several times what the largest
 * file aks-netlint reads (5 MB) takes to parse.
 */
export const DEFAULT_PARSE_LIMITS: ParseLimits = { parseMs: 10_000, nesting: 256 };

/** The reason a file over the nesting limit was not analysed. */
export function nestingTooDeep(limits: ParseLimits): NotAnalysed {
  return { limit: 'nesting', reason: `its blocks and expressions nest deeper than ${limits.nesting} levels, the most aks-netlint follows` };
}

/** The reason a file whose parse was cut off was not analysed. */
export function parseTooSlow(limits: ParseLimits): NotAnalysed {
  return { limit: 'parse-time', reason: `parsing it took longer than ${formatSeconds(limits.parseMs)}, the most aks-netlint spends on one file` };
}

function formatSeconds(ms: number): string {
  return ms >= 1000 && ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

/** The syntax of a file that was not analysed: no blocks, no problems, one reason. */
export function notAnalysedFile(uri: string, text: string, format: SyntaxFile['format'], notAnalysed: NotAnalysed): SyntaxFile {
  const lines = new LineIndex(text);
  const range = lines.rangeOf(0, text.length);
  return { uri, text, format, lines, body: { attributes: [], blocks: [], range }, problems: [], comments: [], notAnalysed };
}

/** Thrown by a converter that ran into a limit (nesting, or a template's parse); parseFile turns it into a reason. */
export class FileLimitError extends Error {
  constructor(readonly notAnalysed: NotAnalysed) {
    super(notAnalysed.reason);
  }
}
