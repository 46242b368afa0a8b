/**
 * Windows node pools need Azure CNI: with kubenet or a bring-your-own CNI the AKS API answers
 * `AzureCNIOnlyForWindows` ("Windows agent pools can only be added to AKS clusters using
 * Azure-CNI.") (domain/rp-rules.md §D `kubenet-no-windows`, §H `windows-pool-matrix`).
 */
import { settingIs } from '../aks/network-facts.js';
import { knownString } from '../aks/model.js';
import { defineRule } from './define-rule.js';

export default defineRule({
  id: 'windows-pool-requires-azure-cni',
  title: 'Windows node pools need Azure CNI',
  severity: 'error',
  messages: {
    needsAzureCni:
      'os_type "Windows" needs Azure CNI, but {{cluster}} uses network_plugin "{{plugin}}": the AKS API rejects the pool with AzureCNIOnlyForWindows ("Windows agent pools can only be added to AKS clusters using Azure-CNI.").',
  },
  checkNodePool({ nodePool }, report) {
    const { cluster, osType } = nodePool;
    if (!cluster || !osType.site || !settingIs(osType, 'Windows')) return;
    const plugin = cluster.network.plugin;
    if (!settingIs(plugin, 'kubenet', 'none')) return;
    report({
      messageId: 'needsAzureCni',
      data: { cluster: cluster.address, plugin: knownString(plugin.value)! },
      uri: osType.site.uri,
      range: osType.site.valueRange,
      source: osType,
      related: plugin.site ? [{ uri: plugin.site.uri, range: plugin.site.valueRange, message: 'network_plugin is set here.' }] : [],
    });
  },
});
