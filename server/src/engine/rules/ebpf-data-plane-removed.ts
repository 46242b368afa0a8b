/**
 * `ebpf_data_plane` was the 3.x name of the data plane: deprecated from azurerm 3.108.0 (which
 * added `network_data_plane`) and removed in 4.0, where it is an "Unsupported argument" at plan
 * (domain/network-profile.md §2 and the 4.0 upgrade guide).
 */
import { isAtLeast } from '../terraform/provider-version.js';
import { knownString } from '../terraform/values.js';
import type { EditBuilder } from '../analyze/edit-builder.js';
import { defineRule } from './define-rule.js';

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
    if (!ebpfDataPlane.attribute) return;
    const major = cluster.provider.major;
    // Before 3.108 network_data_plane does not exist: nothing to rename to yet.
    if (major === 3 && isAtLeast(cluster.provider, 3, 108) === false) return;
    const attribute = ebpfDataPlane.attribute;
    const bothCilium = knownString(dataPlane.value) === 'cilium' && knownString(ebpfDataPlane.value) === 'cilium';
    const fix =
      dataPlane.state === 'absent'
        ? { messageId: 'rename' as const, edit: (e: EditBuilder) => e.renameAttribute(cluster.uri, attribute, 'network_data_plane') }
        : bothCilium && dataPlane.attribute
          ? { messageId: 'removeDuplicate' as const, edit: (e: EditBuilder) => e.removeAttribute(cluster.uri, attribute) }
          : undefined;
    // On 3.x the two attributes are ConflictsWith each other: both set fails at plan.
    const conflicting = major === 3 && dataPlane.state === 'set';
    report({
      messageId: major >= 4 ? 'removed' : conflicting ? 'conflicting' : 'deprecated',
      severity: major >= 4 || conflicting ? 'error' : 'warning',
      range: attribute.nameRange,
      tags: ['deprecated'],
      majorSpecific: major >= 4,
      ...(fix ? { fix } : {}),
    });
  },
});
