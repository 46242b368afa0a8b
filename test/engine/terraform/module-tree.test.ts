/**
 * The module tree (engine/terraform/module-tree.ts) through the real engine: sources found,
 * count/for_each on calls, values both ways, Terraform's variable rules (nullable, validation,
 * required), and the bounds (recursion, depth) that keep hostile trees finite.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeModule } from '../../../server/src/engine/analyze/analyze-module.js';
import { joinPath, parseModuleSource, parseModulesManifest, resolveModuleSource } from '../../../server/src/engine/terraform/module-sources.js';
import { buildModule, type SourceFile } from '../../../server/src/engine/terraform/module.js';
import { ModuleTree } from '../../../server/src/engine/terraform/module-tree.js';
import { isKnown, type Value } from '../../../server/src/engine/terraform/values.js';
import { loadParsers } from '../../../server/src/host/load-parsers.js';
import { analyzeFiles, filesLoader } from '../../support/engine.js';

async function treeOf(files: SourceFile[]) {
  const parsers = await loadParsers();
  const root = buildModule({ dir: '/r', files: files.filter((f) => f.uri.lastIndexOf('/') === 2) }, parsers);
  return new ModuleTree(root, filesLoader(files, parsers));
}

/** The value of an output of the root, as text: `"x"`, or `unknown: <reason>`. */
async function rootOutput(files: SourceFile[], name: string): Promise<string> {
  const tree = await treeOf(files);
  return show(tree.root.evaluator.output(name)!);
}

const show = (value: Value): string => (isKnown(value) ? JSON.stringify(plain(value)) : `unknown: ${value.reason}`);
const plain = (value: Value): unknown => {
  if (!isKnown(value)) return '?';
  const v = value.value;
  if (Array.isArray(v)) return v.map(plain);
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
  return v;
};

describe('module sources', () => {
  it('reads local, registry and git addresses', () => {
    assert.deepEqual(parseModuleSource('../modules/aks'), { kind: 'local', path: '../modules/aks' });
    assert.deepEqual(parseModuleSource('Azure/aks/azurerm'), { kind: 'registry', namespace: 'Azure', name: 'aks', provider: 'azurerm' });
    assert.deepEqual(parseModuleSource('registry.terraform.io/Azure/aks/azurerm//modules/pool'), { kind: 'registry', namespace: 'Azure', name: 'aks', provider: 'azurerm', subdir: 'modules/pool' });
    assert.deepEqual(parseModuleSource('git::https://github.com/Azure/terraform-azurerm-aks.git//v4?ref=9.0.0'), { kind: 'remote', repository: 'terraform-azurerm-aks', subdir: 'v4' });
    assert.deepEqual(parseModuleSource('github.com/Azure/terraform-azurerm-aks'), { kind: 'remote', repository: 'terraform-azurerm-aks' });
  });

  it('joins paths as Terraform resolves them', () => {
    assert.equal(joinPath('/r/envs/prod', '../../modules/aks'), '/r/modules/aks');
    assert.equal(joinPath('/r', './x/./y/'), '/r/x/y');
    assert.equal(joinPath('envs/prod', '../../../up'), '../up');
  });

  it('resolves through modules.json first, then local paths, then the checkout the registry address names', () => {
    const installed = parseModulesManifest('{"Modules":[{"Key":"","Source":"","Dir":"."},{"Key":"aks","Source":"registry.terraform.io/Azure/aks/azurerm","Version":"9.0.0","Dir":".terraform/modules/aks"},{"Key":"aks.pools","Source":"./modules/pools","Dir":".terraform/modules/aks/modules/pools"}]}', '/r')!;
    assert.deepEqual(resolveModuleSource('/r', 'Azure/aks/azurerm', 'aks', 'module.aks', installed, undefined), { dir: '/r/.terraform/modules/aks' });
    assert.deepEqual(resolveModuleSource('/r/.terraform/modules/aks', './modules/pools', 'aks.pools', 'module.pools', installed, undefined), { dir: '/r/.terraform/modules/aks/modules/pools' });
    assert.deepEqual(resolveModuleSource('/r', './net', 'net', 'module.net', undefined, undefined), { dir: '/r/net' });
    const checkout = { root: '/src/terraform-azurerm-aks', names: ['terraform-azurerm-aks'] };
    assert.deepEqual(resolveModuleSource('/src/terraform-azurerm-aks/examples/basic', 'Azure/aks/azurerm', 'aks', 'module.aks', undefined, checkout), { dir: '/src/terraform-azurerm-aks' });
    assert.deepEqual(resolveModuleSource('/r', 'Azure/network/azurerm', 'net', 'module.net', undefined, checkout), { opaque: 'module.net (Azure/network/azurerm) is not installed: run terraform init to let aks-netlint check it' });
    assert.equal(parseModulesManifest('not json', '/r'), undefined);
  });
});

describe('values across module calls', () => {
  const child = (body: string): SourceFile => ({ uri: '/r/c/main.tf', text: body });

  it("reads a child's output, which reads the caller's argument", async () => {
    const files = [
      { uri: '/r/main.tf', text: 'module "c" {\n  source = "./c"\n  x      = "10.1.0.0/16"\n}\noutput "o" {\n  value = module.c.first\n}\n' },
      child('variable "x" {}\noutput "first" {\n  value = cidrsubnet(var.x, 8, 1)\n}\n'),
    ];
    assert.equal(await rootOutput(files, 'o'), '"10.1.1.0/24"');
  });

  it('evaluates only the output a reference names: two modules feeding each other other outputs is no cycle', async () => {
    const files = [
      { uri: '/r/main.tf', text: 'module "a" {\n  source = "./a"\n  in     = module.b.out\n}\nmodule "b" {\n  source = "./b"\n  in     = module.a.y\n}\noutput "o" {\n  value = module.a.x\n}\n' },
      { uri: '/r/a/main.tf', text: 'variable "in" {}\noutput "y" {\n  value = "10.0.0.0/16"\n}\noutput "x" {\n  value = var.in\n}\n' },
      { uri: '/r/b/main.tf', text: 'variable "in" {}\noutput "out" {\n  value = cidrsubnet(var.in, 8, 1)\n}\n' },
    ];
    assert.equal(await rootOutput(files, 'o'), '"10.0.1.0/24"');
  });

  it('expands count and for_each calls, each instance with its own arguments', async () => {
    const files = [
      {
        uri: '/r/main.tf',
        text: 'module "c" {\n  source   = "./c"\n  for_each = { a = 1, b = 2 }\n  x        = each.value\n}\nmodule "n" {\n  source = "./c"\n  count  = 2\n  x      = count.index * 10\n}\noutput "o" {\n  value = [module.c["b"].y, module.n[1].y, [for k, m in module.c : m.y], module.n[*].y]\n}\n',
      },
      child('variable "x" {}\noutput "y" {\n  value = var.x + 1\n}\n'),
    ];
    assert.equal(await rootOutput(files, 'o'), '[3,11,[2,3],[1,11]]');
  });

  it('applies the default when the call leaves a variable out, and null as Terraform does', async () => {
    const files = [
      { uri: '/r/main.tf', text: 'module "c" {\n  source = "./c"\n  a      = null\n  b      = null\n}\noutput "o" {\n  value = [module.c.a, module.c.b, module.c.d]\n}\n' },
      child('variable "a" {\n  default = "x"\n}\nvariable "b" {\n  default  = "y"\n  nullable = false\n}\nvariable "d" {\n  default = "z"\n}\noutput "a" {\n  value = var.a\n}\noutput "b" {\n  value = var.b\n}\noutput "d" {\n  value = var.d\n}\n'),
    ];
    assert.equal(await rootOutput(files, 'o'), '[null,"y","z"]');
  });

  it('makes a value that fails its validation Unknown, with the module message', async () => {
    const files = [
      { uri: '/r/main.tf', text: 'module "c" {\n  source = "./c"\n  p      = "flannel"\n}\noutput "o" {\n  value = module.c.p\n}\n' },
      child('variable "p" {\n  validation {\n    condition     = contains(["azure", "kubenet"], var.p)\n    error_message = "p must be azure or kubenet."\n  }\n}\noutput "p" {\n  value = var.p\n}\n'),
    ];
    assert.equal(await rootOutput(files, 'o'), 'unknown: var.p fails its validation: p must be azure or kubenet.');
  });

  it('says why a call cannot be read', async () => {
    const files = [{ uri: '/r/main.tf', text: 'module "x" {\n  source = "Azure/network/azurerm"\n}\nmodule "y" {\n  source = "./missing"\n}\noutput "o" {\n  value = [module.x.id, module.y.id, module.z.id]\n}\n' }];
    const tree = await treeOf(files);
    const value = tree.root.evaluator.output('o')!;
    assert.ok(isKnown(value) && Array.isArray(value.value));
    assert.deepEqual(
      (value.value as Value[]).map((v) => (isKnown(v) ? 'known' : v.reason)),
      ['module.x (Azure/network/azurerm) is not installed: run terraform init to let aks-netlint check it', 'module.y has no Terraform files in its source "./missing"', 'module.z is not declared in this module'],
    );
  });

  it("names a call whose for_each reads its own outputs as the cycle it is", async () => {
    const files = [
      { uri: '/r/main.tf', text: 'module "c" {\n  source   = "./c"\n  for_each = module.c.keys\n}\noutput "o" {\n  value = module.c\n}\n' },
      { uri: '/r/c/main.tf', text: 'output "keys" {\n  value = toset(["a"])\n}\n' },
    ];
    assert.equal(await rootOutput(files, 'o'), 'unknown: the instances of module.c are not known: for_each is not known: the instances of module.c depend on its own outputs (a cycle)');
  });

  it('stops at a module that calls itself, and at a cycle through outputs', async () => {
    const files = [
      { uri: '/r/main.tf', text: 'module "c" {\n  source = "./c"\n  x      = module.d.y\n}\nmodule "d" {\n  source = "./c"\n  x      = module.c.y\n}\noutput "o" {\n  value = module.c.y\n}\n' },
      child('variable "x" {}\nmodule "again" {\n  source = "../c"\n}\noutput "y" {\n  value = var.x\n}\noutput "z" {\n  value = module.again.y\n}\n'),
    ];
    const tree = await treeOf(files);
    assert.match(show(tree.root.evaluator.output('o')!), /^unknown: .*cycle/);
    assert.equal(show(tree.instances()[1].evaluator.output('z')!), 'unknown: module.again calls module.c again (a recursive module call)');
  });
});

describe('bounds of a module tree', () => {
  it('shares one step budget, the sum of its instances\' sizes, so 1,000 heavy instances stop early', async () => {
    const heavy = 'variable "n" {}\noutput "o" {\n  value = length(flatten([for i in range(1000) : [for j in range(1000) : "${i}-${j}"]]))\n}\n';
    const files = [
      { uri: '/r/main.tf', text: 'module "c" {\n  source   = "./c"\n  for_each = toset([for i in range(1000) : tostring(i)])\n  n        = each.key\n}\noutput "all" {\n  value = [for k, m in module.c : m.o]\n}\n' },
      { uri: '/r/c/main.tf', text: heavy },
    ];
    const tree = await treeOf(files);
    const value = tree.root.evaluator.output('all')!;
    assert.equal(tree.instances().length, 1001);
    const { evaluator } = tree.root;
    assert.equal(evaluator.maxSteps, 250_000 + 2 * (files[0].text.length + 1000 * heavy.length));
    assert.ok(evaluator.stepsTaken < evaluator.maxSteps + 1_100_000, `${evaluator.stepsTaken} steps`);
    assert.ok(isKnown(value) && Array.isArray(value.value));
    assert.ok((value.value as Value[]).every((v) => !isKnown(v)), 'every instance past the budget is Unknown');
  });
});

describe('findings of a module tree', () => {
  const CLUSTER = (plugin: string) =>
    `resource "azurerm_kubernetes_cluster" "this" {\n  name = "a"\n  network_profile {\n    network_plugin = ${plugin}\n  }\n}\n`;

  it('names the calls a finding in a child was found through, grouped by root', async () => {
    const result = await analyzeFiles([
      { uri: '/r/main.tf', text: 'module "blue" {\n  source = "./aks"\n}\nmodule "green" {\n  source = "./aks"\n}\n' },
      { uri: '/r/aks/main.tf', text: CLUSTER('"Azure"') },
    ]);
    assert.deepEqual(
      result.findings.filter((f) => f.severity === 'error').map((f) => `${f.uri}:${f.range.start.line + 1} ${f.message}`),
      ['/r/aks/main.tf:4 network_plugin "Azure" must be written "azure": azurerm compares values case-sensitively and terraform plan fails. (via module.blue, module.green of r)'],
    );
  });

  it('checks no child default every caller overrides', async () => {
    const result = await analyzeFiles([
      { uri: '/r/main.tf', text: 'module "aks" {\n  source = "./aks"\n  plugin = "kubenet"\n}\n' },
      { uri: '/r/aks/main.tf', text: `variable "plugin" {\n  default = ""\n}\n${CLUSTER('var.plugin')}` },
    ]);
    assert.deepEqual(
      result.findings.map((f) => `${f.ruleId} ${f.uri}:${f.range.start.line + 1}`),
      ['provider-version-assumed /r/main.tf:1', 'kubenet-retiring /r/main.tf:3'],
    );
    assert.deepEqual(result.calledDirs, ['/r/aks']);
  });

  it("takes the provider version from the root's lock file for the whole tree", async () => {
    const parsers = await loadParsers();
    const lock = 'provider "registry.terraform.io/hashicorp/azurerm" {\n  version = "3.117.0"\n}\n';
    const files = [
      { uri: '/r/main.tf', text: 'module "aks" {\n  source = "./aks"\n}\n' },
      { uri: '/r/.terraform.lock.hcl', text: lock },
      { uri: '/r/aks/main.tf', text: `terraform {\n  required_providers {\n    azurerm = {\n      source  = "hashicorp/azurerm"\n      version = ">= 3.0"\n    }\n  }\n}\n${CLUSTER('"azure"')}` },
    ];
    const result = analyzeModule({ dir: '/r', files: files.slice(0, 2) }, parsers, {}, undefined, undefined, { loader: filesLoader(files, parsers) });
    assert.equal(result.model.provider.major, 3);
    assert.equal(result.model.clusters[0].address, 'module.aks.azurerm_kubernetes_cluster.this');
  });
});
