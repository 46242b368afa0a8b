/**
 * One bad module never aborts the run (issue 16): a module whose check throws becomes one
 * internal-error finding on it, in text, JSON and SARIF; every other module is still checked
 * and printed; the exit code follows the findings; the stack is printed only with --debug.
 * Then the same through worker threads, whose pool survives a worker that throws or dies.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { checkModule, type ModuleOutcome, type ModuleTask } from '../../server/src/cli/check-module.js';
import { checkModulesInWorkers } from '../../server/src/cli/worker-pool.js';
import { runInProcess, spawnCli } from '../support/run-cli.js';

const VERSIONS = 'terraform {\n  required_providers {\n    azurerm = {\n      source  = "hashicorp/azurerm"\n      version = "~> 4.0"\n    }\n  }\n}\n';
const KUBENET = 'resource "azurerm_kubernetes_cluster" "aks" {\n  name = "aks"\n\n  network_profile {\n    network_plugin = "kubenet"\n    network_policy = "azure"\n  }\n}\n';
const CLEAN = 'resource "azurerm_kubernetes_cluster" "aks" {\n  name = "aks"\n\n  network_profile {\n    network_plugin      = "azure"\n    network_plugin_mode = "overlay"\n  }\n}\n';

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'aks-netlint-isolation-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

/** checkModule, except that the module `broken` throws as a stack overflow would. */
const failingCheck: typeof checkModule = async (task, parsers) => {
  if (task.dir.endsWith('/broken')) throw new RangeError('Maximum call stack size exceeded');
  return checkModule(task, parsers);
};

const INTERNAL_ERROR =
  "broken/b.tf:1:1 error internal-error aks-netlint failed to check the module 'broken' (internal error: Maximum call stack size exceeded): none of its findings are shown. Other modules are checked as usual.";

describe('a module that fails', () => {
  const dir = tree({
    'app/versions.tf': VERSIONS,
    'app/main.tf': KUBENET,
    'broken/versions.tf': VERSIONS,
    'broken/b.tf': CLEAN,
    'clean/versions.tf': VERSIONS,
    'clean/main.tf': CLEAN,
  });

  it('is one internal-error finding in the text output; the other modules are checked', async () => {
    const result = await runInProcess(['.'], dir, { checkModule: failingCheck });
    assert.equal(result.stderr, '');
    assert.equal(result.code, 1);
    assert.deepEqual(result.stdout.split('\n').map((line) => line.split(' ').slice(0, 3).join(' ')), [
      'app/main.tf:5:22 warning kubenet-retiring',
      'app/main.tf:6:22 error npm-requires-azure-cni',
      'app/main.tf:6:22 warning npm-retiring',
      'broken/b.tf:1:1 error internal-error',
      '4 problems (2',
      '',
    ]);
    assert.ok(result.stdout.includes(`${INTERNAL_ERROR}\n`), result.stdout);
    assert.match(result.stdout, /in 6 files\.\n$/);
  });

  it('decides the exit code like any error finding, and can be set to a warning', async () => {
    const onlyBroken = await runInProcess(['broken', 'clean'], dir, { checkModule: failingCheck });
    assert.equal(onlyBroken.code, 1);
    const config = join(dir, 'warn.json');
    writeFileSync(config, '{ "rules": { "internal-error": "warning" } }');
    const softened = await runInProcess(['broken', 'clean', '--config', config], dir, { checkModule: failingCheck });
    assert.equal(softened.code, 0);
    assert.match(softened.stdout, /^broken\/b\.tf:1:1 warning internal-error /m);
  });

  it('is in the JSON and SARIF output', async () => {
    const json = JSON.parse((await runInProcess(['.', '--format', 'json'], dir, { checkModule: failingCheck })).stdout);
    const finding = json.findings.find((f: { ruleId: string }) => f.ruleId === 'internal-error');
    assert.deepEqual(
      { ...finding, message: undefined },
      {
        ruleId: 'internal-error',
        severity: 'error',
        message: undefined,
        file: 'broken/b.tf',
        range: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } },
        docsUrl: 'https://github.com/aks-netlint/aks-netlint/blob/main/docs/rules/internal-error.md',
        fixable: false,
        related: [],
      },
    );
    assert.equal(json.summary.errors, 2);
    const sarif = JSON.parse((await runInProcess(['.', '--format', 'sarif'], dir, { checkModule: failingCheck })).stdout);
    const run = sarif.runs[0];
    const result = run.results.find((r: { ruleId: string }) => r.ruleId === 'internal-error');
    assert.equal(result.level, 'error');
    assert.equal(run.tool.driver.rules[result.ruleIndex].id, 'internal-error');
    assert.equal(result.locations[0].physicalLocation.artifactLocation.uri, 'broken/b.tf');
    assert.match(result.message.text, /failed to check the module 'broken' \(internal error: Maximum call stack size exceeded\)/);
  });

  it('prints the stack on stderr only with --debug', async () => {
    const debug = await runInProcess(['.', '--debug'], dir, { checkModule: failingCheck });
    assert.match(debug.stderr, /^aks-netlint: internal error in module broken:\nRangeError: Maximum call stack size exceeded\n {4}at /);
    assert.ok(debug.stdout.includes(INTERNAL_ERROR));
    assert.equal(debug.code, 1);
  });

  it('goes on the file the user named, when a file is named', async () => {
    const result = await runInProcess(['broken/versions.tf'], dir, { checkModule: failingCheck });
    assert.match(result.stdout, /^broken\/versions\.tf:1:1 error internal-error /);
    assert.match(result.stdout, /in 1 file\.\n$/);
  });

  it('does not abort the built CLI, in one thread or in workers (a tfvars.json nested 50,000 deep)', () => {
    // Input that overflowed the stack when this was written; whatever the engine makes of it
    // now, the run must go on: the other module printed, no run-level internal error, no exit 2.
    const deep = tree({
      'app/versions.tf': VERSIONS,
      'app/main.tf': KUBENET,
      'deep/versions.tf': VERSIONS,
      'deep/main.tf': 'variable "a" {}\n',
      // Deep enough to overflow a worker's larger stack too (5,000 levels overflowed the main thread's).
      'deep/terraform.tfvars.json': `{"a": ${'['.repeat(50_000)}${']'.repeat(50_000)}}`,
    });
    const one = spawnCli(['.', '--format', 'json'], deep, { AKS_NETLINT_THREADS: '1' }, 60_000);
    const two = spawnCli(['.', '--format', 'json'], deep, { AKS_NETLINT_THREADS: '2' }, 60_000);
    for (const result of [one, two]) {
      assert.doesNotMatch(result.stderr, /internal error/);
      assert.equal(result.code, 1);
      const files = JSON.parse(result.stdout).findings.map((f: { file: string; ruleId: string }) => `${f.file} ${f.ruleId}`);
      assert.deepEqual(files.filter((f: string) => f.startsWith('app/')), ['app/main.tf kubenet-retiring', 'app/main.tf npm-requires-azure-cni', 'app/main.tf npm-retiring']);
    }
    assert.equal(two.stdout, one.stdout);
  });
});

describe('the worker pool', () => {
  /** A stand-in worker that fails as its task's `dir` says. */
  const script = join(mkdtempSync(join(tmpdir(), 'aks-netlint-pool-')), 'worker.cjs');
  writeFileSync(
    script,
    `const { parentPort } = require('node:worker_threads');
parentPort.on('message', ({ index, task }) => {
  const mode = task.dir;
  if (mode === 'exit') process.exit(3);
  if (mode === 'uncaught') return setImmediate(() => { throw new TypeError('thrown outside the handler'); });
  if (mode === 'fail') return parentPort.postMessage({ index, failure: { message: 'it threw' } });
  if (mode === 'usage') return setTimeout(() => parentPort.postMessage({ index, usageError: 'cannot write x' }), 50);
  parentPort.postMessage({ index, outcome: { findings: [], fileCount: 1, warnings: [mode], calledDirs: [] } });
});
`,
  );
  const task = (dir: string) => ({ dir }) as ModuleTask;
  const onFailure = (t: ModuleTask, failure: { message: string }): ModuleOutcome => ({ findings: [], fileCount: 0, warnings: [`${t.dir} failed: ${failure.message}`], calledDirs: [], failed: true });

  it('survives a worker that throws, exits or has an uncaught error, and keeps the order', async () => {
    const dirs = ['a', 'exit', 'b', 'uncaught', 'c', 'fail', 'd', 'exit', 'e'];
    const outcomes = await checkModulesInWorkers(dirs.map(task), script, 2, onFailure);
    assert.deepEqual(outcomes.map((o) => o.warnings[0]), [
      'a',
      'exit failed: the worker checking it stopped (exit code 3)',
      'b',
      'uncaught failed: thrown outside the handler',
      'c',
      'fail failed: it threw',
      'd',
      'exit failed: the worker checking it stopped (exit code 3)',
      'e',
    ]);
  });

  it('survives when every worker dies', async () => {
    const outcomes = await checkModulesInWorkers(['exit', 'exit', 'exit', 'a'].map(task), script, 2, onFailure);
    assert.deepEqual(outcomes.map((o) => o.failed ?? false), [true, true, true, false]);
  });

  it('stops handing out modules on a usage error, and rejects once the others finish', async () => {
    await assert.rejects(checkModulesInWorkers(['usage', 'a', 'b', 'c', 'd'].map(task), script, 2, onFailure), { message: 'cannot write x', usage: true } as object);
  });
});
