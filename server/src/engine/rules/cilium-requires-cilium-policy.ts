/**
 * The AKS API rejects the Cilium data plane with network_policy "azure" or "calico":
 * `CiliumDataplaneRequiresNetworkPolicyCilium` (domain/rp-rules.md §A
 * `cilium-dataplane-requires-cilium-policy`).
 */
import { effectiveDataPlane, inPlaceFrom, settingIs } from '../aks/network-facts.js';
import { knownString } from '../terraform/values.js';
import { defineRule } from './define-rule.js';

export default defineRule({
  id: 'cilium-requires-cilium-policy',
  title: 'The Cilium data plane needs network_policy "cilium"',
  severity: 'error',
  messages: {
    needsCiliumPolicy:
      'network_policy "{{policy}}" cannot run on the Cilium data plane: the AKS API rejects it at apply with CiliumDataplaneRequiresNetworkPolicyCilium ("Cilium dataplane requires network policy cilium"). Cilium enforces network policy itself.',
    setCiliumPolicy: 'Set network_policy = "cilium"{{note}}',
  },
  checkCluster({ cluster }, report) {
    const { policy } = cluster.network;
    const dataPlane = effectiveDataPlane(cluster);
    if (dataPlane.value !== 'cilium' || !settingIs(policy, 'azure', 'calico') || !policy.attribute) return;
    const from = knownString(policy.value);
    // azure -> cilium is in place from 4.58, calico -> cilium from 4.59 (rp-rules.md §I).
    const migration = inPlaceFrom(cluster.provider, 4, from === 'calico' ? 59 : 58, 'an existing cluster changes policy engine in place');
    report({
      messageId: 'needsCiliumPolicy',
      data: { policy: from! },
      range: policy.attribute.expr.range,
      source: policy,
      related: dataPlane.setting.attribute
        ? [{ uri: cluster.uri, range: dataPlane.setting.attribute.expr.range, message: 'The Cilium data plane is chosen here.' }]
        : [],
      suggest: [
        {
          messageId: 'setCiliumPolicy',
          data: { note: migration.note },
          replacesCluster: migration.replacesCluster,
          edit: (e) => e.replaceSettingValue(policy, 'cilium'),
        },
      ],
    });
  },
});
