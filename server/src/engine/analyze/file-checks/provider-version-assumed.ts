/**
 * Names, allowed values and defaults differ per azurerm major (domain/network-profile.md §6).
 * When neither the lock file nor required_providers pins the major, the engine uses the newest
 * one it knows and says so once per module.
 */
import { findBlocks } from '../../syntax/syntax-tree.js';
import { defineFileCheck } from './define-file-check.js';

export default defineFileCheck({
  id: 'provider-version-assumed',
  title: 'The azurerm major version is known',
  severity: 'info',
  messages: {
    assumed:
      'aks-netlint checks this module against azurerm {{major}}.x because {{why}}. Pin the provider (required_providers version "~> {{major}}.0", or commit .terraform.lock.hcl) so the checks match the provider you run.',
  },
  check({ module, model }, report) {
    const { provider } = model;
    // azapi bodies are checked against the AKS API, whatever azurerm version the module has.
    const clusters = model.clusters.filter((c) => c.form === 'azurerm');
    if (provider.source !== 'assumed' || clusters.length === 0) return;
    let uri = provider.uri;
    let range = provider.range;
    if (!uri || !range) {
      for (const file of module.configFiles) {
        const block = findBlocks(file.body, 'provider').find((b) => b.labels[0]?.value === 'azurerm');
        if (block) {
          uri = file.uri;
          range = block.headerRange;
          break;
        }
      }
    }
    // A cluster of a called module: the version is pinned in the root, where the call is.
    const call = clusters[0].modulePath.length > 0 ? module.calls.get(clusters[0].modulePath[0].replace(/^module\.|\[.*$/g, '')) : undefined;
    report({
      messageId: 'assumed',
      data: { major: provider.major, why: provider.assumption ?? 'the version is not known' },
      uri: uri ?? call?.uri ?? clusters[0].uri,
      range: range ?? call?.block.headerRange ?? clusters[0].site.labelRange,
    });
  },
});
