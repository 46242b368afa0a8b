/**
 * What one analysis of a module may reuse from the previous one, for the language server: typing
 * in one cluster must not re-evaluate and re-check the other nineteen (DESIGN.md §6: p50 <= 2 ms).
 *
 * Reuse is keyed by object identity. The incremental parser hands back the very same syntax
 * objects for top-level blocks whose text and position did not change, so:
 * - the *environment* is every top-level item that is not an AKS resource, plus the variable
 *   inputs, settings and syntax errors; when any of it changed, nothing is reused;
 * - an AKS resource block that is the same object declares the same instances, unless reading it
 *   looked at another AKS resource (then it is read again every time);
 * - a rule's findings for a cluster (or a node pool) are reused when the cluster's block and the
 *   blocks of all its pools are the same objects and were all read without looking elsewhere,
 *   unless that rule run looked at other clusters or pools (model.clusters, model.nodePools, or
 *   another AKS resource through the evaluator).
 * A differential test replays random edits and compares with analyses from scratch.
 */
import type { AksCluster, AksNodePool } from '../aks/model.js';
import type { ExtractedBlock, ExtractionMemo } from '../aks/extract-clusters.js';
import { isAksResourceType } from '../aks/extract-clusters.js';
import type { SyntaxBlock } from '../syntax/syntax-tree.js';
import type { TfModule } from '../terraform/module.js';
import type { Finding } from './findings.js';

interface GroupEntry {
  /** The blocks the findings were computed from: the instance's own, then its pools' (or cluster's). */
  blocks: SyntaxBlock[];
  /** Per rule: the findings and failure of that rule for the instance. */
  byRule: Map<string, { findings: Finding[]; failure?: string }>;
}

export class AnalysisMemo {
  /** Rule runs of the last analysis: reused from the memo, and run. */
  stats = { reusedRuns: 0, ranRuns: 0 };
  private environment: unknown[] = [];
  private extracted = new Map<SyntaxBlock, ExtractedBlock>();
  private groups = new Map<string, GroupEntry>();
  private nextExtracted = new Map<SyntaxBlock, ExtractedBlock>();
  private nextGroups = new Map<string, GroupEntry>();

  /**
   * Starts an analysis: compares its environment with the last one and forgets everything when it
   * differs. `inputsKey` covers what is not syntax (var inputs, settings, hcl2json errors).
   */
  begin(module: TfModule, inputsKey: string): void {
    const environment: unknown[] = [inputsKey];
    for (const uri of [...module.files.keys()].sort()) {
      const file = module.files.get(uri)!;
      environment.push(uri, ...file.body.attributes);
      for (const block of file.body.blocks) if (!isAksResource(block)) environment.push(block);
    }
    const same = environment.length === this.environment.length && environment.every((item, i) => item === this.environment[i]);
    if (!same) {
      this.extracted = new Map();
      this.groups = new Map();
    }
    this.environment = environment;
    this.nextExtracted = new Map();
    this.nextGroups = new Map();
    this.stats = { reusedRuns: 0, ranRuns: 0 };
  }

  /** Ends the analysis: only what this one used is kept for the next. */
  end(): void {
    this.extracted = this.nextExtracted;
    this.groups = this.nextGroups;
  }

  readonly extraction: ExtractionMemo = {
    reuse: (block) => {
      const hit = this.extracted.get(block);
      if (hit) this.nextExtracted.set(block, hit);
      return hit;
    },
    record: (block, extracted) => {
      this.nextExtracted.set(block, extracted);
    },
  };

  /** The stored result of one rule for one cluster or pool, when its group is unchanged. */
  reuse(instance: AksCluster | AksNodePool, ruleId: string): { findings: Finding[]; failure?: string } | undefined {
    const group = this.group(instance);
    if (!group.reusable) return undefined;
    const hit = this.groups.get(group.key)?.byRule.get(ruleId);
    if (hit) {
      this.next(instance).byRule.set(ruleId, hit);
      this.stats.reusedRuns++;
    }
    return hit;
  }

  /** Counts a rule run that was not reused. */
  ran(): void {
    this.stats.ranRuns++;
  }

  record(instance: AksCluster | AksNodePool, ruleId: string, result: { findings: Finding[]; failure?: string }): void {
    if (!this.group(instance).stable) return;
    this.next(instance).byRule.set(ruleId, result);
  }

  /** Per instance of this analysis: its group, computed once (47 rules ask about each). */
  private readonly groupInfo = new WeakMap<AksCluster | AksNodePool, { key: string; blocks: SyntaxBlock[]; stable: boolean; reusable: boolean }>();

  private group(instance: AksCluster | AksNodePool) {
    let info = this.groupInfo.get(instance);
    if (!info) {
      const key = groupKey(instance);
      const blocks = groupBlocks(instance);
      // Stable: every block was read this time without looking at other AKS resources.
      const stable = blocks.every((block) => this.nextExtracted.has(block));
      const entry = this.groups.get(key);
      info = { key, blocks, stable, reusable: stable && entry !== undefined && sameBlocks(entry.blocks, blocks) };
      this.groupInfo.set(instance, info);
    }
    return info;
  }

  private next(instance: AksCluster | AksNodePool): GroupEntry {
    const { key, blocks } = this.group(instance);
    let entry = this.nextGroups.get(key);
    if (!entry) {
      entry = { blocks, byRule: new Map() };
      this.nextGroups.set(key, entry);
    }
    return entry;
  }
}

function isAksResource(block: SyntaxBlock): boolean {
  return block.type === 'resource' && isAksResourceType(block.labels[0]?.value ?? '');
}

function groupKey(instance: AksCluster | AksNodePool): string {
  return `${'network' in instance ? 'cluster' : 'pool'}:${instance.address}`;
}

/** A cluster with its pools, or a pool with its cluster and that cluster's pools. */
function groupBlocks(instance: AksCluster | AksNodePool): SyntaxBlock[] {
  const cluster = 'network' in instance ? instance : instance.cluster;
  if (!cluster) return [instance.block];
  return [instance.block, cluster.block, ...cluster.nodePools.map((p) => p.block)];
}

function sameBlocks(a: SyntaxBlock[], b: SyntaxBlock[]): boolean {
  return a.length === b.length && a.every((block, i) => block === b[i]);
}
