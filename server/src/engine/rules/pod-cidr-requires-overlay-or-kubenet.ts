/**
 * The provider fails at apply when pod_cidr is set with network_plugin "azure" and no overlay:
 * "`pod_cidr` and `azure` cannot be set together unless specifying `network_plugin_mode` to
 * `overlay`" (domain/rp-rules.md §B `pod-cidr-requires-kubenet-or-overlay`).
 */
import { inPlaceFrom, isOverlay, settingIs } from '../aks/network-facts.js';
import { knownString } from '../aks/model.js';
import { inPlaceSince } from '../aks/schema/network-schema.js';
import { defineRule } from './define-rule.js';

export default defineRule({
  id: 'pod-cidr-requires-overlay-or-kubenet',
  title: 'pod_cidr needs overlay or kubenet',
  severity: 'error',
  messages: {
    podCidrWithoutOverlay:
      'pod_cidr "{{podCidr}}" is only used by kubenet and Azure CNI Overlay, but this cluster is Azure CNI without overlay (pods take VNet addresses): the provider fails at apply with "`pod_cidr` and `azure` cannot be set together unless specifying `network_plugin_mode` to `overlay`".',
    addOverlay: 'Set network_plugin_mode = "overlay"{{note}}',
    removePodCidr: 'Remove pod_cidr (keep Azure CNI with VNet pod addresses)',
  },
  checkCluster({ cluster }, report) {
    // The provider checks this, not the AKS API: an azapi body never meets it.
    if (cluster.form === 'azapi') return;
    const { podCidr, plugin, pluginMode, site: block } = cluster.network;
    const value = knownString(podCidr.value);
    if (!block || !podCidr.site || !value || !settingIs(plugin, 'azure') || isOverlay(cluster) !== false) return;
    const migration = inPlaceFrom(cluster, inPlaceSince('network_profile', 'network_plugin_mode', undefined, 'overlay'), 'an existing cluster migrates to overlay in place');
    report({
      messageId: 'podCidrWithoutOverlay',
      data: { podCidr: value },
      uri: podCidr.site.uri,
      range: podCidr.site.valueRange,
      source: podCidr,
      related: plugin.site ? [{ uri: plugin.site.uri, range: plugin.site.valueRange, message: 'network_plugin is "azure" here.' }] : [],
      suggest: [
        {
          messageId: 'addOverlay',
          data: { note: migration.note },
          replacesCluster: migration.replacesCluster,
          edit: (e) => e.setAttribute(block, 'network_plugin_mode', 'overlay', pluginMode),
        },
        { messageId: 'removePodCidr', edit: (e) => e.removeAttribute(podCidr.site!) },
      ],
    });
  },
});
