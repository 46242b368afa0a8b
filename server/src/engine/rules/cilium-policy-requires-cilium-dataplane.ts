/**
 * The AKS API rejects network_policy "cilium" unless network_data_plane is "cilium"; in 4.x/5.x an
 * omitted network_data_plane is sent as "azure" (schema default): `NetworkPolicyNotSupported` /
 * `NetworkPolicyCiliumRequiresCiliumDataplane` (domain/rp-rules.md §A).
 */
import { effectiveDataPlane, inPlaceFrom, settingIs } from '../aks/network-facts.js';
import { defineRule } from './define-rule.js';

export default defineRule({
  id: 'cilium-policy-requires-cilium-dataplane',
  title: 'Cilium network policy needs the Cilium data plane',
  severity: 'error',
  messages: {
    needsCiliumDataplane:
      'network_policy "cilium" needs network_data_plane "cilium", not "{{dataPlane}}"{{implicit}}: the AKS API rejects it at apply with NetworkPolicyCiliumRequiresCiliumDataplane ("Network Policy cilium requires NetworkDataplane cilium").',
    setCiliumDataplane: 'Set network_data_plane = "cilium"{{note}}',
  },
  checkCluster({ cluster }, report) {
    const { policy, block } = cluster.network;
    const dataPlane = effectiveDataPlane(cluster);
    if (!settingIs(policy, 'cilium') || !policy.attribute || dataPlane.value === undefined || dataPlane.value === 'cilium') return;
    const implicit = dataPlane.setting.state === 'absent';
    // Implicit or explicit, an existing cluster runs the "azure" data plane: moving it to Cilium is
    // in place only from azurerm 4.58.
    const migration = inPlaceFrom(cluster.provider, 4, 58, 'an existing cluster is migrated in place; nodes are reimaged');
    report({
      messageId: 'needsCiliumDataplane',
      data: { dataPlane: dataPlane.value, implicit: implicit ? ' (network_data_plane is not set and defaults to "azure")' : '' },
      range: policy.attribute.expr.range,
      source: policy,
      related: [
        {
          uri: cluster.uri,
          range: dataPlane.setting.attribute?.expr.range ?? block?.typeRange ?? cluster.labelRange,
          message: implicit ? 'network_data_plane is not set here, so it is "azure".' : `network_data_plane is "${dataPlane.value}" here.`,
        },
      ],
      suggest: block
        ? [
            {
              messageId: 'setCiliumDataplane',
              data: { note: migration.note },
              replacesCluster: migration.replacesCluster,
              edit: (e) => e.setAttribute(cluster.uri, block, 'network_data_plane', 'cilium', dataPlane.setting.attribute),
            },
          ]
        : [],
    });
  },
});
