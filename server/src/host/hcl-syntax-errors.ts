/**
 * HashiCorp's own HCL syntax errors for a file tree-sitter found broken, from a worker thread that
 * stops when idle: loading hcl2json's Go runtime adds tens of MB to a process for good, and a
 * parse on the main thread would delay the keystrokes behind it.
 */
import { join } from 'node:path';
import type { HclError } from '../engine/rules/define-rule.js';
import { Hcl2JsonThread } from './hcl2json-thread.js';

// Bundled, this code runs from dist/server.js or dist/cli.js and the worker is dist/hcl2json-worker.js
// beside it. From source (the in-process tests) it is the worker's own .ts, so that tests exercise
// the source rather than a build that may be stale.
const WORKER_PATH = join(__dirname, __filename.endsWith('.ts') ? 'hcl2json-worker.ts' : 'hcl2json-worker.js');

let thread: Hcl2JsonThread | undefined;

/** The syntax errors HCL reports for one file (empty when it parses, or when hcl2json failed). */
export function hclSyntaxErrors(text: string): Promise<HclError[]> {
  thread ??= new Hcl2JsonThread({ workerPath: WORKER_PATH });
  return thread.syntaxErrors(text);
}
