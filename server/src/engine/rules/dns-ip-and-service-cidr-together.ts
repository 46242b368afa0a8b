/**
 * The provider fails at apply unless dns_service_ip and service_cidr(s) are both set or both
 * empty: "`dns_service_ip` and `service_cidr` should all be empty or both should be set"
 * (domain/rp-rules.md §E `service-cidr-dns-ip-together`; provider kubernetes_cluster_validate.go).
 */
import { cidrContainsIp, cidrhost, formatIp, parseCidr, parseIp } from '../cidr/cidr-math.js';
import { DEFAULT_SERVICE_CIDR } from '../aks/network-facts.js';
import type { Setting } from '../aks/model.js';
import { knownList, knownString } from '../aks/model.js';
import { defineRule } from './define-rule.js';

/** Surely set to a non-empty value (an Unknown could still be null or ""). */
const hasNonEmptyValue = (s: Setting) => {
  const text = knownString(s.value);
  const list = knownList(s.value);
  return s.state === 'set' && ((text !== undefined && text !== '') || (list !== undefined && list.length > 0));
};

export default defineRule({
  id: 'dns-ip-and-service-cidr-together',
  title: 'dns_service_ip and service_cidr are set together',
  severity: 'error',
  messages: {
    dnsWithoutCidr:
      'dns_service_ip "{{dns}}" is set but service_cidr is not: the provider fails at apply with "`dns_service_ip` and `service_cidr` should all be empty or both should be set".',
    cidrWithoutDns:
      '{{cidrName}} is set but dns_service_ip is not: the provider fails at apply with "`dns_service_ip` and `service_cidr` should all be empty or both should be set".',
    addDnsIp: 'Set dns_service_ip = "{{dns}}", the tenth address of {{cidr}} (replaces an existing cluster whose DNS service IP differs)',
    addServiceCidr: 'Set service_cidr = "{{cidr}}", the AKS default range that holds {{dns}} (replaces an existing cluster whose service range differs)',
  },
  checkCluster({ cluster }, report) {
    // The provider checks this, not the AKS API: an azapi body never meets it.
    if (cluster.form === 'azapi') return;
    const { dnsServiceIp, serviceCidr, serviceCidrs, site: block } = cluster.network;
    if (!block) return;
    const cidrSet = hasNonEmptyValue(serviceCidr) || hasNonEmptyValue(serviceCidrs);
    const cidrAbsent = serviceCidr.state === 'absent' && serviceCidrs.state === 'absent';
    if (hasNonEmptyValue(dnsServiceIp) && cidrAbsent) {
      const dns = knownString(dnsServiceIp.value)!;
      const ip = parseIp(dns);
      const defaultRange = parseCidr(DEFAULT_SERVICE_CIDR)!;
      const inDefault = ip !== undefined && cidrContainsIp(defaultRange, ip);
      report({
        messageId: 'dnsWithoutCidr',
        data: { dns },
        uri: dnsServiceIp.site!.uri,
        range: dnsServiceIp.site!.valueRange,
        suggest: inDefault
          ? [{ messageId: 'addServiceCidr', data: { dns, cidr: DEFAULT_SERVICE_CIDR }, replacesCluster: true, edit: (e) => e.setAttribute(block, 'service_cidr', DEFAULT_SERVICE_CIDR, serviceCidr) }]
          : [],
      });
    } else if (cidrSet && dnsServiceIp.state === 'absent') {
      const setting = hasNonEmptyValue(serviceCidr) ? serviceCidr : serviceCidrs;
      const cidrText = knownString(serviceCidr.value);
      const cidr = cidrText ? parseCidr(cidrText) : undefined;
      const dns = cidr && cidr.version === 4 && cidr.prefix <= 28 ? formatIp(cidrhost(cidr, 10)) : undefined;
      report({
        messageId: 'cidrWithoutDns',
        data: { cidrName: setting.name },
        uri: setting.site!.uri,
        range: setting.site!.valueRange,
        suggest: dns
          ? [{ messageId: 'addDnsIp', data: { dns, cidr: cidrText! }, replacesCluster: true, edit: (e) => e.setAttribute(block, 'dns_service_ip', dns, dnsServiceIp) }]
          : [],
      });
    }
  },
});
