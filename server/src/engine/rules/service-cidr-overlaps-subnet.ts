/**
 * The AKS API rejects a service range that overlaps any subnet of the cluster's VNet (not only
 * the node subnet): `ServiceCidrOverlapExistingSubnetsCidr`. With service_cidr unset, AKS uses
 * 10.0.0.0/16, the classic clash with a quickstart VNet 10.0.0.0/16 holding subnet 10.0.1.0/24
 * (domain/rp-rules.md §E `service-cidr-overlap-subnet`, `default-service-cidr-collision`).
 * Overlap with the VNet's address space alone is accepted (service-cidr-overlaps-network).
 */
import { freeServiceRange } from '../aks/free-ranges.js';
import { rangeDeclaration, serviceRangesOf } from '../aks/network-facts.js';
import type { EditBuilder } from '../analyze/edit-builder.js';
import { cidrsOverlap, parseCidr } from '../cidr/cidr-math.js';
import { knownList, knownString } from '../terraform/values.js';
import { defineRule } from './define-rule.js';

export default defineRule({
  id: 'service-cidr-overlaps-subnet',
  title: 'The service range overlaps no subnet of the cluster VNet',
  severity: 'error',
  messages: {
    useFreeRange: 'Set service_cidr = "{{cidr}}" and dns_service_ip = "{{dns}}", free in this module (replaces an existing cluster)',
    overlaps:
      '{{serviceName}} "{{service}}"{{implicit}} overlaps subnet {{subnet}} ({{prefix}}) of the cluster VNet {{vnet}}: the AKS API rejects it at apply with ServiceCidrOverlapExistingSubnetsCidr ("The specified service CIDR {{service}} is conflicted with an existing subnet CIDR {{prefix}}").',
  },
  checkCluster({ cluster, model }, report) {
    const nodeSubnet = model.network.subnetOf(cluster.defaultPool.vnetSubnetId);
    if (!nodeSubnet?.vnet) return;
    const ranges = serviceRangesOf(cluster);
    const free = freeServiceRange(model, cluster);
    const { block, serviceCidr, dnsServiceIp } = cluster.network;
    const suggest = free && block
      ? [
          {
            messageId: 'useFreeRange' as const,
            data: free,
            replacesCluster: true,
            edit: (e: EditBuilder) =>
              e.setAttribute(cluster.uri, block, 'service_cidr', free.cidr, serviceCidr.attribute) &&
              e.setAttribute(cluster.uri, block, 'dns_service_ip', free.dns, dnsServiceIp.attribute),
          },
        ]
      : [];
    const { subnets } = model.network.subnetsOf(nodeSubnet.vnet);
    for (const range of ranges) {
      const service = parseCidr(range.text);
      if (!service) continue;
      for (const subnet of subnets) {
        for (const prefix of knownList(subnet.addressPrefixes) ?? []) {
          const prefixText = knownString(prefix);
          const cidr = prefixText ? parseCidr(prefixText) : undefined;
          if (!cidr || !cidrsOverlap(service, cidr)) continue;
          report({
            messageId: 'overlaps',
            data: {
              serviceName: range.name,
              service: range.text,
              implicit: range.implicit ? ' (the AKS default: service_cidr is not set)' : '',
              subnet: subnet.address,
              prefix: prefixText!,
              vnet: nodeSubnet.vnet.address,
            },
            range: range.range,
            ...(range.setting ? { source: range.setting } : {}),
            related: rangeDeclaration(prefix, { uri: subnet.uri, range: subnet.prefixesRange }, `Subnet ${subnet.address} is declared here.`),
            suggest,
          });
        }
      }
    }
  },
});
