/**
 * With the Cilium data plane and network_policy omitted, AKS creates the cluster (the provider's
 * acceptance tests do exactly this), but the stored policy is not documented, and an in-place
 * migration to Cilium re-sends the old policy and is refused (domain/rp-rules.md §A
 * `cilium-dataplane-policy-unset`). Writing network_policy = "cilium" keeps plans explicit.
 * With a baseline that shows that migration (catalogue row 36), it is a warning.
 */
import { clusterFate, describeValue, networkChanges } from '../aks/change-facts.js';
import { effectiveDataPlane } from '../aks/network-facts.js';
import { defineRule } from './define-rule.js';

export default defineRule({
  id: 'cilium-policy-implicit',
  title: 'Say network_policy = "cilium" with the Cilium data plane',
  severity: 'info',
  messages: {
    implicit:
      '{{attribute}} is "cilium" but network_policy is not set: AKS accepts this for a new cluster, but write network_policy = "cilium" so the policy engine is explicit (an in-place move of an existing cluster to Cilium is refused unless the policy is "cilium").',
    migration:
      '{{attribute}} changes from "azure" to "cilium" in place{{unless}}, but network_policy is not set: the provider sends the policy the cluster has now ({{policy}}) with the Cilium data plane, and AKS refuses Cilium with any policy but "cilium" (CiliumDataplaneRequiresNetworkPolicyCilium). Set network_policy = "cilium".',
    addPolicy: 'Set network_policy = "cilium"',
  },
  checkCluster({ cluster, model }, report) {
    const { policy, site: block } = cluster.network;
    const dataPlane = effectiveDataPlane(cluster);
    if (dataPlane.value !== 'cilium' || !dataPlane.setting.site || policy.state !== 'absent' || !block) return;
    const migration = model.baseline && cluster.prior ? migrationOf(cluster) : undefined;
    report({
      ...(migration ? { messageId: 'migration', severity: 'warning' as const } : { messageId: 'implicit' as const }),
      data: { attribute: dataPlane.setting.name, ...migration },
      uri: dataPlane.setting.site.uri,
      range: dataPlane.setting.site.valueRange,
      suggest: [{ messageId: 'addPolicy', edit: (e) => e.setAttribute(block, 'network_policy', 'cilium', policy) }],
    });
  },
});

/** The in-place move of the data plane from azure to cilium this change makes, with the policy the cluster has. */
function migrationOf(cluster: Parameters<typeof networkChanges>[0]): { unless: string; policy: string } | undefined {
  const changes = networkChanges(cluster);
  if (!changes.some((c) => c.attribute === 'network_data_plane' && c.from === 'azure' && c.to === 'cilium')) return undefined;
  const fate = clusterFate(cluster, changes);
  if (fate.fate !== 'updated') return undefined;
  const prior = cluster.prior?.settings.get('network.policy')?.value;
  return {
    unless: fate.unlessBefore ? ` (with azurerm ${fate.unlessBefore} and later; before, the cluster is replaced)` : '',
    policy: typeof prior === 'string' && prior !== '' ? describeValue(prior) : 'none',
  };
}
