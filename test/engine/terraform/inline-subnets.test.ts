/**
 * `azurerm_virtual_network.x.subnet` as the evaluator sees it: a set of the VNet's inline subnets
 * whose ids are known only after apply but say which subnet they are, in each way real code picks
 * one, and Unknown wherever the pick depends on the set's order.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findAttribute } from '../../../server/src/engine/syntax/syntax-tree.js';
import { Evaluator } from '../../../server/src/engine/terraform/evaluate.js';
import { buildModule } from '../../../server/src/engine/terraform/module.js';
import { toPlainJson, type Value } from '../../../server/src/engine/terraform/values.js';
import { loadParsers } from '../../../server/src/host/load-parsers.js';

/** Evaluates `output "x" { value = <expr> }` next to `config` in main.tf. */
async function evaluate(config: string, expr: string): Promise<Value> {
  const main = `${config}\noutput "x" {\n  value = ${expr}\n}\n`;
  const module = buildModule({ dir: '/m', files: [{ uri: '/m/main.tf', text: main }] }, await loadParsers());
  const output = module.configFiles[0].body.blocks.find((b) => b.type === 'output')!;
  return new Evaluator(module).evaluate(findAttribute(output.body, 'value')!.expr, { uri: '/m/main.tf' });
}

const vnet = (body: string, meta = '') => `resource "azurerm_virtual_network" "x" {\n${meta}  name          = "vnet"\n  address_space = ["10.0.0.0/16"]\n${body}}\n`;
const block = (name: string, prefix: string) => `  subnet {\n    name             = "${name}"\n    address_prefixes = ["${prefix}"]\n  }\n`;
const ONE = vnet(block('nodes', '10.0.1.0/24'));
const TWO = vnet(block('nodes', '10.0.1.0/24') + block('other', '10.0.2.0/24'));

/** The inline subnet an Unknown id names, or why it names none. */
function named(value: Value): string {
  if (value.known) return `known: ${JSON.stringify(toPlainJson(value))}`;
  const ref = value.ref;
  if (ref?.type === 'azurerm_virtual_network' && ref.attribute === 'subnet' && ref.element) {
    return `${ref.type}.${ref.name}${ref.key === undefined ? '' : `[${JSON.stringify(ref.key)}]`}.subnet["${ref.element.name}"].${ref.element.attribute}`;
  }
  return `unknown${value.error ? ' (error)' : ''}: ${value.reason}`;
}

describe('inline subnets', () => {
  it('names the only inline subnet through element(tolist()), one() of a splat, and tolist()[0]', async () => {
    const expected = 'azurerm_virtual_network.x.subnet["nodes"].id';
    assert.equal(named(await evaluate(ONE, 'element(tolist(azurerm_virtual_network.x.subnet), 0).id')), expected);
    assert.equal(named(await evaluate(ONE, 'one(azurerm_virtual_network.x.subnet[*].id)')), expected);
    assert.equal(named(await evaluate(ONE, 'tolist(azurerm_virtual_network.x.subnet)[0].id')), expected);
    assert.equal(named(await evaluate(ONE, 'one(azurerm_virtual_network.x.subnet).id')), expected);
  });

  it('names the subnet a filter by name picks, among several, in a list or a map', async () => {
    assert.equal(named(await evaluate(TWO, '[for s in azurerm_virtual_network.x.subnet : s.id if s.name == "other"][0]')), 'azurerm_virtual_network.x.subnet["other"].id');
    assert.equal(named(await evaluate(TWO, '{ for s in azurerm_virtual_network.x.subnet : s.name => s.id }["nodes"]')), 'azurerm_virtual_network.x.subnet["nodes"].id');
    assert.equal(named(await evaluate(TWO, 'one([for s in azurerm_virtual_network.x.subnet : s if s.name == "nodes"]).id')), 'azurerm_virtual_network.x.subnet["nodes"].id');
  });

  it('is Unknown, naming none, where the pick depends on the order of two or more', async () => {
    const order = 'the order of a set of objects, which is known only after apply';
    assert.equal(named(await evaluate(TWO, 'element(tolist(azurerm_virtual_network.x.subnet), 0).id')), `unknown: element() depends on ${order}`);
    assert.equal(named(await evaluate(TWO, 'tolist(azurerm_virtual_network.x.subnet)[1].id')), `unknown: which element an index picks depends on ${order}`);
    assert.equal(named(await evaluate(TWO, '(azurerm_virtual_network.x.subnet[*].id)[0]')), `unknown: which element an index picks depends on ${order}`);
    assert.equal(
      named(await evaluate(TWO, 'one(azurerm_virtual_network.x.subnet[*].id)')),
      'unknown (error): one() would fail: must be a list, set, or tuple value with either zero or one elements',
    );
    assert.equal(named(await evaluate(TWO, '[for i, s in tolist(azurerm_virtual_network.x.subnet) : s.id if i == 0][0]')), "unknown: a for expression's condition is not known: the index of an element depends on the order of a set of objects, which is known only after apply");
  });

  it('is a Terraform error to index the set itself or hand it to element() or concat(), which try() skips', async () => {
    assert.equal(named(await evaluate(ONE, 'azurerm_virtual_network.x.subnet[0].id')), 'unknown (error): a set has no index: Terraform fails with "Invalid index" (tolist() makes it a list)');
    assert.equal(named(await evaluate(ONE, 'element(azurerm_virtual_network.x.subnet, 0).id')), 'unknown (error): element() would fail: it cannot read elements from a set');
    assert.equal(named(await evaluate(ONE, 'concat(azurerm_virtual_network.x.subnet, [])')), 'unknown (error): concat() would fail: it cannot read elements from a set');
    assert.equal(named(await evaluate(ONE, 'try(azurerm_virtual_network.x.subnet[0].id, "fallback")')), 'known: "fallback"');
  });

  it('keeps what is written known and what the provider fills in unknown, without making it an error', async () => {
    assert.deepEqual(toPlainJson(await evaluate(TWO, '{ for s in azurerm_virtual_network.x.subnet : s.name => s.address_prefixes[0] }')), { nodes: '10.0.1.0/24', other: '10.0.2.0/24' });
    assert.equal(toPlainJson(await evaluate(TWO, 'length(azurerm_virtual_network.x.subnet)')), 2);
    assert.equal(
      named(await evaluate(ONE, 'try(one(azurerm_virtual_network.x.subnet).security_group, "none")')),
      'unknown: try() depends on a value that is not known: azurerm_virtual_network.x.subnet["nodes"].security_group is not written, and the provider\'s value for it is not evaluated',
    );
    assert.equal(named(await evaluate(ONE, 'one(azurerm_virtual_network.x.subnet).no_such_attribute')), 'unknown (error): "no_such_attribute" is not in the value');
  });

  it('reads dynamic "subnet" blocks whose for_each is known, with their iterator', async () => {
    const config = `locals {\n  subnets = { nodes = "10.0.1.0/24", pods = "10.0.4.0/22" }\n}\n${vnet(
      '  dynamic "subnet" {\n    for_each = local.subnets\n    iterator = s\n    content {\n      name             = s.key\n      address_prefixes = [s.value]\n    }\n  }\n',
    )}`;
    assert.deepEqual(toPlainJson(await evaluate(config, '{ for s in azurerm_virtual_network.x.subnet : s.name => s.address_prefixes }')), { nodes: ['10.0.1.0/24'], pods: ['10.0.4.0/22'] });
    assert.equal(named(await evaluate(config, '[for s in azurerm_virtual_network.x.subnet : s.id if s.name == "pods"][0]')), 'azurerm_virtual_network.x.subnet["pods"].id');
  });

  it('reads a dynamic block over a list by its label, beside static blocks', async () => {
    const config = vnet(
      `${block('gateway', '10.0.0.0/27')}  dynamic "subnet" {\n    for_each = [{ name = "nodes", prefix = "10.0.1.0/24" }]\n    content {\n      name             = subnet.value.name\n      address_prefixes = [subnet.value.prefix]\n    }\n  }\n`,
    );
    assert.deepEqual(toPlainJson(await evaluate(config, '{ for s in azurerm_virtual_network.x.subnet : s.name => s.address_prefixes[0] }')), { gateway: '10.0.0.0/27', nodes: '10.0.1.0/24' });
  });

  it('is Unknown when a dynamic block\'s for_each is not known, or no subnet is written at all', async () => {
    const dynamic = `variable "subnets" {}\n${vnet('  dynamic "subnet" {\n    for_each = var.subnets\n    content {\n      name = subnet.key\n    }\n  }\n')}`;
    assert.equal(
      named(await evaluate(dynamic, 'one(azurerm_virtual_network.x.subnet[*].id)')),
      'unknown: one() depends on a value that is not known: azurerm_virtual_network.x.subnet is not known: the for_each of a dynamic "subnet" block is not known: var.subnets has no value: no default, and no var file or --var sets it',
    );
    // No subnet written: the provider's value, whatever Azure holds (subnet is Optional and Computed).
    assert.equal(named(await evaluate(vnet(''), 'azurerm_virtual_network.x.subnet')), 'unknown: azurerm_virtual_network.x.subnet is known only after apply');
    const none = vnet('  dynamic "subnet" {\n    for_each = []\n    content {\n      name = "a"\n    }\n  }\n');
    assert.equal(named(await evaluate(none, 'azurerm_virtual_network.x.subnet')), 'unknown: azurerm_virtual_network.x.subnet is known only after apply');
  });

  it('reads the attribute form, in which an empty list is no subnet and null is the provider\'s value', async () => {
    const config = vnet('  subnet = [\n    { name = "nodes", address_prefix = "10.0.1.0/24", security_group = null },\n  ]\n');
    assert.equal(named(await evaluate(config, 'one(azurerm_virtual_network.x.subnet[*].id)')), 'azurerm_virtual_network.x.subnet["nodes"].id');
    assert.equal(toPlainJson(await evaluate(config, 'one(azurerm_virtual_network.x.subnet).address_prefix')), '10.0.1.0/24');
    assert.equal(named(await evaluate(vnet('  subnet = []\n'), 'one(azurerm_virtual_network.x.subnet[*].id)')), 'known: null');
    assert.equal(named(await evaluate(vnet('  subnet = null\n'), 'azurerm_virtual_network.x.subnet')), 'unknown: azurerm_virtual_network.x.subnet is known only after apply');
  });

  it('names no subnet when the name is not known', async () => {
    const config = `variable "name" {}\n${vnet('  subnet {\n    name             = var.name\n    address_prefixes = ["10.0.1.0/24"]\n  }\n')}`;
    assert.equal(named(await evaluate(config, 'one(azurerm_virtual_network.x.subnet[*].id)')), 'unknown: azurerm_virtual_network.x.subnet element.id is known only after apply');
  });

  it('reads the instance a VNet with for_each names, in its scope', async () => {
    const config = vnet('  subnet {\n    name             = "nodes-${each.key}"\n    address_prefixes = [each.value]\n  }\n', '  for_each = { a = "10.1.1.0/24", b = "10.2.1.0/24" }\n');
    assert.equal(named(await evaluate(config, 'one(azurerm_virtual_network.x["b"].subnet[*].id)')), 'azurerm_virtual_network.x["b"].subnet["nodes-b"].id');
    assert.deepEqual(toPlainJson(await evaluate(config, 'one(azurerm_virtual_network.x["a"].subnet).address_prefixes')), ['10.1.1.0/24']);
  });

  it('says a subnet that refers to its own VNet\'s subnets is a cycle, and does not loop', async () => {
    const config = vnet('  subnet {\n    name             = "nodes"\n    address_prefixes = [one(azurerm_virtual_network.x.subnet).name]\n  }\n');
    const value = await evaluate(config, 'one(azurerm_virtual_network.x.subnet).address_prefixes[0]');
    assert.equal(named(value), 'unknown: one() depends on a value that is not known: cycle: azurerm_virtual_network.x.subnet → azurerm_virtual_network.x.subnet');
  });
});
