/**
 * Kubenet is retiring: AKS support ends on 2028-03-31; Microsoft's path is Azure CNI Overlay
 * (domain/rp-rules.md §D `kubenet-retirement`; seed-claims.md (h)). Only an explicit kubenet is
 * reported here: what AKS does when network_profile is omitted is not documented for the API, so
 * that case is the info rule network-plugin-implicit.
 */
import { settingIs } from '../aks/network-facts.js';
import { defineRule } from './define-rule.js';

export default defineRule({
  id: 'kubenet-retiring',
  title: 'Kubenet is retiring',
  severity: 'warning',
  messages: {
    retiring:
      'network_plugin "kubenet" is retiring: AKS support ends on 31 March 2028. Plan the move to Azure CNI Overlay (network_plugin = "azure", network_plugin_mode = "overlay"): in place from azurerm 4.66, with a user-assigned identity and no network policy engine enabled during the move.',
    // azapi updates the cluster in place; whether AKS migrates it is the API's answer, not a provider release's.
    retiringApi:
      'network_plugin "kubenet" is retiring: AKS support ends on 31 March 2028. Plan the move to Azure CNI Overlay (network_plugin = "azure", network_plugin_mode = "overlay"), with a user-assigned identity and no network policy engine enabled during the move.',
  },
  checkCluster({ cluster }, report) {
    const { plugin } = cluster.network;
    if (!settingIs(plugin, 'kubenet') || !plugin.site) return;
    report({ messageId: cluster.form === 'azapi' ? 'retiringApi' : 'retiring', uri: plugin.site.uri, range: plugin.site.valueRange, source: plugin });
  },
});
