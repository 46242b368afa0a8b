/**
 * The AKS API rejects the Cilium data plane with network_policy "azure" or "calico":
 * `CiliumDataplaneRequiresNetworkPolicyCilium` (domain/rp-rules.md §A
 * `cilium-dataplane-requires-cilium-policy`).
 */
import { effectiveDataPlane, inPlaceFrom, settingIs } from '../aks/network-facts.js';
import { knownString } from '../aks/model.js';
import { inPlaceSince } from '../aks/schema/network-schema.js';
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
    if (dataPlane.value !== 'cilium' || !settingIs(policy, 'azure', 'calico') || !policy.site) return;
    const from = knownString(policy.value);
    // azure -> cilium and calico -> cilium are in place from different releases (rp-rules.md §I).
    const migration = inPlaceFrom(cluster, inPlaceSince('network_profile', 'network_policy', from, 'cilium'), 'an existing cluster changes policy engine in place');
    report({
      messageId: 'needsCiliumPolicy',
      data: { policy: from! },
      uri: policy.site.uri,
      range: policy.site.valueRange,
      source: policy,
      related: dataPlane.setting.site
        ? [{ uri: dataPlane.setting.site.uri, range: dataPlane.setting.site.valueRange, message: 'The Cilium data plane is chosen here.' }]
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
