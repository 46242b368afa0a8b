/**
 * The AKS API rejects the Cilium data plane with network_policy "azure" or "calico":
 * `CiliumDataplaneRequiresNetworkPolicyCilium` (domain/rp-rules.md §A
 * `cilium-dataplane-requires-cilium-policy`).
 */
import { effectiveDataPlane, policyToCiliumReplaces, replacementNote, settingIs } from '../aks/network-facts.js';
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
    dataPlaneHere: 'The Cilium data plane is chosen here.',
  },
  checkCluster({ cluster }, report) {
    const { policy } = cluster.network;
    const dataPlane = effectiveDataPlane(cluster);
    if (dataPlane.value !== 'cilium' || !settingIs(policy, 'azure', 'calico') || !policy.attribute) return;
    const from = knownString(policy.value);
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
          data: { note: replacementNote(policyToCiliumReplaces(from, cluster.provider), `in place only from azurerm ${from === 'calico' ? '4.59' : '4.58'}`) },
          replacesCluster: policyToCiliumReplaces(from, cluster.provider) !== false,
          edit: (e) => e.replaceSettingValue(policy, 'cilium'),
        },
      ],
    });
  },
});
