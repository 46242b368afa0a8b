/**
 * What one reading of a module may reuse from the previous one, for the language server: typing
 * in one cluster must not re-read the other nineteen (DESIGN.md §6: p50 <= 2 ms).
 *
 * Reuse is keyed by object identity. The incremental parser hands back the very same syntax
 * objects for top-level blocks whose text and position did not change, so:
 * - the *environment* is every top-level item that is not an AKS resource, plus the inputs that
 *   are not syntax (variable values, settings); when any of it changed, nothing is reused;
 * - the network reading is reused while the environment is the same, unless reading it looked at
 *   an AKS resource;
 * - an AKS resource block that is the same object declares the same instances, unless reading it
 *   looked at another AKS resource (the evaluator's `track` says which resources a reading read).
 */
import type { SyntaxBlock } from '../syntax/syntax-tree.js';
import type { TfModule } from '../terraform/module.js';
import type { NetworkReading } from './read-network.js';
import type { ResourceReading } from './read-clusters.js';

export class ReadingMemo {
  private environment: unknown[] = [];
  private network: NetworkReading | undefined;
  private resources = new Map<SyntaxBlock, ResourceReading>();
  private nextResources = new Map<SyntaxBlock, ResourceReading>();
  private kept = new Set<ResourceReading>();
  /** Whether this reading reuses the last network reading (so linked subnets are the same objects). */
  networkReused = false;
  /** Whether this reading's network reading is kept for the next one. */
  networkKept = false;

  /**
   * Starts a reading: compares its environment with the last one and forgets everything when it
   * differs. `inputsKey` covers what is not syntax (var inputs, settings).
   */
  begin(module: TfModule, inputsKey: string, isAksBlock: (block: SyntaxBlock) => boolean): void {
    const environment: unknown[] = [inputsKey];
    for (const uri of [...module.files.keys()].sort()) {
      const file = module.files.get(uri)!;
      environment.push(uri, ...file.body.attributes);
      for (const block of file.body.blocks) if (!isAksBlock(block)) environment.push(block);
    }
    const same = environment.length === this.environment.length && environment.every((item, i) => item === this.environment[i]);
    if (!same) {
      this.network = undefined;
      this.resources = new Map();
    }
    this.environment = environment;
    this.nextResources = new Map();
    this.kept = new Set();
    this.networkReused = false;
    this.networkKept = this.network !== undefined;
  }

  /** The last network reading, when it may be reused. */
  reuseNetwork(): NetworkReading | undefined {
    this.networkReused = this.network !== undefined;
    return this.network;
  }

  /** Keeps a network reading for the next reading, when it read no AKS resource. */
  recordNetwork(reading: NetworkReading, reusable: boolean): void {
    this.network = reusable ? reading : undefined;
    this.networkKept = reusable;
    // Resources read against another network reading link other subnet objects.
    this.resources = new Map();
  }

  /** What an unchanged resource block declared last time. */
  reuseResource(block: SyntaxBlock): ResourceReading | undefined {
    const hit = this.resources.get(block);
    if (hit) {
      this.nextResources.set(block, hit);
      this.kept.add(hit);
    }
    return hit;
  }

  /** Keeps what a block declared, when reading it looked at no other AKS resource. */
  recordResource(block: SyntaxBlock, reading: ResourceReading): void {
    this.nextResources.set(block, reading);
    this.kept.add(reading);
  }

  /** Whether a reading of this analysis is kept (reused or recorded) for the next one. */
  isKept(reading: ResourceReading): boolean {
    return this.kept.has(reading);
  }

  /** Ends the reading: only what this one used is kept for the next. */
  end(): void {
    this.resources = this.nextResources;
  }

  /**
   * Keeps nothing of this reading for the next: when evaluation reached a limit, every block is
   * read again, so that the limit is reached (and reported) again where it is, whatever changed.
   */
  forgetAll(): void {
    this.network = undefined;
    this.networkKept = false;
    this.nextResources = new Map();
    this.kept = new Set();
  }
}
