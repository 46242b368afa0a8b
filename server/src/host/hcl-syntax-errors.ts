/**
 * HashiCorp's own HCL syntax errors for a file tree-sitter found broken, from a child process that
 * exits when idle: loading hcl2json's Go runtime adds tens of MB to a process for good, and a
 * parse on the main thread would delay the keystrokes behind it.
 */
import { join } from 'node:path';
import type { HclError } from '../engine/syntax/syntax-tree.js';
import { Hcl2JsonProcess } from './hcl2json-process.js';

// Bundled, this code runs from dist/server.js or dist/cli.js and the worker is dist/hcl2json-worker.js
// beside it. From source (the in-process tests) it is the worker's own .ts, so that tests exercise
// the source rather than a build that may be stale.
const WORKER_PATH = join(__dirname, __filename.endsWith('.ts') ? 'hcl2json-worker.ts' : 'hcl2json-worker.js');

let worker: Hcl2JsonProcess | undefined;

/** The syntax errors HCL reports for one file (empty when it parses, or when hcl2json failed). */
export function hclSyntaxErrors(text: string): Promise<HclError[]> {
  worker ??= new Hcl2JsonProcess({ workerPath: WORKER_PATH });
  return worker.syntaxErrors(text);
}
