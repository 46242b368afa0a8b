/**
 * The hcl2json child process (bundled as dist/hcl2json-worker.js, forked by hcl2json-process.ts):
 * answers each text it is sent with HashiCorp's syntax errors for it. A process of its own gives
 * all of the Go runtime's memory back to the system when it exits, and keeps parses off the
 * language server's main thread. A failed load or parse is left to crash the process: the parent
 * answers "no HCL errors" and forks a new one.
 */
import type { HclError } from '../engine/syntax/syntax-tree.js';
import { parseWithHcl2Json } from './hcl2json-parse.js';

export interface Hcl2JsonRequest {
  id: number;
  text: string;
}

export interface Hcl2JsonReply {
  id: number;
  errors: HclError[];
}

// The parent closed the channel or died (the editor killed the server): leave no orphan behind.
process.on('disconnect', () => process.exit(0));

process.on('message', async ({ id, text }: Hcl2JsonRequest) => {
  const reply: Hcl2JsonReply = { id, errors: await parseWithHcl2Json(text) };
  process.send?.(reply);
});
