/**
 * The AKS API rejects a service range that overlaps any subnet of the cluster's VNet (not only
 * the node subnet): `ServiceCidrOverlapExistingSubnetsCidr`. With service_cidr unset, AKS uses
 * 10.0.0.0/16, the classic clash with a quickstart VNet 10.0.0.0/16 holding subnet 10.0.1.0/24
 * (domain/rp-rules.md §E `service-cidr-overlap-subnet`, `default-service-cidr-collision`).
 * Overlap with the VNet's address space alone is accepted (service-cidr-overlaps-network).
 */
import { freeServiceRange } from '../aks/free-ranges.js';
import { subnetPrefixesOverlapping } from '../aks/subnet-ranges.js';
import { rangeDeclaration, serviceRangesOf } from '../aks/network-facts.js';
import { parseCidr } from '../cidr/cidr-math.js';
import { defineRule, type EditFunction, type Report } from './define-rule.js';

type Messages = 'useFreeRange' | 'overlaps';

export default defineRule<Messages, 'module'>({
  id: 'service-cidr-overlaps-subnet',
  title: 'The service range overlaps no subnet of the cluster VNet',
  severity: 'error',
  // The free range a fix proposes must avoid every other cluster's ranges.
  scope: 'module',
  messages: {
    useFreeRange: 'Set service_cidr = "{{cidr}}" and dns_service_ip = "{{dns}}", free in this module (replaces an existing cluster)',
    overlaps:
      '{{serviceName}} "{{service}}"{{implicit}} overlaps subnet {{subnet}} ({{prefix}}) of the cluster VNet {{vnet}}: the AKS API rejects it at apply with ServiceCidrOverlapExistingSubnetsCidr ("The specified service CIDR {{service}} is conflicted with an existing subnet CIDR {{prefix}}").',
  },
  checkCluster({ cluster, model }, report) {
    const nodeSubnet = cluster.defaultPool.vnetSubnet;
    if (!nodeSubnet?.vnet) return;
    const ranges = serviceRangesOf(cluster);
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
    const vnet = nodeSubnet.vnet;
    for (const range of ranges) {
      const service = parseCidr(range.text);
      if (!service) continue;
      for (const { subnet, item, text } of subnetPrefixesOverlapping(vnet, service)) {
        report({
          messageId: 'overlaps',
          data: {
            serviceName: range.name,
            service: range.text,
            implicit: range.implicit ? ' (the AKS default: service_cidr is not set)' : '',
            subnet: subnet.address,
            prefix: text,
            vnet: vnet.address,
          },
          uri: range.uri,
          range: range.range,
          ...(range.setting ? { source: range.setting } : {}),
          related: rangeDeclaration(item, { uri: subnet.uri, site: subnet.prefixesSite }, `Subnet ${subnet.address} is declared here.`),
          suggest: suggest(),
        });
      }
    }
  },
});
