/**
 * One apply that changes the IPAM mode (kubenet → Azure CNI, or adding overlay) and moves the data
 * plane to Cilium: AKS updates the two only in separate operations and refuses the update
 * (catalogue row 22; domain/rp-rules.md §A `cilium-ipam-and-dataplane-separate`; the provider's own
 * acceptance test does the two migrations in separate steps). A change that replaces the cluster
 * creates a new one with both, which AKS accepts, so only an in-place update is refused.
 */
import { clusterFate, networkChanges } from '../aks/change-facts.js';
import { settingRange } from '../aks/network-facts.js';
import { defineRule } from './define-rule.js';
import { priorRelated, RESTORE_MESSAGES, restoreTogether } from './shared/change-suggestions.js';

export default defineRule({
  id: 'ipam-and-dataplane-in-one-apply',
  title: 'Change the IPAM mode and the data plane in separate applies',
  severity: 'error',
  messages: {
    oneApply:
      'network_data_plane changes from "azure" to "cilium" in the same apply as {{ipam}}: AKS updates the IPAM mode and the data plane of a running cluster only in separate operations and refuses this update at terraform apply. Apply the move to {{target}} first, then the data plane.',
    mayOneApply:
      'network_data_plane changes from "azure" to "cilium" in the same apply as {{ipam}}: with azurerm {{from}} and later this is one in-place update, which AKS refuses (it updates the IPAM mode and the data plane only in separate operations); before {{from}} the cluster is replaced instead. The release is not pinned (azurerm {{version}}). Apply the move to {{target}} first, then the data plane.',
    ...RESTORE_MESSAGES,
  },
  checkCluster({ cluster, model }, report) {
    const baseline = model.baseline;
    if (!baseline || !cluster.prior) return;
    const changes = networkChanges(cluster);
    const dataPlane = changes.find((c) => c.attribute === 'network_data_plane' && c.from === 'azure' && c.to === 'cilium');
    const plugin = changes.find((c) => c.attribute === 'network_plugin' && c.from === 'kubenet' && c.to === 'azure');
    const overlay = changes.find((c) => c.attribute === 'network_plugin_mode' && String(c.to).toLowerCase() === 'overlay');
    const ipam = plugin ?? overlay;
    if (!dataPlane || !ipam) return;
    const fate = clusterFate(cluster, changes);
    if (fate.fate !== 'updated') return;
    const { after } = dataPlane;
    const uri = after.site?.uri ?? cluster.network.site?.uri ?? cluster.uri;
    const range = settingRange(after, cluster.network, cluster);
    const ipamRange = settingRange(ipam.after, cluster.network, cluster);
    // The Cilium policy that came with the data plane goes back with it (alone, it needs Cilium).
    const policy = changes.find((c) => c.attribute === 'network_policy' && c.to === 'cilium');
    const restore = restoreTogether(policy ? [dataPlane, policy] : [dataPlane], baseline, cluster.network.site);
    const target = overlay || plugin ? (overlay ? 'Azure CNI Overlay' : 'Azure CNI') : '';
    report({
      messageId: fate.unlessBefore ? 'mayOneApply' : 'oneApply',
      ...(fate.unlessBefore ? { severity: 'warning' as const } : {}),
      data: {
        ipam: plugin ? `network_plugin's move from "kubenet" to "azure"` : 'adding network_plugin_mode = "overlay"',
        target,
        from: fate.unlessBefore ?? '',
        version: cluster.provider.detail,
      },
      uri,
      range,
      related: [
        priorRelated(dataPlane, baseline, uri, range),
        { uri: ipam.after.site?.uri ?? uri, range: ipamRange, message: `The IPAM mode changes here in the same apply (${ipam.attribute}).` },
      ],
      source: after,
      // Whether azurerm updates the cluster in place depends on its release: on an assumed one, a warning.
      majorSpecific: cluster.form === 'azurerm',
      ...(restore ? { suggest: [restore] } : {}),
    });
  },
});
