/**
 * The pod-subnet findings name both sides and give the numbers, as users read them: the two
 * VNets of a pool. Fixtures assert which findings and where; this asserts the words,
 * severities and related locations.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { RULES } from '../../../server/src/engine/rules/index.js';
import { readAnnotations } from '../../support/annotations.js';
import { analyzeFiles, onlyRule } from '../../support/engine.js';

const RULE_IDS = RULES.map((r) => r.id);

/** The findings of one rule on a fixture (a file or a directory): severity, message and related locations. */
async function findingsOf(ruleId: string, fixture: string) {
  const path = join('test/fixtures/rules', ruleId, fixture);
  const names = statSync(path).isDirectory() ? readdirSync(path).filter((n) => /\.(tf|tfvars)$/.test(n)) : [''];
  const files = names.map((n) => ({ uri: `/fixture/${n || fixture}`, text: readAnnotations(readFileSync(n ? join(path, n) : path, 'utf8')).text }));
  const { findings } = await analyzeFiles(files, onlyRule(ruleId, RULE_IDS));
  return findings.map((f) => ({
    severity: f.severity,
    message: f.message,
    related: f.related.map((r) => `${r.uri.slice('/fixture/'.length)}:${r.range.start.line + 1}:${r.range.start.character + 1} ${r.message}`),
  }));
}

describe('pod-subnet messages', () => {
  it('pod-subnet-other-vnet: both VNets, VNet names from terraform.tfvars', async () => {
    assert.deepEqual(await findingsOf('pod-subnet-other-vnet', 'pools-in-pools-file'), [
      {
        severity: 'error',
        message:
          'azurerm_kubernetes_cluster_node_pool.user takes pod addresses from azurerm_subnet.user_pods in VNet azurerm_virtual_network.shared, but its nodes are in azurerm_subnet.nodes in VNet azurerm_virtual_network.spoke: the pod subnet must be in the same VNet as the cluster; AKS does not support a pod subnet in another VNet.',
        related: ['network.tf:1:36 The VNet of the node subnet azurerm_subnet.nodes: azurerm_virtual_network.spoke.'],
      },
    ]);
  });

  it('pod-subnet-other-vnet: a pool without vnet_subnet_id is in its default pool subnet', async () => {
    const [finding] = await findingsOf('pod-subnet-other-vnet', 'node-pool-inherits-default-pool-subnet.tf');
    assert.equal(
      finding.message,
      'azurerm_kubernetes_cluster_node_pool.user takes pod addresses from azurerm_subnet.pods in VNet azurerm_virtual_network.pods, but its nodes are in azurerm_subnet.nodes, the subnet of azurerm_kubernetes_cluster.aks default_node_pool, in VNet azurerm_virtual_network.spoke: the pod subnet must be in the same VNet as the cluster; AKS does not support a pod subnet in another VNet.',
    );
  });
});
