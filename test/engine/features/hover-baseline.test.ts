/**
 * Hover with a baseline (issue 13, item 3): next to the effective value, what a changed setting
 * was at HEAD; that a resource the baseline lacks is new; nothing for a setting that did not
 * change or whose value cannot be known. In the form's own names (azurerm attributes, azapi JSON
 * fields and module arguments alike), through the real engine.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hoverAt } from '../../../server/src/engine/features/hover.js';
import { codeSpan } from '../../../server/src/engine/features/baseline-note.js';
import type { Position } from '../../../server/src/engine/text/positions.js';
import { analyzeFiles } from '../../support/engine.js';

const MAIN = '/fixture/main.tf';

const cluster = (profile: string, extra = '') => `terraform {
  required_providers {
    azurerm = { source = "hashicorp/azurerm", version = "4.57.0" }
  }
}
${extra}
resource "azurerm_kubernetes_cluster" "aks" {
  name                = "aks-demo"
  location            = "westeurope"
  resource_group_name = "rg-demo"
  dns_prefix          = "demo"

  default_node_pool {
    name       = "system"
    node_count = 1
    vm_size    = "Standard_D2s_v5"
  }

  identity {
    type = "SystemAssigned"
  }

  network_profile {
${profile}
  }
}
`;

const KUBENET = cluster('    network_plugin = "kubenet"\n    pod_cidr       = "10.244.0.0/16"');

function at(text: string, snippet: string, offset = 0): Position {
  const index = text.indexOf(snippet) + offset;
  assert.ok(index >= offset, `${snippet} is in the text`);
  const before = text.slice(0, index).split('\n');
  return { line: before.length - 1, character: before.at(-1)!.length };
}

async function hoverLines(text: string, baseline: string, snippet: string, offset = 1): Promise<string[]> {
  const result = await analyzeFiles([{ uri: MAIN, text }], {}, { baseline: [{ uri: MAIN, text: baseline }] });
  const hover = hoverAt(result, MAIN, at(text, snippet, offset), { findings: result.findings });
  assert.ok(hover, `a hover on ${snippet}`);
  return hover.markdown.split('\n');
}

describe('hover with a baseline', () => {
  it('a changed literal: what it was at HEAD, after the facts and before the link', async () => {
    const text = cluster('    network_plugin      = "azure"\n    network_plugin_mode = "overlay"\n    pod_cidr            = "10.244.0.0/16"');
    const lines = await hoverLines(text, KUBENET, 'network_plugin ');
    const was = lines.indexOf('Was `"kubenet"` at HEAD (0c0ffee).');
    assert.ok(was > 0, lines.join('\n'));
    assert.ok(!lines.includes('**Effective value**'), 'a literal has no effective value section');
    assert.ok(was < lines.findIndex((line) => line.startsWith('[Microsoft Learn]')), lines.join('\n'));
  });

  it('an attribute added since HEAD: it was not set', async () => {
    const text = cluster('    network_plugin      = "azure"\n    network_plugin_mode = "overlay"\n    pod_cidr            = "10.244.0.0/16"');
    const lines = await hoverLines(text, KUBENET, 'network_plugin_mode');
    assert.ok(lines.includes('Was not set at HEAD (0c0ffee).'), lines.join('\n'));
  });

  it('an unchanged setting says nothing about HEAD', async () => {
    const text = cluster('    network_plugin      = "azure"\n    network_plugin_mode = "overlay"\n    pod_cidr            = "10.244.0.0/16"');
    const lines = await hoverLines(text, KUBENET, 'pod_cidr');
    assert.ok(!lines.some((line) => line.includes('HEAD')), lines.join('\n'));
  });

  it('a value from a variable: the effective value, then what it was', async () => {
    const text = cluster('    network_plugin = var.plugin\n    pod_cidr       = "10.244.0.0/16"', 'variable "plugin" {\n  default = "azure"\n}\n');
    const lines = await hoverLines(text, KUBENET, 'network_plugin');
    const effective = lines.indexOf('- `"azure"` from var.plugin default in main.tf:7');
    assert.ok(effective > 0, lines.join('\n'));
    assert.equal(lines[effective + 1], '');
    assert.equal(lines[effective + 2], 'Was `"kubenet"` at HEAD (0c0ffee).');
  });

  it('a value that cannot be known now: nothing is said about HEAD', async () => {
    const text = cluster('    network_plugin = var.plugin\n    pod_cidr       = "10.244.0.0/16"', 'variable "plugin" {\n  type = string\n}\n');
    const lines = await hoverLines(text, KUBENET, 'network_plugin');
    assert.ok(lines.some((line) => line.startsWith('- unknown:')), lines.join('\n'));
    assert.ok(!lines.some((line) => line.includes('HEAD')), lines.join('\n'));
  });

  it('a cluster the baseline lacks: new since HEAD', async () => {
    const baseline = 'resource "azurerm_resource_group" "rg" {\n  name     = "rg-demo"\n  location = "westeurope"\n}\n';
    const lines = await hoverLines(KUBENET, baseline, 'network_plugin');
    assert.ok(lines.includes('New since HEAD (0c0ffee): this change creates it.'), lines.join('\n'));
  });

  it('instances of a count: one sentence when all changed alike, per instance otherwise', async () => {
    const counted = (plugin: string) => cluster(`    network_plugin = ${plugin}\n    pod_cidr       = "10.244.0.0/16"`).replace('  name                = "aks-demo"', '  count               = 2\n  name                = "aks-demo-${count.index}"');
    const same = await hoverLines(counted('"azure"'), counted('"kubenet"'), 'network_plugin');
    assert.equal(same.filter((line) => line.includes('HEAD')).length, 1, same.join('\n'));
    assert.ok(same.includes('Was `"kubenet"` at HEAD (0c0ffee).'), same.join('\n'));
    const differ = await hoverLines(counted('count.index == 0 ? "azure" : "kubenet"'), counted('"kubenet"'), 'network_plugin');
    assert.ok(differ.includes('- `[0]` was `"kubenet"` at HEAD (0c0ffee).'), differ.join('\n'));
    assert.ok(!differ.some((line) => line.includes('`[1]` was')), differ.join('\n'));
  });

  it('an azapi body: the note next to the JSON field', async () => {
    const body = (plugin: string) => `resource "azapi_resource" "aks" {
  type      = "Microsoft.ContainerService/managedClusters@2025-10-01"
  name      = "aks-demo"
  parent_id = "/subscriptions/0000/resourceGroups/rg-demo"
  location  = "westeurope"
  body = {
    properties = {
      networkProfile = {
        networkPlugin = "${plugin}"
        podCidr       = "10.244.0.0/16"
      }
    }
  }
}
`;
    const lines = await hoverLines(body('azure'), body('kubenet'), 'networkPlugin');
    assert.equal(lines[0], '**networkPlugin** · `properties.networkProfile.networkPlugin` · AKS API 2025-10-01');
    assert.ok(lines.includes('Was `"kubenet"` at HEAD (0c0ffee).'), lines.join('\n'));
  });

  it('a module argument: per instance it feeds, what that setting was', async () => {
    const child = 'variable "plugin" {\n  type = string\n}\nresource "azurerm_kubernetes_cluster" "this" {\n  name = "aks"\n  network_profile {\n    network_plugin = var.plugin\n  }\n}\n';
    const caller = (green: string) => `module "aks" {\n  source   = "./modules/aks"\n  for_each = { blue = "kubenet", green = "${green}" }\n  plugin   = each.value\n}\n`;
    const files = (text: string) => [{ uri: MAIN, text }, { uri: '/fixture/modules/aks/main.tf', text: child }];
    const text = caller('azure');
    const result = await analyzeFiles(files(text), {}, { baseline: files(caller('kubenet')) });
    const lines = hoverAt(result, MAIN, at(text, 'each.value', 2), { findings: [] })!.markdown.split('\n');
    assert.ok(lines.includes('- feeds `network_plugin` of `module.aks["blue"].azurerm_kubernetes_cluster.this`: `"kubenet"` from main.tf:3'), lines.join('\n'));
    assert.ok(lines.includes('- feeds `network_plugin` of `module.aks["green"].azurerm_kubernetes_cluster.this`: `"azure"` from main.tf:3. Was `"kubenet"` at HEAD (0c0ffee).'), lines.join('\n'));
  });

  it('a value with backticks stays one code span', () => {
    assert.equal(codeSpan('"a`b"'), '``"a`b"``');
    assert.equal(codeSpan('`x'), '`` `x ``');
    assert.equal(codeSpan('"kubenet"'), '`"kubenet"`');
  });
});
