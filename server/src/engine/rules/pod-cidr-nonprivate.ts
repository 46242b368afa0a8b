/**
 * Microsoft supports overlay and kubenet pod ranges only inside RFC 1918 (10/8, 172.16/12,
 * 192.168/16) or RFC 6598 (100.64/10) space (domain/rp-rules.md §B `pod-cidr-private-range`).
 */
import { elementRange } from '../aks/network-facts.js';
import type { Setting } from '../aks/model.js';
import { cidrContainsCidr, parseCidr } from '../cidr/cidr-math.js';
import { knownList, knownString, type Value } from '../aks/model.js';
import type { Range } from '../text/positions.js';
import { defineRule } from './define-rule.js';

const PRIVATE_RANGES = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10'].map((r) => parseCidr(r)!);

export default defineRule({
  id: 'pod-cidr-nonprivate',
  title: 'Pod ranges are private addresses',
  severity: 'info',
  messages: {
    notPrivate:
      '{{name}} "{{cidr}}" is not inside a private range (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or 100.64.0.0/10): AKS accepts it, but Microsoft does not support pod ranges outside RFC 1918 and RFC 6598.',
  },
  checkCluster({ cluster }, report) {
    const { podCidr, podCidrs } = cluster.network;
    const check = (setting: Setting, value: Value, range: Range | undefined) => {
      const text = knownString(value);
      const cidr = text ? parseCidr(text) : undefined;
      if (!cidr || cidr.version !== 4 || !range) return;
      if (PRIVATE_RANGES.some((r) => cidrContainsCidr(r, cidr))) return;
      report({ messageId: 'notPrivate', data: { name: setting.name, cidr: text! }, uri: setting.uri, range, ...(value === setting.value ? { source: setting } : {}) });
    };
    if (podCidr.site) check(podCidr, podCidr.value, podCidr.site.valueRange);
    for (const element of knownList(podCidrs.value) ?? []) check(podCidrs, element, elementRange(podCidrs, element));
  },
});
