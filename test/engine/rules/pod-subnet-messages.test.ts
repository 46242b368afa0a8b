/**
 * The pod-subnet findings name both sides and give the numbers, as users read them: the two
 * VNets of a pool, and the batch arithmetic per pool of a shared pod subnet. Fixtures assert
 * which findings and where; this asserts the words, severities and related locations.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CHECKS } from '../../../server/src/engine/analyze/checks.js';
import { readAnnotations } from '../../support/annotations.js';
import { analyzeFiles, onlyRule } from '../../support/engine.js';

const RULE_IDS = CHECKS.map((r) => r.id);

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

  it('pod-subnet-too-small: summed over the pools that share it, counts from terraform.tfvars', async () => {
    assert.deepEqual(await findingsOf('pod-subnet-too-small', 'pools-in-pools-file'), [
      {
        severity: 'warning',
        message:
          'pod subnet azurerm_subnet.user_pods 10.0.65.0/26 holds 59 usable addresses; its pools need 112 (each node takes pod addresses in batches of 16): azurerm_kubernetes_cluster_node_pool.apps 5 nodes × 16 = 80, azurerm_kubernetes_cluster_node_pool.batch 2 nodes × 16 = 32. Nodes will run out of pod addresses and pods will fail to start.',
        related: ['network.tf:26:26 The prefix of azurerm_subnet.user_pods.'],
      },
    ]);
  });

  it('pod-subnet-too-small: the default pool and a node pool, summed', async () => {
    const [finding] = await findingsOf('pod-subnet-too-small', 'node-pool-same-pod-subnet-summed.tf');
    assert.equal(
      finding.message,
      'pod subnet azurerm_subnet.pods 10.0.64.0/24 holds 251 usable addresses; its pools need 256 (each node takes pod addresses in batches of 16): azurerm_kubernetes_cluster.aks default_node_pool 3 nodes × 16 = 48, azurerm_kubernetes_cluster_node_pool.user 13 nodes × 16 = 208. Nodes will run out of pod addresses and pods will fail to start.',
    );
  });

  it('pod-subnet-too-small: the surge arithmetic', async () => {
    assert.deepEqual(await findingsOf('pod-subnet-too-small', 'pod-subnet-24-fifteen-nodes-no-surge.tf'), [
      {
        severity: 'warning',
        message:
          'pod subnet azurerm_subnet.pods 10.0.64.0/24 holds 251 usable addresses; with the nodes an upgrade adds (max_surge) its pools need 256 (each node takes pod addresses in batches of 16): azurerm_kubernetes_cluster.aks default_node_pool (15 nodes + 1 surge) × 16 = 256. Pods on the new nodes will fail to start during upgrades.',
        related: ['pod-subnet-24-fifteen-nodes-no-surge.tf:28:26 The prefix of azurerm_subnet.pods.'],
      },
    ]);
  });
});
