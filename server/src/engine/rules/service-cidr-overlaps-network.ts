/**
 * A service range inside the cluster VNet's address space (but in none of its subnets), or over
 * the pod range, is accepted by AKS, yet traffic to addresses in both is captured as service
 * traffic: those hosts become unreachable from pods (domain/rp-rules.md §E
 * `service-cidr-overlap-other`; catalogue row 39). The same holds for a VNet peered with the
 * cluster VNet and for on-premises ranges. Overlap with a subnet is the error
 * service-cidr-overlaps-subnet.
 */
import { describeConnected, overlapsWithConnected } from '../aks/connected-networks.js';
import { freeServiceRange } from '../aks/free-ranges.js';
import { podRangesOf, serviceRangesOf, usesPodCidr } from '../aks/network-facts.js';
import { cidrsOverlap, parseCidr, type Cidr } from '../cidr/cidr-math.js';
import { knownList, knownString } from '../aks/model.js';
import { defineRule, type EditFunction, type Report } from './define-rule.js';

type Messages = 'useFreeRange' | 'overlapsVnet' | 'overlapsPeered' | 'overlapsOnPremises' | 'overlapsPods';

const overlapsAny = (cidr: Cidr, texts: (string | undefined)[]) =>
  texts.some((t) => {
    const other = t ? parseCidr(t) : undefined;
    return other !== undefined && cidrsOverlap(cidr, other);
  });

export default defineRule<Messages, 'module'>({
  id: 'service-cidr-overlaps-network',
  title: 'The service range stays out of the VNet and the pod range',
  severity: 'warning',
  // The free range a fix proposes must avoid every other cluster's ranges.
  scope: 'module',
  messages: {
    useFreeRange: 'Set service_cidr = "{{cidr}}" and dns_service_ip = "{{dns}}", free in this module (replaces an existing cluster)',
    overlapsVnet:
      '{{name}} "{{service}}"{{implicit}} lies in the address space of the cluster VNet {{vnet}} ({{space}}): AKS accepts it because no subnet overlaps it today, but pods cannot reach anything later placed in that part of the VNet (it is taken as service traffic), and a subnet created there breaks the next cluster update.',
    overlapsPeered:
      '{{name}} "{{service}}"{{implicit}} overlaps the address space {{space}} of {{network}}, which {{peering}} peers with the cluster VNet {{vnet}}: AKS accepts it, but pods can no longer reach hosts in {{space}} (their traffic is taken as service traffic).',
    overlapsOnPremises:
      '{{name}} "{{service}}"{{implicit}} overlaps the on-premises range {{space}} of {{network}}: AKS accepts it, but pods can no longer reach hosts in {{space}} (their traffic is taken as service traffic).',
    overlapsPods:
      '{{name}} "{{service}}"{{implicit}} overlaps the pod range "{{pods}}"{{podsImplicit}}: Kubernetes services and pods would share addresses, and traffic to those pods is taken as service traffic.',
  },
  checkCluster({ cluster, model }, report) {
    const services = serviceRangesOf(cluster);
    const { site: block, serviceCidr, dnsServiceIp } = cluster.network;
    // The free range is searched only when there is something to report: it looks at every cluster.
    let suggestions: Report<Messages>['suggest'];
    const suggest = () => (suggestions ??= useFreeRange());
    function useFreeRange(): Report<Messages>['suggest'] {
      const free = freeServiceRange(model, cluster);
      if (!free || !block) return [];
      const edit: EditFunction = (e) => e.setAttribute(block, 'service_cidr', free.cidr, serviceCidr) && e.setAttribute(block, 'dns_service_ip', free.dns, dnsServiceIp);
      return [{ messageId: 'useFreeRange', data: free, replacesCluster: true, edit }];
    }
    const pods = usesPodCidr(cluster) ? (podRangesOf(cluster) ?? []) : [];
    const vnet = cluster.defaultPool.vnetSubnet?.vnet;
    for (const service of services) checkServiceRange(service);
    return;

    function checkServiceRange(service: (typeof services)[number]): void {
      const cidr = parseCidr(service.text);
      if (!cidr) return;
      const source = service.setting ? { source: service.setting } : {};
      const implicitNote = service.implicit ? ' (the AKS default: service_cidr is not set)' : '';
      // The pod range exists for overlay and kubenet; unset, AKS uses 10.244.0.0/16.
      for (const podRange of pods) {
        const other = parseCidr(podRange.text);
        if (!other || !cidrsOverlap(cidr, other)) continue;
        report({
          messageId: 'overlapsPods',
          data: { name: service.name, service: service.text, implicit: implicitNote, pods: podRange.text, podsImplicit: podRange.implicit ? ' (the AKS default)' : '' },
          uri: service.uri,
          range: service.range,
          ...source,
          related: podRange.range && !podRange.implicit ? [{ uri: podRange.setting.uri, range: podRange.range, message: 'The pod range is set here.' }] : [],
          suggest: suggest(),
        });
      }
      if (!vnet) return;
      for (const overlap of overlapsWithConnected(vnet.connected, cidr)) {
        report({
          messageId: overlap.network.kind === 'peered' ? 'overlapsPeered' : 'overlapsOnPremises',
          data: { name: service.name, service: service.text, implicit: implicitNote, space: overlap.text, network: overlap.network.address, peering: overlap.network.peering ?? '', vnet: vnet.address },
          uri: service.uri,
          range: service.range,
          ...source,
          related: describeConnected(overlap),
          suggest: suggest(),
        });
      }
      const space = (knownList(vnet.addressSpace) ?? []).map((v) => knownString(v));
      if (!overlapsAny(cidr, space)) return;
      // Only when it is proven that no subnet overlaps: that case is service-cidr-overlaps-subnet.
      const { subnets, complete } = vnet.subnets;
      if (!complete || subnets.some((s) => knownList(s.addressPrefixes) === undefined)) return;
      if (subnets.some((s) => overlapsAny(cidr, (knownList(s.addressPrefixes) ?? []).map((p) => knownString(p))))) return;
      report({
        messageId: 'overlapsVnet',
        data: { name: service.name, service: service.text, implicit: implicitNote, vnet: vnet.address, space: space.filter(Boolean).join(', ') },
        uri: service.uri,
        range: service.range,
        ...source,
        related: vnet.addressSpaceSite ? [{ uri: vnet.addressSpaceSite.uri, range: vnet.addressSpaceSite.valueRange, message: `The address space of ${vnet.address}.` }] : [],
        suggest: suggest(),
      });
    }
  },
});
