/**
 * An overlay or kubenet pod range must not overlap the cluster VNet's address space: the AKS API
 * answers `NetworkProfileCIDROverlapVNET` ("NetworkProfile CIDR <x> overlaps with reserved VNET
 * CIDR <y>"), also for space no subnet uses (domain/rp-rules.md §B `pod-cidr-overlap`; catalogue
 * row 8). For kubenet the provider's acceptance tests create exactly that (the default
 * 10.244.0.0/16 in a VNet 10.0.0.0/8, advancedNetworkingConfig "kubenet"), so AKS accepts it:
 * a warning, for the routes that then shadow that part of the VNet. A pod range over a peered
 * VNet or an on-premises range is accepted too, but pods can no longer reach those hosts (their
 * packets stay in the pod network): a warning (catalogue row 8). Overlap with the service range
 * is service-cidr-overlaps-network.
 */
import { describeConnected, overlapsWithConnected } from '../aks/connected-networks.js';
import { freePodRange } from '../aks/free-ranges.js';
import { ipamModeOf, podRangesOf } from '../aks/network-facts.js';
import { cidrsOverlap, parseCidr } from '../cidr/cidr-math.js';
import { knownList, knownString } from '../aks/model.js';
import { defineRule, type Report } from './define-rule.js';

type Messages = 'useFreeRange' | 'overlapsVnetKubenet' | 'overlapsVnet' | 'overlapsPeered' | 'overlapsOnPremises';

export default defineRule<Messages, 'module'>({
  id: 'pod-cidr-overlaps-network',
  title: 'The pod range stays out of the cluster VNet',
  severity: 'error',
  // The free range a fix proposes must avoid every other cluster's ranges.
  scope: 'module',
  messages: {
    useFreeRange: 'Set pod_cidr = "{{cidr}}", free in this module (replaces an existing cluster)',
    overlapsVnetKubenet:
      '{{name}} "{{pods}}"{{implicit}} overlaps the address space {{space}} of the cluster VNet {{vnet}}: AKS accepts it for kubenet, but the pod routes then shadow that part of the VNet, and a subnet later placed there is unreachable from pods.',
    overlapsVnet:
      '{{name}} "{{pods}}"{{implicit}} overlaps the address space {{space}} of the cluster VNet {{vnet}}: the AKS API rejects it at apply with NetworkProfileCIDROverlapVNET ("NetworkProfile CIDR {{pods}} overlaps with reserved VNET CIDR {{space}}").',
    overlapsPeered:
      '{{name}} "{{pods}}"{{implicit}} overlaps the address space {{space}} of {{network}}, which {{peering}} peers with the cluster VNet {{vnet}}: AKS accepts it, but pods can no longer reach hosts in {{space}} (those addresses are taken as pod addresses).',
    overlapsOnPremises:
      '{{name}} "{{pods}}"{{implicit}} overlaps the on-premises range {{space}} of {{network}}: AKS accepts it, but pods can no longer reach hosts in {{space}} (those addresses are taken as pod addresses).',
  },
  checkCluster({ cluster, model }, report) {
    const { site: block } = cluster.network;
    const mode = ipamModeOf(cluster).value;
    if (mode !== 'overlay' && mode !== 'kubenet') return;
    const overlay = mode === 'overlay';
    const vnet = cluster.defaultPool.vnetSubnet?.vnet;
    if (!vnet) return;
    // The free range is searched only when there is something to report: it looks at every cluster.
    let suggestions: Report<Messages>['suggest'];
    const suggest = () => (suggestions ??= useFreeRange());
    function useFreeRange(): Report<Messages>['suggest'] {
      const free = freePodRange(model, cluster);
      if (!free || !block) return [];
      return [{ messageId: 'useFreeRange', data: { cidr: free }, replacesCluster: true, edit: (e) => e.setAttribute(block, 'pod_cidr', free, cluster.network.podCidr) }];
    }
    const connected = vnet.connected;
    for (const pods of podRangesOf(cluster) ?? []) {
      const cidr = parseCidr(pods.text);
      if (!cidr) continue;
      // An unset pod_cidr's file is that of the block lacking it: where the fallback ranges are.
      const uri = pods.setting.uri;
      const range = pods.range ?? block?.typeRange ?? cluster.site.labelRange;
      const implicit = pods.implicit ? ' (the AKS default: pod_cidr is not set)' : '';
      const source = pods.setting.site && !pods.implicit && pods.setting === cluster.network.podCidr ? { source: pods.setting } : {};
      for (const item of knownList(vnet.addressSpace) ?? []) {
        const space = knownString(item);
        const spaceCidr = space ? parseCidr(space) : undefined;
        if (!space || !spaceCidr || !cidrsOverlap(cidr, spaceCidr)) continue;
        report({
          messageId: overlay ? 'overlapsVnet' : 'overlapsVnetKubenet',
          severity: overlay ? 'error' : 'warning',
          data: { name: pods.setting.name, pods: pods.text, implicit, space, vnet: vnet.address },
          uri,
          range,
          ...source,
          related: vnet.addressSpaceSite ? [{ uri: vnet.addressSpaceSite.uri, range: vnet.addressSpaceSite.valueRange, message: `The address space of ${vnet.address}.` }] : [],
          suggest: suggest(),
        });
      }
      for (const overlap of overlapsWithConnected(connected, cidr)) {
        const peered = overlap.network.kind === 'peered';
        report({
          messageId: peered ? 'overlapsPeered' : 'overlapsOnPremises',
          severity: 'warning',
          data: { name: pods.setting.name, pods: pods.text, implicit, space: overlap.text, network: overlap.network.address, peering: overlap.network.peering ?? '', vnet: vnet.address },
          uri,
          range,
          ...source,
          related: describeConnected(overlap),
          suggest: suggest(),
        });
      }
    }
  },
});
