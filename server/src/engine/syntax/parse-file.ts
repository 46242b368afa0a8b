/**
 * Picks the parser for a file by its name: Terraform JSON for `.tf.json` / `.tfvars.json`,
 * HCL for everything else. Callers never need to know which parser ran.
 */
import type { Parser } from 'web-tree-sitter';
import { parseHcl } from './parse-hcl.js';
import { parseTerraformJson } from './parse-json.js';
import { DEFAULT_PARSE_LIMITS, type ParseLimits } from './parse-limits.js';
import type { SyntaxFile } from './syntax-tree.js';

/** What the host hands the engine for parsing (DESIGN.md §2: I/O and wasm loading live in host/). */
export interface Parsers {
  hcl: Parser;
}

/** Whether a file name is Terraform JSON. */
export function isJsonFileName(uri: string): boolean {
  return /\.(tf|tfvars)\.json$/i.test(uri);
}

/**
 * Parses one file into the syntax model. A file past one of the limits on what a file may cost
 * comes back empty, with `notAnalysed` saying which.
 */
export function parseFile(uri: string, text: string, parsers: Parsers, limits: ParseLimits = DEFAULT_PARSE_LIMITS): SyntaxFile {
  if (isJsonFileName(uri)) return parseTerraformJson(uri, text, parsers.hcl, limits);
  const { file, tree } = parseHcl(uri, text, parsers.hcl, undefined, limits);
  tree?.delete();
  return file;
}
