/**
 * Override files merged as Terraform merges them (internal/configs/module_merge.go,
 * module_merge_body.go): values, origins and the files attributes are written in, as the
 * evaluator and the readers see them after buildModule.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findAttribute, findBlocks, type SyntaxBlock } from '../../../server/src/engine/syntax/syntax-tree.js';
import { detectProviderVersion } from '../../../server/src/engine/terraform/detect-provider-version.js';
import { Evaluator } from '../../../server/src/engine/terraform/evaluate.js';
import { buildModule, type TfModule } from '../../../server/src/engine/terraform/module.js';
import { baseName, describeOrigin, toPlainJson, type Value } from '../../../server/src/engine/terraform/values.js';
import { loadParsers } from '../../../server/src/host/load-parsers.js';

/** The module of these files (by name, in /m), in the order given. */
async function moduleOf(files: Record<string, string>): Promise<TfModule> {
  return buildModule({ dir: '/m', files: Object.entries(files).map(([name, text]) => ({ uri: `/m/${name}`, text })) }, await loadParsers());
}

/** Evaluates an expression as if written in main.tf of the module. */
async function evaluate(expr: string, files: Record<string, string>): Promise<Value> {
  const module = await moduleOf(files);
  const parsed = await moduleOf({ 'main.tf': `output "x" {\n  value = ${expr}\n}\n` });
  const output = parsed.configFiles[0].body.blocks[0];
  return new Evaluator(module).evaluate(findAttribute(output.body, 'value')!.expr, { uri: '/m/main.tf' });
}

const plain = (v: Value) => toPlainJson(v);
const origin = (v: Value) => (v.known ? describeOrigin(v.origin, baseName) : `unknown: ${v.reason}`);
const resource = (module: TfModule, key: string): SyntaxBlock => module.resources.get(key)!.block;
/** Where an attribute of a block is written: its file and 1-based line. */
const writtenAt = (block: SyntaxBlock, name: string, declaredIn: string) => {
  const attribute = findAttribute(block.body, name)!;
  return `${baseName(attribute.uri ?? declaredIn)}:${attribute.range.start.line + 1}`;
};

const SUBNET = 'resource "azurerm_subnet" "a" {\n  name             = "nodes"\n  address_prefixes = ["10.0.0.0/24"]\n}\n';

describe('override files', () => {
  it('replace the attributes they set and keep the others', async () => {
    const files = { 'network.tf': SUBNET, 'network_override.tf': 'resource "azurerm_subnet" "a" {\n  address_prefixes = ["10.1.0.0/24"]\n}\n' };
    const prefixes = await evaluate('azurerm_subnet.a.address_prefixes[0]', files);
    assert.equal(plain(prefixes), '10.1.0.0/24');
    assert.equal(origin(prefixes), 'azurerm_subnet.a.address_prefixes in network_override.tf:2');
    const name = await evaluate('azurerm_subnet.a.name', files);
    assert.equal(plain(name), 'nodes');
    assert.equal(origin(name), 'azurerm_subnet.a.name in network.tf:2');
    // The resource is still declared where it was, and only once.
    const module = await moduleOf(files);
    assert.deepEqual([...module.resources.keys()], ['azurerm_subnet.a']);
    assert.equal(module.resources.get('azurerm_subnet.a')!.uri, '/m/network.tf');
  });

  it('replace every nested block of a type they write, static or dynamic, and keep the other types', async () => {
    const main = [
      'resource "azurerm_kubernetes_cluster" "aks" {',
      '  default_node_pool {',
      '    name = "system"',
      '  }',
      '  network_profile {',
      '    network_plugin = "kubenet"',
      '    pod_cidr       = "10.244.0.0/16"',
      '  }',
      '  dynamic "identity" {',
      '    for_each = ["x"]',
      '    content {',
      '      type = "UserAssigned"',
      '    }',
      '  }',
      '}',
      '',
    ].join('\n');
    const override = [
      'resource "azurerm_kubernetes_cluster" "aks" {',
      '  network_profile {',
      '    network_plugin = "azure"',
      '  }',
      '  identity {',
      '    type = "SystemAssigned"',
      '  }',
      '}',
      '',
    ].join('\n');
    const block = resource(await moduleOf({ 'main.tf': main, 'aks_override.tf': override }), 'azurerm_kubernetes_cluster.aks');
    assert.deepEqual(
      block.body.blocks.map((b) => `${b.type} ${baseName(b.uri ?? '/m/main.tf')}:${b.range.start.line + 1}`),
      ['default_node_pool main.tf:2', 'network_profile aks_override.tf:2', 'identity aks_override.tf:5'],
    );
    // Nested blocks are not merged into each other: pod_cidr went with the original network_profile.
    const [profile] = findBlocks(block.body, 'network_profile');
    assert.deepEqual(profile.body.attributes.map((a) => a.name), ['network_plugin']);
    assert.equal(writtenAt(profile, 'network_plugin', '/m/main.tf'), 'aks_override.tf:3');
    // A dynamic block in the override replaces the static blocks of its type.
    const dynamic = 'resource "azurerm_kubernetes_cluster" "aks" {\n  dynamic "default_node_pool" {\n    for_each = []\n    content {}\n  }\n}\n';
    const replaced = resource(await moduleOf({ 'main.tf': main, 'aks_override.tf': dynamic }), 'azurerm_kubernetes_cluster.aks');
    assert.deepEqual(
      replaced.body.blocks.map((b) => (b.type === 'dynamic' ? `dynamic ${b.labels[0].value} ${baseName(b.uri ?? '/m/main.tf')}` : b.type)),
      ['dynamic default_node_pool aks_override.tf', 'network_profile', 'dynamic identity main.tf'],
    );
  });

  it('replace the locals they set', async () => {
    const files = {
      'locals.tf': 'locals {\n  policy = "calico"\n  plugin = "azure"\n}\n',
      'override.tf': '\nlocals {\n  policy = "cilium"\n}\n',
    };
    const policy = await evaluate('local.policy', files);
    assert.equal(plain(policy), 'cilium');
    assert.equal(origin(policy), 'local.policy in override.tf:3');
    assert.equal(origin(await evaluate('local.plugin', files)), 'local.plugin in locals.tf:3');
    // A local the override refers to is evaluated in the override's terms.
    const chained = await evaluate('local.policy', { ...files, 'override.tf': 'locals {\n  policy = local.plugin\n}\n' });
    assert.equal(origin(chained), 'local.policy in override.tf:2, local.plugin in locals.tf:3');
  });

  it("replace a variable's default and type, and keep its validation", async () => {
    const variables = [
      'variable "cidrs" {',
      '  type    = list(string)',
      '  default = ["10.0.0.0/16"]',
      '  validation {',
      '    condition     = length(var.cidrs) > 0',
      '    error_message = "At least one."',
      '  }',
      '}',
      '',
    ].join('\n');
    const override = 'variable "cidrs" {\n  default = ["10.1.0.0/16"]\n  validation {\n    condition     = false\n    error_message = "ignored"\n  }\n}\n';
    const files = { 'variables.tf': variables, 'variables_override.tf': override };
    const value = await evaluate('var.cidrs', files);
    assert.deepEqual(plain(value), ['10.1.0.0/16']);
    assert.equal(origin(value), 'var.cidrs default in variables_override.tf:2');
    const module = await moduleOf(files);
    const variable = module.variables.get('cidrs')!;
    assert.equal(variable.uri, '/m/variables.tf');
    assert.equal(writtenAt(variable.block, 'type', variable.uri), 'variables.tf:2');
    assert.deepEqual(findBlocks(variable.block.body, 'validation').map((b) => `${baseName(b.uri ?? variable.uri)}:${b.range.start.line + 1}`), ['variables.tf:4']);
    // The type an override sets converts the default: optional() attributes are filled from it.
    const typed = await evaluate('var.cidrs.name', {
      'variables.tf': 'variable "cidrs" {\n  default = {}\n}\n',
      'variables_override.tf': 'variable "cidrs" {\n  type = object({ name = optional(string, "pods") })\n}\n',
    });
    assert.equal(plain(typed), 'pods');
  });

  it('merge one file after another in lexical order, whatever order they are given in', async () => {
    const files = {
      'z_override.tf': 'locals {\n  policy = "z"\n}\n',
      'override.tf': 'locals {\n  policy = "override"\n}\n',
      'a_override.tf': 'locals {\n  policy = "a"\n  plugin = "a"\n}\n',
      'main.tf': 'locals {\n  policy = "main"\n  plugin = "main"\n}\n',
    };
    // a_override.tf, override.tf, z_override.tf: the last one that sets a local wins.
    assert.equal(plain(await evaluate('local.policy', files)), 'z');
    assert.equal(plain(await evaluate('local.plugin', files)), 'a');
    const withoutZ = { ...files } as Record<string, string>;
    delete withoutZ['z_override.tf'];
    assert.equal(plain(await evaluate('local.policy', withoutZ)), 'override');
    // A nested block type replaced twice: the later file's blocks.
    const twice = {
      'main.tf': 'resource "azurerm_subnet" "a" {\n  delegation {\n    name = "main"\n  }\n}\n',
      'b_override.tf': 'resource "azurerm_subnet" "a" {\n  delegation {\n    name = "b"\n  }\n}\n',
      'a_override.tf': 'resource "azurerm_subnet" "a" {\n  delegation {\n    name = "a1"\n  }\n  delegation {\n    name = "a2"\n  }\n}\n',
    };
    const block = resource(await moduleOf(twice), 'azurerm_subnet.a');
    assert.deepEqual(
      findBlocks(block.body, 'delegation').map((b) => writtenAt(b, 'name', '/m/main.tf')),
      ['b_override.tf:3'],
    );
  });

  it('merge a .tf.json override into an HCL file, and an HCL override into a .tf.json file', async () => {
    const json = '{\n  "resource": {\n    "azurerm_subnet": {\n      "a": {\n        "address_prefixes": ["10.2.0.0/24"]\n      }\n    }\n  }\n}\n';
    const fromJson = await evaluate('azurerm_subnet.a.address_prefixes[0]', { 'network.tf': SUBNET, 'network_override.tf.json': json });
    assert.equal(plain(fromJson), '10.2.0.0/24');
    assert.equal(origin(fromJson), 'azurerm_subnet.a.address_prefixes in network_override.tf.json:5');
    const base = '{\n  "resource": {\n    "azurerm_subnet": {\n      "a": {\n        "name": "nodes",\n        "delegation": { "name": "json" }\n      }\n    }\n  }\n}\n';
    const files = { 'network.tf.json': base, 'override.tf': 'resource "azurerm_subnet" "a" {\n  delegation {\n    name = "hcl"\n  }\n}\n' };
    const block = resource(await moduleOf(files), 'azurerm_subnet.a');
    assert.deepEqual(findBlocks(block.body, 'delegation').map((b) => writtenAt(b, 'name', '/m/network.tf.json')), ['override.tf:3']);
    // The JSON object the replaced block was read from is gone with it.
    assert.deepEqual(block.body.attributes.map((a) => a.name), ['name']);
    assert.equal(plain(await evaluate('azurerm_subnet.a.name', files)), 'nodes');
  });

  it("replace a provider requirement, the configuration's provider version", async () => {
    const versions = 'terraform {\n  required_providers {\n    azurerm = {\n      source  = "hashicorp/azurerm"\n      version = "~> 3.0"\n    }\n  }\n}\n';
    const override = 'terraform {\n  required_providers {\n    azurerm = {\n      source  = "hashicorp/azurerm"\n      version = "~> 4.0"\n    }\n  }\n}\n';
    const versionOf = async (files: Record<string, string>) => {
      const module = await moduleOf(files);
      const { major, uri, range } = detectProviderVersion(module, new Evaluator(module));
      return `${major} ${baseName(uri!)}:${range!.start.line + 1}`;
    };
    assert.equal(await versionOf({ 'versions.tf': versions }), '3 versions.tf:5');
    assert.equal(await versionOf({ 'versions.tf': versions, 'versions_override.tf': override }), '4 versions_override.tf:5');
    // With no requirement elsewhere, the override's is the module's.
    assert.equal(await versionOf({ 'main.tf': SUBNET, 'override.tf': override }), '4 override.tf:5');
  });

  it('replace what a module call passes', async () => {
    const main = 'module "aks" {\n  source = "./aks"\n  policy = "calico"\n}\n';
    const module = await moduleOf({ 'main.tf': main, 'main_override.tf': 'module "aks" {\n  policy = "cilium"\n}\n' });
    const call = module.configFiles[0].body.blocks[0];
    assert.equal(writtenAt(call, 'source', '/m/main.tf'), 'main.tf:2');
    assert.equal(writtenAt(call, 'policy', '/m/main.tf'), 'main_override.tf:2');
  });

  it('ignore what Terraform refuses to merge: an override of nothing declared, depends_on', async () => {
    const files = {
      'network.tf': SUBNET.replace('}\n', '  depends_on = [azurerm_virtual_network.a]\n}\n'),
      'override.tf': [
        'resource "azurerm_subnet" "b" {',
        '  name = "other"',
        '}',
        'locals {',
        '  undeclared = "x"',
        '}',
        'variable "undeclared" {',
        '  default = "x"',
        '}',
        'resource "azurerm_subnet" "a" {',
        '  depends_on = []',
        '}',
        '',
      ].join('\n'),
    };
    const module = await moduleOf(files);
    assert.deepEqual([...module.resources.keys()], ['azurerm_subnet.a']);
    assert.deepEqual([...module.locals.keys()], []);
    assert.deepEqual([...module.variables.keys()], []);
    assert.equal(writtenAt(resource(module, 'azurerm_subnet.a'), 'depends_on', '/m/network.tf'), 'network.tf:4');
    assert.match(origin(await evaluate('local.undeclared', files)), /local\.undeclared is not declared/);
  });

  it("merge a resource's lifecycle setting by setting", async () => {
    const main = 'resource "azurerm_subnet" "a" {\n  lifecycle {\n    prevent_destroy = false\n    ignore_changes  = [name]\n  }\n}\n';
    const override = 'resource "azurerm_subnet" "a" {\n  lifecycle {\n    prevent_destroy = true\n  }\n}\n';
    const [lifecycle] = findBlocks(resource(await moduleOf({ 'main.tf': main, 'override.tf': override }), 'azurerm_subnet.a').body, 'lifecycle');
    assert.deepEqual(
      lifecycle.body.attributes.map((a) => `${a.name} ${writtenAt(lifecycle, a.name, '/m/main.tf')}`).sort(),
      ['ignore_changes main.tf:4', 'prevent_destroy override.tf:3'],
    );
  });

  it('leave a module without override files as parsed', async () => {
    const parsers = await loadParsers();
    const input = { dir: '/m', files: [{ uri: '/m/main.tf', text: SUBNET }] };
    const module = buildModule(input, parsers);
    assert.equal(module.configFiles[0], module.files.get('/m/main.tf'));
    assert.equal(findAttribute(resource(module, 'azurerm_subnet.a').body, 'name')!.uri, undefined);
  });
});
