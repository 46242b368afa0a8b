/**
 * Override files (override.tf, *_override.tf): Terraform merges them into the original blocks.
 * aks-netlint does not merge, so what they change is Unknown and left unchecked, never checked
 * as it would not be deployed.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeFiles } from '../../support/engine.js';

const cluster = (name: string, policy: string) =>
  `resource "azurerm_kubernetes_cluster" "${name}" {\n  network_profile {\n    network_plugin     = "azure"\n    network_data_plane = "cilium"\n    network_policy     = ${policy}\n  }\n}\n`;
const VERSIONS = 'terraform {\n  required_providers {\n    azurerm = {\n      source  = "hashicorp/azurerm"\n      version = "~> 4.0"\n    }\n  }\n}\n';

describe('override files', () => {
  it('leaves a cluster an override file changes unchecked, and checks the others', async () => {
    const result = await analyzeFiles([
      { uri: '/m/versions.tf', text: VERSIONS },
      { uri: '/m/main.tf', text: cluster('a', '"calico"') + cluster('b', '"calico"') },
      { uri: '/m/aks_override.tf', text: 'resource "azurerm_kubernetes_cluster" "a" {\n  name = "renamed"\n}\n' },
    ]);
    assert.deepEqual(
      result.findings.map((f) => `${f.ruleId} ${result.model.clusters.length}`),
      ['cilium-requires-cilium-policy 1'],
    );
    assert.equal(result.model.clusters[0].address, 'azurerm_kubernetes_cluster.b');
  });

  it('treats variables and locals an override file changes as Unknown', async () => {
    const result = await analyzeFiles([
      { uri: '/m/versions.tf', text: VERSIONS },
      { uri: '/m/variables.tf', text: 'variable "policy" {\n  default = "calico"\n}\nlocals {\n  policy = "calico"\n}\n' },
      { uri: '/m/main.tf', text: cluster('a', 'var.policy') + cluster('b', 'local.policy') },
      { uri: '/m/override.tf', text: 'variable "policy" {\n  default = "cilium"\n}\nlocals {\n  policy = "cilium"\n}\n' },
    ], { reportUnknown: true });
    assert.deepEqual(
      result.findings.map((f) => f.message),
      [
        'Not checked: network_policy cannot be known before apply: var.policy is changed by override.tf, and aks-netlint does not merge override files.',
        'Not checked: network_policy cannot be known before apply: local.policy is changed by override.tf, and aks-netlint does not merge override files.',
      ],
    );
  });
});
