/**
 * dns_service_ip must lie inside service_cidr (or, dual-stack, the service_cidrs entry of its IP
 * family); the AKS API rejects it otherwise (domain/rp-rules.md §E `dns-ip-inside-service-cidr`;
 * concepts-network-ip-address-planning).
 */
import { serviceRangeFor } from '../aks/network-facts.js';
import { cidrContainsIp, cidrhost, formatIp, parseIp } from '../cidr/cidr-math.js';
import { knownString } from '../aks/model.js';
import { defineRule } from './define-rule.js';

export default defineRule({
  id: 'dns-ip-outside-service-cidr',
  title: 'dns_service_ip lies inside service_cidr',
  severity: 'error',
  messages: {
    outside:
      'dns_service_ip "{{dns}}" is not inside {{cidrName}} "{{cidr}}": the AKS API rejects the cluster at apply (the DNS service IP must belong to the service range).',
    useTenth: 'Set dns_service_ip = "{{fixed}}", the tenth address of {{cidr}} (replaces an existing cluster)',
  },
  checkCluster({ cluster }, report) {
    const { dnsServiceIp } = cluster.network;
    const dns = knownString(dnsServiceIp.value);
    const ip = dns ? parseIp(dns) : undefined;
    if (!ip || !dnsServiceIp.site) return;
    const service = serviceRangeFor(cluster, ip);
    if (!service || service.cidr.version !== ip.version || cidrContainsIp(service.cidr, ip)) return;
    const { cidr, text } = service;
    const fixed = cidr.prefix <= (cidr.version === 4 ? 28 : 124) ? formatIp(cidrhost(cidr, 10)) : undefined;
    report({
      messageId: 'outside',
      data: { dns: dns!, cidr: text, cidrName: service.setting.name },
      uri: dnsServiceIp.site.uri,
      range: dnsServiceIp.site.valueRange,
      source: dnsServiceIp,
      related: service.range ? [{ uri: service.uri, range: service.range, message: 'The service range is set here.' }] : [],
      suggest: fixed
        ? [{ messageId: 'useTenth', data: { fixed, cidr: text }, replacesCluster: true, edit: (e) => e.replaceSettingValue(dnsServiceIp, fixed) }]
        : [],
    });
  },
});
