/**
 * azurerm 4.0 renamed `enable_node_public_ip` to `node_public_ip_enabled` on the default node
 * pool and on node pool resources; the old name is an "Unsupported argument" from 4.0
 * (domain/network-profile.md §3, §4 and the 4.0 upgrade guide).
 */
import type { PoolNetwork, ProviderVersion } from '../aks/model.js';
import { attributeExists, type SchemaBlock } from '../aks/schema/network-schema.js';
import { defineRule, type ReportFunction } from './define-rule.js';

type Messages = 'renamed' | 'renamedIn4' | 'rename';

function check(pool: PoolNetwork, block: SchemaBlock, provider: ProviderVersion, where: string, report: ReportFunction<Messages>) {
  const attribute = pool.enableNodePublicIp.site;
  if (!attribute) return;
  if (attributeExists(provider, block, 'enable_node_public_ip') === false) {
    report({
      messageId: 'renamed',
      data: { where, major: provider.major },
      uri: attribute.uri,
      range: attribute.nameRange,
      tags: ['deprecated'],
      majorSpecific: true,
      fix: pool.nodePublicIpEnabled.state === 'absent'
        ? { messageId: 'rename', edit: (e) => e.renameAttribute(attribute, 'node_public_ip_enabled') }
        : undefined,
    });
  } else {
    report({ messageId: 'renamedIn4', data: { where }, uri: attribute.uri, range: attribute.nameRange, severity: 'info' });
  }
}

export default defineRule({
  id: 'node-public-ip-renamed',
  title: 'enable_node_public_ip is node_public_ip_enabled from azurerm 4.0',
  severity: 'error',
  messages: {
    renamed:
      'enable_node_public_ip in {{where}} was renamed node_public_ip_enabled in azurerm 4.0: terraform plan with azurerm {{major}}.x fails with "Unsupported argument".',
    renamedIn4: 'enable_node_public_ip in {{where}} becomes node_public_ip_enabled in azurerm 4.0: rename it when you upgrade the provider.',
    rename: 'Rename enable_node_public_ip to node_public_ip_enabled',
  },
  checkCluster({ cluster }, report) {
    check(cluster.defaultPool, 'default_node_pool', cluster.provider, 'default_node_pool', report);
  },
  checkNodePool({ nodePool }, report) {
    check(nodePool.pool, 'node_pool', nodePool.provider, nodePool.address, report);
  },
});
