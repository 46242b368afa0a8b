/**
 * The Cilium data plane runs only on Azure CNI (overlay, pod subnet or node subnet), never on
 * kubenet or a bring-your-own CNI (domain/rp-rules.md §A `cilium-requires-azure-plugin`;
 * update-azure-cni: kubenet clusters move to overlay first, then to Cilium in a separate update).
 */
import { effectiveDataPlane, settingIs } from '../aks/network-facts.js';
import { knownString } from '../aks/model.js';
import { defineRule } from './define-rule.js';

export default defineRule({
  id: 'cilium-requires-azure-plugin',
  title: 'The Cilium data plane needs network_plugin "azure"',
  severity: 'error',
  messages: {
    needsAzure:
      '{{attribute}} "cilium" needs network_plugin "azure", not "{{plugin}}": Azure CNI Powered by Cilium runs only on Azure CNI (overlay, pod subnet or node subnet), and the AKS API rejects it at apply.',
    useOverlay:
      'Set network_plugin = "azure" and network_plugin_mode = "overlay" (replaces an existing cluster; a live kubenet cluster moves to overlay first, then to Cilium in a separate apply)',
  },
  checkCluster({ cluster }, report) {
    const { plugin, pluginMode, site: block } = cluster.network;
    const dataPlane = effectiveDataPlane(cluster);
    if (dataPlane.value !== 'cilium' || !dataPlane.setting.site || !settingIs(plugin, 'kubenet', 'none')) return;
    report({
      messageId: 'needsAzure',
      data: { attribute: dataPlane.setting.name, plugin: knownString(plugin.value)! },
      uri: dataPlane.setting.site.uri,
      range: dataPlane.setting.site.valueRange,
      source: dataPlane.setting,
      related: plugin.site ? [{ uri: plugin.site.uri, range: plugin.site.valueRange, message: 'network_plugin is set here.' }] : [],
      suggest:
        plugin.site && block
          ? [
              {
                messageId: 'useOverlay',
                replacesCluster: true,
                edit: (e) =>
                  e.replaceSettingValue(plugin, 'azure') &&
                  e.setAttribute(block, 'network_plugin_mode', 'overlay', pluginMode),
              },
            ]
          : [],
    });
  },
});
