/**
 * dns_service_ip must lie inside service_cidr; the AKS API rejects it otherwise
 * (domain/rp-rules.md §E `dns-ip-inside-service-cidr`; concepts-network-ip-address-planning).
 */
import { cidrContainsIp, cidrhost, formatIp, parseCidr, parseIp } from '../cidr/cidr-math.js';
import { elementRange } from '../aks/network-facts.js';
import { knownList, knownString } from '../terraform/values.js';
import { defineRule } from './define-rule.js';

export default defineRule({
  id: 'dns-ip-outside-service-cidr',
  title: 'dns_service_ip lies inside service_cidr',
  severity: 'error',
  messages: {
    outside:
      'dns_service_ip "{{dns}}" is not inside {{cidrName}} "{{cidr}}": the AKS API rejects the cluster at apply (the DNS service IP must belong to the service range).',
    useTenth: 'Set dns_service_ip = "{{fixed}}" (the tenth address of {{cidr}})',
    cidrHere: 'The service range is set here.',
  },
  checkCluster({ cluster }, report) {
    const { dnsServiceIp, serviceCidr, serviceCidrs } = cluster.network;
    const dns = knownString(dnsServiceIp.value);
    const ip = dns ? parseIp(dns) : undefined;
    if (!ip || !dnsServiceIp.attribute) return;
    // With service_cidrs (dual-stack), the DNS IP belongs to the range of its own IP family.
    let cidrText = knownString(serviceCidr.value);
    let cidrSetting = serviceCidr;
    let cidrRange = serviceCidr.attribute?.expr.range;
    if (!cidrText && serviceCidr.state === 'absent') {
      const candidates = knownList(serviceCidrs.value) ?? [];
      const sameFamily = candidates.find((c) => {
        const parsed = parseCidr(knownString(c) ?? '');
        return parsed?.version === ip.version;
      });
      cidrText = knownString(sameFamily);
      cidrSetting = serviceCidrs;
      cidrRange = sameFamily ? elementRange(serviceCidrs, sameFamily) : undefined;
    }
    const cidr = cidrText ? parseCidr(cidrText) : undefined;
    if (!cidr || cidr.version !== ip.version || cidrContainsIp(cidr, ip)) return;
    const fixed = cidr.prefix <= (cidr.version === 4 ? 28 : 124) ? formatIp(cidrhost(cidr, 10)) : undefined;
    report({
      messageId: 'outside',
      data: { dns: dns!, cidr: cidrText!, cidrName: cidrSetting.name },
      range: dnsServiceIp.attribute.expr.range,
      source: dnsServiceIp,
      related: cidrRange && cidrSetting.attribute ? [{ uri: cluster.uri, range: cidrRange, message: 'The service range is set here.' }] : [],
      suggest: fixed
        ? [{ messageId: 'useTenth', data: { fixed, cidr: cidrText! }, edit: (e) => e.replaceSettingValue(dnsServiceIp, fixed) }]
        : [],
    });
  },
});
