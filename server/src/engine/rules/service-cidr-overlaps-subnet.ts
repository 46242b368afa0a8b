/**
 * The AKS API rejects a service range that overlaps any subnet of the cluster's VNet (not only
 * the node subnet): `ServiceCidrOverlapExistingSubnetsCidr`. With service_cidr unset, AKS uses
 * 10.0.0.0/16, the classic clash with a quickstart VNet 10.0.0.0/16 holding subnet 10.0.1.0/24
 * (domain/rp-rules.md §E `service-cidr-overlap-subnet`, `default-service-cidr-collision`).
 * Overlap with the VNet's address space alone is accepted (service-cidr-overlaps-network).
 */
import { cidrsOverlap, parseCidr } from '../cidr/cidr-math.js';
import { knownList, knownString } from '../terraform/values.js';
import { defineRule } from './define-rule.js';

/** The service range AKS uses when neither service_cidr nor service_cidrs is set. */
export const DEFAULT_SERVICE_CIDR = '10.0.0.0/16';

export default defineRule({
  id: 'service-cidr-overlaps-subnet',
  title: 'The service range overlaps no subnet of the cluster VNet',
  severity: 'error',
  messages: {
    overlaps:
      '{{serviceName}} "{{service}}"{{implicit}} overlaps subnet {{subnet}} ({{prefix}}) of the cluster VNet {{vnet}}: the AKS API rejects it at apply with ServiceCidrOverlapExistingSubnetsCidr ("The specified service CIDR {{service}} is conflicted with an existing subnet CIDR {{prefix}}").',
  },
  checkCluster({ cluster, model }, report) {
    const { serviceCidr, serviceCidrs, block } = cluster.network;
    const nodeSubnet = model.network.subnetOf(cluster.defaultPool.vnetSubnetId);
    if (!nodeSubnet?.vnet) return;
    // The service ranges: service_cidr, the entries of service_cidrs, or the AKS default.
    const ranges: { text: string; name: string; implicit: boolean }[] = [];
    const single = knownString(serviceCidr.value);
    if (single !== undefined) ranges.push({ text: single, name: 'service_cidr', implicit: false });
    else if (serviceCidr.state === 'absent' && serviceCidrs.state === 'absent' && cluster.network.state !== 'unknown') {
      ranges.push({ text: DEFAULT_SERVICE_CIDR, name: 'service_cidr', implicit: true });
    } else {
      for (const item of knownList(serviceCidrs.value) ?? []) {
        const text = knownString(item);
        if (text !== undefined) ranges.push({ text, name: 'service_cidrs', implicit: false });
      }
    }
    const { subnets } = model.network.subnetsOf(nodeSubnet.vnet);
    for (const range of ranges) {
      const service = parseCidr(range.text);
      if (!service) continue;
      for (const subnet of subnets) {
        for (const prefix of knownList(subnet.addressPrefixes) ?? []) {
          const prefixText = knownString(prefix);
          const cidr = prefixText ? parseCidr(prefixText) : undefined;
          if (!cidr || !cidrsOverlap(service, cidr)) continue;
          const setting = range.name === 'service_cidr' ? serviceCidr : serviceCidrs;
          const prefixRange = prefix.known && prefix.origin.uri === subnet.uri && prefix.origin.via.length === 0 ? prefix.origin.range : subnet.prefixesRange;
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
            range: setting.attribute?.expr.range ?? block?.typeRange ?? cluster.labelRange,
            ...(setting.attribute && !range.implicit ? { source: setting } : {}),
            related: prefixRange ? [{ uri: subnet.uri, range: prefixRange, message: `Subnet ${subnet.address} is declared here.` }] : [],
          });
        }
      }
    }
  },
});
