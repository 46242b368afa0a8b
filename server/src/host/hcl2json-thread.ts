/**
 * The main side of the hcl2json worker thread: starts it on the first request, sends it one text
 * at a time (callers queue), and stops it after an idle time so that its heap and the Go
 * runtime's wasm memory leave the process (glibc keeps about 30 MB of what V8's compiles of the
 * module used, reused by the next worker). It never throws and never hangs: a worker that cannot
 * start, crashes, exits or overruns the timeout answers "no HCL errors" (tree-sitter's findings
 * stand), is logged, and the next request starts a fresh one.
 */
import { createRequire } from 'node:module';
import { Worker, type WorkerOptions } from 'node:worker_threads';
import type { HclError } from '../engine/rules/define-rule.js';
import type { Hcl2JsonReply, Hcl2JsonRequest } from './hcl2json-worker.js';

export interface Hcl2JsonThreadOptions {
  /** dist/hcl2json-worker.js, or a .ts worker when running from source through tsx. */
  workerPath: string;
  /** Stop the worker after this long without a request. */
  idleMs?: number;
  /** Give up on one parse after this long, and stop the worker. */
  timeoutMs?: number;
  log?: (message: string) => void;
  /** Told each worker's threadId when it has stopped, whatever the reason (for tests). */
  onWorkerExit?: (threadId: number) => void;
}

interface Pending {
  text: string;
  resolve: (errors: HclError[]) => void;
}

const DEFAULT_IDLE_MS = 10_000;
const DEFAULT_TIMEOUT_MS = 10_000;

export class Hcl2JsonThread {
  private worker: Worker | undefined;
  private readonly queue: Pending[] = [];
  private inFlight: { id: number; pending: Pending; timer: NodeJS.Timeout } | undefined;
  private idleTimer: NodeJS.Timeout | undefined;
  private lastId = 0;
  private readonly idleMs: number;
  private readonly timeoutMs: number;
  private readonly log: (message: string) => void;

  constructor(private readonly options: Hcl2JsonThreadOptions) {
    this.idleMs = options.idleMs ?? DEFAULT_IDLE_MS;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.log = options.log ?? ((message) => console.error(message));
  }

  /** HCL's syntax errors for one text; [] when it parses or when the worker failed. */
  syntaxErrors(text: string): Promise<HclError[]> {
    return new Promise((resolve) => {
      this.queue.push({ text, resolve });
      this.sendNext();
    });
  }

  /** The running worker's threadId, if one runs. */
  get threadId(): number | undefined {
    return this.worker?.threadId;
  }

  private sendNext(): void {
    if (this.inFlight || this.queue.length === 0) return;
    clearTimeout(this.idleTimer);
    const pending = this.queue.shift()!;
    const worker = this.worker ?? this.start();
    if (!worker) {
      pending.resolve([]);
      this.sendNext();
      return;
    }
    // A request in flight keeps the process alive (the CLI awaits it); an idle worker must not.
    worker.ref();
    const id = ++this.lastId;
    const timer = setTimeout(() => this.fail(worker, `took longer than ${this.timeoutMs} ms`), this.timeoutMs);
    this.inFlight = { id, pending, timer };
    const request: Hcl2JsonRequest = { id, text: pending.text };
    worker.postMessage(request);
  }

  private start(): Worker | undefined {
    let worker: Worker;
    try {
      worker = new Worker(this.options.workerPath, workerOptions(this.options.workerPath));
    } catch (error) {
      this.log(`aks-netlint: cannot start HashiCorp's HCL parser (${describe(error)}); syntax errors come from aks-netlint's parser alone`);
      return undefined;
    }
    // threadId reads -1 once the thread has stopped.
    const { threadId } = worker;
    worker.on('message', (reply: Hcl2JsonReply) => this.answer(worker, reply));
    worker.on('error', (error) => this.fail(worker, `failed: ${describe(error)}`));
    worker.on('messageerror', (error) => this.fail(worker, `sent an unreadable reply: ${describe(error)}`));
    worker.on('exit', (code) => {
      this.fail(worker, `stopped (exit code ${code})`);
      this.options.onWorkerExit?.(threadId);
    });
    this.worker = worker;
    return worker;
  }

  private answer(worker: Worker, reply: Hcl2JsonReply): void {
    if (worker !== this.worker || !this.inFlight || reply?.id !== this.inFlight.id) return;
    const { pending, timer } = this.inFlight;
    clearTimeout(timer);
    this.inFlight = undefined;
    pending.resolve(Array.isArray(reply.errors) ? reply.errors : []);
    if (this.queue.length > 0) return this.sendNext();
    worker.unref();
    this.idleTimer = setTimeout(() => this.retire(worker), this.idleMs);
    this.idleTimer.unref();
  }

  /** Stops an idle worker: its memory leaves the process; the next request starts a new one. */
  private retire(worker: Worker): void {
    if (worker !== this.worker || this.inFlight) return;
    this.worker = undefined;
    void worker.terminate();
  }

  /** Drops a worker that failed (once: error and exit both report it) and answers its request with []. */
  private fail(worker: Worker, reason: string): void {
    if (worker !== this.worker) return;
    this.worker = undefined;
    void worker.terminate();
    this.log(`aks-netlint: HashiCorp's HCL parser ${reason}; syntax errors come from aks-netlint's parser alone`);
    const inFlight = this.inFlight;
    this.inFlight = undefined;
    if (inFlight) {
      clearTimeout(inFlight.timer);
      inFlight.pending.resolve([]);
    }
    this.sendNext();
  }
}

/**
 * Bundled, the worker is plain JavaScript. From source (tests run the TypeScript through tsx) it is
 * a .ts file, which a worker can load only with tsx's require hook: Node 20 does not pass the
 * parent's `--import tsx` loader to a worker's entry file.
 */
function workerOptions(path: string): WorkerOptions {
  if (!path.endsWith('.ts')) return {};
  return { execArgv: ['--require', createRequire(path).resolve('tsx/cjs')] };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
