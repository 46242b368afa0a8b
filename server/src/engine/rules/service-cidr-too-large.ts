/**
 * The Kubernetes service range must be smaller than /12 (IPv6: no larger than /108)
 * (domain/rp-rules.md §E `service-cidr-size`; concepts-network-ip-address-planning).
 */
import { elementRange } from '../aks/network-facts.js';
import type { Setting } from '../aks/model.js';
import { parseCidr } from '../cidr/cidr-math.js';
import { knownList, knownString, type Value } from '../aks/model.js';
import type { Range } from '../text/positions.js';
import { defineRule } from './define-rule.js';

export default defineRule({
  id: 'service-cidr-too-large',
  title: 'The service range is smaller than /12',
  severity: 'error',
  messages: {
    tooLargeV4: '{{name}} "{{cidr}}" is too large: AKS requires an IPv4 service range smaller than /12 and rejects the cluster at apply.',
    tooLargeV6: '{{name}} "{{cidr}}" is too large: AKS accepts an IPv6 service range of /108 or smaller and rejects the cluster at apply.',
  },
  checkCluster({ cluster }, report) {
    const { serviceCidr, serviceCidrs } = cluster.network;
    const check = (setting: Setting, value: Value, range: Range | undefined) => {
      const text = knownString(value);
      const cidr = text ? parseCidr(text) : undefined;
      if (!cidr || !range) return;
      if (cidr.version === 4 && cidr.prefix <= 12) report({ messageId: 'tooLargeV4', data: { name: setting.name, cidr: text! }, uri: setting.uri, range, ...(value === setting.value ? { source: setting } : {}) });
      if (cidr.version === 6 && cidr.prefix < 108) report({ messageId: 'tooLargeV6', data: { name: setting.name, cidr: text! }, uri: setting.uri, range, ...(value === setting.value ? { source: setting } : {}) });
    };
    if (serviceCidr.site) check(serviceCidr, serviceCidr.value, serviceCidr.site.valueRange);
    for (const element of knownList(serviceCidrs.value) ?? []) check(serviceCidrs, element, elementRange(serviceCidrs, element));
  },
});
