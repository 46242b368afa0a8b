/**
 * outbound_type "none" (azurerm 4.44+) is for network-isolated clusters, and the provider checks at
 * plan that nodes bootstrap from the cache: `bootstrap_profile.artifact_source = "Cache"`
 * (domain/rp-rules.md §G `outbound-none-isolated-only`).
 */
import { settingIs } from '../aks/network-facts.js';
import { knownString } from '../aks/model.js';
import { valueAccepted } from '../aks/schema/network-schema.js';
import { defineRule } from './define-rule.js';

export default defineRule({
  id: 'outbound-none-requires-cache',
  title: 'outbound_type "none" needs bootstrap from the cache',
  severity: 'error',
  messages: {
    needsCache:
      'outbound_type "none" leaves nodes without egress, so they must bootstrap from the artifact cache: terraform plan fails with "when `network_profile.0.outbound_type` is set to `none`, `bootstrap_profile.0.artifact_source` must be set to `Cache`"{{current}}.',
    addCache: 'Set bootstrap_profile.artifact_source = "Cache"',
  },
  checkCluster({ cluster }, report) {
    // The provider checks this, not the AKS API: an azapi body never meets it.
    if (cluster.form === 'azapi') return;
    const { outboundType } = cluster.network;
    const bootstrap = cluster.bootstrapProfile;
    // Where "none" is not an accepted value at all (value-not-allowed), this check does not exist.
    if (valueAccepted(cluster.provider, 'network_profile', 'outbound_type', 'none') === false || !settingIs(outboundType, 'none') || !outboundType.site) return;
    const source = bootstrap.artifactSource;
    if (source.state === 'unknown' || bootstrap.state === 'unknown') return;
    if (source.state === 'set' && (knownString(source.value) === undefined || knownString(source.value) === 'Cache')) return;
    report({
      messageId: 'needsCache',
      data: { current: source.state === 'set' ? ` (it is "${knownString(source.value)}")` : '' },
      uri: outboundType.site.uri,
      range: outboundType.site.valueRange,
      related: source.site ? [{ uri: source.site.uri, range: source.site.valueRange, message: 'artifact_source is set here.' }] : [],
      suggest: [
        {
          messageId: 'addCache',
          edit: (e) =>
            bootstrap.site
              ? e.setAttribute(bootstrap.site, 'artifact_source', 'Cache', source)
              : e.insertBlock(cluster.site, 'bootstrap_profile', { artifact_source: 'Cache' }),
        },
      ],
    });
  },
});
