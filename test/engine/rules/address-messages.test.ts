/**
 * The address-planning findings give the numbers and name both sides, as users read them: the
 * sizing arithmetic with surge, and overlaps with peered and on-premises networks. Fixtures
 * assert which findings and where; this asserts the words, on the fixtures themselves.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CHECKS } from '../../../server/src/engine/analyze/checks.js';
import { readAnnotations } from '../../support/annotations.js';
import { analyzeFiles, onlyRule } from '../../support/engine.js';

const RULE_IDS = CHECKS.map((r) => r.id);

/** The findings of one rule on a fixture (a file or a directory), as `message` and related messages. */
async function findingsOf(ruleId: string, fixture: string) {
  const path = join('test/fixtures/rules', ruleId, fixture);
  const names = statSync(path).isDirectory() ? readdirSync(path).filter((n) => /\.(tf|tfvars)$/.test(n) && !/\.(fixed|suggest)\./.test(n)) : [''];
  const files = names.map((n) => ({ uri: `/fixture/${n || fixture}`, text: readAnnotations(readFileSync(n ? join(path, n) : path, 'utf8')).text }));
  const { findings } = await analyzeFiles(files, onlyRule(ruleId, RULE_IDS));
  return findings.map((f) => ({ message: f.message, related: f.related.map((r) => `${r.uri.slice(9)}:${r.range.start.line + 1}:${r.range.start.character + 1} ${r.message}`) }));
}

describe('address-planning messages', () => {
  it('node-subnet-too-small: the surge arithmetic per pool', async () => {
    const [finding] = await findingsOf('node-subnet-too-small', 'max-surge-33-percent-seven-nodes.tf');
    assert.equal(
      finding.message,
      'subnet azurerm_subnet.nodes 10.0.1.0/24 holds 251 usable addresses; with the nodes an upgrade adds (max_surge) its pools need 310: azurerm_kubernetes_cluster.aks default_node_pool (7 nodes + 3 surge) × (30 pods + 1) = 310. Upgrades will fail for lack of addresses.',
    );
  });

  it('node-subnet-too-small: a user pool subnet, summed over the pools that share it', async () => {
    const [finding] = await findingsOf('node-subnet-too-small', 'user-pools-own-subnet');
    assert.equal(
      finding.message,
      'subnet azurerm_subnet.apps 10.0.2.0/26 holds 59 usable addresses; its pools need 62: azurerm_kubernetes_cluster_node_pool.apps 1 node × (30 pods + 1) = 31, azurerm_kubernetes_cluster_node_pool.batch 1 node × (30 pods + 1) = 31. The AKS API rejects it at apply with InsufficientSubnetSize ("Pre-allocated IPs 62 exceeds IPs available 59 in Subnet Cidr 10.0.2.0/26").',
    );
    assert.deepEqual(finding.related, ['network.tf:19:26 The prefix of azurerm_subnet.apps.']);
  });

  it('pod-cidr-too-small: a percentage surge, rounded up', async () => {
    const [finding] = await findingsOf('pod-cidr-too-small', 'max-surge-50-percent-overlay-22.tf');
    assert.equal(
      finding.message,
      'pod_cidr "10.244.0.0/22" holds 4 node /24 blocks; with the nodes an upgrade adds (max_surge) the pools need 5 (default_node_pool 3 (node_count) + 2 surge): upgrades will fail for lack of pod addresses.',
    );
  });

  it('pod-cidr-too-small: a value from a for_each map elsewhere in the same file says where it is written', async () => {
    const [finding] = await findingsOf('pod-cidr-too-small', 'clusters-for-each.tf');
    assert.match(finding.message, / The value comes from clusters-for-each\.tf:12\.$/);
    assert.deepEqual(finding.related, ['clusters-for-each.tf:12:25 The value of pod_cidr is written here.']);
  });

  it('pod-cidr-overlaps-network: the peered VNet, the peering and where the value is written', async () => {
    const [finding] = await findingsOf('pod-cidr-overlaps-network', 'peered-vnet-from-tfvars');
    assert.equal(
      finding.message,
      'pod_cidr "192.168.0.0/16" overlaps the address space 192.168.0.0/20 of azurerm_virtual_network.hub, which azurerm_virtual_network_peering.spoke_to_hub peers with the cluster VNet azurerm_virtual_network.spoke: AKS accepts it, but pods can no longer reach hosts in 192.168.0.0/20 (those addresses are taken as pod addresses). The value comes from var.pod_cidr declared in variables.tf:1, set in terraform.tfvars:1.',
    );
    assert.deepEqual(finding.related, [
      'network.tf:19:43 The address space of azurerm_virtual_network.hub, peered with the cluster VNet through azurerm_virtual_network_peering.spoke_to_hub.',
      'terraform.tfvars:1:12 The value of pod_cidr is written here.',
    ]);
  });

  it('service-cidr-overlaps-network: an on-premises range', async () => {
    const [finding] = await findingsOf('service-cidr-overlaps-network', 'on-premises-default-service-cidr.tf');
    assert.equal(
      finding.message,
      'service_cidr "10.0.0.0/16" (the AKS default: service_cidr is not set) overlaps the on-premises range 10.0.0.0/12 of azurerm_local_network_gateway.office: AKS accepts it, but pods can no longer reach hosts in 10.0.0.0/12 (their traffic is taken as service traffic).',
    );
  });

  it('nat-gateway-misconfig: the subnet without a NAT gateway association', async () => {
    const [finding] = await findingsOf('nat-gateway-misconfig', 'associations-for-each');
    assert.match(finding.message, /node subnet azurerm_subnet\.this\["nodes"\], but no azurerm_subnet_nat_gateway_association in this module names it/);
    assert.deepEqual(finding.related, ['network.tf:8:27 azurerm_subnet.this["nodes"] is declared here, with no NAT gateway association.']);
  });
});
