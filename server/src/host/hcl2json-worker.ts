/**
 * The hcl2json worker thread (bundled as dist/hcl2json-worker.js): answers each text it is sent
 * with HashiCorp's syntax errors for it. A thread of its own lets the Go runtime's memory leave the
 * process when hcl-syntax-errors.ts stops it, and keeps parses off the language server's main
 * thread. A failed load or parse is left to crash the thread: the main side answers "no HCL
 * errors" and starts a new one.
 */
import { parentPort } from 'node:worker_threads';
import type { HclError } from '../engine/rules/define-rule.js';
import { parseWithHcl2Json } from './hcl2json-parse.js';

export interface Hcl2JsonRequest {
  id: number;
  text: string;
}

export interface Hcl2JsonReply {
  id: number;
  errors: HclError[];
}

parentPort?.on('message', async ({ id, text }: Hcl2JsonRequest) => {
  const reply: Hcl2JsonReply = { id, errors: await parseWithHcl2Json(text) };
  parentPort?.postMessage(reply);
});
