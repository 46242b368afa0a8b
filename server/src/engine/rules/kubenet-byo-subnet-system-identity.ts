/**
 * Kubenet on your own subnet needs AKS to manage a route table on that subnet. Microsoft supports a
 * system-assigned identity there only through the Azure CLI (which grants the role); other
 * clients, Terraform included, must use a user-assigned identity with Network Contributor granted
 * before the cluster is created (domain/rp-rules.md §D `kubenet-byo-subnet-system-identity`;
 * configure-kubenet). The outcome for Terraform is UNVERIFIED: a warning.
 */
import { isSurelySet, settingIs } from '../aks/network-facts.js';
import { defineRule } from './define-rule.js';

export default defineRule({
  id: 'kubenet-byo-subnet-system-identity',
  title: 'Kubenet on your own subnet needs a user-assigned identity',
  severity: 'warning',
  messages: {
    systemAssigned:
      'Kubenet on your own subnet (vnet_subnet_id) with a system-assigned identity: Microsoft supports that only through the Azure CLI, which grants the role itself. From Terraform, use a user-assigned identity with Network Contributor on the subnet and its route table, granted before the cluster is created, or AKS may not be able to maintain the pod routes.',
  },
  checkCluster({ cluster }, report) {
    const { plugin } = cluster.network;
    const identity = cluster.identityType;
    if (!settingIs(plugin, 'kubenet') || !isSurelySet(cluster.defaultPool.vnetSubnetId) || !settingIs(identity, 'SystemAssigned') || !identity.site) return;
    report({
      messageId: 'systemAssigned',
      uri: identity.site.uri,
      range: identity.site.valueRange,
      source: identity,
      related: plugin.site ? [{ uri: plugin.site.uri, range: plugin.site.valueRange, message: 'network_plugin is "kubenet" here.' }] : [],
    });
  },
});
