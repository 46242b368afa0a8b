/**
 * `aks-netlint --plan` on plans of changes to existing clusters (issue 13, point 4): the plan's
 * prior state is the baseline and its `replace_paths` are authoritative. A plan that replaces a
 * cluster fails the run (exit 1), unless the rule's severity is configured down; a plan that
 * updates the cluster in place gives no replacement finding, whatever the files say.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { runInProcess } from '../support/run-cli.js';

const PLANS = resolve(__dirname, '../fixtures/plans');
const REPLACES =
  'error change-replaces-cluster terraform plan replaces azurerm_kubernetes_cluster.aks: network_plugin changes from "kubenet" to "azure" and forces replacement (it cannot be updated in place): Terraform will destroy the cluster, with its nodes and workloads, and create it again. azurerm 4.66 and later migrate kubenet → Azure CNI Overlay in place if pod_cidr stays unchanged.';

describe('aks-netlint --plan on a change', () => {
  it('fails the run on a plan that replaces a cluster, at the line that changed', async () => {
    const result = await runInProcess(['--plan', 'replace-cluster/plan.json', 'replace-cluster'], PLANS);
    assert.equal(result.stdout, `replace-cluster/main.tf:31:27 ${REPLACES}\n1 problem (1 error, 0 warnings, 0 info) in 2 files.\n`);
    assert.equal(result.code, 1);
  });

  it('carries the finding, the plan as baseline, in JSON and SARIF', async () => {
    const json = JSON.parse((await runInProcess(['--format', 'json', '--plan', 'replace-cluster/plan.json'], PLANS)).stdout);
    assert.deepEqual(
      json.findings.map((f: { ruleId: string; related: { message: string }[] }) => [f.ruleId, f.related.map((r) => r.message)]),
      [['change-replaces-cluster', ["At the plan's prior state network_plugin was \"kubenet\"."]]],
    );
    const sarif = JSON.parse((await runInProcess(['--format', 'sarif', '--plan', 'replace-cluster/plan.json'], PLANS)).stdout);
    const [result] = sarif.runs[0].results;
    assert.equal(result.ruleId, 'change-replaces-cluster');
    assert.equal(result.level, 'error');
    assert.equal(result.locations[0].physicalLocation.artifactLocation.uri, 'replace-cluster/plan.json');
  });

  it('passes when the team configures replacements as warnings', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aks-netlint-plan-config-'));
    const config = join(dir, '.aks-netlint.json');
    writeFileSync(config, JSON.stringify({ rules: { 'change-replaces-cluster': 'warning' } }));
    const result = await runInProcess(['--config', config, '--plan', 'replace-cluster/plan.json', 'replace-cluster'], PLANS);
    assert.match(result.stdout, /main\.tf:31:27 warning change-replaces-cluster /);
    assert.equal(result.code, 0);
    const strict = await runInProcess(['--config', config, '--minimum-failure-severity', 'warning', '--plan', 'replace-cluster/plan.json', 'replace-cluster'], PLANS);
    assert.equal(strict.code, 1);
  });

  it('says nothing of a replacement when the plan updates the cluster in place (azurerm 4.66)', async () => {
    const result = await runInProcess(['--format', 'json', '--plan', 'update-in-place/plan.json', 'update-in-place'], PLANS);
    const found = JSON.parse(result.stdout).findings.map((f: { ruleId: string; message: string }) => `${f.ruleId}: ${f.message.slice(0, 90)}`);
    assert.deepEqual(found, ['kubenet-to-overlay-migration: The cluster migrates from kubenet to Azure CNI Overlay in place, but it has a system-assig']);
  });
});
