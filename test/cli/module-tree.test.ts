/**
 * The CLI follows module calls as a user's repository holds them: roots and the modules they
 * call, modules `terraform init` installed (`.terraform/modules/modules.json`, under TF_DATA_DIR
 * when set), the examples of a module repository calling it by its registry address, sources that
 * cannot be read, and one finding per place whichever paths are given.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runInProcess } from '../support/run-cli.js';

const VERSIONS = 'terraform {\n  required_providers {\n    azurerm = {\n      source  = "hashicorp/azurerm"\n      version = "~> 4.0"\n    }\n  }\n}\n';
const CHILD =
  'variable "plugin" {\n  type    = string\n  default = ""\n}\n\nresource "azurerm_kubernetes_cluster" "this" {\n  name = "aks"\n\n  network_profile {\n    network_plugin = var.plugin\n  }\n}\n';

function tempTree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'aks-netlint-tree-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

const call = (name: string, source: string, args = '') => `module "${name}" {\n  source = "${source}"\n${args}}\n`;

describe('aks-netlint over module trees', () => {
  it('checks a reusable module through its callers: no error for a default every caller overrides, the bad argument at the caller', async () => {
    const dir = tempTree({
      'modules/aks/main.tf': CHILD,
      'envs/prod/main.tf': VERSIONS + call('aks', '../../modules/aks', '  plugin = "kubenet"\n'),
      'envs/dev/main.tf': VERSIONS + call('aks', '../../modules/aks', '  plugin = "azure-cni"\n'),
    });
    const result = await runInProcess(['--format', 'json', '.'], dir);
    const findings = JSON.parse(result.stdout).findings as { ruleId: string; file: string; range: { start: { line: number } }; message: string }[];
    assert.deepEqual(
      findings.filter((f) => f.ruleId !== 'kubenet-retiring').map((f) => `${f.file}:${f.range.start.line} ${f.ruleId}`),
      ['envs/dev/main.tf:11 value-not-allowed'],
    );
    assert.equal(result.code, 1);
  });

  it('reads a module terraform init installed, from modules.json, and under TF_DATA_DIR', async () => {
    const manifest = (dataDir: string) =>
      JSON.stringify({ Modules: [{ Key: '', Source: '', Dir: '.' }, { Key: 'aks', Source: 'registry.terraform.io/contoso/aks/azurerm', Version: '1.0.0', Dir: `${dataDir}/modules/aks` }] });
    const root = VERSIONS + 'module "aks" {\n  source  = "contoso/aks/azurerm"\n  version = "1.0.0"\n  plugin  = "flannel"\n}\n';
    const dir = tempTree({ 'main.tf': root, '.terraform/modules/modules.json': manifest('.terraform'), '.terraform/modules/aks/main.tf': CHILD });
    const installed = await runInProcess(['--format', 'json', '.'], dir);
    assert.deepEqual(
      (JSON.parse(installed.stdout).findings as { ruleId: string; file: string; range: { start: { line: number } } }[]).map((f) => `${f.file}:${f.range.start.line} ${f.ruleId}`),
      ['main.tf:12 value-not-allowed'],
    );
    const custom = tempTree({ 'main.tf': root, 'tfdata/modules/modules.json': manifest('tfdata'), 'tfdata/modules/aks/main.tf': CHILD });
    const withDataDir = await runInProcess(['--format', 'json', '.'], custom, { env: { TF_DATA_DIR: 'tfdata' } });
    assert.equal(JSON.parse(withDataDir.stdout).findings.length, 1);
    const withoutDataDir = await runInProcess(['--format', 'json', '.'], custom);
    const inRoot = (JSON.parse(withoutDataDir.stdout).findings as { file: string }[]).filter((f) => f.file === 'main.tf');
    assert.deepEqual(inRoot, [], 'without TF_DATA_DIR the module is not installed: the root is silent');
  });

  it('resolves the registry address of the module repository being checked to the checkout', async () => {
    const dir = tempTree({
      'terraform-azurerm-aks/.git/config': '[remote "origin"]\n\turl = https://github.com/contoso/terraform-azurerm-aks.git\n',
      'terraform-azurerm-aks/main.tf': CHILD,
      'terraform-azurerm-aks/examples/basic/main.tf': VERSIONS + call('aks', 'contoso/aks/azurerm', '  plugin = "flannel"\n'),
    });
    const result = await runInProcess(['--format', 'json', 'terraform-azurerm-aks'], dir);
    assert.deepEqual(
      (JSON.parse(result.stdout).findings as { ruleId: string; file: string; range: { start: { line: number } } }[]).map((f) => `${f.file}:${f.range.start.line} ${f.ruleId}`),
      ['terraform-azurerm-aks/examples/basic/main.tf:11 value-not-allowed'],
    );
  });

  it('stays silent on a source it cannot read, and says why with --report-unknown', async () => {
    const dir = tempTree({
      'main.tf': `${VERSIONS}${call('net', 'contoso/network/azurerm')}resource "azurerm_kubernetes_cluster" "aks" {\n  name = "aks"\n\n  network_profile {\n    network_plugin = "azure"\n    service_cidr   = module.net.service_cidr\n  }\n}\n`,
    });
    const quiet = await runInProcess(['.'], dir);
    assert.equal(quiet.stdout, 'No problems found in 1 file.\n');
    const told = await runInProcess(['--report-unknown', '.'], dir);
    assert.match(told.stdout, /main\.tf:17:22 info value-unknown Not checked: service_cidr cannot be known before apply: module\.net \(contoso\/network\/azurerm\) is not installed: run terraform init to let aks-netlint check it\./);
    assert.match(told.stdout, /main\.tf:10:12 info module-not-read Not checked: module\.net \(contoso\/network\/azurerm\) is not installed: run terraform init to let aks-netlint check it\.\n/);
    assert.equal(told.stdout.match(/module-not-read/g)?.length, 1, 'once per call');
  });

  it('says nothing of the Microsoft AKS modules it reads without terraform init, and names a recursive call', async () => {
    const dir = tempTree({
      'main.tf': `${VERSIONS}${call('aks', 'Azure/aks/azurerm')}${call('self', './loop')}`,
      'loop/main.tf': call('again', '../loop'),
    });
    const told = await runInProcess(['--report-unknown', '.'], dir);
    const notRead = told.stdout.split('\n').filter((line) => line.includes('module-not-read'));
    assert.deepEqual(notRead.map((line) => line.replace(/^\S+ info module-not-read /, '')), ['Not checked: module.again calls module.self again (a recursive module call).']);
  });

  it('prints a finding in a shared module once, naming every call, whichever paths are given', async () => {
    const dir = tempTree({
      'modules/aks/main.tf': CHILD.replace('var.plugin', '"Azure"'),
      'envs/prod/main.tf': VERSIONS + call('aks', '../../modules/aks'),
      'envs/dev/main.tf': VERSIONS + call('aks', '../../modules/aks'),
    });
    const result = await runInProcess(['.', 'envs', 'modules/aks/main.tf'], dir);
    const json = await runInProcess(['--format', 'json', '.', 'envs'], dir);
    const calls = (JSON.parse(json.stdout).findings as { ruleId: string; calls?: string[] }[]).filter((f) => f.ruleId === 'value-not-allowed').map((f) => f.calls);
    assert.deepEqual(calls, [['module.aks of envs/dev', 'module.aks of envs/prod']]);
    const lines = result.stdout.split('\n').filter((line) => line.includes('value-not-allowed'));
    assert.deepEqual(lines, [
      'modules/aks/main.tf:10:22 error value-not-allowed network_plugin "Azure" must be written "azure": azurerm compares values case-sensitively and terraform plan fails. (via module.aks of envs/dev; module.aks of envs/prod)',
    ]);
  });

  it('draws the packet flow of a cluster a called module creates, with the subnet a sibling module creates', async () => {
    const result = await runInProcess(['diagram', 'test/fixtures/rules/service-cidr-overlaps-subnet/module-network-output']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /subgraph panelCluster\["Cluster module\.aks\.azurerm_kubernetes_cluster\.this \(aks\)"\]/);
    assert.match(result.stdout, /nodes\["Nodes<br\/>subnet module\.network\.azurerm_subnet\.nodes<br\/>10\.0\.0\.0\/24"\]/);
  });
});
