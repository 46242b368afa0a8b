/**
 * The evaluator: values with their origins, Unknown with reasons, never a guess.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findAttribute } from '../../../server/src/engine/syntax/syntax-tree.js';
import { Evaluator } from '../../../server/src/engine/terraform/evaluate.js';
import { buildModule, type ModuleInput } from '../../../server/src/engine/terraform/module.js';
import { baseName, describeOrigin, toPlainJson, type Value } from '../../../server/src/engine/terraform/values.js';
import { loadParsers } from '../../../server/src/host/load-parsers.js';

/** Evaluates `output "x" { value = <expr> }` written in main.tf of a module. */
async function evaluate(expr: string, files: Record<string, string> = {}, extra: Partial<ModuleInput> = {}): Promise<Value> {
  const main = `output "x" {\n  value = ${expr}\n}\n`;
  const input: ModuleInput = {
    dir: '/m',
    files: Object.entries({ 'main.tf': main, ...files }).map(([name, text]) => ({ uri: `/m/${name}`, text })),
    ...extra,
  };
  const module = buildModule(input, await loadParsers());
  const evaluator = new Evaluator(module);
  const output = module.configFiles.find((f) => f.uri === '/m/main.tf')!.body.blocks[0];
  return evaluator.evaluate(findAttribute(output.body, 'value')!.expr, { uri: '/m/main.tf' });
}

const plain = (v: Value) => toPlainJson(v);
const origin = (v: Value) => (v.known ? describeOrigin(v.origin, baseName) : `unknown: ${v.reason}`);

describe('evaluator', () => {
  it('evaluates literals, collections, templates and conditionals', async () => {
    assert.equal(plain(await evaluate('"10.0.0.0/16"')), '10.0.0.0/16');
    assert.deepEqual(plain(await evaluate('["a", 1, true, null]')), ['a', 1, true, null]);
    assert.deepEqual(plain(await evaluate('{ a = 1, "b" = [2] }')), { a: 1, b: [2] });
    assert.equal(plain(await evaluate('"${"aks"}-${1 + 2}"')), 'aks-3');
    assert.equal(plain(await evaluate('true ? "overlay" : "none"')), 'overlay');
    assert.equal(plain(await evaluate('!false && 2 > 1')), true);
  });

  it('resolves variables by Terraform precedence: default < terraform.tfvars < *.auto.tfvars < --var-file < --var', async () => {
    const files = {
      'variables.tf': 'variable "cidr" {\n  default = "10.0.0.0/16"\n}\n',
      'terraform.tfvars': 'cidr = "10.1.0.0/16"\n',
      'b.auto.tfvars': 'cidr = "10.2.0.0/16"\n',
      'a.auto.tfvars': 'cidr = "10.3.0.0/16"\n',
      'prod.tfvars': 'cidr = "10.4.0.0/16"\n',
    };
    assert.equal(plain(await evaluate('var.cidr', { 'variables.tf': files['variables.tf'] })), '10.0.0.0/16');
    assert.equal(plain(await evaluate('var.cidr', { 'variables.tf': files['variables.tf'], 'terraform.tfvars': files['terraform.tfvars'] })), '10.1.0.0/16');
    const auto = { ...files };
    delete (auto as Record<string, string>)['prod.tfvars'];
    assert.equal(plain(await evaluate('var.cidr', auto)), '10.2.0.0/16'); // lexical order: b after a
    assert.equal(plain(await evaluate('var.cidr', files, { varFiles: ['/m/prod.tfvars'] })), '10.4.0.0/16');
    assert.equal(
      plain(await evaluate('var.cidr', files, { varFiles: ['/m/prod.tfvars'], cliVars: [{ name: 'cidr', value: '10.5.0.0/16' }] })),
      '10.5.0.0/16',
    );
  });

  it('says where a value came from', async () => {
    const files = {
      'variables.tf': 'variable "pod_cidr" {\n  type    = string\n  default = "10.244.0.0/16"\n}\n',
      'prod.tfvars': '\n\npod_cidr = "192.168.0.0/16"\n',
    };
    assert.equal(origin(await evaluate('"x"')), 'main.tf:2');
    assert.equal(origin(await evaluate('var.pod_cidr', { 'variables.tf': files['variables.tf'] })), 'var.pod_cidr default in variables.tf:3');
    assert.equal(
      origin(await evaluate('var.pod_cidr', files, { varFiles: ['/m/prod.tfvars'] })),
      'var.pod_cidr default in variables.tf:3, set in prod.tfvars:3',
    );
    const locals = { 'locals.tf': 'locals {\n  cidr = var.pod_cidr\n}\n', 'variables.tf': files['variables.tf'] };
    assert.equal(origin(await evaluate('local.cidr', locals)), 'local.cidr in locals.tf:2, var.pod_cidr default in variables.tf:3');
    assert.equal(
      origin(await evaluate('var.pod_cidr', { 'variables.tf': files['variables.tf'] }, { cliVars: [{ name: 'pod_cidr', value: '10.9.0.0/16' }] })),
      'var.pod_cidr default in variables.tf:3, set by --var pod_cidr',
    );
  });

  it('is Unknown, with a reason, for what cannot be known before apply', async () => {
    const declared = { 'variables.tf': 'variable "dp" {}\n' };
    const dp = await evaluate('var.dp', declared);
    assert.equal(dp.known, false);
    assert.match(dp.known ? '' : dp.reason, /var\.dp has no value/);
    const subnet = await evaluate('azurerm_subnet.nodes.id', { 'network.tf': 'resource "azurerm_subnet" "nodes" {\n  address_prefixes = ["10.1.0.0/24"]\n}\n' });
    assert.equal(subnet.known, false);
    assert.deepEqual(!subnet.known && subnet.ref, { mode: 'managed', type: 'azurerm_subnet', name: 'nodes', key: undefined, attribute: 'id' });
    assert.equal((await evaluate('data.azurerm_subnet.x.address_prefixes', { 'd.tf': 'data "azurerm_subnet" "x" {\n  name = "a"\n}\n' })).known, false);
    assert.equal((await evaluate('upper(var.dp)', declared)).known, false);
    assert.equal((await evaluate('var.dp ? "a" : "b"', declared)).known, false);
    assert.equal(plain(await evaluate('var.dp ? "same" : "same"', declared)), 'same');
    assert.equal((await evaluate('[for s in var.dp : s]', declared)).known, false);
    assert.equal((await evaluate('timestamp()')).known, false);
    assert.equal((await evaluate('var.undeclared')).known, false);
  });

  it("reads other resources' literal attributes, through count and for_each", async () => {
    const network = [
      'resource "azurerm_virtual_network" "vnet" {',
      '  address_space = ["10.0.0.0/8"]',
      '}',
      'resource "azurerm_subnet" "pods" {',
      '  for_each         = { a = "10.1.0.0/16", b = "10.2.0.0/16" }',
      '  address_prefixes = [each.value]',
      '}',
      'resource "azurerm_subnet" "nodes" {',
      '  count            = 2',
      '  address_prefixes = [cidrsubnet("10.10.0.0/16", 8, count.index)]',
      '}',
    ].join('\n');
    assert.deepEqual(plain(await evaluate('azurerm_virtual_network.vnet.address_space', { 'network.tf': network })), ['10.0.0.0/8']);
    assert.deepEqual(plain(await evaluate('azurerm_subnet.pods["b"].address_prefixes', { 'network.tf': network })), ['10.2.0.0/16']);
    assert.deepEqual(plain(await evaluate('azurerm_subnet.nodes[1].address_prefixes[0]', { 'network.tf': network })), '10.10.1.0/24');
    assert.equal(
      origin(await evaluate('azurerm_virtual_network.vnet.address_space[0]', { 'network.tf': network })),
      'azurerm_virtual_network.vnet.address_space in network.tf:2',
    );
  });

  it('evaluates the functions AKS code uses', async () => {
    assert.equal(plain(await evaluate('cidrsubnet("10.0.0.0/8", 8, 2)')), '10.2.0.0/16');
    assert.equal(plain(await evaluate('cidrhost("10.0.0.0/16", 10)')), '10.0.0.10');
    assert.equal(plain(await evaluate('lookup({ a = "x" }, "b", "fallback")')), 'fallback');
    assert.equal(plain(await evaluate('try(local.missing, "fallback")', { 'l.tf': 'locals {\n  other = 1\n}\n' })), undefined);
    assert.equal(plain(await evaluate('try("first", "second")')), 'first');
    assert.equal(plain(await evaluate('try({ a = 1 }.b, "fallback")')), 'fallback');
    assert.equal(plain(await evaluate('try(cidrsubnet("10.0.0.0/30", 4, 0), "10.0.0.0/30")')), '10.0.0.0/30');
    assert.equal(plain(await evaluate('coalesce("", null, "azure")')), 'azure');
    assert.equal(plain(await evaluate('tostring(5)')), '5');
    assert.equal(plain(await evaluate('format("%s/%d", "10.0.0.0", 16)')), '10.0.0.0/16');
    assert.equal(plain(await evaluate('element(["a", "b"], 3)')), 'b');
    assert.deepEqual(plain(await evaluate('concat(["a"], ["b", "c"])')), ['a', 'b', 'c']);
    const failing = await evaluate('cidrsubnet("10.0.0.0/30", 4, 0)');
    assert.equal(failing.known, false);
    assert.match(failing.known ? '' : failing.reason, /would fail: insufficient address space/);
  });

  it('treats try() over an Unknown as Unknown: it may be the value or an error', async () => {
    const v = await evaluate('try(var.dp, "azure")', { 'variables.tf': 'variable "dp" {}\n' });
    assert.equal(v.known, false);
  });

  it('does not loop on locals that refer to themselves', async () => {
    const v = await evaluate('local.a', { 'l.tf': 'locals {\n  a = local.b\n  b = local.a\n}\n' });
    assert.equal(v.known, false);
  });
});

describe('evaluator: operators over references', () => {
  const vars = { 'variables.tf': 'variable "p" {\n  default = "azure"\n}\nvariable "n" {\n  default = 4\n}\nvariable "on" {\n  default = false\n}\nvariable "l" {\n  default = ["x", "y"]\n}\n' };
  it('compares and combines traversals', async () => {
    assert.equal(plain(await evaluate('var.p != ""', vars)), true);
    assert.equal(plain(await evaluate('"azure" == var.p', vars)), true);
    assert.equal(plain(await evaluate('var.p != "" ? var.p : "kubenet"', vars)), 'azure');
    assert.equal(plain(await evaluate('var.n * 2 + 1', vars)), 9);
    assert.equal(plain(await evaluate('(var.n) + 1', vars)), 5);
    assert.equal(plain(await evaluate('1 + 2 * 3', vars)), 7);
    assert.equal(plain(await evaluate('!var.on', vars)), true);
    assert.equal(plain(await evaluate('-var.n', vars)), -4);
    assert.equal(plain(await evaluate('var.l[0] == "x" && !var.on', vars)), true);
  });
});

describe('evaluator: more of what AKS modules write', () => {
  it('evaluates cidrsubnets, one, split, trimspace and plain replace', async () => {
    assert.deepEqual(plain(await evaluate('cidrsubnets("10.0.0.0/16", 8, 8, 4)')), ['10.0.0.0/24', '10.0.1.0/24', '10.0.16.0/20']);
    assert.equal(plain(await evaluate('cidrsubnets("10.0.0.0/16", 8, 8)[1]')), '10.0.1.0/24');
    assert.equal(plain(await evaluate('one(["azure"])')), 'azure');
    assert.deepEqual(plain(await evaluate('split(",", "a,b")')), ['a', 'b']);
    assert.equal(plain(await evaluate('trimspace("  cilium ")')), 'cilium');
    assert.equal(plain(await evaluate('replace("10-0-0-0", "-", ".")')), '10.0.0.0');
    assert.equal((await evaluate('replace("a", "/a/", "b")')).known, false);
  });

  it('evaluates the collection functions real AKS modules use (issue 11)', async () => {
    assert.deepEqual(plain(await evaluate('zipmap(["a", "b"], [1, 2])')), { a: 1, b: 2 });
    assert.deepEqual(plain(await evaluate('range(3)')), [0, 1, 2]);
    assert.deepEqual(plain(await evaluate('range(1, 7, 2)')), [1, 3, 5]);
    assert.deepEqual(plain(await evaluate('range(3, 0)')), [3, 2, 1]);
    assert.deepEqual(plain(await evaluate('keys({ b = 1, a = 2 })')), ['a', 'b']);
    assert.deepEqual(plain(await evaluate('values({ b = 1, a = 2 })')), [2, 1]);
    assert.deepEqual(plain(await evaluate('flatten([["a"], [["b", "c"]], "d"])')), ['a', 'b', 'c', 'd']);
    assert.deepEqual(plain(await evaluate('toset(["b", "a", "b"])')), ['a', 'b']);
    assert.deepEqual(plain(await evaluate('tolist(toset(["x"]))')), ['x']);
    assert.deepEqual(plain(await evaluate('tomap({ a = "x" })')), { a: 'x' });
    assert.deepEqual(plain(await evaluate('setproduct(["a", "b"], [1, 2])')), [['a', 1], ['a', 2], ['b', 1], ['b', 2]]);
    assert.deepEqual(plain(await evaluate('regex("^([a-z]+)-(\\\\d+)$", "aks-12")')), ['aks', '12']);
    assert.deepEqual(plain(await evaluate('regex("(?P<env>[a-z]+)", "prod")')), { env: 'prod' });
    assert.equal(plain(await evaluate('regex("[0-9]+", "v10")')), '10');
    assert.equal(plain(await evaluate('can(regex("^10\\\\.", "10.0.0.0/16"))')), true);
    assert.equal(plain(await evaluate('can(regex("^10\\\\.", "172.16.0.0/12"))')), false);
    // A for_each over zipmap or toset, as modules write it.
    const files = { 'locals.tf': 'locals {\n  pools = zipmap(["a", "b"], ["10.0.0.0/24", "10.0.1.0/24"])\n}\n' };
    assert.equal(plain(await evaluate('local.pools["b"]', files)), '10.0.1.0/24');
  });

  it('leaves regex syntax JavaScript and RE2 disagree on Unknown, never guessed', async () => {
    const value = await evaluate('regex("[[:alpha:]]+", "aks")');
    assert.equal(value.known, false);
    assert.match(value.known ? '' : value.reason, /regex\("\[\[:alpha:\]\]\+"\) is not evaluated/);
  });

  it('reads heredocs without interpolation as strings', async () => {
    assert.equal(plain(await evaluate('<<EOT\nazure\nEOT')), 'azure\n');
    assert.equal(plain(await evaluate('<<-EOT\n    a\n      b\n    EOT')), 'a\n  b\n');
  });

  it('converts count and instance keys as Terraform does', async () => {
    const files = {
      'variables.tf': 'variable "n" {\n  default = "2"\n}\n',
      'network.tf': 'resource "azurerm_subnet" "s" {\n  count            = var.n\n  address_prefixes = [cidrsubnet("10.0.0.0/16", 8, count.index)]\n}\n',
    };
    assert.deepEqual(plain(await evaluate('azurerm_subnet.s["1"].address_prefixes', files)), ['10.0.1.0/24']);
  });
});

describe('evaluator: for expressions', () => {
  const pools = {
    'variables.tf': [
      'variable "pools" {',
      '  default = [',
      '    { name = "system", mode = "System", max_pods = 30 },',
      '    { name = "user", mode = "User", max_pods = 110 },',
      '    { name = "spot", mode = "User", max_pods = 0 },',
      '  ]',
      '}',
      'variable "unknown" {}',
    ].join('\n'),
  };
  it('builds lists and maps, with conditions and grouping', async () => {
    assert.deepEqual(plain(await evaluate('[for p in var.pools : p.name if p.max_pods > 0]', pools)), ['system', 'user']);
    assert.deepEqual(plain(await evaluate('{ for p in var.pools : p.name => p.max_pods }', pools)), { system: 30, user: 110, spot: 0 });
    assert.deepEqual(plain(await evaluate('{ for p in var.pools : p.mode => p.name... }', pools)), { System: ['system'], User: ['user', 'spot'] });
    assert.deepEqual(plain(await evaluate('[for i, p in var.pools : "${i}:${p.name}"]', pools)), ['0:system', '1:user', '2:spot']);
    assert.deepEqual(plain(await evaluate('[for k, v in { b = 2, a = 1 } : k]')), ['a', 'b']);
  });
  it('is Unknown when the collection or a condition is', async () => {
    assert.equal((await evaluate('[for p in var.unknown : p]', pools)).known, false);
    assert.equal((await evaluate('[for p in var.pools : p if p.name == var.unknown]', pools)).known, false);
  });
  it('keeps Unknown elements as Unknown inside a Known list', async () => {
    const v = await evaluate('[for p in var.pools : var.unknown]', pools);
    assert.ok(v.known && Array.isArray(v.value) && v.value.every((e) => !e.known));
  });
});

describe('evaluator: optional() attribute defaults', () => {
  it('fills attributes an object type leaves out, through lists and maps', async () => {
    const files = {
      'variables.tf': [
        'variable "network" {',
        '  type = object({',
        '    plugin = optional(string, "azure")',
        '    policy = optional(string)',
        '    pools  = optional(map(object({ max_pods = optional(number, 30) })), {})',
        '  })',
        '  default = { pools = { a = {} } }',
        '}',
      ].join('\n'),
    };
    assert.equal(plain(await evaluate('var.network.plugin', files)), 'azure');
    assert.equal(plain(await evaluate('var.network.policy', files)), null);
    assert.equal(plain(await evaluate('var.network.pools["a"].max_pods', files)), 30);
    assert.equal(
      plain(await evaluate('var.network.plugin', { ...files, 'terraform.tfvars': 'network = { plugin = "kubenet" }\n' })),
      'kubenet',
    );
  });
});

describe('evaluator: references to resources with count or for_each', () => {
  it('is Unknown without an instance key, as Terraform would refuse it', async () => {
    const files = { 'network.tf': 'resource "azurerm_subnet" "s" {\n  count            = 2\n  address_prefixes = ["10.0.${count.index}.0/24"]\n}\n' };
    assert.equal((await evaluate('azurerm_subnet.s.address_prefixes', files)).known, false);
    assert.deepEqual(plain(await evaluate('azurerm_subnet.s[1].address_prefixes', files)), ['10.0.1.0/24']);
  });
});
