/**
 * Overlay is a mode of Azure CNI: with network_plugin "kubenet" or "none" the AKS API answers
 * `UnsupportedNetworkPluginModeWithNetworkPlugin` ("NetworkPluginMode overlay is not supported
 * with NetworkPlugin kubenet") (domain/rp-rules.md §B `overlay-requires-azure-plugin`).
 */
import { inPlaceFrom, isOverlay, settingIs } from '../aks/network-facts.js';
import { knownString } from '../aks/model.js';
import { inPlaceSince } from '../aks/schema/network-schema.js';
import { defineRule } from './define-rule.js';

export default defineRule({
  id: 'overlay-requires-azure-plugin',
  title: 'Overlay needs network_plugin "azure"',
  severity: 'error',
  messages: {
    needsAzure:
      'network_plugin_mode "overlay" needs network_plugin "azure", not "{{plugin}}": the AKS API rejects it at apply with UnsupportedNetworkPluginModeWithNetworkPlugin ("NetworkPluginMode overlay is not supported with NetworkPlugin {{plugin}}").',
    setAzure: 'Set network_plugin = "azure"{{note}}',
  },
  checkCluster({ cluster }, report) {
    const { plugin, pluginMode } = cluster.network;
    if (isOverlay(cluster) !== true || !settingIs(plugin, 'kubenet', 'none') || !pluginMode.site) return;
    const from = knownString(plugin.value)!;
    // kubenet -> azure + overlay is an in-place migration from a release on; every other plugin change replaces.
    const migration = inPlaceFrom(cluster, inPlaceSince('network_profile', 'network_plugin', from, 'azure'), 'an existing kubenet cluster migrates to overlay in place');
    report({
      messageId: 'needsAzure',
      data: { plugin: from },
      uri: pluginMode.site.uri,
      range: pluginMode.site.valueRange,
      source: pluginMode,
      related: plugin.site ? [{ uri: plugin.site.uri, range: plugin.site.valueRange, message: 'network_plugin is set here.' }] : [],
      suggest: plugin.site
        ? [
            {
              messageId: 'setAzure',
              data: { note: migration.note },
              replacesCluster: migration.replacesCluster,
              edit: (e) => e.replaceSettingValue(plugin, 'azure'),
            },
          ]
        : [],
    });
  },
});
