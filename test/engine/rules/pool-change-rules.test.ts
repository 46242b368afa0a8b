/**
 * The pool change rules as a user meets them: the suggested temporary_name_for_rotation is valid
 * HCL that turns the apply error into the note that the pool is rotated, with a name no pool of
 * the cluster has; a plan as the baseline decides whether a node pool is replaced, whatever the
 * provider's release would do; an azapi pool's findings name its settings as the body does.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFixes } from '../../../server/src/engine/analyze/apply-fixes.js';
import { CHECKS } from '../../../server/src/engine/analyze/checks.js';
import type { Baseline } from '../../../server/src/engine/aks/prior-settings.js';
import type { PlannedChange, PriorInstance } from '../../../server/src/engine/aks/model.js';
import { readBaseline } from '../../../server/src/engine/analyze/read-baseline.js';
import { loadParsers } from '../../../server/src/host/load-parsers.js';
import { analyzeFiles, filesLoader, onlyRule } from '../../support/engine.js';

const URI = '/fixture/main.tf';
const ROTATION = 'pool-rotation-requires-temporary-name';
const REPLACES = 'change-replaces-node-pool';
const ids = CHECKS.map((c) => c.id);

const module = (version: string, defaultPool: string, pools: string) => `terraform {
  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = "${version}"
    }
  }
}

resource "azurerm_kubernetes_cluster" "aks" {
  name                = "aks-demo"
  location            = "westeurope"
  resource_group_name = "rg-demo"
  dns_prefix          = "aksdemo"

  default_node_pool {
    name       = "system"
    node_count = 3
    vm_size    = "Standard_D4s_v5"
${defaultPool}
  }

  identity {
    type = "SystemAssigned"
  }

  network_profile {
    network_plugin      = "azure"
    network_plugin_mode = "overlay"
  }
}
${pools}`;

const nodePool = (name: string, body: string, os = '') => `
resource "azurerm_kubernetes_cluster_node_pool" "${name}" {
  name                  = "${name}"
  kubernetes_cluster_id = azurerm_kubernetes_cluster.aks.id
  vm_size               = "Standard_D4s_v5"
  node_count            = 3
${os}${body}
}
`;

async function analyzeChange(ruleId: string, before: string, after: string) {
  return analyzeFiles([{ uri: URI, text: after }], onlyRule(ruleId, ids), { baseline: [{ uri: URI, text: before }] });
}

/** The text after the first suggestion of the only finding, with that finding's title. */
async function suggested(before: string, after: string): Promise<{ title: string; text: string }> {
  const { findings } = await analyzeChange(ROTATION, before, after);
  assert.equal(findings.length, 1, findings.map((f) => f.message).join('\n'));
  const [suggestion] = findings[0].suggestions;
  return { title: suggestion.title, text: applyFixes(new Map([[URI, after]]), [suggestion]).get(URI)! };
}

describe('pool change rules', () => {
  it('suggests a temporary name that is valid HCL and makes the rotation go through', async () => {
    const before = module('4.57.0', '    max_pods   = 30', '');
    const after = module('4.57.0', '    max_pods   = 50', '');
    const { title, text } = await suggested(before, after);
    assert.equal(title, 'Set temporary_name_for_rotation = "systemtmp" (the pool is then rotated: its nodes are drained and recreated)');
    assert.ok(text.includes('    max_pods   = 50\n    temporary_name_for_rotation = "systemtmp"\n  }'), text);
    const again = await analyzeChange(ROTATION, before, text);
    const problems = [...again.module.files.values()].flatMap((f) => f.problems.map((p) => p.message));
    assert.deepEqual(problems, [], 'the suggested text is valid HCL');
    assert.deepEqual(
      again.findings.map((f) => [f.severity, f.messageId, f.message]),
      [
        [
          'info',
          'rotated',
          'default_node_pool of azurerm_kubernetes_cluster.aks changes max_pods from 30 to 50: the azurerm provider rotates the pool through the temporary pool "systemtmp": it creates that pool, drains and deletes the nodes of this one, creates it again with the new settings and deletes the temporary pool.',
        ],
      ],
    );
  });

  it('picks a temporary name no pool of the cluster has, within the 6 characters of a Windows pool', async () => {
    const pools = (maxPods: number) => nodePool('wintmp', '', '  os_type               = "Windows"\n') + nodePool('win', `  max_pods              = ${maxPods}\n  os_type               = "Windows"`);
    const { title, text } = await suggested(module('4.16.0', '', pools(30)), module('4.16.0', '', pools(40)));
    assert.equal(title, 'Set temporary_name_for_rotation = "witmp1" (the pool is then rotated: its nodes are drained and recreated)');
    const again = await analyzeChange(ROTATION, module('4.16.0', '', pools(30)), text);
    assert.deepEqual(again.findings.map((f) => `${f.severity} ${f.messageId}`), ['info rotated']);
  });

  it('makes a pool name valid: lowercase letters and digits, starting with a letter, at most 12 characters', async () => {
    const pools = (maxPods: number) => nodePool('batch', `  max_pods              = ${maxPods}`).replace('name                  = "batch"', 'name                  = "1-Batch-Workers"');
    const { title } = await suggested(module('4.16.0', '', pools(30)), module('4.16.0', '', pools(40)));
    assert.equal(title, 'Set temporary_name_for_rotation = "pool1batctmp" (the pool is then rotated: its nodes are drained and recreated)');
  });

  it('says nothing when temporary_name_for_rotation comes from a variable with no value', async () => {
    const variable = 'variable "temporary_name" {\n  type = string\n}\n';
    const before = module('4.57.0', '    max_pods   = 30', '');
    const after = variable + module('4.57.0', '    max_pods   = 50\n    temporary_name_for_rotation = var.temporary_name', '');
    assert.deepEqual((await analyzeChange(ROTATION, before, after)).findings, []);
  });
});

describe('a plan as the baseline', () => {
  const before = module('4.15.0', '', nodePool('user', '  max_pods              = 30'));
  const after = module('4.15.0', '', nodePool('user', '  max_pods              = 40'));
  const address = 'azurerm_kubernetes_cluster_node_pool.user';
  const planRange = { start: { line: 3, character: 4 }, end: { line: 3, character: 40 } };

  /** The baseline of `before`, as a plan that plans `actions` for the pool. */
  async function planBaseline(actions: string[], replacePaths: (string | number)[][] = []): Promise<Baseline> {
    const parsers = await loadParsers();
    const files = [{ uri: URI, text: before }];
    const read = readBaseline({ dir: '/fixture', files }, parsers, { kind: 'plan', label: "the plan's prior state" }, 'plan', { loader: filesLoader(files, parsers) });
    const planned: PlannedChange = { actions, replacePaths, actionReason: actions.length === 2 ? 'replace_because_cannot_update' : undefined, uri: '/fixture/plan.json', range: planRange };
    const instances = new Map<string, PriorInstance>([...read.instances].map(([key, prior]) => [key, key === address ? { ...prior, planned } : prior]));
    return { ...read, instances };
  }

  const analyzeWithPlan = async (ruleId: string, baseline: Baseline) => (await analyzeFiles([{ uri: URI, text: after }], { ...onlyRule(ruleId, ids), baseline })).findings;

  it('reports the replacement the plan plans, with its replace_paths and where it is in the plan', async () => {
    const findings = await analyzeWithPlan(REPLACES, await planBaseline(['delete', 'create'], [['max_pods']]));
    assert.deepEqual(
      findings.map((f) => [f.messageId, f.message, f.range.start.line]),
      [['plannedReplacement', `terraform plan replaces ${address} (replace_paths: max_pods): Terraform will destroy the pool and create it again (its nodes are drained and deleted).`, after.split('\n').indexOf('  max_pods              = 40')]],
    );
    assert.deepEqual(findings[0].related.at(-1), { uri: '/fixture/plan.json', range: planRange, message: `The plan's change for ${address}: delete, create.` });
  });

  it('trusts a plan that updates the pool in place over the release (4.15 would replace it): the rotation needs its name', async () => {
    const baseline = await planBaseline(['update']);
    assert.deepEqual(await analyzeWithPlan(REPLACES, baseline), []);
    assert.deepEqual((await analyzeWithPlan(ROTATION, baseline)).map((f) => `${f.severity} ${f.messageId}`), ['error requiresTemporaryName']);
  });

  it('says nothing about a pool the plan leaves alone', async () => {
    const baseline = await planBaseline(['no-op']);
    assert.deepEqual(await analyzeWithPlan(REPLACES, baseline), []);
    assert.deepEqual(await analyzeWithPlan(ROTATION, baseline), []);
  });
});

describe('an azapi pool', () => {
  const cluster = (maxPods: number, pool: string) => `
resource "azapi_resource" "aks" {
  type      = "Microsoft.ContainerService/managedClusters@2025-10-01"
  name      = "aks"
  parent_id = "/subscriptions/0/resourceGroups/rg"
  location  = "westeurope"
  body = {
    properties = {
      agentPoolProfiles = [
        { name = "system", mode = "System", count = 3, maxPods = ${maxPods} },
        { name = "user", count = 3, ${pool} },
      ]
      networkProfile = { networkPlugin = "azure", networkPluginMode = "overlay" }
    }
  }
}
`;

  it('names the settings as the body does, in the message, the related note and the restore', async () => {
    const after = cluster(50, 'enableNodePublicIP = true');
    const { findings } = await analyzeChange('pool-change-refused-by-api', cluster(30, 'enableNodePublicIP = false'), after);
    assert.deepEqual(
      findings.map((f) => [f.message, f.related.map((r) => r.message), f.suggestions.map((s) => s.title)]),
      [
        [
          `maxPods of agentPoolProfiles[0] of azapi_resource.aks changes from 30 to 50: azapi sends it as an in-place update of the pool, which the AKS API has refused ("You can't change this on an agentpool currently", Azure/AKS#1790). Add a pool with the new value and move the workloads to it instead.`,
          ['At HEAD (0c0ffee) maxPods was 30.'],
          ['Restore maxPods = 30 as at HEAD (0c0ffee)'],
        ],
        [
          `enableNodePublicIP of azapi_resource.aks.agentPoolProfiles[1] changes from false to true: azapi sends it as an in-place update of the pool, which the AKS API has refused ("Changing property 'agentPoolProfile.enableNodePublicIP' is not allowed", hashicorp/terraform-provider-azurerm#10951). Add a pool with the new value and move the workloads to it instead.`,
          ['At HEAD (0c0ffee) enableNodePublicIP was false.'],
          ['Restore enableNodePublicIP = false as at HEAD (0c0ffee)'],
        ],
      ],
    );
    const line = after.split('\n').findIndex((l) => l.includes('maxPods = 50'));
    assert.deepEqual(findings[0].range, { start: { line, character: after.split('\n')[line].indexOf('50') }, end: { line, character: after.split('\n')[line].indexOf('50') + 2 } });
  });

  it('is not the azurerm rules: azapi pools are never rotated or replaced by a body change', async () => {
    const before = cluster(30, 'maxPods = 30');
    const after = cluster(50, 'maxPods = 40');
    assert.deepEqual((await analyzeChange(ROTATION, before, after)).findings, []);
    assert.deepEqual((await analyzeChange(REPLACES, before, after)).findings, []);
  });
});
