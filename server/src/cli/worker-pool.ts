/**
 * Checks modules on several cores: a directory tree of many modules is parsed in worker threads
 * (tree-sitter parsing is most of the CLI's time, and a module is independent of the others).
 * Results come back in task order, so the output is the same as a sequential run.
 *
 * A module whose check throws, or whose worker dies (an uncaught error, running out of memory,
 * an exit), becomes the outcome `onFailure` makes of it; a replacement worker takes over the rest.
 * Only a usage error (a file --fix cannot write) stops the pool: it hands out no more modules,
 * lets the modules in progress finish (a worker is never stopped in the middle of a write), and
 * rejects.
 */
import { Worker } from 'node:worker_threads';
import type { ModuleOutcome, ModuleTask } from './check-module.js';
import type { ModuleFailure } from './module-failure.js';

/** What a worker answers for the task it was sent. */
export type WorkerReply = { index: number; outcome?: ModuleOutcome; usageError?: string; failure?: ModuleFailure };

/** Marks the worker threads this pool starts, for main.ts. */
export const WORKER_MARKER = 'aks-netlint-module-worker';

interface PoolWorker {
  worker: Worker;
  /** The index of the task it is checking. */
  current?: number;
  /** Its uncaught error, reported just before it exits. */
  crash?: ModuleFailure;
  retired: boolean;
}

/** Runs the tasks on `threads` workers started from `script`. */
export function checkModulesInWorkers(
  tasks: ModuleTask[],
  script: string,
  threads: number,
  onFailure: (task: ModuleTask, failure: ModuleFailure) => ModuleOutcome,
): Promise<ModuleOutcome[]> {
  return new Promise((resolvePool, rejectPool) => {
    const outcomes: ModuleOutcome[] = new Array(tasks.length);
    const pool = new Set<PoolWorker>();
    let next = 0;
    let done = 0;
    let usageError: Error | undefined;
    let settled = false;

    const settle = () => {
      if (settled) return;
      const busy = [...pool].some((w) => w.current !== undefined);
      if (done < tasks.length && !(usageError && !busy)) return;
      settled = true;
      for (const w of pool) retire(w);
      if (usageError) rejectPool(usageError);
      else resolvePool(outcomes);
    };
    const retire = (w: PoolWorker) => {
      if (w.retired) return;
      w.retired = true;
      void w.worker.terminate();
    };
    const record = (index: number, outcome: ModuleOutcome) => {
      if (outcomes[index] !== undefined) return;
      outcomes[index] = outcome;
      done++;
    };
    const feed = (w: PoolWorker) => {
      if (usageError || next >= tasks.length) return retire(w);
      w.current = next++;
      w.worker.postMessage({ index: w.current, task: tasks[w.current] });
    };
    const start = () => {
      const w: PoolWorker = { worker: new Worker(script, { workerData: WORKER_MARKER }), retired: false };
      pool.add(w);
      w.worker.on('message', (reply: WorkerReply) => {
        w.current = undefined;
        if (reply.usageError !== undefined) usageError ??= Object.assign(new Error(reply.usageError), { usage: true });
        else if (reply.outcome) record(reply.index, reply.outcome);
        else record(reply.index, onFailure(tasks[reply.index], reply.failure ?? { message: 'a worker returned nothing' }));
        feed(w);
        settle();
      });
      w.worker.on('messageerror', (error) => {
        if (w.current === undefined) return;
        record(w.current, onFailure(tasks[w.current], { message: `its result could not be read (${error.message})` }));
        w.current = undefined;
        feed(w);
        settle();
      });
      w.worker.on('error', (error) => {
        w.crash = { message: error.message, stack: error.stack };
      });
      w.worker.on('exit', (code) => {
        pool.delete(w);
        if (w.retired) return settle();
        if (w.current !== undefined) {
          const failure = w.crash ?? { message: `the worker checking it stopped (exit code ${code})` };
          record(w.current, onFailure(tasks[w.current], failure));
          w.current = undefined;
        }
        if (!usageError && next < tasks.length && !settled) {
          try {
            start();
          } catch (error) {
            settled = true;
            for (const other of pool) retire(other);
            return rejectPool(error);
          }
        }
        settle();
      });
      feed(w);
    };
    for (let i = 0; i < Math.min(threads, tasks.length); i++) start();
  });
}
