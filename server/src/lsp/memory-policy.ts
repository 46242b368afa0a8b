/**
 * How the language server keeps its memory near what it really holds (DESIGN.md §6: 80 MB). Its
 * live heap is small (about 15 MB for a 5,000-line module), but V8 lets garbage pile up to several
 * times that while the user types: a 32 MB young generation, and an old generation whose limit
 * grows by up to 4x the live size between full collections. Measured with `npm run bench`
 * (10,000 edits): 155 MB without this policy.
 *
 * - The old generation may grow by a fixed 30 % between full collections instead of V8's
 *   adaptive factor: about 35 MB less while typing, for full collections of a small heap (a few
 *   milliseconds each) a little more often.
 * - After a quiet period, one full collection compacts the heap; V8's memory reducer, which runs
 *   after full collections once the process is idle, then shrinks the young generation and gives
 *   the pages back (about 80 MB at rest).
 * Both use V8 flags set at run time, because editors start the server with their own command line.
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

export interface TrimReport {
  durationMs: number;
  rssBefore: number;
  rssAfter: number;
}

/** Runs `collect` once the server has been quiet for `idleMs`, if the heap grew since last time. */
export class IdleMemoryTrimmer {
  private timer: NodeJS.Timeout | undefined;
  private heapAfterLastTrim = 0;

  constructor(
    private readonly idleMs: number,
    private readonly collect: () => void,
    private readonly onTrimmed?: (report: TrimReport) => void,
  ) {}

  /** The server did something: (re)start the quiet period. */
  touch(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.trim(), this.idleMs);
    // A pending trim must never keep a server that was told to exit alive.
    this.timer.unref();
  }

  dispose(): void {
    clearTimeout(this.timer);
  }

  private trim(): void {
    this.timer = undefined;
    if (process.memoryUsage().heapTotal - this.heapAfterLastTrim < MIN_GROWTH_BYTES) return;
    const rssBefore = process.memoryUsage.rss();
    const started = performance.now();
    this.collect();
    const durationMs = performance.now() - started;
    const after = process.memoryUsage();
    this.heapAfterLastTrim = after.heapTotal;
    this.onTrimmed?.({ durationMs, rssBefore, rssAfter: after.rss });
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
    const gc = runInNewContext('gc') as (() => void) | undefined;
    return typeof gc === 'function' ? () => gc() : undefined;
  } catch {
    return undefined;
  }
}
