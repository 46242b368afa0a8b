/**
 * A tree-sitter runtime of its own: a fresh copy of web-tree-sitter's JavaScript with its own
 * WebAssembly memory, and the Terraform grammar loaded into it.
 *
 * WebAssembly memory only ever grows. One parse of a badly broken buffer (an unclosed quote in a
 * large file, a paste in the middle of a block) can take tens of MB of it, and the runtime keeps
 * them for good: after a random-edit session the language server held 40 to 250 MB of tree-sitter
 * memory that nothing used. The only way to give it back is to drop the whole runtime, so the
 * server replaces a runtime that grew with a fresh one while the user is idle
 * (lsp/parser-renewal.ts), and garbage collection frees the old one with its memory.
 *
 * web-tree-sitter keeps its instance in module state (`Parser.init` runs once per module), so a
 * fresh instance needs a fresh evaluation of the module: it is required again with Node's module
 * cache entry removed. Every class of one runtime (Parser, Language, Tree, Query) works only on
 * its own memory, so the grammar's Query class is registered with the language for parse-hcl.ts.
 */
import { createRequire } from 'node:module';
import type * as WebTreeSitter from 'web-tree-sitter';
import type { Parsers } from '../engine/syntax/parse-file.js';
import { registerQueryClass } from '../engine/syntax/parse-hcl.js';

/** web-tree-sitter's own initial memory (its INITIAL_MEMORY): the module's data and stack need it. */
const INITIAL_PAGES = 512;
/** Its own maximum, 2 GB in 64 KB pages. */
const MAXIMUM_PAGES = 32768;

export interface TreeSitterRuntime {
  parsers: Parsers;
  /** Bytes of WebAssembly memory the runtime holds (it never shrinks). */
  readonly memoryBytes: number;
  /** Deletes the parser. The runtime is collected once no tree or parser of it is referenced. */
  dispose(): void;
}

/** Bytes a runtime holds right after it started: what a renewal can get back to. */
export const INITIAL_RUNTIME_BYTES = INITIAL_PAGES * 65536;

/** Loads a runtime that shares no memory with any other. */
export async function startTreeSitterRuntime(): Promise<TreeSitterRuntime> {
  const require = createRequire(__filename);
  const treeSitter = requireFresh(require, 'web-tree-sitter') as typeof WebTreeSitter;
  const memory = new WebAssembly.Memory({ initial: INITIAL_PAGES, maximum: MAXIMUM_PAGES });
  await treeSitter.Parser.init({ wasmMemory: memory });
  const language = await treeSitter.Language.load(require.resolve('@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm'));
  registerQueryClass(language, treeSitter.Query);
  const hcl = new treeSitter.Parser();
  hcl.setLanguage(language);
  return {
    parsers: { hcl },
    get memoryBytes() {
      return memory.buffer.byteLength;
    },
    dispose: () => hcl.delete(),
  };
}

/** A new evaluation of a module, leaving Node's cache as it was for everyone else. */
function requireFresh(require: NodeJS.Require, id: string): unknown {
  const path = require.resolve(id);
  const cached = require.cache[path];
  delete require.cache[path];
  try {
    return require(path);
  } finally {
    if (cached) require.cache[path] = cached;
    else delete require.cache[path];
  }
}
