/**
 * The grammar colours a suppression comment the way the engine reads it: the tokens scoped as
 * rule ids and reason are exactly the ids and the reason `parseSuppressions` finds, and a comment
 * the engine ignores gets no suppression scope. The two keep separate regular expressions (one is
 * Oniguruma in JSON), so this catches them drifting apart.
 */
import assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { createRegistry } from 'vscode-tmgrammar-test/dist/common/index.js';
import { parseSuppressions } from '../../server/src/engine/analyze/suppressions.js';
import { parseFile } from '../../server/src/engine/syntax/parse-file.js';
import { loadParsers } from '../../server/src/host/load-parsers.js';

const REPO_ROOT = resolve(__dirname, '../..');
const OUR_SCOPE = 'source.terraform.aks-netlint';

const LINES = [
  '# aks-netlint-ignore kubenet-retiring -- migration to overlay is planned (PLAT-123)',
  '// aks-netlint-ignore pod-cidr-nonprivate,max-pods-out-of-range -- owned by the hub team',
  '#aks-netlint-ignore a b',
  '#   aks-netlint-ignore  a , b ,c  --   spaced reason   ',
  '# aks-netlint-ignore dns-prefix-x--reason right after an id',
  '# aks-netlint-ignore a -- a reason -- with a second separator',
  '# aks-netlint-ignore a --',
  '# aks-netlint-ignore',
  '# aks-netlint-ignore-next a',
  'max_pods = 300 # aks-netlint-ignore max-pods-out-of-range -- trailing',
  'max_pods = 300 // aks-netlint-ignore max-pods-out-of-range',
  '# aks-netlint-ignored a',
  '# see aks-netlint-ignore a',
  '/* aks-netlint-ignore a -- block comments are not directives */',
  '# aks-netlint-ignore kubenet-retiring -- migration planned (PLAT-123) (until 2027-03-31)',
  '# aks-netlint-ignore a -- reason (UNTIL  2027-02-30 )  ',
  '# aks-netlint-ignore a -- (until 2027-03-31)',
  '# aks-netlint-ignore a -- kept (until the migration)',
  '# aks-netlint-ignore a -- (until 2027-03-31) is not at the end',
];

interface Reading {
  ids: string[];
  reason?: string;
  until?: string;
}

async function readWithEngine(line: string): Promise<Reading | undefined> {
  const file = parseFile('main.tf', `${line}\n`, await loadParsers());
  const [suppression, ...more] = parseSuppressions(file);
  assert.equal(more.length, 0);
  return suppression && { ids: suppression.ruleIds.map((r) => r.id), reason: suppression.reason, until: suppression.until?.date };
}

const grammar = createRegistry([
  { path: join(REPO_ROOT, 'syntaxes/terraform.tmLanguage.json'), scopeName: OUR_SCOPE },
  {
    path: join(REPO_ROOT, 'syntaxes/suppression.injection.tmLanguage.json'),
    scopeName: 'aks-netlint.suppression.injection',
    injectTo: [OUR_SCOPE],
  },
]).loadGrammar(OUR_SCOPE);

async function readWithGrammar(line: string): Promise<Reading | undefined> {
  const { tokens } = (await grammar)!.tokenizeLine(line, null);
  if (!tokens.some((t) => t.scopes.includes('meta.suppression.aks-netlint'))) return undefined;
  const textOf = (scope: string) => tokens.filter((t) => t.scopes.includes(scope)).map((t) => line.slice(t.startIndex, t.endIndex));
  const [reason] = textOf('string.unquoted.reason.aks-netlint');
  const [until] = textOf('constant.other.date.expiry.aks-netlint');
  return { ids: textOf('variable.other.constant.rule-id.aks-netlint'), reason: reason || undefined, until };
}

describe('suppression comments: grammar and engine agree', () => {
  for (const line of LINES) {
    it(line, async () => {
      assert.deepEqual(await readWithGrammar(line), await readWithEngine(line));
    });
  }

  it('has lines the engine reads as directives and lines it does not', async () => {
    const readings = await Promise.all(LINES.map(readWithEngine));
    assert.ok(readings.filter(Boolean).length >= 8);
    assert.ok(readings.filter((r) => !r).length >= 3);
  });
});
