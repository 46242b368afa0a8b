/**
 * The AKS API rejects network_policy "cilium" unless network_data_plane is "cilium"; in 4.x/5.x an
 * omitted network_data_plane is sent as "azure" (schema default): `NetworkPolicyNotSupported` /
 * `NetworkPolicyCiliumRequiresCiliumDataplane` (domain/rp-rules.md §A).
 */
import { effectiveDataPlane, inPlaceFrom, settingIs } from '../aks/network-facts.js';
import { inPlaceSince } from '../aks/schema/network-schema.js';
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
    const { policy, site: block } = cluster.network;
    const dataPlane = effectiveDataPlane(cluster);
    if (!settingIs(policy, 'cilium') || !policy.site || dataPlane.value === undefined || dataPlane.value === 'cilium') return;
    const implicit = dataPlane.setting.state === 'absent';
    // Implicit or explicit, an existing cluster runs the "azure" data plane: the schema says from
    // which release moving it to Cilium is in place.
    const migration = inPlaceFrom(cluster, inPlaceSince('network_profile', 'network_data_plane', dataPlane.value, 'cilium'), 'an existing cluster is migrated in place; nodes are reimaged');
    report({
      messageId: 'needsCiliumDataplane',
      data: { dataPlane: dataPlane.value, implicit: implicit ? ' (network_data_plane is not set and defaults to "azure")' : '' },
      uri: policy.site.uri,
      range: policy.site.valueRange,
      source: policy,
      related: [
        {
          uri: dataPlane.setting.uri,
          range: dataPlane.setting.site?.valueRange ?? block?.typeRange ?? cluster.site.labelRange,
          message: implicit ? 'network_data_plane is not set here, so it is "azure".' : `network_data_plane is "${dataPlane.value}" here.`,
        },
      ],
      suggest: block
        ? [
            {
              messageId: 'setCiliumDataplane',
              data: { note: migration.note },
              replacesCluster: migration.replacesCluster,
              edit: (e) => e.setAttribute(block, 'network_data_plane', 'cilium', dataPlane.setting),
            },
          ]
        : [],
    });
  },
});
