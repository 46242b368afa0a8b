/**
 * The parent side of the hcl2json child process: forks it on the first request, sends it one text
 * at a time (callers queue), and stops it after an idle time. A process of its own, not a thread:
 * a stopped worker thread left about 30 MB of V8's compiles of the Go module in the server's
 * malloc arenas for good, while an exiting process gives all of its memory back. It never throws
 * and never hangs: a child that cannot start, crashes, exits or overruns the timeout answers "no
 * HCL errors" (tree-sitter's findings stand), is logged with its stderr, and the next request
 * forks a fresh one.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { createRequire } from 'node:module';
import type { Socket } from 'node:net';
import type { HclError } from '../engine/syntax/syntax-tree.js';
import { withoutUnneededEnvironment } from '../protocol/server-environment.js';
import type { Hcl2JsonReply, Hcl2JsonRequest } from './hcl2json-worker.js';

export interface Hcl2JsonProcessOptions {
  /** dist/hcl2json-worker.js, or a .ts worker when running from source through tsx. */
  workerPath: string;
  /** Stop the child after this long without a request. */
  idleMs?: number;
  /** Give up on one parse after this long, and kill the child. */
  timeoutMs?: number;
  log?: (message: string) => void;
  /** Told each child's pid when it has exited, whatever the reason (for tests). */
  onChildExit?: (pid: number) => void;
}

interface Pending {
  text: string;
  resolve: (errors: HclError[]) => void;
}

const DEFAULT_IDLE_MS = 10_000;
const DEFAULT_TIMEOUT_MS = 10_000;
/** Enough of a child's stderr to hold the error it died of (Node prints it near the start). */
const STDERR_LIMIT = 8_192;

export class Hcl2JsonProcess {
  private child: ChildProcess | undefined;
  private stderr = '';
  private readonly queue: Pending[] = [];
  private inFlight: { id: number; pending: Pending; timer: NodeJS.Timeout } | undefined;
  private idleTimer: NodeJS.Timeout | undefined;
  private lastId = 0;
  private readonly idleMs: number;
  private readonly timeoutMs: number;
  private readonly log: (message: string) => void;

  constructor(private readonly options: Hcl2JsonProcessOptions) {
    this.idleMs = options.idleMs ?? DEFAULT_IDLE_MS;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.log = options.log ?? ((message) => console.error(message));
  }

  /** HCL's syntax errors for one text; [] when it parses or when the child failed. */
  syntaxErrors(text: string): Promise<HclError[]> {
    return new Promise((resolve) => {
      this.queue.push({ text, resolve });
      this.sendNext();
    });
  }

  /** The running child's pid, if one runs. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  private sendNext(): void {
    if (this.inFlight || this.queue.length === 0) return;
    clearTimeout(this.idleTimer);
    const pending = this.queue.shift()!;
    const child = this.child ?? this.start();
    if (!child) {
      pending.resolve([]);
      this.sendNext();
      return;
    }
    // A request in flight keeps the process alive (the CLI awaits it); an idle child must not.
    setRef(child, true);
    const id = ++this.lastId;
    const timer = setTimeout(() => this.fail(child, `took longer than ${this.timeoutMs} ms`), this.timeoutMs);
    this.inFlight = { id, pending, timer };
    const request: Hcl2JsonRequest = { id, text: pending.text };
    child.send(request, (error) => {
      if (error) this.fail(child, `could not be sent a file: ${describe(error)}`);
    });
  }

  private start(): ChildProcess | undefined {
    let child: ChildProcess;
    try {
      child = fork(this.options.workerPath, [], {
        // Never the parent's: VS Code debugs the server with --inspect=6019, which a second
        // process could not bind. From source, tsx's hook loads the .ts worker.
        execArgv: loaderArgs(this.options.workerPath),
        // stdout stays apart from the server's, which carries the protocol; stderr is kept for
        // the log line when the child fails.
        stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
        env: withoutUnneededEnvironment(process.env),
      });
    } catch (error) {
      this.log(`aks-netlint: cannot start HashiCorp's HCL parser (${describe(error)}); syntax errors come from aks-netlint's parser alone`);
      return undefined;
    }
    this.stderr = '';
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      if (child === this.child && this.stderr.length < STDERR_LIMIT) this.stderr += chunk.slice(0, STDERR_LIMIT - this.stderr.length);
    });
    child.on('message', (reply: Hcl2JsonReply) => this.answer(child, reply));
    child.on('error', (error) => this.fail(child, `failed: ${describe(error)}`));
    // 'close', not 'exit': by then the child's stderr has been read to its end.
    child.on('close', (code, signal) => {
      this.fail(child, `stopped (${signal ? `signal ${signal}` : `exit code ${code}`})`);
      if (child.pid !== undefined) this.options.onChildExit?.(child.pid);
    });
    this.child = child;
    return child;
  }

  private answer(child: ChildProcess, reply: Hcl2JsonReply): void {
    if (child !== this.child || !this.inFlight || reply?.id !== this.inFlight.id) return;
    const { pending, timer } = this.inFlight;
    clearTimeout(timer);
    this.inFlight = undefined;
    pending.resolve(Array.isArray(reply.errors) ? reply.errors : []);
    if (this.queue.length > 0) return this.sendNext();
    setRef(child, false);
    this.idleTimer = setTimeout(() => this.retire(child), this.idleMs);
    this.idleTimer.unref();
  }

  /** Stops an idle child: its memory goes back to the system; the next request forks a new one. */
  private retire(child: ChildProcess): void {
    if (child !== this.child || this.inFlight) return;
    this.child = undefined;
    child.kill();
  }

  /** Drops a child that failed (once: error, close and timeout may all report it) and answers its request with []. */
  private fail(child: ChildProcess, reason: string): void {
    if (child !== this.child) return;
    this.child = undefined;
    child.kill('SIGKILL');
    const stderr = lastError(this.stderr);
    this.log(`aks-netlint: HashiCorp's HCL parser ${reason}${stderr ? `: ${stderr}` : ''}; syntax errors come from aks-netlint's parser alone`);
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
 * Bundled, the worker is plain JavaScript and needs no flags. From source (tests run the
 * TypeScript through tsx) it is a .ts file, loaded with tsx's require hook, resolved here so that
 * the child does not depend on its working directory.
 */
function loaderArgs(path: string): string[] {
  if (!path.endsWith('.ts')) return [];
  return ['--require', createRequire(path).resolve('tsx/cjs')];
}

/** Every handle the parent holds on the child: the process, its IPC channel and its stderr pipe. */
function setRef(child: ChildProcess, ref: boolean): void {
  const handles: ({ ref(): void; unref(): void } | null | undefined)[] = [child, child.channel, child.stderr as Socket | null];
  for (const handle of handles) {
    if (ref) handle?.ref();
    else handle?.unref();
  }
}

/** The line of a child's stderr that names what killed it ("Error: boom"), else its last line. */
function lastError(stderr: string): string {
  const lines = stderr.split('\n').map((line) => line.trim()).filter(Boolean);
  return lines.find((line) => /^\w*(Error|Exception)\b/.test(line)) ?? lines.filter((line) => !/^Node\.js v/.test(line)).at(-1) ?? '';
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
