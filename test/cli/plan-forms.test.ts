/**
 * `aks-netlint --plan` on the other forms a plan holds (issue 12, point 3): an azapi cluster in
 * the root (with and without its files), the AVM module's azapi cluster and agentPools in nested
 * module instances (plan only: a registry module the checkout has not installed), an
 * azapi_update_resource of the cluster, an azapi body value known only after apply, and a plan alone whose pools reach their subnet and cluster
 * through module outputs. What a user sees, and the same rule ids as the files.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { runInProcess } from '../support/run-cli.js';

const PLANS = resolve(__dirname, '../fixtures/plans');

const CILIUM_AZAPI =
  'error cilium-policy-requires-cilium-dataplane networkPolicy "cilium" needs networkDataplane "cilium", not "azure": the AKS API rejects it at apply with NetworkPolicyCiliumRequiresCiliumDataplane ("Network Policy cilium requires NetworkDataplane cilium").';

const SUBNET_TOO_SMALL =
  'error node-subnet-too-small subnet module.network.azurerm_subnet.nodes 10.0.1.0/24 holds 251 usable addresses; its pools need 279: module.aks.azurerm_kubernetes_cluster.this default_node_pool 5 nodes × (30 pods + 1) = 155, module.pools.azurerm_kubernetes_cluster_node_pool.windows 4 nodes × (30 pods + 1) = 124. The AKS API rejects it at apply with InsufficientSubnetSize ("Pre-allocated IPs 279 exceeds IPs available 251 in Subnet Cidr 10.0.1.0/24").';

/**
 * The 1-based line:column where `text` starts on the first line holding it after the lines holding
 * each of `after`, in order, in a fixture file (`skip` characters further: a JSON value after its key).
 */
function lineCol(file: string, after: string | string[], text: string, skip = 0): string {
  const lines = readFileSync(join(PLANS, file), 'utf8').split('\n');
  let from = 0;
  for (const anchor of [after].flat()) {
    from = lines.findIndex((l, i) => i >= from && l.includes(anchor));
    assert.ok(from >= 0, `${file} holds ${anchor}`);
  }
  const line = lines.findIndex((l, i) => i >= from && l.includes(text));
  assert.ok(line >= 0, `${file} holds ${text} after ${after}`);
  return `${line + 1}:${lines[line].indexOf(text) + 1 + skip}`;
}

/** Where the planned value of `key` is: in resource_changes, after the line holding `address`. */
const plannedValue = (file: string, address: string, key: string, value: string) => lineCol(file, ['"resource_changes"', address], `"${key}": ${value}`, `"${key}": `.length);

const ids = async (argv: string[]) => {
  const result = await runInProcess(['--format', 'json', ...argv], PLANS);
  return (JSON.parse(result.stdout).findings as { ruleId: string }[]).map((f) => f.ruleId).sort();
};

describe('aks-netlint --plan: azapi and the AVM module', () => {
  it('an azapi cluster with its files: the finding at the body value in the configuration', async () => {
    const result = await runInProcess(['--plan', 'azapi-cluster/plan.json', 'azapi-cluster'], PLANS);
    assert.equal(result.stdout, `azapi-cluster/main.tf:${lineCol('azapi-cluster/main.tf', 'networkProfile', '"cilium"')} ${CILIUM_AZAPI}\n1 problem (1 error, 0 warnings, 0 info) in 2 files.\n`);
    assert.equal(result.code, 1);
  });

  it('an azapi cluster, the plan alone: the finding at the value of after.body in the plan file', async () => {
    const result = await runInProcess(['--plan', 'azapi-cluster/plan.json'], PLANS);
    const at = plannedValue('azapi-cluster/plan.json', '"resource_changes"', 'networkPolicy', '"cilium"');
    assert.equal(result.stdout, `azapi-cluster/plan.json:${at} ${CILIUM_AZAPI}\n1 problem (1 error, 0 warnings, 0 info) in 1 file.\n`);
    assert.equal(result.code, 1);
  });

  it('the AVM module: a Windows agentPools pool in module.aks.module.nodepools["u1"] joins the Cilium cluster through parent_id', async () => {
    const result = await runInProcess(['--plan', 'avm-module/plan.json'], PLANS);
    const at = plannedValue('avm-module/plan.json', '"address": "module.aks.module.nodepools[\\"u1\\"].azapi_resource.this[0]"', 'osType', '"Windows"');
    assert.equal(
      result.stdout,
      `avm-module/plan.json:${at} error windows-pool-with-cilium osType "Windows" cannot run on the Cilium data plane, which module.aks.azapi_resource.this uses (networkDataplane = "cilium"): Azure CNI Powered by Cilium is Linux-only, and AKS refuses Windows pools on it.\n1 problem (1 error, 0 warnings, 0 info) in 1 file.\n`,
    );
    assert.equal(result.code, 1);
  });

  it('an azapi body value known only after apply gives no error', async () => {
    const result = await runInProcess(['--plan', 'azapi-unknown-after-apply/plan.json'], PLANS);
    assert.equal(result.stdout, 'No problems found in 1 file.\n');
    assert.equal(result.code, 0);
  });

  it('an azapi_update_resource of the cluster updates its body: the finding at the update value, with or without the files', async () => {
    const message =
      'error cilium-requires-cilium-policy networkPolicy "calico" cannot run on the Cilium data plane: the AKS API rejects it at apply with CiliumDataplaneRequiresNetworkPolicyCilium ("Cilium dataplane requires network policy cilium"). Cilium enforces network policy itself.';
    const withFiles = await runInProcess(['--plan', 'azapi-update/plan.json', 'azapi-update'], PLANS);
    assert.equal(withFiles.stdout, `azapi-update/main.tf:${lineCol('azapi-update/main.tf', 'azapi_update_resource', '"calico"')} ${message}\n1 problem (1 error, 0 warnings, 0 info) in 2 files.\n`);
    const alone = await runInProcess(['--plan', 'azapi-update/plan.json'], PLANS);
    const at = plannedValue('azapi-update/plan.json', '"address": "azapi_update_resource.policy"', 'networkPolicy', '"calico"');
    assert.equal(alone.stdout, `azapi-update/plan.json:${at} ${message}\n1 problem (1 error, 0 warnings, 0 info) in 1 file.\n`);
  });

  it('the same azapi cluster as files and as a plan gives the same rule ids', async () => {
    const files = await ids(['azapi-cluster']);
    assert.deepEqual(files, ['cilium-policy-requires-cilium-dataplane']);
    assert.deepEqual(await ids(['--plan', 'azapi-cluster/plan.json', 'azapi-cluster']), files, 'plan with its configuration');
    assert.deepEqual(await ids(['--plan', 'azapi-cluster/plan.json']), files, 'plan alone');
    const updated = await ids(['azapi-update']);
    assert.deepEqual(updated, ['cilium-requires-cilium-policy']);
    assert.deepEqual(await ids(['--plan', 'azapi-update/plan.json', 'azapi-update']), updated, 'an updated body, plan with its configuration');
    assert.deepEqual(await ids(['--plan', 'azapi-update/plan.json']), updated, 'an updated body, plan alone');
  });
});

describe('aks-netlint --plan alone across modules', () => {
  it('a pool takes the subnet and the cluster passed through module outputs, from the plan alone', async () => {
    const result = await runInProcess(['--plan', 'module-outputs/plan.json'], PLANS);
    // The default pool's subnet id, known only after apply, is where the plan names the subnet.
    const subnet = lineCol('module-outputs/plan.json', ['"resource_changes"', '"address": "module.aks.azurerm_kubernetes_cluster.this"', '"after_unknown"'], '"vnet_subnet_id": true', '"vnet_subnet_id": '.length);
    const windows = plannedValue('module-outputs/plan.json', '"address": "module.pools.azurerm_kubernetes_cluster_node_pool.windows"', 'os_type', '"Windows"');
    assert.equal(
      result.stdout,
      [
        `module-outputs/plan.json:${subnet} ${SUBNET_TOO_SMALL}`,
        `module-outputs/plan.json:${windows} error windows-pool-with-cilium os_type "Windows" cannot run on the Cilium data plane, which module.aks.azurerm_kubernetes_cluster.this uses (network_data_plane = "cilium"): Azure CNI Powered by Cilium is Linux-only, and AKS refuses Windows pools on it.`,
        '2 problems (2 errors, 0 warnings, 0 info) in 1 file.',
        '',
      ].join('\n'),
    );
    assert.equal(result.code, 1);
  });

  it('with the files, the same findings as the files alone', async () => {
    const files = await runInProcess(['module-outputs'], PLANS);
    const withPlan = await runInProcess(['--plan', 'module-outputs/plan.json', 'module-outputs'], PLANS);
    assert.match(files.stdout, /^module-outputs\/modules\/aks\/main\.tf:16:22 error node-subnet-too-small /);
    assert.equal(withPlan.stdout, files.stdout.replace('in 4 files', 'in 5 files'));
  });

  it('the same rule ids as files, as a plan with them and as the plan alone', async () => {
    const files = await ids(['module-outputs']);
    assert.deepEqual(files, ['node-subnet-too-small', 'windows-pool-with-cilium']);
    assert.deepEqual(await ids(['--plan', 'module-outputs/plan.json', 'module-outputs']), files);
    assert.deepEqual(await ids(['--plan', 'module-outputs/plan.json']), files);
  });
});
