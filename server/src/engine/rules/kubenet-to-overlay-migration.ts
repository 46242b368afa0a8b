/**
 * An existing kubenet cluster migrated to Azure CNI Overlay in place (azurerm 4.66 and later, or
 * azapi): AKS refuses the migration while a network policy engine is installed, and it needs a
 * user-assigned managed identity to detach the kubenet route table (catalogue row 31;
 * domain/rp-rules.md §D `kubenet-to-overlay`, Microsoft Learn update-azure-cni). When the change
 * replaces the cluster instead (an older provider, a changed pod_cidr), change-replaces-cluster
 * says so, and these preconditions do not apply.
 */
import { clusterFate, networkChanges } from '../aks/change-facts.js';
import { knownString } from '../aks/model.js';
import { settingRange } from '../aks/network-facts.js';
import { defineRule } from './define-rule.js';

export default defineRule({
  id: 'kubenet-to-overlay-migration',
  title: 'Meet the preconditions of the kubenet to overlay migration',
  severity: 'warning',
  messages: {
    policy:
      'The cluster migrates from kubenet to Azure CNI Overlay in place{{unless}}, but its network policy is {{policy}}: AKS refuses the migration while a network policy engine is installed. Uninstall it first (az aks update --network-policy none), apply the migration, then install the policy again.',
    identity:
      'The cluster migrates from kubenet to Azure CNI Overlay in place{{unless}}, but it has a system-assigned identity: AKS needs a user-assigned managed identity to detach the kubenet route table, and refuses the migration. Give the cluster a user-assigned identity first.',
  },
  checkCluster({ cluster, model }, report) {
    if (!model.baseline || !cluster.prior) return;
    const changes = networkChanges(cluster);
    const plugin = changes.find((c) => c.attribute === 'network_plugin' && c.from === 'kubenet' && c.to === 'azure');
    if (!plugin || knownString(cluster.network.pluginMode.value)?.toLowerCase() !== 'overlay') return;
    const fate = clusterFate(cluster, changes);
    if (fate.fate !== 'updated') return;
    // In place only from azurerm 4.66: on an assumed release, a warning that says so.
    const majorSpecific = cluster.form === 'azurerm';
    const unless = fate.unlessBefore ? ` (with azurerm ${fate.unlessBefore} and later; before, the cluster is replaced)` : '';
    const { policy } = cluster.network;
    const policyNow = knownString(policy.value);
    const priorPolicy = cluster.prior.settings.get('network.policy');
    // Not written now, the state keeps the policy the cluster had.
    const effective = policy.state === 'set' ? policyNow : policy.state === 'absent' && typeof priorPolicy?.value === 'string' ? priorPolicy.value : undefined;
    if (effective) {
      const setting = policy.state === 'set' ? policy : plugin.after;
      report({ messageId: 'policy', data: { unless, policy: JSON.stringify(effective) }, uri: setting.site?.uri ?? cluster.uri, range: settingRange(setting, cluster.network, cluster), source: setting, majorSpecific });
    }
    const identity = cluster.identityType;
    if (knownString(identity.value) === 'SystemAssigned') {
      report({ messageId: 'identity', data: { unless }, uri: identity.site?.uri ?? cluster.uri, range: identity.site?.valueRange ?? cluster.site.labelRange, source: identity, majorSpecific });
    }
  },
});
