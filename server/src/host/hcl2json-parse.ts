/**
 * HashiCorp's own HCL syntax errors, through @cdktf/hcl2json (HCL compiled from Go to
 * WebAssembly), in the calling process. It reports only "parse config: [file:L,C-L,C: Summary;
 * Detail, ...]" text and stops at the first bad construct. Only the hcl2json child process calls
 * this: the Go runtime keeps its memory for good once loaded (hcl-syntax-errors.ts).
 */
import type { HclError } from '../engine/syntax/syntax-tree.js';

type Hcl2Json = { parse(fileName: string, contents: string): Promise<unknown> };
let hcl2json: Hcl2Json | undefined;

/** A stand-in file name: hcl2json prefixes every error with it, so it must be easy to find. */
const NAME = 'aks-netlint-input.tf';

/** The syntax errors HCL reports for one file (empty when it parses). */
export async function parseWithHcl2Json(text: string): Promise<HclError[]> {
  hcl2json ??= (await import('@cdktf/hcl2json')) as Hcl2Json;
  try {
    await hcl2json.parse(NAME, text);
    return [];
  } catch (error) {
    return parseHclErrorMessage(error instanceof Error ? error.message : String(error));
  }
}

/** Splits hcl2json's message into errors with 1-based positions (columns in characters). */
export function parseHclErrorMessage(message: string): HclError[] {
  const pattern = new RegExp(`${NAME.replace(/\./g, '\\.')}:(\\d+),(\\d+)-(?:(\\d+),)?(\\d+): `, 'g');
  const matches = [...message.matchAll(pattern)];
  if (matches.length === 0) {
    const text = message.replace(/^parse config: \[?/, '').replace(/\]$/, '').trim();
    return text ? [{ message: text, start: { line: 1, column: 1 }, end: { line: 1, column: 1 } }] : [];
  }
  return matches.map((match, i) => {
    const bodyEnd = i + 1 < matches.length ? matches[i + 1].index : message.length;
    const body = message
      .slice(match.index! + match[0].length, bodyEnd)
      .trim()
      .replace(/\]$/, '')
      .trim();
    const startLine = Number(match[1]);
    return {
      message: body,
      start: { line: startLine, column: Number(match[2]) },
      end: { line: match[3] ? Number(match[3]) : startLine, column: Number(match[4]) },
    };
  });
}
