/**
 * `docker_bridge_cidr` is ignored by the AKS API (containerd has no Docker bridge): deprecated in
 * azurerm 3.x and removed in 4.0, where it is an "Unsupported argument" at plan
 * (domain/network-profile.md §2 and the 4.0 upgrade guide).
 */
import { attributeExists } from '../aks/schema/network-schema.js';
import { defineRule } from './define-rule.js';

export default defineRule({
  id: 'docker-bridge-cidr-removed',
  title: 'docker_bridge_cidr is gone',
  severity: 'error',
  messages: {
    removed: 'docker_bridge_cidr was removed in azurerm 4.0 (the AKS API no longer uses it): terraform plan fails with "Unsupported argument".',
    deprecated: 'docker_bridge_cidr is deprecated: the AKS API ignores it, and azurerm 4.0 removes it (terraform plan warns "Argument is deprecated").',
    remove: 'Remove docker_bridge_cidr',
  },
  checkCluster({ cluster }, report) {
    const site = cluster.network.dockerBridgeCidr.site;
    if (!site) return;
    const removed = attributeExists(cluster.provider, 'network_profile', 'docker_bridge_cidr') === false;
    report({
      messageId: removed ? 'removed' : 'deprecated',
      severity: removed ? 'error' : 'warning',
      uri: site.uri,
      range: site.nameRange,
      tags: ['deprecated'],
      majorSpecific: removed,
      // The API ignores the value and the attribute is Computed: removing it changes nothing built.
      fix: { messageId: 'remove', edit: (e) => e.removeAttribute(site) },
    });
  },
});
