/**
 * The worker side of the pool: loads the parsers once, then checks the modules it is sent. A
 * module that throws is answered with the failure, and the worker carries on with the next.
 */
import { parentPort } from 'node:worker_threads';
import { loadParsers } from '../host/load-parsers.js';
import { checkModule, type ModuleTask } from './check-module.js';
import { describeFailure } from './module-failure.js';
import { UsageError } from './parse-args.js';
import type { WorkerReply } from './worker-pool.js';

export function serveModuleTasks(): void {
  const port = parentPort;
  if (!port) return;
  port.on('message', async ({ index, task }: { index: number; task: ModuleTask }) => {
    let reply: WorkerReply;
    try {
      reply = { index, outcome: await checkModule(task, await loadParsers()) };
    } catch (error) {
      reply = error instanceof UsageError ? { index, usageError: error.message } : { index, failure: describeFailure(error) };
    }
    try {
      port.postMessage(reply);
    } catch (error) {
      port.postMessage({ index, failure: describeFailure(error) } satisfies WorkerReply);
    }
  });
}
