/**
 * Strings and templates read as HCL reads them: whitespace kept, escapes decoded, strip markers
 * and `<<-` indentation applied (hclsyntax parser_template.go). The generated comparison with
 * hcl2json is in test/fuzz/parse.test.ts.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseFile } from '../../../server/src/engine/syntax/parse-file.js';
import { findAttribute, type Expr } from '../../../server/src/engine/syntax/syntax-tree.js';
import { loadParsers } from '../../../server/src/host/load-parsers.js';

/** The value of `a`, with literal interpolations folded in ("?" for anything else); `b` must follow intact. */
async function read(expression: string): Promise<string | Expr['kind']> {
  const file = parseFile('main.tf', `a = ${expression}\nb = "after"\n`, await loadParsers());
  assert.deepEqual(file.problems, [], expression);
  const b = findAttribute(file.body, 'b')!.expr;
  assert.equal(b.kind === 'literal' && b.value, 'after', `the attribute after ${expression}`);
  const a = findAttribute(file.body, 'a')!.expr;
  if (a.kind === 'literal') return String(a.value);
  if (a.kind !== 'template') return a.kind;
  return a.parts.map((p) => (typeof p === 'string' ? p : p.kind === 'literal' ? String(p.value) : '?')).join('');
}

describe('HCL templates', () => {
  it('keeps the whitespace of a string', async () => {
    assert.equal(await read('" a "'), ' a ');
    assert.equal(await read('"   "'), '   ');
    assert.equal(await read('"a ${"q"} b"'), 'a q b');
  });

  it('decodes escapes, and reads an odd run of % or $ before { as text then an escape', async () => {
    assert.equal(await read('"\\"\\\\\\n\\u00e9\\U0001F680"'), '"\\\n\u00e9\u{1F680}');
    assert.equal(await read('"%%{x}"'), '%{x}');
    assert.equal(await read('"%%%{x}"'), '%%{x}');
    assert.equal(await read('"$$${x}"'), '$${x}');
    assert.equal(await read('"$${x} ${"q"}"'), '${x} q');
  });

  it('applies strip markers to the literals beside them', async () => {
    assert.equal(await read('"a   ${~ "q" ~}   b"'), 'aqb');
    assert.equal(await read('"a   ${"q" ~}   b"'), 'a   qb');
    assert.equal(await read('"a \\n ${~"q"}"'), 'aq');
  });

  it('reads heredocs: lines as written, backslashes as they are, `<<-` without the common indentation', async () => {
    assert.equal(await read('<<EOT\n  x \\n\n  $${y}\nEOT'), '  x \\n\n  ${y}\n');
    assert.equal(await read('<<-EOT\n    a ${"q"}\n      b\n\n    EOT'), 'a q\n  b\n\n');
    // A line that starts with an interpolation has no indentation to strip.
    assert.equal(await read('<<-EOT\n  a\n${"q"}\n  EOT'), '  a\nq\n');
    assert.equal(await read('<<EOT\nEOT'), '');
  });

  it('leaves a template with a directive unevaluated', async () => {
    assert.equal(await read('"x %{ if true }y%{ endif }"'), 'unsupported');
    assert.equal(await read('<<EOT\n%{ for v in ["q"] }${v}%{ endfor }\nEOT'), 'unsupported');
  });
});
