/**
 * The baseline of each checked module in the editor (issue 13, item 1): the module as it was at
 * the commit its `aksNetlint.baseline` ref names. Reading a commit takes longer than a keystroke's
 * budget, so it never holds up diagnostics: the first analysis runs without it, the commit is
 * resolved and read in the background, and the module is checked again once it is there.
 *
 * - The ref is resolved again when a file of the module is saved or opened, and otherwise at most
 *   once per interval, on use: a commit moves HEAD without any edit.
 * - One baseline is kept per directory, for one (repository, commit, var files); a new commit or
 *   other var files replace it. Only the plain Baseline is kept: the reader drops git's caches.
 * - While a new commit is read, the module has no baseline rather than the previous commit's:
 *   a stale baseline could report a change that is not one.
 * - A baseline that cannot be had (no repository, an unknown ref) is logged once per reason and
 *   gives no diagnostics: the change rules then stay silent.
 */
import type { Baseline } from '../engine/aks/prior-settings.js';

/** A commit a ref named, as the reader resolves it. */
export interface ResolvedCommit {
  repoDir: string;
  commit: string;
}

/** How a baseline is had: host/git-baseline.ts, or a fake in tests. */
export interface BaselineReader<C extends ResolvedCommit> {
  resolve(dir: string, ref: string): Promise<C | { unavailable: string }>;
  read(at: C, input: { dir: string; varFiles: string[] }): Promise<Baseline | { unavailable: string }>;
}

export interface BaselineEvents {
  /** The baseline of `dir` arrived, changed or went away: check the module again. */
  changed(dir: string): void;
  log(message: string): void;
}

/** How often, at most, a ref is resolved again without a save or an open. */
export const REF_RECHECK_MS = 2000;

interface DirState {
  ref: string;
  varFiles: string[];
  /** What the baseline was read for: repository, commit and var files. */
  readFor?: string;
  baseline?: Baseline;
  /** When the ref was last resolved (-Infinity: resolve at the next use). */
  resolvedAt: number;
  busy: boolean;
  /** A save or open came while busy: resolve again when done. */
  again: boolean;
}

export class ModuleBaselines<C extends ResolvedCommit> {
  private readonly states = new Map<string, DirState>();
  private readonly loggedReasons = new Set<string>();

  constructor(
    private readonly reader: BaselineReader<C>,
    private readonly events: BaselineEvents,
    private readonly options: { recheckMs?: number; now?: () => number } = {},
  ) {}

  /**
   * The baseline of a module now, when it is known (undefined for `ref` undefined: baselines
   * are off). Starts resolving or reading it in the background when due.
   */
  current(dir: string, ref: string | undefined, varFiles: readonly string[]): Baseline | undefined {
    if (ref === undefined) {
      this.states.delete(dir);
      return undefined;
    }
    let state = this.states.get(dir);
    if (!state || state.ref !== ref || !sameList(state.varFiles, varFiles)) {
      state = { ref, varFiles: [...varFiles], resolvedAt: -Infinity, busy: false, again: false };
      this.states.set(dir, state);
    }
    if (this.now() - state.resolvedAt >= (this.options.recheckMs ?? REF_RECHECK_MS)) this.update(dir, state);
    return state.baseline;
  }

  /** A file of the module was saved or opened: resolve its ref again now (a commit may have moved it). */
  refresh(dir: string): void {
    const state = this.states.get(dir);
    if (!state) return;
    if (state.busy) state.again = true;
    else this.update(dir, state);
  }

  /** Forget a module (its diagnostics were cleared). */
  forget(dir: string): void {
    this.states.delete(dir);
  }

  /** Resolves the ref and, for a commit not read yet, reads the module at it. */
  private update(dir: string, state: DirState): void {
    if (state.busy) return;
    state.busy = true;
    state.resolvedAt = this.now();
    const current = () => this.states.get(dir) === state;
    const run = async () => {
      const at = await this.reader.resolve(dir, state.ref);
      if (!current()) return;
      if ('unavailable' in at) return this.unavailable(dir, state, at.unavailable);
      const readFor = JSON.stringify([at.repoDir, at.commit, state.varFiles]);
      if (readFor === state.readFor) return;
      // Another commit: the previous one's baseline is no longer the module's.
      state.baseline = undefined;
      state.readFor = undefined;
      const read = await this.reader.read(at, { dir, varFiles: state.varFiles });
      if (!current()) return;
      if ('unavailable' in read) return this.unavailable(dir, state, read.unavailable);
      state.baseline = read;
      state.readFor = readFor;
      this.events.changed(dir);
    };
    run()
      .catch((error) => this.unavailable(dir, state, `reading it failed: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => {
        state.busy = false;
        if (state.again && current()) {
          state.again = false;
          this.update(dir, state);
        }
      });
  }

  private unavailable(dir: string, state: DirState, reason: string): void {
    const reasonKey = `${state.ref}\0${reason}`;
    if (!this.loggedReasons.has(reasonKey)) {
      this.loggedReasons.add(reasonKey);
      this.events.log(`aks-netlint: no baseline ${JSON.stringify(state.ref)} for ${dir}: ${reason}`);
    }
    const had = state.baseline !== undefined;
    state.baseline = undefined;
    state.readFor = undefined;
    if (had) this.events.changed(dir);
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((item, i) => item === b[i]);
