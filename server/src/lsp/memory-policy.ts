/**
 * How the language server keeps its memory near what it really holds (DESIGN.md §6: 80 MB at
 * rest). Its live heap is small (about 15 MB for a 5,000-line module), but three things pile up:
 *
 * - V8 garbage while the user types: a 32 MB young generation, and an old generation whose limit
 *   grows by up to 4x the live size between full collections. The old generation may grow by a
 *   fixed 30 % instead (about 35 MB less while typing; `npm run bench`, 10,000 edits: 155 MB
 *   without this policy), for full collections of a small heap a little more often.
 * - tree-sitter's WebAssembly memory, which never shrinks: every page a parse of a broken buffer
 *   touched stays resident (a random-edit session held 40 to 250 MB of it for good). After a
 *   quiet period the runtime is replaced by a fresh one (`release`, lsp/parser-renewal.ts).
 * - V8's pages after the full collection that follows: V8 keeps them for reuse until its memory
 *   reducer runs, and that shrinks the young generation only when V8 favours size. So while the
 *   server rests it does (`--optimize-for-size`), and typing turns it off again. Measured on the
 *   5,000-line module: 70 MB 12 s after the last edit, against 82 to 98 MB 30 s after without.
 *
 * All use V8 flags set at run time, because editors start the server with their own command line.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Quiet time before the full collection: long enough that it never lands between keystrokes. */
export const DEFAULT_IDLE_TRIM_MS = 3000;
/** Growth of V8's heap since the last trim below which another one is not worth its time. */
const MIN_GROWTH_BYTES = 8 * 1024 * 1024;

/** Caps the old generation's growth between full collections (see the file comment). */
export function limitHeapGrowth(): void {
  setFlagsFromString('--heap-growing-percent=30');
}

/** Whether V8 favours size over speed (see the file comment): only while the server rests. */
function favourSize(on: boolean): void {
  setFlagsFromString(on ? '--optimize-for-size' : '--no-optimize-for-size');
}

export interface TrimReport {
  durationMs: number;
  rssBefore: number;
  rssAfter: number;
  /** Whether the tree-sitter runtime was replaced by a fresh one (lsp/parser-renewal.ts). */
  renewedParsers: boolean;
}

export interface TrimOptions {
  onTrimmed?: (report: TrimReport) => void;
  /** Gives back memory outside V8's heap before the collection; true when it released some. */
  release?: () => Promise<boolean> | boolean;
}

/**
 * Runs `collect` once the server has been quiet for `idleMs`, if the heap grew since last time or
 * `release` let go of something (which the collection then frees).
 */
export class IdleMemoryTrimmer {
  private timer: NodeJS.Timeout | undefined;
  private heapAfterLastTrim = 0;
  private disposed = false;
  private resting = false;

  constructor(
    private readonly idleMs: number,
    private readonly collect: () => void,
    private readonly options: TrimOptions = {},
  ) {}

  /** The server did something: (re)start the quiet period. */
  touch(): void {
    if (this.disposed) return;
    if (this.resting) {
      this.resting = false;
      favourSize(false);
    }
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.trim(), this.idleMs);
    // A pending trim must never keep a server that was told to exit alive.
    this.timer.unref();
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
  }

  private async trim(): Promise<void> {
    this.timer = undefined;
    const rssBefore = process.memoryUsage.rss();
    const started = performance.now();
    let released = false;
    try {
      released = (await this.options.release?.()) ?? false;
    } catch {
      // Nothing released: the collection alone still helps.
    }
    if (this.disposed) return;
    if (!released && process.memoryUsage().heapTotal - this.heapAfterLastTrim < MIN_GROWTH_BYTES) return;
    // Touched while the parser was renewed: the next quiet period collects.
    if (this.timer) return;
    favourSize(true);
    this.resting = true;
    this.collect();
    const durationMs = performance.now() - started;
    const after = process.memoryUsage();
    this.heapAfterLastTrim = after.heapTotal;
    this.options.onTrimmed?.({ durationMs, rssBefore, rssAfter: after.rss, renewedParsers: released });
  }
}

/**
 * A full collection, or undefined where it cannot be had. `gc` exists only with --expose-gc; the
 * flag is set here and a fresh context picks the function up (the server's own context has no
 * `gc`, and no workspace code runs in either).
 */
export function fullCollector(): (() => void) | undefined {
  try {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as ((options?: object) => void) | undefined;
    if (typeof gc !== 'function') return undefined;
    return () => {
      // The first collection finds what a renewed parser left; the memory-reducing second one
      // frees its WebAssembly memory and gives pages back (either alone kept it until later).
      gc();
      gc({ type: 'major', execution: 'sync', flavor: 'last-resort' });
    };
  } catch {
    return undefined;
  }
}
