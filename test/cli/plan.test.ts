/**
 * `aks-netlint --plan plan.json [dir]` on the hand-written plans of test/fixtures/plans: what a
 * user sees (file:line:col, code, message, exit code), located at the configuration's line when
 * the root module's directory is given and in the plan file otherwise; and the same cluster
 * written as files and as a plan gives the same rule ids.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { runInProcess } from '../support/run-cli.js';

const PLANS = resolve(__dirname, '../fixtures/plans');

const CILIUM =
  'error cilium-policy-requires-cilium-dataplane network_policy "cilium" needs network_data_plane "cilium", not "azure": the AKS API rejects it at apply with NetworkPolicyCiliumRequiresCiliumDataplane ("Network Policy cilium requires NetworkDataplane cilium").';

/** The 1-based line:column of the first `needle` after the line holding `after` in a fixture file. */
function lineCol(file: string, after: string, needle: string): string {
  const lines = readFileSync(join(PLANS, file), 'utf8').split('\n');
  const from = lines.findIndex((l) => l.includes(after));
  const line = lines.findIndex((l, i) => i >= from && l.includes(needle));
  return `${line + 1}:${lines[line].indexOf(needle) + 1}`;
}

const ids = async (argv: string[]) => {
  const result = await runInProcess(['--format', 'json', ...argv], PLANS);
  return (JSON.parse(result.stdout).findings as { ruleId: string }[]).map((f) => f.ruleId).sort();
};

describe('aks-netlint --plan', () => {
  it('points at the configuration attribute when the root module is given', async () => {
    const result = await runInProcess(['--plan', 'root-cluster/plan.json', 'root-cluster'], PLANS);
    assert.equal(result.stdout, `root-cluster/main.tf:${lineCol('root-cluster/main.tf', 'network_policy', '"cilium"')} ${CILIUM}\n1 problem (1 error, 0 warnings, 0 info) in 2 files.\n`);
    assert.equal(result.code, 1);
  });

  it('without the configuration, points into the plan file at the planned value', async () => {
    const result = await runInProcess(['--plan', 'root-cluster/plan.json'], PLANS);
    const at = lineCol('root-cluster/plan.json', '"resource_changes"', '"network_policy": "cilium"');
    const [line, column] = at.split(':').map(Number);
    assert.equal(result.stdout, `root-cluster/plan.json:${line}:${column + '"network_policy": '.length} ${CILIUM}\n1 problem (1 error, 0 warnings, 0 info) in 1 file.\n`);
    assert.equal(result.code, 1);
  });

  it('a cluster in a child module: the finding goes to the caller argument that passed the value', async () => {
    const result = await runInProcess(['--plan', 'child-module/plan.json', 'child-module'], PLANS);
    assert.equal(
      result.stdout,
      `child-module/main.tf:${lineCol('child-module/main.tf', 'module "aks"', '"cilium"')} ${CILIUM} The value comes from var.network_policy set by module.aks in main.tf:12.\n1 problem (1 error, 0 warnings, 0 info) in 3 files.\n`,
    );
  });

  it('a value only the plan knows (an uninstalled registry module output) is checked, at the configuration line', async () => {
    assert.deepEqual(await ids(['remote-module-value']), [], 'the files alone cannot know it');
    const result = await runInProcess(['--plan', 'remote-module-value/plan.json', 'remote-module-value'], PLANS);
    const planLine = Number(lineCol('remote-module-value/plan.json', '"resource_changes"', '"network_policy": "cilium"').split(':')[0]);
    assert.equal(
      result.stdout,
      `remote-module-value/main.tf:${lineCol('remote-module-value/main.tf', 'network_policy', 'module.settings')} ${CILIUM} The value comes from the planned value in plan.json:${planLine}.\n1 problem (1 error, 0 warnings, 0 info) in 2 files.\n`,
    );
  });

  it('links a node pool and a subnet through the configuration references when their ids are known only after apply', async () => {
    const result = await runInProcess(['--plan', 'pool-and-subnet/plan.json', 'pool-and-subnet'], PLANS);
    const lines = result.stdout.split('\n');
    assert.match(lines[0], /^pool-and-subnet\/main\.tf:35:22 error node-subnet-too-small subnet azurerm_subnet\.nodes 10\.0\.1\.0\/24 holds 251 usable addresses; its pools need 279: azurerm_kubernetes_cluster\.aks default_node_pool 5 nodes × \(30 pods \+ 1\) = 155, azurerm_kubernetes_cluster_node_pool\.user 4 nodes × \(30 pods \+ 1\) = 124\./);
    assert.equal(lineCol('pool-and-subnet/main.tf', 'default_node_pool', 'azurerm_subnet.nodes.id'), '35:22');
  });

  it('a data source read at plan time joins its pool by id, which the files alone cannot know', async () => {
    assert.deepEqual(await ids(['data-source-subnet']), []);
    const result = await runInProcess(['--plan', 'data-source-subnet/plan.json', 'data-source-subnet'], PLANS);
    assert.equal(
      result.stdout,
      `data-source-subnet/main.tf:${lineCol('data-source-subnet/main.tf', 'default_node_pool', 'data.azurerm_subnet.nodes.id')} error node-subnet-too-small subnet data.azurerm_subnet.nodes 10.1.0.0/24 holds 251 usable addresses; its pools need 279: azurerm_kubernetes_cluster.aks default_node_pool 9 nodes × (30 pods + 1) = 279. The AKS API rejects it at apply with InsufficientSubnetSize ("Pre-allocated IPs 279 exceeds IPs available 251 in Subnet Cidr 10.1.0.0/24").\n1 problem (1 error, 0 warnings, 0 info) in 2 files.\n`,
    );
  });

  it('a subnet passed through module outputs: joined through the files, not guessed from the plan alone', async () => {
    const files = await runInProcess(['module-subnet'], PLANS);
    const withPlan = await runInProcess(['--plan', 'module-subnet/plan.json', 'module-subnet'], PLANS);
    assert.match(withPlan.stdout, /^module-subnet\/modules\/aks\/main\.tf:16:22 error node-subnet-too-small subnet module\.network\.azurerm_subnet\.nodes 10\.0\.1\.0\/24 holds 251 usable addresses; its pools need 279: module\.aks\.azurerm_kubernetes_cluster\.this default_node_pool 9 nodes/);
    assert.equal(withPlan.stdout, files.stdout.replace('in 3 files', 'in 4 files'));
    const alone = await runInProcess(['--plan', 'module-subnet/plan.json'], PLANS);
    assert.equal(alone.stdout, 'No problems found in 1 file.\n');
  });

  it('a value known only after apply gives no error', async () => {
    const result = await runInProcess(['--plan', 'unknown-after-apply/plan.json'], PLANS);
    assert.equal(result.stdout, 'No problems found in 1 file.\n');
    assert.equal(result.code, 0);
  });

  it('the same cluster as files and as a plan gives the same rule ids', async () => {
    for (const dir of ['root-cluster', 'child-module', 'pool-and-subnet']) {
      const files = await ids([dir]);
      assert.ok(files.length > 0, `${dir} has findings`);
      assert.deepEqual(await ids(['--plan', `${dir}/plan.json`, dir]), files, `${dir}: plan with its configuration`);
      assert.deepEqual(await ids(['--plan', `${dir}/plan.json`]), files, `${dir}: plan alone`);
    }
  });

  it('writes JSON and SARIF locations in the plan file', async () => {
    const json = JSON.parse((await runInProcess(['--format', 'json', '--plan', 'root-cluster/plan.json'], PLANS)).stdout);
    assert.equal(json.findings[0].file, 'root-cluster/plan.json');
    const sarif = JSON.parse((await runInProcess(['--format', 'sarif', '--plan', 'root-cluster/plan.json'], PLANS)).stdout);
    const location = sarif.runs[0].results[0].locations[0].physicalLocation;
    assert.equal(location.artifactLocation.uri, 'root-cluster/plan.json');
    assert.equal(`${location.region.startLine}:${location.region.startColumn}`, `${json.findings[0].range.start.line}:${json.findings[0].range.start.column}`);
  });

  it('refuses what it cannot do, with exit code 2', async () => {
    const cases: [string[], string][] = [
      [['--plan', 'missing.json'], "aks-netlint: cannot read plan 'missing.json': no such file or directory\n"],
      [['--plan', 'root-cluster/main.tf'], "aks-netlint: plan 'root-cluster/main.tf' is not JSON (InvalidSymbol at line 1)\n"],
      [['--plan', 'root-cluster/plan.json', 'root-cluster/main.tf'], "aks-netlint: 'root-cluster/main.tf' is not a directory: with --plan, give the root module the plan was made from\n"],
      [['--plan', 'root-cluster/plan.json', 'a', 'b'], 'aks-netlint: --plan takes one root module directory, not 2 paths\n'],
      [['--plan', 'root-cluster/plan.json', '--fix', 'root-cluster'], 'aks-netlint: --fix cannot be used with --plan: the plan would no longer match the files\n'],
    ];
    for (const [argv, stderr] of cases) {
      const result = await runInProcess(argv, PLANS);
      assert.equal(result.stderr, stderr, argv.join(' '));
      assert.equal(result.code, 2);
    }
  });
});

describe('aks-netlint diagram --plan', () => {
  it('draws a cluster as the plan will apply it, alone or with the files it was made from', async () => {
    const alone = await runInProcess(['diagram', '--plan', 'examples/plan-avm/plan.json']);
    assert.equal(alone.code, 0, alone.stderr);
    assert.match(alone.stdout, /^flowchart LR\n/);
    assert.match(alone.stdout, /subgraph panelCluster\["Cluster module\.aks\.azapi_resource\.this \(aks-avm\)"\]/);
    assert.match(alone.stdout, /node pool module\.aks\.module\.nodepools#91;#quot;u1#quot;#93;\.azapi_resource\.this#91;0#93;/);
    const withFiles = await runInProcess(['diagram', '--plan', 'examples/plan-avm/plan.json', 'examples/plan-avm']);
    assert.equal(withFiles.stdout, alone.stdout, 'the same cluster, whichever sites it takes');
  });

  it('refuses a file that is no plan', async () => {
    const notPlan = await runInProcess(['diagram', '--plan', 'examples/plan/main.tf']);
    assert.equal(notPlan.code, 2);
    assert.match(notPlan.stderr, /^aks-netlint: /);
  });
});
