/**
 * The DNS service IP must not be the network address or the first address of the service range:
 * the first address is the `kubernetes` API service (domain/rp-rules.md §E `dns-ip-not-first`).
 */
import { serviceRangeFor } from '../aks/network-facts.js';
import { cidrContainsIp, cidrhost, formatIp, parseIp } from '../cidr/cidr-math.js';
import { knownString } from '../aks/model.js';
import { defineRule } from './define-rule.js';

export default defineRule({
  id: 'dns-ip-first-address',
  title: 'dns_service_ip is not the first address of service_cidr',
  severity: 'warning',
  messages: {
    networkAddress: 'dns_service_ip "{{dns}}" is the network address of {{cidrName}} "{{cidr}}": kube-dns cannot use it and cluster DNS breaks.',
    firstAddress:
      'dns_service_ip "{{dns}}" is the first address of {{cidrName}} "{{cidr}}", which Kubernetes gives the kubernetes API service: cluster DNS breaks.',
    useTenth: 'Set dns_service_ip = "{{fixed}}" (replaces an existing cluster)',
  },
  checkCluster({ cluster }, report) {
    const { dnsServiceIp } = cluster.network;
    const dns = knownString(dnsServiceIp.value);
    const ip = dns ? parseIp(dns) : undefined;
    const service = ip ? serviceRangeFor(cluster, ip) : undefined;
    if (!ip || !service || !dnsServiceIp.site || !cidrContainsIp(service.cidr, ip)) return;
    const { cidr, text: cidrText } = service;
    const offset = ip.value - cidr.network;
    if (offset > 1n) return;
    const fixed = cidr.prefix <= (cidr.version === 4 ? 28 : 124) ? formatIp(cidrhost(cidr, 10)) : undefined;
    report({
      messageId: offset === 0n ? 'networkAddress' : 'firstAddress',
      data: { dns: dns!, cidr: cidrText, cidrName: service.setting.name },
      uri: dnsServiceIp.site.uri,
      range: dnsServiceIp.site.valueRange,
      source: dnsServiceIp,
      suggest: fixed
        ? [{ messageId: 'useTenth', data: { fixed }, replacesCluster: true, edit: (e) => e.replaceSettingValue(dnsServiceIp, fixed) }]
        : [],
    });
  },
});
