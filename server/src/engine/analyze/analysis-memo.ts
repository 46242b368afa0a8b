/**
 * What one analysis of a module may reuse from the previous one, for the language server: typing
 * in one cluster must not re-read and re-check the other nineteen (DESIGN.md §6: p50 <= 2 ms).
 *
 * The reader keeps what each unchanged resource block declared (aks/reading-memo.ts). A rule
 * declares what it reads (`scope`): an instance-scoped rule's findings for a cluster (or node
 * pool) depend only on that cluster's group (the cluster and its pools, or the pool, its cluster
 * and that cluster's pools) and the network model, so they are reused while the group's readings
 * and the network reading are the very same objects. Module-scoped rules run every time. A
 * differential test replays random edits and compares with analyses from scratch.
 */
import type { AksCluster, AksNodePool } from '../aks/model.js';
import type { ResourceReading } from '../aks/read-clusters.js';
import { ReadingMemo } from '../aks/reading-memo.js';
import type { Finding } from './findings.js';

interface GroupEntry {
  /** The readings the findings were computed from: the instance's own, then its group's. */
  readings: ResourceReading[];
  /** Per rule: the findings and failure of that rule for the instance. */
  byRule: Map<string, { findings: Finding[]; failure?: string }>;
}

type Instance = AksCluster | AksNodePool;

export class AnalysisMemo {
  /** What the reader may reuse. */
  readonly reading = new ReadingMemo();
  /** Rule runs of the last analysis: reused from the memo, and run. */
  stats = { reusedRuns: 0, ranRuns: 0 };
  private groups = new Map<string, GroupEntry>();
  private nextGroups = new Map<string, GroupEntry>();
  private readingOf: ReadonlyMap<Instance, ResourceReading> = new Map();
  /** Per instance of this analysis: its group, computed once (43 rules ask about each). */
  private groupInfo = new WeakMap<Instance, { key: string; readings: ResourceReading[]; stable: boolean; reusable: boolean }>();

  /** Starts the rule part of an analysis, once the model is read. */
  beginRules(readingOf: ReadonlyMap<Instance, ResourceReading>): void {
    // A network read again links other subnet objects: nothing computed before may be reused.
    if (!this.reading.networkReused) this.groups = new Map();
    this.readingOf = readingOf;
    this.nextGroups = new Map();
    this.groupInfo = new WeakMap();
    this.stats = { reusedRuns: 0, ranRuns: 0 };
  }

  /** Ends the analysis: only what this one used is kept for the next. */
  end(): void {
    this.groups = this.nextGroups;
  }

  /** The stored result of one rule for one cluster or pool, when its group is unchanged. */
  reuse(instance: Instance, ruleId: string): { findings: Finding[]; failure?: string } | undefined {
    const group = this.group(instance);
    if (!group.reusable) return undefined;
    const hit = this.groups.get(group.key)?.byRule.get(ruleId);
    if (hit) {
      this.next(instance).byRule.set(ruleId, hit);
      this.stats.reusedRuns++;
    }
    return hit;
  }

  /** Stores the result of a rule run for the next analysis, when the group's readings are kept. */
  record(instance: Instance, ruleId: string, result: { findings: Finding[]; failure?: string }): void {
    this.stats.ranRuns++;
    if (!this.group(instance).stable) return;
    this.next(instance).byRule.set(ruleId, result);
  }

  private group(instance: Instance) {
    let info = this.groupInfo.get(instance);
    if (!info) {
      const key = `${'network' in instance ? 'cluster' : 'pool'}:${instance.address}`;
      const readings = groupMembers(instance).map((member) => this.readingOf.get(member)!);
      // Stable: every reading is kept for the next analysis, and so is the network reading.
      const stable = this.reading.networkKept && readings.every((r) => r !== undefined && this.reading.isKept(r));
      const entry = this.groups.get(key);
      info = { key, readings, stable, reusable: stable && this.reading.networkReused && entry !== undefined && sameReadings(entry.readings, readings) };
      this.groupInfo.set(instance, info);
    }
    return info;
  }

  private next(instance: Instance): GroupEntry {
    const { key, readings } = this.group(instance);
    let entry = this.nextGroups.get(key);
    if (!entry) {
      entry = { readings, byRule: new Map() };
      this.nextGroups.set(key, entry);
    }
    return entry;
  }
}

/** A cluster with its pools, or a pool with its cluster and that cluster's pools. */
function groupMembers(instance: Instance): Instance[] {
  const cluster = 'network' in instance ? instance : instance.cluster;
  if (!cluster) return [instance];
  return [instance, cluster, ...cluster.nodePools];
}

function sameReadings(a: ResourceReading[], b: ResourceReading[]): boolean {
  return a.length === b.length && a.every((reading, i) => reading === b[i]);
}
