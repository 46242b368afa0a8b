/**
 * Evaluation is bounded (issue 16): reference cycles, deep nesting, long chains, doubling values
 * and huge count / for_each are Unknown with a reason that names the cycle or the limit, never a
 * stack overflow or a hang. Expressions deeper than the parser builds today are made directly.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Expr } from '../../../server/src/engine/syntax/syntax-tree.js';
import { findAttribute } from '../../../server/src/engine/syntax/syntax-tree.js';
import { Evaluator } from '../../../server/src/engine/terraform/evaluate.js';
import { buildModule, type ModuleInput } from '../../../server/src/engine/terraform/module.js';
import { baseName, describeOrigin, toPlainJson, type Value } from '../../../server/src/engine/terraform/values.js';
import { loadParsers } from '../../../server/src/host/load-parsers.js';

const DEPTH = 'the expression is nested deeper than 200 levels, more than aks-netlint evaluates';
const VALUE_DEPTH = 'the value is nested deeper than 200 levels, more than aks-netlint evaluates';
const SIZE = 'the value holds more than 100,000 values, more than aks-netlint evaluates';
const STRING = 'the string is longer than 1,000,000 characters, more than aks-netlint evaluates';

async function evaluatorFor(files: Record<string, string>, extra: Partial<ModuleInput> = {}): Promise<Evaluator> {
  const input: ModuleInput = { dir: '/m', files: Object.entries(files).map(([name, text]) => ({ uri: `/m/${name}`, text })), ...extra };
  return new Evaluator(buildModule(input, await loadParsers()));
}

/** Evaluates `output "x" { value = <expr> }` in main.tf, beside the other files. */
async function evaluate(expr: string, files: Record<string, string> = {}, extra: Partial<ModuleInput> = {}): Promise<Value> {
  const evaluator = await evaluatorFor({ 'main.tf': `output "x" {\n  value = ${expr}\n}\n`, ...files }, extra);
  const output = evaluator.module.configFiles.find((f) => f.uri === '/m/main.tf')!.body.blocks[0];
  return evaluator.evaluate(findAttribute(output.body, 'value')!.expr, { uri: '/m/main.tf' });
}

function reason(value: Value): string {
  assert.equal(value.known, false, `expected Unknown, got ${JSON.stringify(value.known && value.value).slice(0, 80)}`);
  return value.known ? '' : value.reason;
}

/** The first Unknown down the first element of nested lists and objects, and how deep it is. */
function firstUnknown(value: Value): { depth: number; reason: string } {
  let current = value;
  for (let depth = 0; ; depth++) {
    if (!current.known) return { depth, reason: current.reason };
    const v = current.value;
    assert.ok(v !== null && typeof v === 'object', `a scalar at depth ${depth}: no Unknown inside`);
    current = Object.values(v)[0];
  }
}

const R = { start: { line: 1, character: 2 }, end: { line: 1, character: 9 } };
const lit = (value: string | number | boolean): Expr => ({ kind: 'literal', value, range: R });
/** `wrap` applied n times around `core`, built without recursion. */
function nest(n: number, core: Expr, wrap: (inner: Expr) => Expr): Expr {
  let expr = core;
  for (let i = 0; i < n; i++) expr = wrap(expr);
  return expr;
}
const tuple = (e: Expr): Expr => ({ kind: 'tuple', items: [e], range: R });
const object = (e: Expr): Expr => ({ kind: 'object', items: [{ key: lit('a'), value: e, range: R }], range: R });
const lower = (e: Expr): Expr => ({ kind: 'call', name: 'lower', args: [e], expandFinal: false, range: R });
const plus = (e: Expr): Expr => ({ kind: 'binary', operator: '+', left: e, right: lit(1), range: R });
const not = (e: Expr): Expr => ({ kind: 'unary', operator: '!', operand: e, range: R });
const conditional = (e: Expr): Expr => ({ kind: 'conditional', condition: lit(true), then: e, otherwise: lit('azure'), range: R });
const template = (e: Expr): Expr => ({ kind: 'template', parts: ['x', e], range: R });

describe('evaluation limits: reference cycles', () => {
  it('says that a variable default may not refer to anything, itself included', async () => {
    assert.equal(
      reason(await evaluate('var.a', { 'variables.tf': 'variable "a" {\n  default = var.a\n}\n' })),
      'the default of var.a refers to var.a, and Terraform allows no references there ("Variables not allowed")',
    );
    const pair = { 'variables.tf': 'variable "a" {\n  default = var.b\n}\nvariable "b" {\n  default = var.a\n}\n' };
    assert.equal(reason(await evaluate('var.b', pair)), 'the default of var.b refers to var.a, and Terraform allows no references there ("Variables not allowed")');
    assert.equal(
      reason(await evaluate('var.a', { 'variables.tf': 'variable "a" {\n  default = local.x\n}\n', 'l.tf': 'locals {\n  x = 1\n}\n' })),
      'the default of var.a refers to local.x, and Terraform allows no references there ("Variables not allowed")',
    );
    // A var file is read without variables too; iterators of a for expression are not references.
    assert.equal(
      reason(await evaluate('var.a', { 'variables.tf': 'variable "a" {}\nvariable "b" {\n  default = 1\n}\n', 'terraform.tfvars': 'a = var.b\n' })),
      'the value of a in terraform.tfvars refers to var.b, and Terraform allows no references there ("Variables not allowed")',
    );
    const forDefault = await evaluate('var.a', { 'variables.tf': 'variable "a" {\n  default = [for s in ["x", "y"] : s]\n}\n' });
    assert.deepEqual(forDefault.known && (forDefault.value as Value[]).map((v) => v.known && v.value), ['x', 'y']);
  });

  it('names the path of a cycle between locals, found as Terraform finds it', async () => {
    const pair = { 'l.tf': 'locals {\n  a = local.b\n  b = local.a\n  c = upper(local.a)\n}\n' };
    assert.equal(reason(await evaluate('local.a', pair)), 'cycle: local.a → local.b → local.a');
    assert.equal(reason(await evaluate('local.b', pair)), 'cycle: local.b → local.a → local.b');
    // A local that only reads the cycle names the cycle, not a chain of reasons.
    assert.equal(reason(await evaluate('local.c', pair)), 'upper() depends on a value that is not known: cycle: local.a → local.b → local.a');
    // Terraform refuses a reference to itself even in a branch never taken.
    assert.equal(reason(await evaluate('local.a', { 'l.tf': 'locals {\n  a = true ? 1 : local.a\n}\n' })), 'cycle: local.a → local.a');
    // A `for` iterator named local is not the locals namespace.
    const shadow = await evaluate('local.a', { 'l.tf': 'locals {\n  a = [for local in [{ a = 1 }] : local.a]\n}\n' });
    assert.equal(shadow.known, true);
  });

  it('leaves out the middle of a long cycle', async () => {
    const n = 1_000;
    const ring = `locals {\n${Array.from({ length: n }, (_, i) => `  l${i} = local.l${(i + 1) % n}\n`).join('')}}\n`;
    assert.equal(
      reason(await evaluate('local.l0', { 'l.tf': ring })),
      'cycle: local.l0 → local.l1 → local.l2 → local.l3 → local.l4 → local.l5 → … 990 more … → local.l996 → local.l997 → local.l998 → local.l999 → local.l0',
    );
  });

  it('names the path of a cycle between resources, and through count or for_each', async () => {
    const subnets = [
      'resource "azurerm_subnet" "a" {\n  address_prefixes = azurerm_subnet.b.address_prefixes\n}\n',
      'resource "azurerm_subnet" "b" {\n  address_prefixes = local.prefixes\n}\n',
      'locals {\n  prefixes = azurerm_subnet.a.address_prefixes\n}\n',
    ].join('');
    assert.equal(
      reason(await evaluate('azurerm_subnet.a.address_prefixes', { 'n.tf': subnets })),
      'cycle: azurerm_subnet.a.address_prefixes → azurerm_subnet.b.address_prefixes → local.prefixes → azurerm_subnet.a.address_prefixes',
    );
    const self = 'resource "azurerm_subnet" "a" {\n  for_each         = toset(azurerm_subnet.a.address_prefixes)\n  address_prefixes = ["10.0.0.0/24"]\n}\n';
    const evaluator = await evaluatorFor({ 'n.tf': self });
    const [instance] = evaluator.instances(evaluator.module.resources.get('azurerm_subnet.a')!.block, '/m/n.tf');
    assert.equal(instance.uncertain, true);
    assert.equal(
      reason(instance.scope.each!.value),
      'for_each is not known: cycle: azurerm_subnet.a.for_each → azurerm_subnet.a.address_prefixes → azurerm_subnet.a.for_each',
    );
  });
});

describe('evaluation limits: depth', () => {
  it('stops at 200 levels of lists, objects, calls, operators, conditionals and templates', async () => {
    const evaluator = await evaluatorFor({ 'main.tf': '' });
    const scope = { uri: '/m/main.tf' };
    for (const n of [1_000, 10_000]) {
      assert.deepEqual(firstUnknown(evaluator.evaluate(nest(n, lit(1), tuple), scope)), { depth: 200, reason: DEPTH }, `lists ${n}`);
      assert.deepEqual(firstUnknown(evaluator.evaluate(nest(n, lit(1), object), scope)), { depth: 200, reason: DEPTH }, `objects ${n}`);
      assert.equal(reason(evaluator.evaluate(nest(n, lit('CALICO'), lower), scope)), `lower() depends on a value that is not known: ${DEPTH}`, `calls ${n}`);
      assert.equal(reason(evaluator.evaluate(nest(n, lit(1), plus), scope)), DEPTH, `operators ${n}`);
      assert.equal(reason(evaluator.evaluate(nest(n, lit(true), not), scope)), DEPTH, `unary ${n}`);
      assert.equal(reason(evaluator.evaluate(nest(n, lit('calico'), conditional), scope)), DEPTH, `conditionals ${n}`);
      assert.equal(reason(evaluator.evaluate(nest(n, lit('a'), template), scope)), DEPTH, `templates ${n}`);
    }
    // Within the limit, nothing changes.
    const shallow = evaluator.evaluate(nest(150, lit('CALICO'), lower), scope);
    assert.equal(shallow.known && shallow.value, 'calico');
  });

  it('stops at 200 levels of a value built through locals, a var file or --var', async () => {
    const lists = `locals {\n  l0 = 1\n${Array.from({ length: 300 }, (_, i) => `  l${i + 1} = [local.l${i}]\n`).join('')}}\n`;
    assert.equal((await evaluate('local.l200', { 'l.tf': lists })).known, true);
    assert.equal(reason(await evaluate('local.l201', { 'l.tf': lists })), VALUE_DEPTH);
    // 240 levels: within what the parser builds (256), beyond what the evaluator follows (200).
    const tfvars = { 'variables.tf': 'variable "deep" {}\n', 'terraform.tfvars': `deep = ${'['.repeat(240)}1${']'.repeat(240)}\n` };
    assert.deepEqual(firstUnknown(await evaluate('var.deep', tfvars)), { depth: 199, reason: DEPTH });
    const cli = await evaluate('var.deep', { 'variables.tf': 'variable "deep" {\n  type = any\n}\n' }, { cliVars: [{ name: 'deep', value: `${'['.repeat(5_000)}1${']'.repeat(5_000)}` }] });
    assert.equal(reason(cli), VALUE_DEPTH);
  });

  it('stops at 200 levels of optional() defaults a type nests', async () => {
    const type = (n: number) => `${'object({ a = optional('.repeat(n)}object({})${', {}) })'.repeat(n)}`;
    // A type as deep as the parser builds (each level nests three expressions) is filled in whole.
    const filled = await evaluate('var.t', { 'variables.tf': `variable "t" {\n  type    = ${type(60)}\n  default = {}\n}\n` });
    assert.equal(JSON.stringify(toPlainJson(filled)), `${'{"a":'.repeat(60)}{}${'}'.repeat(60)}`);
    // A type 1,000 deep, deeper than the parser builds.
    const evaluator = await evaluatorFor({ 'variables.tf': `variable "t" {\n  type    = ${type(2)}\n  default = {}\n}\n` });
    const optional = (inner: Expr): Expr => ({
      kind: 'call',
      name: 'object',
      expandFinal: false,
      range: R,
      args: [{ kind: 'object', range: R, items: [{ key: lit('a'), range: R, value: { kind: 'call', name: 'optional', expandFinal: false, range: R, args: [inner, { kind: 'object', items: [], range: R }] } }] }],
    });
    evaluator.module.variables.get('t')!.typeExpr = nest(1_000, { kind: 'call', name: 'object', expandFinal: false, args: [{ kind: 'object', items: [], range: R }], range: R }, optional);
    assert.deepEqual(firstUnknown(evaluator.variable('t')), { depth: 200, reason: VALUE_DEPTH });
  });
});

describe('evaluation limits: size and steps', () => {
  it('evaluates a chain of 10,000 locals, with a short origin chain', async () => {
    const n = 10_000;
    const chain = `locals {\n  l0 = "calico"\n${Array.from({ length: n - 1 }, (_, i) => `  l${i + 1} = local.l${i}\n`).join('')}}\n`;
    const value = await evaluate(`local.l${n - 1}`, { 'l.tf': chain });
    assert.equal(value.known && value.value, 'calico');
    assert.equal(
      value.known && describeOrigin(value.origin, baseName),
      'local.l9999 in l.tf:10001, local.l9998 in l.tf:10000, local.l9997 in l.tf:9999, local.l9996 in l.tf:9998, local.l9995 in l.tf:9997, local.l9994 in l.tf:9996, … 9,989 more, local.l4 in l.tf:6, local.l3 in l.tf:5, local.l2 in l.tf:4, local.l1 in l.tf:3, local.l0 in l.tf:2',
    );
  });

  it('never builds a doubling value: concat, templates, tuples', async () => {
    const doubling = (step: (prev: string) => string, first: string) =>
      `locals {\n  l0 = ${first}\n${Array.from({ length: 40 }, (_, i) => `  l${i + 1} = ${step(`local.l${i}`)}\n`).join('')}}\n`;
    const concat = doubling((p) => `concat(${p}, ${p})`, '["calico"]');
    assert.equal(reason(await evaluate('local.l17', { 'l.tf': concat })), SIZE);
    assert.equal(reason(await evaluate('local.l40', { 'l.tf': concat })), `concat() depends on a value that is not known: ${SIZE}`);
    const templates = doubling((p) => `"\${${p}}\${${p}}"`, '"ab"');
    assert.equal(reason(await evaluate('local.l19', { 'l.tf': templates })), STRING);
    assert.equal(reason(await evaluate('local.l40', { 'l.tf': templates })), STRING);
    const tuples = doubling((p) => `[${p}, ${p}]`, '1');
    assert.equal(reason(await evaluate('local.l16', { 'l.tf': tuples })), SIZE);
    assert.equal(reason(await evaluate('length(local.l40) > 0 ? local.l16 : 0', { 'l.tf': tuples })), SIZE);
  });

  it('refuses strings longer than the limit from functions, as a limit and not a Terraform error', async () => {
    const wide = await evaluate('format("%2000000s", "x")');
    assert.equal(reason(wide), STRING);
    assert.equal(!wide.known && wide.error, undefined);
    assert.equal(reason(await evaluate('replace("aaaa", "a", format("%400000s", "b"))')), STRING);
  });

  it('stops after the module’s step budget', async () => {
    const list = `[${Array.from({ length: 1_000 }, () => '1').join(', ')}]`;
    // A billion steps that build nothing large: only the budget stops them.
    const evaluator = await evaluatorFor({ 'l.tf': `locals {\n  l = ${list}\n  x = [for a in local.l : join(",", [for b in local.l : length([for c in local.l : c])])]\n}\n` });
    assert.equal(evaluator.maxSteps, 250_000 + 2 * evaluator.module.files.get('/m/l.tf')!.text.length);
    const value = evaluator.local('x');
    assert.equal(
      firstUnknown(value).reason,
      `join() depends on a value that is not known: evaluating this module took more than ${evaluator.maxSteps.toLocaleString('en-US')} steps, the most aks-netlint takes for a module of its size`,
    );
    assert.ok(evaluator.stepsTaken < evaluator.maxSteps + 10_000, `${evaluator.stepsTaken} steps`);
  });
});

describe('evaluation limits: instances', () => {
  async function instancesOf(resource: string, files: Record<string, string> = {}) {
    const evaluator = await evaluatorFor({ 'main.tf': resource, ...files });
    const decl = [...evaluator.module.resources.values()][0];
    return evaluator.instances(decl.block, decl.uri);
  }

  it('expands up to 1,000 instances of count, then one uncertain instance', async () => {
    assert.equal((await instancesOf('resource "azurerm_subnet" "s" {\n  count = 1000\n}\n')).length, 1_000);
    const [huge, ...rest] = await instancesOf('resource "azurerm_subnet" "s" {\n  count = 1000000000\n}\n');
    assert.equal(rest.length, 0);
    assert.equal(huge.uncertain, true);
    assert.equal(reason(huge.scope.countIndex!), 'count makes 1,000,000,000 instances, more than the 1,000 aks-netlint expands');
  });

  it('expands up to 1,000 instances of for_each, then one uncertain instance', async () => {
    const map = (n: number) => `locals {\n  m = {\n${Array.from({ length: n }, (_, i) => `    c${i} = "calico"\n`).join('')}  }\n}\n`;
    const resource = 'resource "azurerm_kubernetes_cluster" "c" {\n  for_each = local.m\n}\n';
    assert.equal((await instancesOf(resource, { 'l.tf': map(1_000) })).length, 1_000);
    const [many, ...rest] = await instancesOf(resource, { 'l.tf': map(10_000) });
    assert.equal(rest.length, 0);
    assert.equal(many.uncertain, true);
    assert.equal(reason(many.scope.each!.value), 'for_each makes 10,000 instances, more than the 1,000 aks-netlint expands');
  });
});
