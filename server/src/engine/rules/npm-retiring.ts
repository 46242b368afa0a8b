/**
 * Azure Network Policy Manager is retiring: unsupported on Windows nodes from 2026-09-30 and on
 * Linux from 2028-09-30; Microsoft's path is Cilium network policy (domain/rp-rules.md §C
 * `npm-retirement-windows`, `npm-retirement-linux`).
 */
import { settingIs } from '../aks/network-facts.js';
import { defineRule } from './define-rule.js';

export default defineRule({
  id: 'npm-retiring',
  title: 'Azure Network Policy Manager is retiring',
  severity: 'warning',
  messages: {
    retiring:
      'network_policy "azure" (Azure Network Policy Manager) is retiring: AKS stopped supporting it on Windows nodes on 30 September 2026 and ends Linux support on 30 September 2028. Plan the move to Cilium (network_data_plane = "cilium", network_policy = "cilium").',
  },
  checkCluster({ cluster }, report) {
    const { policy } = cluster.network;
    if (!settingIs(policy, 'azure') || !policy.site) return;
    report({ messageId: 'retiring', uri: policy.site.uri, range: policy.site.valueRange, source: policy });
  },
});
