/**
 * Every well-formed .tf and .tfvars file of the project (rule fixtures, modules, examples) leaves
 * the grammar back at its top level after the last line: no block, string, heredoc, interpolation
 * or comment rule is left open, which is how a grammar bug shows up in an editor (the colours go
 * wrong from that point to the end of the file). Well-formed means the engine's parser finds no
 * problem; the hcl-syntax fixtures are the exceptions on purpose.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { createRegistry } from 'vscode-tmgrammar-test/dist/common/index.js';
import { parseFile } from '../../server/src/engine/syntax/parse-file.js';
import { loadParsers } from '../../server/src/host/load-parsers.js';

const REPO_ROOT = resolve(__dirname, '../..');
const OUR_SCOPE = 'source.terraform.aks-netlint';

function hclFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return hclFiles(path);
      return /\.(tf|tfvars)$/.test(name) ? [path] : [];
    });
}

describe('grammar on the project\'s own Terraform files', () => {
  it('ends every well-formed file at the top level', async () => {
    const grammar = (await createRegistry([
      { path: join(REPO_ROOT, 'syntaxes/terraform.tmLanguage.json'), scopeName: OUR_SCOPE },
      {
        path: join(REPO_ROOT, 'syntaxes/suppression.injection.tmLanguage.json'),
        scopeName: 'aks-netlint.suppression.injection',
        injectTo: [OUR_SCOPE],
      },
    ]).loadGrammar(OUR_SCOPE))!;
    const files = [...hclFiles(join(REPO_ROOT, 'test/fixtures')), ...hclFiles(join(REPO_ROOT, 'examples'))];
    assert.ok(files.length > 100, `only ${files.length} files`);
    const endDepth = (text: string) => {
      let state = null;
      for (const line of text.split('\n')) state = grammar.tokenizeLine(line, state).ruleStack;
      return state!.depth;
    };
    // Parse only the files that end inside a rule (parsing all of them would double the time).
    const parsers = await loadParsers();
    const leftOpen = files.flatMap((path) => {
      const text = readFileSync(path, 'utf8');
      const depth = endDepth(text); // 1 is the grammar's root rule: nothing left open.
      if (depth === 1 || parseFile(path, text, parsers).problems.length > 0) return [];
      return [`${relative(REPO_ROOT, path)} ends ${depth - 1} rule(s) deep`];
    });
    assert.deepEqual(leftOpen, []);
  });
});
