/**
 * The limits on what one file may cost: a file past one comes back empty with the reason, the
 * parser stays usable, and nothing overflows the stack on the way.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { IncrementalFile } from '../../../server/src/engine/syntax/incremental-file.js';
import { parseFile } from '../../../server/src/engine/syntax/parse-file.js';
import { DEFAULT_PARSE_LIMITS } from '../../../server/src/engine/syntax/parse-limits.js';
import { loadParsers } from '../../../server/src/host/load-parsers.js';

const LIMIT = DEFAULT_PARSE_LIMITS.nesting;
const nested = (depth: number, open: string, close: string, inner = '1') => `${open.repeat(depth)}${inner}${close.repeat(depth)}`;

/** Forms of nesting, each `depth` levels deep (blocks count their own level). */
const FORMS: Record<string, { uri: string; text: (depth: number) => string }> = {
  lists: { uri: 'main.tf', text: (d) => `a = ${nested(d, '[', ']')}\n` },
  objects: { uri: 'main.tf', text: (d) => `a = ${nested(d, '{a = ', '}')}\n` },
  calls: { uri: 'main.tf', text: (d) => `a = ${nested(d, 'f(', ')')}\n` },
  parentheses: { uri: 'main.tf', text: (d) => `a = ${nested(d, '(', ')')}\n` },
  'index keys': { uri: 'main.tf', text: (d) => `a = ${nested(d, 'x[', ']', '0')}\n` },
  operators: { uri: 'main.tf', text: (d) => `a = ${'1 + '.repeat(d)}1\n` },
  conditionals: { uri: 'main.tf', text: (d) => `a = ${'true ? 1 : '.repeat(d)}1\n` },
  'unary operators': { uri: 'main.tf', text: (d) => `a = ${'!'.repeat(d)}true\n` },
  blocks: { uri: 'main.tf', text: (d) => `${'b {\n'.repeat(d)}${'}\n'.repeat(d)}` },
  'Terraform JSON': { uri: 'main.tf.json', text: (d) => `{"locals": {"a": ${nested(d - 2, '[', ']')}}}` },
  'JSON var files': { uri: 'terraform.tfvars.json', text: (d) => `{"a": ${nested(d - 1, '{"a": ', '}')}}` },
};

describe('parse limits', () => {
  for (const [name, form] of Object.entries(FORMS)) {
    it(`reads ${name} nested ${LIMIT} deep, and gives up on ${LIMIT + 1} and 10,000 with the reason`, async () => {
      const parsers = await loadParsers();
      const within = parseFile(form.uri, form.text(LIMIT), parsers);
      assert.equal(within.notAnalysed, undefined);
      assert.ok(within.body.attributes.length + within.body.blocks.length > 0);
      for (const depth of [LIMIT + 1, 10_000]) {
        const beyond = parseFile(form.uri, form.text(depth), parsers);
        assert.deepEqual(beyond.notAnalysed, { limit: 'nesting', reason: `its blocks and expressions nest deeper than ${LIMIT} levels, the most aks-netlint follows` });
        assert.deepEqual([beyond.body.attributes, beyond.body.blocks, beyond.problems], [[], [], []]);
      }
    });
  }

  it('gives up on a parse that outlasts its time budget, and parses the next file from its start', async () => {
    const parsers = await loadParsers();
    const text = 'a = 1\n'.repeat(2000);
    const cut = parseFile('main.tf', text, parsers, { ...DEFAULT_PARSE_LIMITS, parseMs: 0 });
    assert.deepEqual(cut.notAnalysed, { limit: 'parse-time', reason: 'parsing it took longer than 0 ms, the most aks-netlint spends on one file' });
    const next = parseFile('main.tf', 'b = 2\n', parsers);
    assert.deepEqual(next.body.attributes.map((a) => a.name), ['b']);
    assert.deepEqual(next.problems, []);
  });

  it('lets an edited file that ran out of budget parse again from scratch', async () => {
    const parsers = await loadParsers();
    const doc = new IncrementalFile('/m/main.tf', 'a = 1\n'.repeat(2000), { ...DEFAULT_PARSE_LIMITS, parseMs: 0 });
    assert.equal(doc.syntax(parsers).notAnalysed?.limit, 'parse-time');
    doc.applyChanges([{ text: 'b = 2\n' }]);
    assert.deepEqual(doc.syntax(parsers).body.attributes.map((a) => a.name), ['b']);
  });

  it('keeps the first 100 syntax problems of a file full of them, found without recursion', async () => {
    const file = parseFile('main.tf', `a = ${'['.repeat(20_000)}\n${'} '.repeat(5000)}`, await loadParsers());
    assert.ok(file.problems.length > 0 && file.problems.length <= 100, `${file.problems.length} problems`);
  });
});
