/**
 * Gives tree-sitter's memory back once the user stops typing. A tree-sitter runtime's WebAssembly
 * memory never shrinks: every page a parse of a broken buffer ever touched stays resident (a
 * random-edit session left 40 to 250 MB of it), and the trees of open buffers add to it. While the
 * server is idle, the runtime that parsed since the last renewal is replaced by a fresh one
 * (host/tree-sitter-runtime.ts): open buffers let go of their trees, keeping their text and their
 * converted items, so the next edit parses once from scratch and the analysis still reuses every
 * unchanged block; the old runtime, memory and all, is left to the garbage collector.
 */
import type { IncrementalFile } from '../engine/syntax/incremental-file.js';
import type { Parsers } from '../engine/syntax/parse-file.js';
import { startTreeSitterRuntime, type TreeSitterRuntime } from '../host/tree-sitter-runtime.js';

export class ParserRenewal {
  /** Whether the runtime may hold memory a fresh one would not: it parsed since it started. */
  private used = true;
  private renewing = false;

  /**
   * What every part of the server parses through: the first runtime's, with the parser swapped in
   * place at each renewal, so that nobody holds on to an old runtime.
   */
  readonly parsers: Parsers;

  /** @param files the incremental files whose trees belong to the runtime. */
  constructor(
    private runtime: TreeSitterRuntime,
    private readonly files: () => Iterable<IncrementalFile>,
    private readonly log: (message: string) => void,
    private readonly startRuntime: () => Promise<TreeSitterRuntime> = startTreeSitterRuntime,
  ) {
    this.parsers = runtime.parsers;
  }

  /** Something was parsed (a buffer opened or changed). */
  markUsed(): void {
    this.used = true;
  }

  /** Bytes of WebAssembly memory the current runtime holds. */
  get memoryBytes(): number {
    return this.runtime.memoryBytes;
  }

  /** Replaces a runtime that parsed since it started; true when it did. */
  async renew(): Promise<boolean> {
    if (!this.used || this.renewing) return false;
    this.renewing = true;
    let fresh: TreeSitterRuntime;
    try {
      fresh = await this.startRuntime();
    } catch (error) {
      this.log(`aks-netlint: could not start a fresh HCL parser, keeping the current one: ${error instanceof Error ? error.message : String(error)}`);
      return false;
    } finally {
      this.renewing = false;
    }
    // From here on synchronous: no parse can run between releasing the trees and the swap.
    for (const file of this.files()) file.releaseTree();
    const old = this.runtime;
    this.runtime = fresh;
    this.parsers.hcl = fresh.parsers.hcl;
    old.dispose();
    this.used = false;
    return true;
  }
}
