/**
 * Collections in no known order (a set of objects): what needs no order stays known, what picks
 * by position is Unknown, and a set itself has no index.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findAttribute } from '../../../server/src/engine/syntax/syntax-tree.js';
import { Evaluator } from '../../../server/src/engine/terraform/evaluate.js';
import { buildModule } from '../../../server/src/engine/terraform/module.js';
import { toPlainJson, type Value } from '../../../server/src/engine/terraform/values.js';
import { loadParsers } from '../../../server/src/host/load-parsers.js';

const SET = 'toset([{ n = "a" }, { n = "b" }])';

async function evaluate(expr: string): Promise<Value> {
  const main = `variable "flag" {\n  type = bool\n}\n\noutput "x" {\n  value = ${expr}\n}\n`;
  const module = buildModule({ dir: '/m', files: [{ uri: '/m/main.tf', text: main }] }, await loadParsers());
  const output = module.configFiles[0].body.blocks.find((b) => b.type === 'output')!;
  return new Evaluator(module).evaluate(findAttribute(output.body, 'value')!.expr, { uri: '/m/main.tf' });
}

/** The plain value, or why it is Unknown. */
async function shown(expr: string): Promise<unknown> {
  const value = await evaluate(expr);
  return value.known ? toPlainJson(value) : `unknown${value.error ? ' (error)' : ''}: ${value.reason}`;
}

const ORDER = 'the order of a set of objects, which is known only after apply';

describe('collections in no known order', () => {
  it('sorts a set of strings, numbers or bools as Terraform does, and keeps it indexable', async () => {
    assert.deepEqual(await shown('toset(["b", "a", "b"])'), ['a', 'b']);
    assert.deepEqual(await shown('toset([10, 9, 100])'), [9, 10, 100]);
    assert.deepEqual(await shown('toset([true, false])'), [false, true]);
    assert.equal(await shown('tolist(toset([10, 9]))[0]'), 9);
  });

  it('keeps a set of objects known in size and contents, but not in order', async () => {
    assert.equal(await shown(`length(${SET})`), 2);
    assert.deepEqual(await shown(`{ for o in ${SET} : o.n => true }`), { a: true, b: true });
    assert.deepEqual(await shown(`[for o in ${SET} : o.n if o.n == "b"][0]`), 'b');
    assert.equal(await shown(`contains(${SET}[*].n, "a")`), true);
    assert.equal(await shown(`one([for o in ${SET} : o if o.n == "a"]).n`), 'a');
  });

  it('makes Unknown whatever picks by position among two or more', async () => {
    assert.equal(await shown(`tolist(${SET})[0].n`), `unknown: which element an index picks depends on ${ORDER}`);
    assert.equal(await shown(`(${SET}[*].n)[1]`), `unknown: which element an index picks depends on ${ORDER}`);
    assert.equal(await shown(`element(tolist(${SET}), 0)`), `unknown: element() depends on ${ORDER}`);
    assert.equal(await shown(`join(",", ${SET}[*].n)`), `unknown: join() depends on ${ORDER}`);
    assert.equal(await shown(`zipmap(["x", "y"], tolist(${SET}))`), `unknown: zipmap() depends on ${ORDER}`);
    assert.equal(await shown(`concat(["z"], tolist(${SET}))[0]`), `unknown: which element an index picks depends on ${ORDER}`);
    assert.equal(await shown(`flatten([[tolist(${SET})]])[0]`), `unknown: which element an index picks depends on ${ORDER}`);
    assert.equal(await shown(`format("%s %s", tolist(${SET})[*].n...)`), 'unknown: an expanded argument is in no known order');
  });

  it('keeps no order through a for expression, whose index key is then not known', async () => {
    assert.equal(await shown(`[for o in ${SET} : o.n][0]`), `unknown: which element an index picks depends on ${ORDER}`);
    assert.equal(await shown(`{ for o in ${SET} : "k" => o.n... }["k"][0]`), `unknown: which element an index picks depends on ${ORDER}`);
    assert.equal(
      await shown(`{ for i, o in tolist(${SET}) : i => o.n }`),
      'unknown: a key of a for expression is not known',
    );
    // Terraform iterates a set with the element as its key.
    assert.deepEqual(await shown(`[for k, o in ${SET} : k.n == o.n]`), [true, true]);
  });

  it('keeps no order where a condition that is not known has the same value on both sides', async () => {
    assert.equal(await shown(`(var.flag ? tolist(${SET}) : tolist(${SET}))[0]`), `unknown: which element an index picks depends on ${ORDER}`);
  });

  it('gives a set of one object no index, as Terraform does, but a list made from it one', async () => {
    assert.equal(await shown('toset([{ n = "a" }])[0]'), 'unknown (error): a set has no index: Terraform fails with "Invalid index" (tolist() makes it a list)');
    assert.equal(await shown('tolist(toset([{ n = "a" }]))[0].n'), 'a');
    assert.equal(await shown('element(toset([{ n = "a" }]), 0)'), 'unknown (error): element() would fail: it cannot read elements from a set');
  });
});
