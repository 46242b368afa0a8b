/**
 * With the Cilium data plane and network_policy omitted, AKS creates the cluster (the provider's
 * acceptance tests do exactly this), but the stored policy is not documented, and an in-place
 * migration to Cilium re-sends the old policy and is refused (domain/rp-rules.md §A
 * `cilium-dataplane-policy-unset`). Writing network_policy = "cilium" keeps plans explicit.
 */
import { effectiveDataPlane } from '../aks/network-facts.js';
import { defineRule } from './define-rule.js';

export default defineRule({
  id: 'cilium-policy-implicit',
  title: 'Say network_policy = "cilium" with the Cilium data plane',
  severity: 'info',
  messages: {
    implicit:
      '{{attribute}} is "cilium" but network_policy is not set: AKS accepts this for a new cluster, but write network_policy = "cilium" so the policy engine is explicit (an in-place move of an existing cluster to Cilium is refused unless the policy is "cilium").',
    addPolicy: 'Set network_policy = "cilium"',
  },
  checkCluster({ cluster }, report) {
    const { policy, site: block } = cluster.network;
    const dataPlane = effectiveDataPlane(cluster);
    if (dataPlane.value !== 'cilium' || !dataPlane.setting.site || policy.state !== 'absent' || !block) return;
    report({
      messageId: 'implicit',
      data: { attribute: dataPlane.setting.name },
      uri: dataPlane.setting.site.uri,
      range: dataPlane.setting.site.valueRange,
      suggest: [{ messageId: 'addPolicy', edit: (e) => e.setAttribute(block, 'network_policy', 'cilium', policy) }],
    });
  },
});
