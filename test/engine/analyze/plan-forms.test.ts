/**
 * What decides the findings of the azapi and cross-module plan fixtures: each is shown to depend on
 * the one thing it is about, so the CLI tests on them cannot pass by accident. The AVM pool joins
 * its cluster only through the nodepools call's parent_id argument, the pools of module-outputs
 * their subnet and cluster only through the outputs the configuration records, an
 * azapi_update_resource changes only the cluster it targets, and the azapi data plane known only
 * after apply is silent where the same value known is an error. With the files, the AVM cluster of
 * a plan takes the site of the cluster the module's input map reads from the call. A pool of a
 * cluster that exists joins it by the id the plan knows; the state's "" of an azurerm string is
 * not set.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { analyzePlan } from '../../../server/src/engine/analyze/analyze-plan.js';
import { readPlanJson } from '../../../server/src/engine/terraform/plan-json.js';
import { loadParsers } from '../../../server/src/host/load-parsers.js';
import { filesLoader } from '../../support/engine.js';

const PLANS = resolve(__dirname, '../../fixtures/plans');
const PLAN_AVM = resolve(__dirname, '../../../examples/plan-avm');

type Obj = Record<string, unknown>;

const fixture = (name: string): Obj => JSON.parse(readFileSync(resolve(PLANS, name, 'plan.json'), 'utf8')) as Obj;

/** The object at `path` in a plan's JSON. */
const objectAt = (value: unknown, ...path: (string | number)[]): Obj => path.reduce<unknown>((at, key) => (at as Obj)[key], value) as Obj;

/** The plan alone: its model and the rule ids of its findings. */
async function analyze(plan: Obj) {
  const result = analyzePlan(readPlanJson('/fixture/plan.json', JSON.stringify(plan, null, 2)), await loadParsers());
  return { model: result.model, ruleIds: result.findings.map((f) => f.ruleId).sort() };
}

describe('plans of azapi resources and of modules', () => {
  it('the AVM agentPools pool joins module.aks.azapi_resource.this through the nodepools call parent_id, else stays unlinked', async () => {
    const plan = fixture('avm-module');
    const linked = await analyze(plan);
    assert.deepEqual(
      linked.model.nodePools.map((p) => [p.address, p.form, p.apiVersion, p.cluster?.address]),
      [['module.aks.module.nodepools["u1"].azapi_resource.this[0]', 'azapi', '2026-01-02-preview', 'module.aks.azapi_resource.this']],
    );
    assert.deepEqual(linked.ruleIds, ['windows-pool-with-cilium']);
    delete objectAt(plan, 'configuration', 'root_module', 'module_calls', 'aks', 'module', 'module_calls', 'nodepools', 'expressions').parent_id;
    const unlinked = await analyze(plan);
    assert.equal(unlinked.model.nodePools[0].cluster, undefined);
    assert.deepEqual(unlinked.ruleIds, []);
  });

  it('an azurerm string the state holds as "" is not set, not a value to judge', async () => {
    const plan = fixture('update-in-place');
    const { model, ruleIds } = await analyze(plan);
    const { policy, networkMode } = model.clusters[0].network;
    assert.deepEqual([policy.state, policy.value.known && policy.value.value, networkMode.state], ['absent', null, 'absent']);
    // Only the migration's own precondition (the cluster's system-assigned identity), no value judged.
    assert.deepEqual(ruleIds, ['kubenet-to-overlay-migration']);
    objectAt(plan, 'resource_changes', 0, 'change', 'after', 'network_profile', 0).network_policy = 'calco';
    assert.ok((await analyze(plan)).ruleIds.includes('value-not-allowed'), 'a value that is not "" is judged');
  });

  it('a pool of a cluster that exists already joins it by the id the plan knows (azurerm and AVM)', async () => {
    for (const [name, poolIndex, field] of [['replace-node-pool', 4, 'kubernetes_cluster_id'], ['avm-module-update', 1, 'parent_id']] as const) {
      const plan = fixture(name);
      const linked = await analyze(plan);
      assert.deepEqual(linked.model.nodePools.map((p) => p.cluster?.address), [name === 'avm-module-update' ? 'module.aks.azapi_resource.this' : 'azurerm_kubernetes_cluster.aks'], name);
      const after = objectAt(plan, 'resource_changes', poolIndex, 'change', 'after');
      after[field] = (after[field] as string).replace(/managedClusters\/[^/]+$/, 'managedClusters/another');
      const unlinked = await analyze(plan);
      assert.equal(unlinked.model.nodePools[0].cluster, undefined, `${name}: another cluster's id`);
    }
  });

  it('the pools of module-outputs reach their subnet and cluster only through the outputs the configuration records', async () => {
    const plan = fixture('module-outputs');
    const linked = await analyze(plan);
    assert.deepEqual(
      linked.model.nodePools.map((p) => [p.address, p.cluster?.address, p.pool.vnetSubnet?.address]),
      [['module.pools.azurerm_kubernetes_cluster_node_pool.windows', 'module.aks.azurerm_kubernetes_cluster.this', 'module.network.azurerm_subnet.nodes']],
    );
    assert.equal(linked.model.clusters[0].defaultPool.vnetSubnet?.address, 'module.network.azurerm_subnet.nodes');
    const calls = objectAt(plan, 'configuration', 'root_module', 'module_calls');
    delete objectAt(calls, 'network', 'module').outputs;
    delete objectAt(calls, 'aks', 'module').outputs;
    const unlinked = await analyze(plan);
    assert.deepEqual(
      unlinked.model.nodePools.map((p) => [p.cluster?.address, p.pool.vnetSubnet?.address]),
      [[undefined, undefined]],
    );
    assert.deepEqual(unlinked.ruleIds, []);
  });

  it('an azapi_update_resource updates the body of the cluster its resource_id references, and only that', async () => {
    const plan = fixture('azapi-update');
    assert.deepEqual((await analyze(plan)).ruleIds, ['cilium-requires-cilium-policy']);
    const update = (plan.resource_changes as Obj[]).find((r) => r.address === 'azapi_update_resource.policy');
    const expressions = objectAt((objectAt(plan, 'configuration', 'root_module').resources as Obj[]).find((r) => r.address === 'azapi_update_resource.policy'), 'expressions');
    expressions.resource_id = { references: ['azapi_resource.other.id', 'azapi_resource.other'] };
    assert.deepEqual((await analyze(plan)).ruleIds, [], 'an update of another resource');
    delete expressions.resource_id;
    assert.deepEqual((await analyze(plan)).ruleIds, [], 'an update whose target the plan does not say');
    // An existing cluster: its id is known, and the update's resource_id is that id.
    const id = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-aks/providers/Microsoft.ContainerService/managedClusters/aks-update';
    const cluster = objectAt((plan.resource_changes as Obj[]).find((r) => r.address === 'azapi_resource.aks'), 'change');
    objectAt(cluster, 'after').id = id.toLowerCase();
    delete objectAt(cluster, 'after_unknown').id;
    objectAt(update, 'change', 'after').resource_id = id;
    delete objectAt(update, 'change', 'after_unknown').resource_id;
    assert.deepEqual((await analyze(plan)).ruleIds, ['cilium-requires-cilium-policy'], 'by the known id, without case');
  });

  it('an AVM plan with its files: a finding on the cluster goes to the call argument the module input map reads', async () => {
    const parsers = await loadParsers();
    // The example, with the Azure data plane under the Cilium policy (a cluster finding too).
    const mainTf = readFileSync(resolve(PLAN_AVM, 'main.tf'), 'utf8').replace('network_dataplane   = "cilium"', 'network_dataplane   = "azure"');
    const plan = JSON.parse(readFileSync(resolve(PLAN_AVM, 'plan.json'), 'utf8')) as Obj;
    for (const change of plan.resource_changes as Obj[]) {
      const profile = objectAt(change, 'change', 'after', 'body', 'properties').networkProfile as Obj | undefined;
      if (profile) profile.networkDataplane = 'azure';
    }
    const files = [{ uri: '/fixture/main.tf', text: mainTf }];
    const result = analyzePlan(readPlanJson('/fixture/plan.json', JSON.stringify(plan, null, 2)), parsers, {}, { input: { dir: '/fixture', files }, tree: { loader: filesLoader(files, parsers) } });
    const line = mainTf.split('\n').findIndex((l) => l.includes('network_policy'));
    assert.deepEqual(
      result.findings.map((f) => [f.ruleId, f.uri, f.range.start.line]),
      [['cilium-policy-requires-cilium-dataplane', '/fixture/main.tf', line]],
    );
  });

  it('an azapi networkDataplane known only after apply is silent; the same value known is an error', async () => {
    const plan = fixture('azapi-unknown-after-apply');
    assert.deepEqual((await analyze(plan)).ruleIds, []);
    const changes = plan.resource_changes as Obj[];
    const change = objectAt(changes.find((r) => r.address === 'azapi_resource.aks'), 'change');
    delete objectAt(change, 'after_unknown').body;
    objectAt(change, 'after', 'body', 'properties', 'networkProfile').networkDataplane = 'azure';
    assert.deepEqual((await analyze(plan)).ruleIds, ['cilium-policy-requires-cilium-dataplane']);
  });
});
