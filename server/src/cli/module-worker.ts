/**
 * The worker side of the pool: loads the parsers once, then checks the modules it is sent.
 */
import { parentPort } from 'node:worker_threads';
import { loadParsers } from '../host/load-parsers.js';
import { checkModule, type ModuleTask } from './check-module.js';
import { UsageError } from './parse-args.js';

export function serveModuleTasks(): void {
  const port = parentPort;
  if (!port) return;
  port.on('message', async ({ index, task }: { index: number; task: ModuleTask }) => {
    try {
      const outcome = await checkModule(task, await loadParsers());
      port.postMessage({ index, outcome });
    } catch (error) {
      if (error instanceof UsageError) port.postMessage({ index, usageError: error.message });
      else port.postMessage({ index, error: error instanceof Error ? error.message : String(error) });
    }
  });
}
