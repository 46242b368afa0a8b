/**
 * ACNS Container Network Security needs Azure CNI Powered by Cilium. azurerm checks it at plan:
 * from 4.67 for `security_enabled = true`; from 4.45 to 4.66 for any `advanced_networking` block
 * (domain/rp-rules.md §H `acns-security-requires-cilium`; network-profile.md §2).
 */
import { effectiveDataPlane, inPlaceFrom, settingIs } from '../aks/network-facts.js';
import { knownBoolean, knownString } from '../aks/model.js';
import { blockVersions, factHolds, holdsFor, inPlaceSince } from '../aks/schema/network-schema.js';
import { defineRule, type Edits } from './define-rule.js';

export default defineRule({
  id: 'acns-security-requires-cilium',
  title: 'ACNS security needs the Cilium data plane on Azure CNI',
  severity: 'error',
  messages: {
    securityNeedsCilium:
      'advanced_networking.security_enabled needs network_data_plane "cilium" and network_plugin "azure" (here {{dataPlane}} and {{plugin}}): terraform plan fails with "when `network_profile.0.advanced_networking` has `security_enabled` set to `true`, `network_profile.0.{{attribute}}` must be set to `{{expected}}`".',
    blockNeedsCilium:
      'azurerm {{version}} accepts an advanced_networking block only with network_data_plane "cilium" and network_plugin "azure": terraform plan fails with "when `network_profile.0.advanced_networking` is set, `network_profile.0.network_data_plane` must be set to `cilium`" (4.67 allows observability alone).',
    setCilium: 'Set network_data_plane = "cilium"{{note}}',
  },
  checkCluster({ cluster }, report) {
    // The provider's plan-time check (and its releases); what the AKS API answers is not verified.
    if (cluster.form === 'azapi') return;
    const { advancedNetworking, plugin, site: block } = cluster.network;
    // Before advanced_networking arrived it is not in the schema at all.
    if (holdsFor(cluster.provider, blockVersions('advanced_networking')) === false || advancedNetworking.state !== 'present' || !advancedNetworking.site) return;
    const dataPlane = effectiveDataPlane(cluster);
    const pluginValue = knownString(plugin.value);
    if (dataPlane.value === undefined || pluginValue === undefined) return;
    if (dataPlane.value === 'cilium' && pluginValue === 'azure') return;
    const migration = inPlaceFrom(cluster, inPlaceSince('network_profile', 'network_data_plane', dataPlane.value, 'cilium'), 'an existing cluster is migrated in place; nodes are reimaged');
    const suggest =
      block && settingIs(plugin, 'azure')
        ? [
            {
              messageId: 'setCilium' as const,
              data: { note: migration.note },
              replacesCluster: migration.replacesCluster,
              edit: (e: Edits) =>
                e.setAttribute(block, 'network_data_plane', 'cilium', dataPlane.setting),
            },
          ]
        : [];
    const security = advancedNetworking.securityEnabled;
    // Some releases refused any advanced_networking block without Cilium, not only security.
    if (factHolds(cluster.provider, 'advanced_networking', undefined, 'needs-cilium-data-plane') === true) {
      const { major, minor } = cluster.provider;
      report({
        messageId: 'blockNeedsCilium',
        data: { version: `${major}.${minor}` },
        uri: advancedNetworking.site.uri,
        range: advancedNetworking.site.typeRange,
        suggest,
      });
    } else if (knownBoolean(security.value) === true && security.site && factHolds(cluster.provider, 'advanced_networking', 'security_enabled', 'needs-cilium-data-plane') !== false) {
      report({
        messageId: 'securityNeedsCilium',
        data: {
          dataPlane: `"${dataPlane.value}"`,
          plugin: `"${pluginValue}"`,
          // The provider checks the data plane first, then the plugin.
          attribute: dataPlane.value !== 'cilium' ? 'network_data_plane' : 'network_plugin',
          expected: dataPlane.value !== 'cilium' ? 'cilium' : 'azure',
        },
        uri: security.site.uri,
        range: security.site.valueRange,
        suggest,
      });
    }
  },
});
