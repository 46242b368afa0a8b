/**
 * Dual-stack: two service_cidrs or pod_cidrs need ip_versions ["IPv4", "IPv6"] (the provider fails
 * at apply); IPv6 needs Azure CNI Overlay; Azure NPM and Calico do not support dual-stack
 * (domain/rp-rules.md §H `dual-stack-list-lengths`, `dual-stack-requires-overlay`; §C
 * `dual-stack-no-npm-calico`).
 */
import { isOverlay, settingIs } from '../aks/network-facts.js';
import { knownList, knownString } from '../aks/model.js';
import { defineRule } from './define-rule.js';

export default defineRule({
  id: 'dual-stack-requirements',
  title: 'Dual-stack settings are consistent',
  severity: 'error',
  messages: {
    listNeedsIpVersions:
      '{{name}} holds {{count}} ranges, which needs ip_versions = ["IPv4", "IPv6"]: the provider fails at apply with "dual-stack networking must be enabled and `ip_versions` must be set to ["IPv4", "IPv6"] in order to specify multiple values in `{{name}}`".',
    ipv6NeedsOverlay:
      'ip_versions includes "IPv6", but Microsoft documents dual-stack only for Azure CNI Overlay (network_plugin "azure" with network_plugin_mode "overlay"); this cluster is {{mode}}.{{kubenetNote}}',
    ipv6PolicyUnsupported: 'network_policy "{{policy}}" does not support dual-stack clusters; use Cilium for network policy with IPv6.',
  },
  checkCluster({ cluster }, report) {
    const { serviceCidrs, podCidrs, ipVersions, plugin, policy } = cluster.network;
    const versions = knownList(ipVersions.value);
    const versionStrings = versions?.map((v) => knownString(v));
    for (const setting of [serviceCidrs, podCidrs]) {
      const list = knownList(setting.value);
      // The list lengths are the provider's check; the AKS API's answer is not verified.
      if (cluster.form === 'azapi' || !setting.site || !list || list.length < 2) continue;
      const ipVersionsOk = ipVersions.state === 'set' && (versions === undefined || versions.length === 2);
      if (ipVersions.state === 'unknown' || ipVersionsOk) continue;
      report({ messageId: 'listNeedsIpVersions', data: { name: setting.name, count: list.length }, uri: setting.site.uri, range: setting.site.valueRange });
    }
    if (!ipVersions.site || !versionStrings?.includes('IPv6')) return;
    const related = [{ uri: ipVersions.site.uri, range: ipVersions.site.valueRange, message: 'ip_versions includes IPv6 here.' }];
    const overlay = isOverlay(cluster);
    const pluginValue = knownString(plugin.value);
    if (pluginValue !== undefined && (pluginValue !== 'azure' || overlay === false)) {
      const mode = pluginValue === 'azure' ? 'Azure CNI without overlay' : `network_plugin "${pluginValue}"`;
      // A warning, not an error: the provider's own acceptance tests still create kubenet
      // dual-stack clusters (podCidrsDualStack, serviceCidrsDualStack), so the AKS API accepts
      // at least that; only the documentation dropped it (azure-aks-docs e77f49e4d, 2025-03).
      report({
        messageId: 'ipv6NeedsOverlay',
        severity: 'warning',
        data: { mode, kubenetNote: pluginValue === 'kubenet' ? ' Kubenet dual-stack is no longer documented, and kubenet retires on 31 March 2028.' : '' },
        uri: ipVersions.site.uri,
        range: ipVersions.site.valueRange,
      });
    }
    if (settingIs(policy, 'azure', 'calico') && policy.site) {
      report({ messageId: 'ipv6PolicyUnsupported', data: { policy: knownString(policy.value)! }, uri: policy.site.uri, range: policy.site.valueRange, related });
    }
  },
});
