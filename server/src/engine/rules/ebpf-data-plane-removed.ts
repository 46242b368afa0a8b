/**
 * `ebpf_data_plane` was the 3.x name of the data plane: deprecated from azurerm 3.108.0 (which
 * added `network_data_plane`) and removed in 4.0, where it is an "Unsupported argument" at plan
 * (domain/network-profile.md §2 and the 4.0 upgrade guide).
 */
import { attributeExists } from '../aks/schema/network-schema.js';
import { isKnown, knownString } from '../aks/model.js';
import { defineRule, type Edits } from './define-rule.js';

export default defineRule({
  id: 'ebpf-data-plane-removed',
  title: 'ebpf_data_plane is network_data_plane',
  severity: 'error',
  messages: {
    removed:
      'ebpf_data_plane was removed in azurerm 4.0: terraform plan fails with "Unsupported argument". Use network_data_plane = "cilium".',
    deprecated:
      'ebpf_data_plane is deprecated since azurerm 3.108.0 and is removed in 4.0 (terraform plan warns "Argument is deprecated"): use network_data_plane, which sets the same API field.',
    conflicting:
      'ebpf_data_plane and network_data_plane cannot both be set: they conflict in azurerm 3.x and terraform plan fails ("conflicts with network_profile.0.network_data_plane"). Keep network_data_plane; ebpf_data_plane is deprecated and removed in 4.0.',
    rename: 'Rename ebpf_data_plane to network_data_plane',
    removeDuplicate: 'Remove ebpf_data_plane (network_data_plane already sets the data plane)',
  },
  checkCluster({ cluster }, report) {
    const { ebpfDataPlane, dataPlane } = cluster.network;
    if (!ebpfDataPlane.site) return;
    // Before network_data_plane exists there is nothing to rename to yet.
    if (attributeExists(cluster.provider, 'network_profile', 'network_data_plane') === false) return;
    const removed = attributeExists(cluster.provider, 'network_profile', 'ebpf_data_plane') === false;
    // Where it still exists, `ebpf_data_plane = null` (Azure/aks/azurerm 10.x passes its variable's
    // null default) is not set: no deprecation warning and no conflict. Where it is removed, the
    // name alone fails at plan, whatever its value.
    if (!removed && !(ebpfDataPlane.state === 'set' && isKnown(ebpfDataPlane.value))) return;
    const attribute = ebpfDataPlane.site;
    const bothCilium = knownString(dataPlane.value) === 'cilium' && knownString(ebpfDataPlane.value) === 'cilium';
    const fix =
      dataPlane.state === 'absent'
        ? { messageId: 'rename' as const, edit: (e: Edits) => e.renameAttribute(attribute, 'network_data_plane') }
        : bothCilium && dataPlane.site
          ? { messageId: 'removeDuplicate' as const, edit: (e: Edits) => e.removeAttribute(attribute) }
          : undefined;
    // Where both exist they are ConflictsWith each other: both set fails at plan.
    const conflicting = !removed && dataPlane.state === 'set';
    report({
      messageId: removed ? 'removed' : conflicting ? 'conflicting' : 'deprecated',
      severity: removed || conflicting ? 'error' : 'warning',
      uri: attribute.uri,
      range: attribute.nameRange,
      tags: ['deprecated'],
      majorSpecific: removed,
      ...(fix ? { fix } : {}),
    });
  },
});
