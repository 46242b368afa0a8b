/**
 * Azure Network Policy Manager needs Azure CNI: with kubenet the AKS API answers
 * `NetworkPolicyAzureNotSupportedForKubenet` (domain/rp-rules.md §C `npm-requires-azure-cni`).
 */
import { settingIs } from '../aks/network-facts.js';
import { defineRule } from './define-rule.js';

export default defineRule({
  id: 'npm-requires-azure-cni',
  title: 'network_policy "azure" needs Azure CNI',
  severity: 'error',
  messages: {
    notWithKubenet:
      'network_policy "azure" (Azure Network Policy Manager) does not run on kubenet: the AKS API rejects it at apply with NetworkPolicyAzureNotSupportedForKubenet ("NetworkPolicy azure is not supported for network plugin kubenet").',
    useCalico: 'Set network_policy = "calico", which supports kubenet (replaces an existing cluster that runs another policy engine)',
  },
  checkCluster({ cluster }, report) {
    const { policy, plugin } = cluster.network;
    if (!settingIs(policy, 'azure') || !settingIs(plugin, 'kubenet') || !policy.site) return;
    report({
      messageId: 'notWithKubenet',
      uri: policy.site.uri,
      range: policy.site.valueRange,
      source: policy,
      related: plugin.site ? [{ uri: plugin.site.uri, range: plugin.site.valueRange, message: 'network_plugin is "kubenet" here.' }] : [],
      suggest: [{ messageId: 'useCalico', replacesCluster: true, edit: (e) => e.replaceSettingValue(policy, 'calico') }],
    });
  },
});
