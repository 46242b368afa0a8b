/**
 * AKS rejects service and pod ranges that overlap its reserved ranges 169.254.0.0/16,
 * 172.30.0.0/16, 172.31.0.0/16 and 192.0.2.0/24 (e.g. pod_cidr 172.16.0.0/12 holds 172.30/16)
 * (domain/rp-rules.md §E `reserved-ranges`; concepts-network-cni-overview prerequisites).
 * The same holds for the subnets the cluster's pools use (catalogue row 7); a VNet address space
 * that merely contains a reserved range is accepted (see below).
 */
import { RESERVED_RANGES } from '../aks/free-ranges.js';
import { elementRange } from '../aks/network-facts.js';
import type { Setting } from '../aks/model.js';
import { cidrsOverlap, parseCidr, type Cidr } from '../cidr/cidr-math.js';
import { knownList, knownString, type Value } from '../aks/model.js';
import type { Range } from '../text/positions.js';
import { defineRule } from './define-rule.js';

const RESERVED = RESERVED_RANGES.map((r) => ({ text: r, cidr: parseCidr(r)! }));

/** The reserved ranges a CIDR overlaps. */
const reservedOverlaps = (cidr: Cidr) => RESERVED.filter((r) => cidrsOverlap(r.cidr, cidr)).map((r) => r.text);

export default defineRule({
  id: 'reserved-range',
  title: 'Service and pod ranges avoid the ranges AKS reserves',
  severity: 'error',
  messages: {
    overlapsReserved:
      '{{name}} "{{cidr}}" overlaps {{reserved}}, which AKS reserves: the AKS API rejects the cluster at create or update.',
    networkOverlapsReserved:
      '{{name}} "{{cidr}}" of {{resource}}, a subnet of {{cluster}}, overlaps {{reserved}}, which AKS reserves: the AKS API rejects the cluster at create or update.',
  },
  checkCluster({ cluster, model }, report) {
    const { serviceCidr, serviceCidrs, podCidr, podCidrs } = cluster.network;
    const check = (setting: Setting, value: Value, range: Range | undefined) => {
      const text = knownString(value);
      const cidr = text ? parseCidr(text) : undefined;
      if (!cidr || !range) return;
      const hits = reservedOverlaps(cidr);
      if (hits.length === 0) return;
      report({ messageId: 'overlapsReserved', data: { name: setting.name, cidr: text!, reserved: hits.join(' and ') }, uri: setting.uri, range, ...(value === setting.value ? { source: setting } : {}) });
    };
    for (const setting of [serviceCidr, podCidr]) if (setting.site) check(setting, setting.value, setting.site.valueRange);
    for (const setting of [serviceCidrs, podCidrs]) {
      for (const element of knownList(setting.value) ?? []) check(setting, element, elementRange(setting, element));
    }
    // The subnets the cluster's pools take addresses from. The VNet's address space may hold a
    // reserved range: the provider's acceptance test parallelCrossVNetSameSubnetNameConfig
    // creates a cluster in a VNet 172.16.0.0/12 (which holds 172.30/16 and 172.31/16).
    const pools = [cluster.defaultPool, ...cluster.nodePools.map((p) => p.pool)];
    for (const subnet of pools.flatMap((p) => [p.vnetSubnet, p.podSubnet])) {
      if (!subnet || subnet.kind !== 'resource') continue;
      for (const item of knownList(subnet.addressPrefixes) ?? []) {
        const text = knownString(item);
        const cidr = text ? parseCidr(text) : undefined;
        if (!cidr) continue;
        const hits = reservedOverlaps(cidr);
        const uri = subnet.prefixesSite?.uri ?? subnet.uri;
        const range = item.known && item.origin.uri === uri && item.origin.via.length === 0 ? item.origin.range : subnet.prefixesSite?.valueRange;
        if (hits.length === 0 || !range) continue;
        report({
          messageId: 'networkOverlapsReserved',
          data: { name: 'address_prefixes', cidr: text!, resource: subnet.address, cluster: cluster.address, reserved: hits.join(' and ') },
          uri,
          range,
        });
      }
    }
  },
});
