/**
 * AKS enforces max_pods between 10 and 250 per node, and a value under 30 only when the pool
 * still has room for 30 pods (e.g. 3 nodes at 10); the provider checks neither
 * (domain/rp-rules.md §F `max-pods-range`, `max-pods-min-30-per-pool`).
 */
import type { AksCluster, PoolNetwork } from '../aks/model.js';
import { settingIs } from '../aks/network-facts.js';
import { isKnown, knownNumber } from '../aks/model.js';
import { defineRule, type ReportFunction } from './define-rule.js';

type Messages = 'outOfRange' | 'poolTooSmall' | 'clamp';

function check(pool: PoolNetwork, name: string, cluster: AksCluster | undefined, report: ReportFunction<Messages>): void {
  const maxPods = pool.maxPods;
  const n = knownNumber(maxPods.value);
  if (!maxPods.site || n === undefined) return;
  // With a bring-your-own CNI only the kubelet limits max_pods (rp-rules.md §F table).
  if (cluster && settingIs(cluster.network.plugin, 'none')) return;
  const isDefault = name === 'default_node_pool';
  if (n < 10 || n > 250) {
    const clamped = n < 10 ? 10 : 250;
    report({
      messageId: 'outOfRange',
      data: { pool: name, value: n, rejected: isDefault ? 'AKS rejects the cluster at create or update' : 'AKS rejects the pool at apply' },
      uri: maxPods.site.uri,
      range: maxPods.site.valueRange,
      source: maxPods,
      suggest: [{ messageId: 'clamp', data: { value: clamped, change: isDefault ? 'cycles the default pool through temporary_name_for_rotation' : 'recreates the pool' }, edit: (e) => e.replaceSettingValue(maxPods, clamped) }],
    });
    return;
  }
  if (n >= 30) return;
  // Room for pods counts the nodes the pool always has: min_count when autoscaling. When
  // autoscaling is not known, both counts must be too small.
  const scaling = pool.autoScaling.value;
  const autoscaling = isKnown(scaling) ? scaling.value === true : undefined;
  const counts = autoscaling === undefined ? [pool.minCount, pool.nodeCount] : [autoscaling ? pool.minCount : pool.nodeCount];
  const nodes = counts.map((c) => knownNumber(c.value));
  if (nodes.some((c) => c === undefined || c * n >= 30)) return;
  const shown = nodes[nodes.length - 1]!;
  report({
    messageId: 'poolTooSmall',
    data: { pool: name, value: n, nodes: shown, total: shown * n, countName: counts[counts.length - 1].name, rejected: isDefault ? 'rejects the cluster at create or update' : 'rejects the pool at apply' },
    uri: maxPods.site.uri,
    range: maxPods.site.valueRange,
    source: maxPods,
  });
}

export default defineRule({
  id: 'max-pods-out-of-range',
  title: 'max_pods is within what AKS allows',
  severity: 'error',
  messages: {
    outOfRange: 'max_pods {{value}} in {{pool}} is outside 10 to 250, the range AKS enforces per node: {{rejected}}.',
    poolTooSmall:
      'max_pods {{value}} in {{pool}} gives {{nodes}} node(s) ({{countName}}) room for {{total}} pods: AKS accepts max_pods under 30 only when the pool holds at least 30 pods, and {{rejected}}.',
    clamp: 'Set max_pods = {{value}} ({{change}})',
  },
  checkCluster({ cluster }, report) {
    check(cluster.defaultPool, 'default_node_pool', cluster, report);
  },
  checkNodePool({ nodePool }, report) {
    check(nodePool.pool, nodePool.address, nodePool.cluster, report);
  },
});
