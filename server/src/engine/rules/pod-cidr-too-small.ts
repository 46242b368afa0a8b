/**
 * Overlay and kubenet give every node one /24 of pod_cidr: the range must hold a /24 for every
 * node the pools may have. For overlay the AKS API checks it at create and update, counting
 * max_count of autoscaling pools: `InsufficientSubnetSize` on networkProfile.podCIDR
 * (domain/rp-rules.md §B `pod-cidr-capacity`; catalogue row 19: error for overlay, warning with
 * the surge nodes of each pool (upgrade_settings.max_surge, 1 when not set), warning for kubenet,
 * whose check is UNVERIFIED).
 */
import type { PoolNetwork } from '../aks/model.js';
import { ipamModeOf, podRangesOf } from '../aks/network-facts.js';
import { poolNodes, surgeNodes } from '../aks/pool-capacity.js';
import { parseCidr } from '../cidr/cidr-math.js';
import { defineRule } from './define-rule.js';

export default defineRule({
  id: 'pod-cidr-too-small',
  title: 'pod_cidr holds a /24 for every node',
  severity: 'error',
  // A pool of another cluster or of unknown count could add nodes: every pool is looked at.
  scope: 'module',
  messages: {
    tooSmall:
      '{{name}} "{{cidr}}"{{implicit}} holds {{capacity}} node /24 blocks, but the pools need {{nodes}} ({{detail}}): {{outcome}}',
    noSurge:
      '{{name}} "{{cidr}}"{{implicit}} holds {{capacity}} node /24 blocks; with the nodes an upgrade adds (max_surge) the pools need {{nodes}} ({{detail}}): upgrades will fail for lack of pod addresses.',
  },
  checkCluster({ cluster, model }, report) {
    const { podCidr, site: block } = cluster.network;
    const mode = ipamModeOf(cluster).value;
    if (mode !== 'overlay' && mode !== 'kubenet') return;
    const overlay = mode === 'overlay';
    // Nodes take their /24 from the IPv4 range (dual-stack: the IPv4 entry of pod_cidrs).
    const ipv4 = podRangesOf(cluster)?.find((r) => parseCidr(r.text)?.version === 4);
    const cidr = ipv4 ? parseCidr(ipv4.text) : undefined;
    if (!ipv4 || !cidr) return;
    const text = ipv4.text;
    const setting = ipv4.setting;
    // Every pool must be known: a pool of unknown cluster or count could add nodes.
    if (model.nodePools.some((p) => !p.cluster || p.uncertain) || cluster.uncertain) return;
    const pools: [string, PoolNetwork][] = [
      ['default_node_pool', cluster.defaultPool],
      ...cluster.nodePools.map((p): [string, PoolNetwork] => [p.address, p.pool]),
    ];
    const counts = pools.map(([name, pool]) => ({ name, nodes: poolNodes(pool) }));
    if (counts.some((c) => !c.nodes)) return;
    const nodes = counts.reduce((sum, c) => sum + c.nodes!.count, 0);
    const capacity = cidr.prefix > 24 ? 0 : 2 ** (24 - cidr.prefix);
    const detail = counts.map((c) => `${c.name} ${c.nodes!.count} (${c.nodes!.from})`).join(', ');
    const data = { name: setting.name, cidr: text, implicit: ipv4.implicit ? ' (the AKS default: pod_cidr is not set)' : '', capacity, nodes, detail };
    // An unset pod_cidr's file is that of the block lacking it: where the fallback ranges are.
    const uri = setting.uri;
    const range = ipv4.range ?? block?.typeRange ?? cluster.site.labelRange;
    const source = setting.site && setting === podCidr ? { source: podCidr } : {};
    if (nodes > capacity) {
      const available = 2 ** (32 - cidr.prefix);
      report({
        messageId: 'tooSmall',
        severity: overlay ? 'error' : 'warning',
        data: {
          ...data,
          outcome: overlay
            ? `the AKS API rejects it at apply with InsufficientSubnetSize ("Pre-allocated IPs ${nodes * 256} exceeds IPs available ${available} in Subnet Cidr ${text}, Subnet Name networkProfile.podCIDR").`
            : 'nodes beyond that get no pod range and cannot run pods.',
        },
        uri,
        range,
        ...source,
      });
      return;
    }
    const surges: number[] = [];
    for (const [i, [, pool]] of pools.entries()) {
      const surge = surgeNodes(pool, counts[i].nodes!.count);
      if (surge === undefined) return;
      surges.push(surge);
    }
    const withSurge = nodes + surges.reduce((sum, n) => sum + n, 0);
    if (withSurge > capacity) {
      const upgradeDetail = counts.map((c, i) => `${c.name} ${c.nodes!.count} (${c.nodes!.from}) + ${surges[i]} surge`).join(', ');
      report({ messageId: 'noSurge', severity: 'warning', data: { ...data, nodes: withSurge, detail: upgradeDetail }, uri, range, ...source });
    }
  },
});
