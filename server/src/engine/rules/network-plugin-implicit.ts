/**
 * Without a network_profile block the azurerm docs say kubenet is used, while `az aks create`
 * now defaults to Azure CNI Overlay and the API default is not documented (domain/network-profile.md
 * §2): say which network the cluster runs.
 */
import { inPlaceFrom } from '../aks/network-facts.js';
import { inPlaceSince } from '../aks/schema/network-schema.js';
import { defineRule } from './define-rule.js';

export default defineRule({
  id: 'network-plugin-implicit',
  title: 'Say which network plugin the cluster uses',
  severity: 'info',
  messages: {
    noProfile:
      'This cluster has no network_profile, so its network plugin is implicit: the azurerm docs say kubenet (retiring on 31 March 2028), while the Azure CLI now defaults to Azure CNI Overlay. Set network_plugin explicitly.',
    addOverlay: 'Add network_profile with network_plugin = "azure" and network_plugin_mode = "overlay"{{note}}',
  },
  checkCluster({ cluster }, report) {
    // About the provider's documented kubenet default; the AKS API's own default is not verified.
    if (cluster.form === 'azapi') return;
    if (cluster.network.state !== 'absent') return;
    const migration = inPlaceFrom(cluster, inPlaceSince('network_profile', 'network_plugin', 'kubenet', 'azure'), 'an existing kubenet cluster migrates to overlay in place', 'an existing kubenet cluster');
    report({
      messageId: 'noProfile',
      range: cluster.site.labelRange,
      suggest: [
        {
          messageId: 'addOverlay',
          data: { note: migration.note },
          replacesCluster: migration.replacesCluster,
          edit: (e) => e.insertBlock(cluster.site, 'network_profile', { network_plugin: 'azure', network_plugin_mode: 'overlay' }),
        },
      ],
    });
  },
});
