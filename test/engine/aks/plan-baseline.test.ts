/**
 * A plan as the baseline of its change (issue 13): each cluster and pool that exists before the
 * plan gets its prior settings from `change.before` and what Terraform plans for it (actions,
 * replace_paths, action_reason, where the change is in the plan file); a created one gets null,
 * one only deleted is not there. The plan's baseline wins over a git ref's.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import type { AksCluster, AksModel, AksNodePool, PlannedChange } from '../../../server/src/engine/aks/model.js';
import { changeOf, describeNow, describePrior } from '../../../server/src/engine/aks/setting-change.js';
import { analyzePlan } from '../../../server/src/engine/analyze/analyze-plan.js';
import type { AnalysisSettings } from '../../../server/src/engine/analyze/analyze-module.js';
import { readPlanJson } from '../../../server/src/engine/terraform/plan-json.js';
import { loadParsers } from '../../../server/src/host/load-parsers.js';
import { filesLoader } from '../../support/engine.js';

const PLANS = resolve(__dirname, '../../fixtures/plans');
const PLAN_LABEL = { kind: 'plan', label: "the plan's prior state" };

const planText = (name: string) => readFileSync(resolve(PLANS, name, 'plan.json'), 'utf8');

/** A fixture's plan alone, or with the main.tf beside it; `text` replaces the plan's text. */
async function analyzeFixture(name: string, options: { withFiles?: boolean; text?: string; settings?: AnalysisSettings } = {}) {
  const parsers = await loadParsers();
  const text = options.text ?? planText(name);
  const plan = readPlanJson(`/fixture/${name}/plan.json`, text);
  const files = options.withFiles ? [{ uri: `/fixture/${name}/main.tf`, text: readFileSync(resolve(PLANS, name, 'main.tf'), 'utf8') }] : [];
  const configuration = options.withFiles ? { input: { dir: `/fixture/${name}`, files }, tree: { loader: filesLoader(files, parsers) } } : undefined;
  return { result: analyzePlan(plan, parsers, options.settings ?? {}, configuration), text };
}

/** Where `resource_changes[index].change` is in the plan's text (0-based lines and UTF-16 columns). */
function changeRange(text: string, address: string): PlannedChange['range'] {
  const root = parseTree(text)!;
  const changes = (JSON.parse(text) as { resource_changes: { address: string }[] }).resource_changes;
  const node = findNodeAtLocation(root, ['resource_changes', changes.findIndex((c) => c.address === address), 'change'])!;
  const at = (offset: number) => {
    const lines = text.slice(0, offset).split('\n');
    return { line: lines.length - 1, character: lines[lines.length - 1].length };
  };
  return { start: at(node.offset), end: at(node.offset + node.length) };
}

const clusterAt = (model: AksModel, address: string): AksCluster => {
  const cluster = model.clusters.find((c) => c.address === address);
  assert.ok(cluster, `${address} is in the model (${model.clusters.map((c) => c.address).join(', ')})`);
  return cluster;
};
const poolAt = (model: AksModel, address: string): AksNodePool => {
  const pool = model.nodePools.find((p) => p.address === address);
  assert.ok(pool, `${address} is in the model (${model.nodePools.map((p) => p.address).join(', ')})`);
  return pool;
};

/** `"kubenet" -> "azure"` for a setting that changed, or `unchanged`. */
function shownChange(instance: AksCluster | AksNodePool, path: string): string {
  const [head, ...rest] = path.split('.');
  const setting = rest.reduce<unknown>((at, key) => (at as Record<string, unknown>)[key], (instance as unknown as Record<string, unknown>)[head]) as Parameters<typeof changeOf>[2];
  const change = changeOf(instance, path, setting);
  return change ? `${describePrior(change.before)} -> ${describeNow(change.after)}` : 'unchanged';
}

describe('a plan as the baseline', () => {
  it('gives a replaced azurerm cluster its prior settings and the planned replacement, with where it is in the plan', async () => {
    const { result, text } = await analyzeFixture('replace-cluster');
    assert.deepEqual(result.model.baseline, PLAN_LABEL);
    const aks = clusterAt(result.model, 'azurerm_kubernetes_cluster.aks');
    assert.ok(aks.prior);
    assert.equal(describePrior(aks.prior.settings.get('network.plugin')!), '"kubenet"');
    assert.equal(shownChange(aks, 'network.plugin'), '"kubenet" -> "azure"');
    assert.equal(shownChange(aks, 'network.pluginMode'), 'not set -> "overlay"', 'the state\'s "" is not set');
    assert.equal(shownChange(aks, 'network.podCidr'), 'unchanged');
    assert.deepEqual(aks.prior.planned, {
      actions: ['delete', 'create'],
      replacePaths: [['network_profile', 0, 'network_plugin']],
      actionReason: 'replace_because_cannot_update',
      uri: '/fixture/replace-cluster/plan.json',
      range: changeRange(text, 'azurerm_kubernetes_cluster.aks'),
    });
    assert.deepEqual(
      result.findings.map((f) => `${f.ruleId} ${f.message}`),
      [
        'change-replaces-cluster terraform plan replaces azurerm_kubernetes_cluster.aks: network_plugin changes from "kubenet" to "azure" and forces replacement (it cannot be updated in place): Terraform will destroy the cluster, with its nodes and workloads, and create it again. azurerm 4.66 and later migrate kubenet → Azure CNI Overlay in place if pod_cidr stays unchanged.',
      ],
    );
  });

  it('keeps the prior and the planned change when the configuration places the cluster on its lines', async () => {
    const { result } = await analyzeFixture('replace-cluster', { withFiles: true });
    const aks = clusterAt(result.model, 'azurerm_kubernetes_cluster.aks');
    assert.equal(aks.uri, '/fixture/replace-cluster/main.tf');
    assert.equal(aks.network.plugin.uri, '/fixture/replace-cluster/main.tf', 'the value now is on its line');
    assert.equal(shownChange(aks, 'network.plugin'), '"kubenet" -> "azure"');
    assert.deepEqual(aks.prior?.planned?.replacePaths, [['network_profile', 0, 'network_plugin']]);
    assert.equal(aks.prior?.planned?.uri, '/fixture/replace-cluster/plan.json');
  });

  it('gives a cluster updated in place its prior settings and no replacement', async () => {
    const { result, text } = await analyzeFixture('update-in-place');
    const aks = clusterAt(result.model, 'azurerm_kubernetes_cluster.aks');
    assert.equal(shownChange(aks, 'network.plugin'), '"kubenet" -> "azure"');
    assert.equal(shownChange(aks, 'network.pluginMode'), 'not set -> "overlay"');
    assert.equal(shownChange(aks, 'network.policy'), 'unchanged');
    assert.deepEqual(aks.prior?.settings.get('network.policy'), { state: 'absent', value: null }, 'network_policy "" in the state is not set');
    assert.deepEqual(aks.prior?.planned, { actions: ['update'], replacePaths: [], uri: '/fixture/update-in-place/plan.json', range: changeRange(text, 'azurerm_kubernetes_cluster.aks') });
    // The provider writes "" for an unset network_policy and network_mode into the state, and so into after: not a value to
    // judge, nor a policy that blocks the migration; the cluster's system-assigned identity does.
    assert.deepEqual(result.findings.map((f) => `${f.ruleId} ${f.messageId}`), ['kubenet-to-overlay-migration identity']);
  });

  it('has no prior for a created cluster, a no-op prior for one left as it is, and nothing of one only deleted', async () => {
    const { result } = await analyzeFixture('create-and-delete');
    assert.deepEqual(result.model.clusters.map((c) => c.address), ['azurerm_kubernetes_cluster.kept', 'azurerm_kubernetes_cluster.new']);
    assert.equal(clusterAt(result.model, 'azurerm_kubernetes_cluster.new').prior, null);
    const kept = clusterAt(result.model, 'azurerm_kubernetes_cluster.kept');
    assert.deepEqual(kept.prior?.planned?.actions, ['no-op']);
    assert.equal(describePrior(kept.prior!.settings.get('network.plugin')!), '"azure"');
    assert.equal(shownChange(kept, 'network.plugin'), 'unchanged');
  });

  it('gives a node pool replaced for its subnet the subnet it had and the replace path', async () => {
    const { result } = await analyzeFixture('replace-node-pool');
    const pool = poolAt(result.model, 'azurerm_kubernetes_cluster_node_pool.user');
    const subnets = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-aks/providers/Microsoft.Network/virtualNetworks/vnet-aks/subnets';
    assert.equal(shownChange(pool, 'pool.vnetSubnetId'), `"${subnets}/pool-a" -> "${subnets}/pool-b"`);
    assert.deepEqual([pool.prior?.planned?.actions, pool.prior?.planned?.replacePaths, pool.prior?.planned?.actionReason], [['create', 'delete'], [['vnet_subnet_id']], 'replace_because_cannot_update']);
    const aks = clusterAt(result.model, 'azurerm_kubernetes_cluster.aks');
    assert.deepEqual(aks.prior?.planned?.actions, ['no-op']);
    assert.equal(shownChange(aks, 'defaultPool.vnetSubnetId'), 'unchanged');
  });

  it('reads an azapi body before the change, with the azapi_update_resource that targets it, and gives its inline pools the cluster\'s change', async () => {
    const { result, text } = await analyzeFixture('azapi-service-cidr');
    const aks = clusterAt(result.model, 'azapi_resource.aks');
    assert.equal(shownChange(aks, 'network.serviceCidr'), '"10.0.0.0/16" -> "10.100.0.0/16"');
    assert.equal(shownChange(aks, 'network.dnsServiceIp'), '"10.0.0.10" -> "10.100.0.10"');
    assert.equal(describePrior(aks.prior!.settings.get('network.policy')!), '"cilium"', 'set by azapi_update_resource.policy');
    const planned = { actions: ['update'], replacePaths: [], uri: '/fixture/azapi-service-cidr/plan.json', range: changeRange(text, 'azapi_resource.aks') };
    assert.deepEqual(aks.prior?.planned, planned);
    const user = poolAt(result.model, 'azapi_resource.aks.agentPoolProfiles[1]');
    assert.deepEqual(user.prior?.planned, planned);
    assert.equal(describePrior(user.prior!.settings.get('pool.nodeCount')!), '2');
  });

  it('reads the AVM module 0.8 cluster and pool at their module addresses', async () => {
    const { result } = await analyzeFixture('avm-module-update');
    const aks = clusterAt(result.model, 'module.aks.azapi_resource.this');
    assert.equal(shownChange(aks, 'network.podCidr'), '"192.168.0.0/16" -> "172.16.0.0/16"');
    assert.deepEqual(aks.prior?.planned?.actions, ['update']);
    const pool = poolAt(result.model, 'module.aks.module.nodepools["u1"].azapi_resource.this[0]');
    assert.equal(describePrior(pool.prior!.settings.get('pool.maxPods')!), '50');
    assert.deepEqual(pool.prior?.planned?.actions, ['no-op']);
  });

  it('wins over a git baseline, which serves a plan that records no changes', async () => {
    const git = { info: { kind: 'git' as const, label: 'HEAD (0c0ffee)' }, key: '0c0ffee', instances: new Map() };
    const withChanges = await analyzeFixture('update-in-place', { settings: { baseline: git } });
    assert.deepEqual(withChanges.result.model.baseline, PLAN_LABEL);
    assert.ok(withChanges.result.model.clusters[0].prior);
    const plannedOnly = JSON.parse(planText('update-in-place')) as Record<string, unknown>;
    delete plannedOnly.resource_changes;
    const { result } = await analyzeFixture('update-in-place', { text: JSON.stringify(plannedOnly, null, 2), settings: { baseline: git } });
    assert.deepEqual(result.model.baseline, git.info);
    assert.equal(result.model.clusters[0].prior, null);
    const alone = await analyzeFixture('update-in-place', { text: JSON.stringify(plannedOnly, null, 2) });
    assert.equal(alone.result.model.baseline, undefined, 'a plan without resource_changes says nothing of the prior state');
    assert.equal(alone.result.model.clusters[0].prior, undefined);
  });

  it('identifies the plan by its content', () => {
    const text = planText('update-in-place');
    const a = readPlanJson('/p/plan.json', text).digest;
    assert.equal(a, readPlanJson('/q/other.json', text).digest, 'the same text');
    assert.notEqual(a, readPlanJson('/p/plan.json', text.replace('"10.0.0.10"', '"10.0.0.11"')).digest);
    assert.match(a, /^2026-12-07T09:00:00Z:\d+:[0-9a-f]{8}$/);
  });
});
