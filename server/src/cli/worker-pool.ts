/**
 * Checks modules on several cores: a directory tree of many modules is parsed in worker threads
 * (tree-sitter parsing is most of the CLI's time, and a module is independent of the others).
 * Results come back in task order, so the output is the same as a sequential run.
 */
import { Worker } from 'node:worker_threads';
import type { ModuleOutcome, ModuleTask } from './check-module.js';

type Reply = { index: number; outcome?: ModuleOutcome; usageError?: string; error?: string };

/** Marks the worker threads this pool starts, for main.ts. */
export const WORKER_MARKER = 'aks-netlint-module-worker';

/** Runs the tasks on `threads` workers started from `script`; rejects on the first failure. */
export function checkModulesInWorkers(tasks: ModuleTask[], script: string, threads: number): Promise<ModuleOutcome[]> {
  return new Promise((resolvePool, rejectPool) => {
    const outcomes: ModuleOutcome[] = new Array(tasks.length);
    const workers: Worker[] = [];
    let next = 0;
    let done = 0;
    let failed = false;
    // Workers this pool stopped itself: their exit (code 1 after terminate) is not a failure.
    const retired = new Set<Worker>();
    const retire = (worker: Worker) => {
      retired.add(worker);
      void worker.terminate();
    };
    const fail = (error: Error) => {
      if (failed) return;
      failed = true;
      for (const worker of workers) retire(worker);
      rejectPool(error);
    };
    const feed = (worker: Worker) => {
      if (next < tasks.length) worker.postMessage({ index: next, task: tasks[next++] });
      else retire(worker);
    };
    for (let i = 0; i < Math.min(threads, tasks.length); i++) {
      const worker = new Worker(script, { workerData: WORKER_MARKER });
      workers.push(worker);
      worker.on('message', (reply: Reply) => {
        if (reply.usageError !== undefined) return fail(Object.assign(new Error(reply.usageError), { usage: true }));
        if (reply.error !== undefined || !reply.outcome) return fail(new Error(reply.error ?? 'a worker returned nothing'));
        outcomes[reply.index] = reply.outcome;
        if (++done === tasks.length) {
          for (const w of workers) retire(w);
          resolvePool(outcomes);
        } else feed(worker);
      });
      worker.on('error', fail);
      worker.on('exit', (code) => {
        if (!retired.has(worker)) fail(new Error(`a worker stopped unexpectedly (exit code ${code})`));
      });
      feed(worker);
    }
  });
}
