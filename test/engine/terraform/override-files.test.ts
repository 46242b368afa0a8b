/**
 * Override files (override.tf, *_override.tf): Terraform merges them into the original blocks,
 * and so does aks-netlint. A cluster is checked as merged; a finding on a value an override file
 * sets points into that file.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hoverAt } from '../../../server/src/engine/features/hover.js';
import { analyzeFiles } from '../../support/engine.js';

const cluster = (name: string, policy: string) =>
  `resource "azurerm_kubernetes_cluster" "${name}" {\n  network_profile {\n    network_plugin     = "azure"\n    network_data_plane = "cilium"\n    network_policy     = ${policy}\n  }\n}\n`;
const VERSIONS = 'terraform {\n  required_providers {\n    azurerm = {\n      source  = "hashicorp/azurerm"\n      version = "~> 4.0"\n    }\n  }\n}\n';
const at = (f: { uri: string; range: { start: { line: number; character: number } } }) => `${f.uri}:${f.range.start.line + 1}:${f.range.start.character + 1}`;

describe('override files', () => {
  it('check a cluster as merged: what the override leaves is checked where it is written', async () => {
    const result = await analyzeFiles([
      { uri: '/m/versions.tf', text: VERSIONS },
      { uri: '/m/main.tf', text: cluster('a', '"calico"') + cluster('b', '"calico"') },
      { uri: '/m/aks_override.tf', text: 'resource "azurerm_kubernetes_cluster" "a" {\n  name = "renamed"\n}\n' },
    ]);
    assert.deepEqual(
      result.findings.map((f) => `${f.ruleId} ${at(f)}`),
      ['cilium-requires-cilium-policy /m/main.tf:5:26', 'cilium-requires-cilium-policy /m/main.tf:12:26'],
    );
    assert.deepEqual(
      result.model.clusters.map((c) => `${c.address} ${c.name.site?.uri ?? c.uri}`),
      ['azurerm_kubernetes_cluster.a /m/aks_override.tf', 'azurerm_kubernetes_cluster.b /m/main.tf'],
    );
  });

  it('report on a value an override file sets in that file', async () => {
    const override = 'resource "azurerm_kubernetes_cluster" "a" {\n  network_profile {\n    network_plugin     = "azure"\n    network_data_plane = "cilium"\n    network_policy     = "calico"\n  }\n}\n';
    const result = await analyzeFiles([
      { uri: '/m/versions.tf', text: VERSIONS },
      { uri: '/m/main.tf', text: cluster('a', '"cilium"') },
      { uri: '/m/main_override.tf', text: override },
    ]);
    assert.deepEqual(result.findings.map((f) => `${f.ruleId} ${at(f)}`), ['cilium-requires-cilium-policy /m/main_override.tf:5:26']);
    assert.deepEqual(result.findings[0].related.map(at), ['/m/main_override.tf:4:26']);
  });

  it('check the variables and locals an override file changes with the values it gives them', async () => {
    const result = await analyzeFiles([
      { uri: '/m/versions.tf', text: VERSIONS },
      { uri: '/m/variables.tf', text: 'variable "policy" {\n  default = "cilium"\n}\nlocals {\n  policy = "cilium"\n}\n' },
      { uri: '/m/main.tf', text: cluster('a', 'var.policy') + cluster('b', 'local.policy') },
      { uri: '/m/override.tf', text: 'variable "policy" {\n  default = "calico"\n}\nlocals {\n  policy = "calico"\n}\n' },
    ]);
    assert.deepEqual(
      result.findings.map((f) => `${at(f)} ${f.message.slice(f.message.indexOf('The value comes from'))}`),
      [
        '/m/main.tf:5:26 The value comes from var.policy default in override.tf:2.',
        '/m/main.tf:12:26 The value comes from local.policy in override.tf:5.',
      ],
    );
    assert.deepEqual(result.findings.flatMap((f) => f.related.filter((r) => r.uri === '/m/override.tf').map(at)), ['/m/override.tf:2:13', '/m/override.tf:5:12']);
  });

  it('explain an attribute of an override file on hover: its effective value and the findings there', async () => {
    const override = cluster('a', 'var.policy');
    const result = await analyzeFiles([
      { uri: '/m/versions.tf', text: VERSIONS },
      { uri: '/m/variables.tf', text: 'variable "policy" {\n  default = "calico"\n}\n' },
      { uri: '/m/main.tf', text: cluster('a', '"cilium"') },
      { uri: '/m/main_override.tf', text: override },
    ]);
    const markdown = hoverAt(result, '/m/main_override.tf', { line: 4, character: 6 }, { findings: result.findings.filter((f) => f.uri === '/m/main_override.tf') })?.markdown ?? '';
    assert.match(markdown, /\*\*Effective value\*\*\n\n- `"calico"` from var\.policy default in variables\.tf:2\n/);
    assert.match(markdown, /\*\*Findings here\*\*\n\n- error \[cilium-requires-cilium-policy\]/);
  });

  it("pass a module call's arguments as an override file sets them, and report at the override", async () => {
    const child = cluster('a', 'var.policy').replace('resource', 'variable "policy" {}\nresource');
    const result = await analyzeFiles([
      { uri: '/fixture/versions.tf', text: VERSIONS },
      { uri: '/fixture/main.tf', text: 'module "aks" {\n  source = "./aks"\n  policy = "cilium"\n}\n' },
      { uri: '/fixture/main_override.tf', text: 'module "aks" {\n  policy = "calico"\n}\n' },
      { uri: '/fixture/aks/main.tf', text: child },
    ]);
    assert.deepEqual(result.findings.map((f) => `${f.ruleId} ${at(f)}`), ['cilium-requires-cilium-policy /fixture/main_override.tf:2:12']);
  });
});

