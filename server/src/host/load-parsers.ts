/**
 * Loads the tree-sitter runtime and the Terraform grammar (both wasm) once per process, for both
 * adapters. The grammar package ships `tree-sitter-terraform.wasm`, HCL plus Terraform's
 * conventions; it reads .tfvars and .terraform.lock.hcl as well.
 */
import { createRequire } from 'node:module';
import { Language, Parser } from 'web-tree-sitter';
import type { Parsers } from '../engine/syntax/parse-file.js';

let loading: Promise<Parsers> | undefined;

/** The process-wide parsers, loaded on first use. */
export function loadParsers(): Promise<Parsers> {
  loading ??= (async () => {
    const require = createRequire(__filename);
    await Parser.init();
    const language = await Language.load(require.resolve('@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm'));
    const hcl = new Parser();
    hcl.setLanguage(language);
    return { hcl };
  })();
  return loading;
}
