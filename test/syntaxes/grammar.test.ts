/**
 * The TextMate grammars in syntaxes/, checked with vscode-tmgrammar-test: it tokenizes with
 * vscode-textmate and vscode-oniguruma (what VS Code runs), loads the grammars and injections from
 * package.json's `contributes.grammars`, and checks the scopes asserted under each source line.
 * Every test file gets its own verdict, so a failure names the file and prints the tool's report.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { before, describe, it } from 'node:test';

const REPO_ROOT = resolve(__dirname, '../..');
const HERE = join(REPO_ROOT, 'test/syntaxes');
const UNIT = require.resolve('vscode-tmgrammar-test/dist/unit.js');
const SNAP = require.resolve('vscode-tmgrammar-test/dist/snapshot.js');
/** Not HashiCorp's grammar: a stand-in under its scope name (see the file's comment). */
const HASHICORP_STAND_IN = join(HERE, 'hashicorp-scope/stand-in.tmLanguage.json');

function runTool(script: string, args: string[]): { code: number | null; output: string } {
  const result = spawnSync(process.execPath, [script, '--config', join(REPO_ROOT, 'package.json'), ...args], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    env: { ...process.env, FORCE_COLOR: '0' },
  });
  return { code: result.status, output: `${result.stdout}${result.stderr}` };
}

function testFiles(dir: string): string[] {
  return readdirSync(join(HERE, dir))
    .filter((name) => /\.test\.(tf|tfvars)$/.test(name))
    .sort()
    .map((name) => join('test/syntaxes', dir, name));
}

describe('TextMate grammar (vscode-tmgrammar-test)', () => {
  const cases = testFiles('cases');
  const hashicorpScope = testFiles('hashicorp-scope');
  // One run for all passing files (the tool loads its wasm once); each file then gets its own verdict.
  let run: { code: number | null; output: string };
  before(() => {
    run = runTool(UNIT, ['-g', HASHICORP_STAND_IN, ...cases, ...hashicorpScope]);
  });
  const verdictOf = (file: string) => {
    const start = run.output.indexOf(` ${file} `);
    assert.notEqual(start, -1, `no result for ${file}:\n${run.output}`);
    const next = run.output.slice(start + 1).search(/\n[✓✖] /);
    return run.output.slice(start - 1, next === -1 ? undefined : start + 1 + next);
  };

  it('has a test file for every construct, .tf and .tfvars', () => {
    const names = cases.map((path) => path.split('/').pop());
    for (const name of ['blocks', 'comments', 'expressions', 'strings', 'suppressions']) {
      assert.ok(names.includes(`${name}.test.tf`), `missing test/syntaxes/cases/${name}.test.tf`);
    }
    assert.ok(names.includes('variables.test.tfvars'), 'missing test/syntaxes/cases/variables.test.tfvars');
    assert.equal(hashicorpScope.length, 1);
  });

  for (const file of cases) {
    it(`colours ${file} as asserted`, () => {
      assert.match(verdictOf(file), /^✓ .* run successfuly/, verdictOf(file));
    });
  }

  for (const file of hashicorpScope) {
    it(`injects suppression scopes into source.hcl.terraform: ${file}`, () => {
      assert.match(verdictOf(file), /^✓ .* run successfuly/, verdictOf(file));
    });
  }

  it('exits 0 only when every file passed', () => {
    assert.equal(run.code, 0, run.output);
  });

  it('fails on a wrong expectation and names the line and the missing scope', () => {
    const { code, output } = runTool(UNIT, ['test/syntaxes/must-fail/wrong-scope.test.tf']);
    assert.notEqual(code, 0, output);
    assert.match(output, /wrong-scope\.test\.tf:3:/);
    assert.match(output, /missing required scopes: keyword\.control\.directive\.suppression\.aks-netlint/);
    assert.match(output, /actual: .*variable\.other\.constant\.rule-id\.aks-netlint/);
  });

  it('matches the snapshot of a realistic file (UPDATE_GOLDEN=1 rewrites it)', () => {
    const source = 'test/syntaxes/snap/overlay-cilium.tf';
    const golden = join(REPO_ROOT, `${source}.snap`);
    const update = process.env.UPDATE_GOLDEN === '1';
    // The tool writes a missing snapshot and passes, so check for it first: a missing golden fails.
    if (!update) assert.ok(existsSync(golden), `missing ${source}.snap (run UPDATE_GOLDEN=1 npm test)`);
    // Run on a copy so a run without UPDATE_GOLDEN never writes into the tree.
    const dir = mkdtempSync(join(tmpdir(), 'aks-netlint-snap-'));
    try {
      const copy = join(dir, 'overlay-cilium.tf');
      copyFileSync(join(REPO_ROOT, source), copy);
      if (!update) copyFileSync(golden, `${copy}.snap`);
      const { code, output } = runTool(SNAP, ['--scope', 'source.terraform.aks-netlint', ...(update ? ['--updateSnapshot'] : []), copy]);
      assert.equal(code, 0, output);
      if (update) copyFileSync(`${copy}.snap`, golden);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
