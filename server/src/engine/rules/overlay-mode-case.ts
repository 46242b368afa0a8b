/**
 * azurerm 4.x and 5.x accept network_plugin_mode "overlay" only, case-sensitively; 3.x also took
 * "Overlay". Terraform fails at plan: `expected network_profile.0.network_plugin_mode to be one
 * of ["overlay"], got Overlay` (domain/network-profile.md §2).
 */
import { knownString } from '../aks/model.js';
import { factHolds } from '../aks/schema/network-schema.js';
import { defineRule } from './define-rule.js';

export default defineRule({
  id: 'overlay-mode-case',
  title: 'network_plugin_mode is lowercase "overlay" from azurerm 4.0',
  severity: 'error',
  messages: {
    wrongCase:
      'network_plugin_mode "{{value}}" is not accepted by azurerm {{major}}.x, which compares case-sensitively: terraform plan fails with "expected network_profile.0.network_plugin_mode to be one of ["overlay"], got {{value}}".',
    lowercase: 'Write "overlay" in lowercase',
  },
  checkCluster({ cluster }, report) {
    // The provider checks this, not the AKS API: an azapi body never meets it.
    if (cluster.form === 'azapi') return;
    const { pluginMode } = cluster.network;
    const value = knownString(pluginMode.value);
    if (factHolds(cluster.provider, 'network_profile', 'network_plugin_mode', 'case-sensitive') === false || !pluginMode.site || value === undefined) return;
    if (value === 'overlay' || value.toLowerCase() !== 'overlay') return;
    report({
      messageId: 'wrongCase',
      data: { value, major: cluster.provider.major },
      uri: pluginMode.site.uri,
      range: pluginMode.site.valueRange,
      source: pluginMode,
      majorSpecific: true,
      // The provider compares the mode case-insensitively when planning changes, so the
      // lowercase spelling changes nothing Terraform builds.
      fix: { messageId: 'lowercase', edit: (e) => e.replaceSettingValue(pluginMode, 'overlay') },
    });
  },
});
