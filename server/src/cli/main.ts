/**
 * The `aks-netlint` executable: wires the real process into `run`, the only place that sets
 * `process.exitCode`. The same bundle serves as the worker thread of the module pool.
 */
import { availableParallelism } from 'node:os';
import { isMainThread, workerData } from 'node:worker_threads';
import { version } from '../../../package.json';
import { serveModuleTasks } from './module-worker.js';
import { run } from './run.js';
import { WORKER_MARKER } from './worker-pool.js';

function main(): void {
  run(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    cwd: process.cwd(),
    isTty: process.stdout.isTTY === true,
    env: process.env,
    version,
    workerScript: __filename,
    // AKS_NETLINT_THREADS=1 turns the pool off (and lets tests compare both ways).
    threads: Number(process.env.AKS_NETLINT_THREADS) || availableParallelism(),
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`aks-netlint: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 2;
    },
  );
}

if (!isMainThread && workerData === WORKER_MARKER) serveModuleTasks();
else main();
