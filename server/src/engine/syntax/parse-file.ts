/**
 * Picks the parser for a file by its name: Terraform JSON for `.tf.json` / `.tfvars.json`,
 * HCL for everything else. Callers never need to know which parser ran.
 */
import type { Parser } from 'web-tree-sitter';
import { parseHcl } from './parse-hcl.js';
import { parseTerraformJson } from './parse-json.js';
import type { SyntaxFile } from './syntax-tree.js';

/** What the host hands the engine for parsing (DESIGN.md §2: I/O and wasm loading live in host/). */
export interface Parsers {
  hcl: Parser;
}

/** Whether a file name is Terraform JSON. */
export function isJsonFileName(uri: string): boolean {
  return /\.(tf|tfvars)\.json$/i.test(uri);
}

/** Parses one file into the syntax model. */
export function parseFile(uri: string, text: string, parsers: Parsers): SyntaxFile {
  if (isJsonFileName(uri)) return parseTerraformJson(uri, text, parsers.hcl);
  const { file, tree } = parseHcl(uri, text, parsers.hcl);
  tree.delete();
  return file;
}
