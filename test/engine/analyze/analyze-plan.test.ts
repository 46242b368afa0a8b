/**
 * Which value and which place a plan's finding gets when the configuration is read too
 * (place-plan-model.ts): the plan's value wins (it is what will be applied) at the
 * configuration's line; an attribute the files leave out and the plan leaves to the provider
 * stays "not set"; an instance the files do not declare stays in the plan file.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzePlan } from '../../../server/src/engine/analyze/analyze-plan.js';
import type { Finding } from '../../../server/src/engine/analyze/findings.js';
import { readPlanJson } from '../../../server/src/engine/terraform/plan-json.js';
import { loadParsers } from '../../../server/src/host/load-parsers.js';
import { filesLoader } from '../../support/engine.js';

const VERSIONS = 'terraform {\n  required_providers {\n    azurerm = {\n      source  = "hashicorp/azurerm"\n      version = "~> 4.0"\n    }\n  }\n}\n';

const clusterTf = (profile: string, name = 'aks') =>
  `resource "azurerm_kubernetes_cluster" "${name}" {\n  name = "${name}"\n\n  default_node_pool {\n    name       = "system"\n    node_count = 3\n  }\n\n  network_profile {\n${profile}  }\n}\n`;

/** A plan of clusters by name: their network_profile values and which of them are unknown. */
function planOf(clusters: Record<string, { profile: Record<string, unknown>; unknown?: string[] }>): string {
  const resource_changes = Object.entries(clusters).map(([name, { profile, unknown = [] }]) => ({
    address: `azurerm_kubernetes_cluster.${name}`,
    mode: 'managed',
    type: 'azurerm_kubernetes_cluster',
    name,
    provider_name: 'registry.terraform.io/hashicorp/azurerm',
    change: {
      actions: ['create'],
      before: null,
      after: { name, default_node_pool: [{ name: 'system', node_count: 3 }], network_profile: [profile] },
      after_unknown: { id: true, network_profile: [Object.fromEntries(unknown.map((k) => [k, true]))] },
      before_sensitive: false,
      after_sensitive: {},
    },
  }));
  return JSON.stringify({ format_version: '1.2', planned_values: { root_module: {} }, resource_changes, configuration: { provider_config: { azurerm: { name: 'azurerm', version_constraint: '~> 4.0' } }, root_module: {} } }, null, 2);
}

async function analyzeWithResult(planText: string, mainTf?: string, lockFile?: string) {
  const parsers = await loadParsers();
  const plan = readPlanJson('/fixture/plan.json', planText);
  const files = mainTf === undefined ? [] : [{ uri: '/fixture/main.tf', text: mainTf }, ...(lockFile ? [{ uri: '/fixture/.terraform.lock.hcl', text: lockFile }] : [])];
  const configuration = mainTf === undefined ? undefined : { input: { dir: '/fixture', files }, tree: { loader: filesLoader(files, parsers) } };
  return analyzePlan(plan, parsers, {}, configuration);
}

async function analyze(planText: string, mainTf?: string): Promise<{ findings: Finding[]; planText: string }> {
  return { findings: (await analyzeWithResult(planText, mainTf)).findings, planText };
}

/** `file:line:col ruleId` of each finding (1-based), and its message. */
const shown = (findings: Finding[]) => findings.map((f) => `${f.uri.replace('/fixture/', '')}:${f.range.start.line + 1}:${f.range.start.character + 1} ${f.ruleId}`);

/** The 1-based line of the first line of `text` holding `needle`. */
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('analyzePlan with the configuration', () => {
  it('checks the plan value where the files disagree, at the attribute, naming the plan', async () => {
    const tf = VERSIONS + clusterTf('    network_plugin     = "azure"\n    network_data_plane = "azure"\n    network_policy     = "azure"\n');
    const planText = planOf({ aks: { profile: { network_plugin: 'azure', network_data_plane: 'azure', network_policy: 'cilium' } } });
    const { findings } = await analyze(planText, tf);
    const cilium = findings.filter((f) => f.ruleId === 'cilium-policy-requires-cilium-dataplane');
    assert.deepEqual(shown(cilium), [`main.tf:${lineOf(tf, 'network_policy')}:26 cilium-policy-requires-cilium-dataplane`]);
    assert.match(cilium[0].message, new RegExp(`The value comes from the planned value in plan\\.json:${lineOf(planText, '"network_policy": "cilium"')}\\.$`));
    assert.deepEqual(cilium[0].related.map((r) => r.uri), ['/fixture/main.tf', '/fixture/plan.json'], 'the data plane, and the planned value');
    assert.equal(cilium[0].fix, undefined);
  });

  it('keeps "not set" for an attribute the files leave out and the plan leaves to the provider', async () => {
    const tf = VERSIONS + clusterTf('    network_plugin     = "azure"\n    network_data_plane = "cilium"\n');
    const alone = await analyze(planOf({ aks: { profile: { network_plugin: 'azure', network_data_plane: 'cilium' }, unknown: ['network_policy'] } }));
    assert.deepEqual(shown(alone.findings).filter((f) => f.includes('cilium-policy-implicit')), [], 'the plan alone cannot know it is not set');
    const placed = await analyze(planOf({ aks: { profile: { network_plugin: 'azure', network_data_plane: 'cilium' }, unknown: ['network_policy'] } }), tf);
    assert.deepEqual(shown(placed.findings).filter((f) => f.includes('cilium-policy-implicit')), [`main.tf:${lineOf(tf, 'network_data_plane')}:26 cilium-policy-implicit`]);
  });

  it('takes the provider version from the plan, unless the files lock one', async () => {
    const planText = planOf({ aks: { profile: { network_plugin: 'azure' } } }).replace('"~> 4.0"', '"~> 3.110"');
    const alone = await analyzeWithResult(planText);
    assert.deepEqual([alone.model.provider.major, alone.model.provider.source, alone.model.provider.detail], [3, 'constraint', '~> 3.110 (the plan)']);
    const lock = 'provider "registry.terraform.io/hashicorp/azurerm" {\n  version = "4.57.0"\n}\n';
    const locked = await analyzeWithResult(planText, VERSIONS + clusterTf('    network_plugin = "azure"\n'), lock);
    assert.deepEqual([locked.model.provider.major, locked.model.provider.source], [4, 'lock']);
  });

  it('an instance the files do not declare stays in the plan file, at the planned value', async () => {
    const tf = VERSIONS + clusterTf('    network_plugin     = "azure"\n    network_data_plane = "cilium"\n    network_policy     = "cilium"\n');
    const planText = planOf({
      aks: { profile: { network_plugin: 'azure', network_data_plane: 'cilium', network_policy: 'cilium' } },
      other: { profile: { network_plugin: 'azure', network_data_plane: 'azure', network_policy: 'cilium' } },
    });
    const { findings } = await analyze(planText, tf);
    const line = planText.split('\n').findIndex((l, i) => i > lineOf(planText, '"address": "azurerm_kubernetes_cluster.other"') && l.includes('"network_policy"'));
    assert.deepEqual(shown(findings.filter((f) => f.ruleId === 'cilium-policy-requires-cilium-dataplane')), [`plan.json:${line + 1}:33 cilium-policy-requires-cilium-dataplane`]);
  });
});
