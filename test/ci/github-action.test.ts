/**
 * The GitHub Action's script (scripts/github-action.mjs), run as the runner runs it: a workspace
 * (a copy of examples/), the INPUT_* variables action.yml passes, RUNNER_TEMP and GITHUB_OUTPUT.
 * GitHub itself cannot run here; action.yml is checked to pass every input it declares.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { commitFiles, git, gitMissing } from '../support/git-repository.js';

interface Step {
  status: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
}

describe('the GitHub Action', () => {
  let dir: string;
  let workspace: string;
  let runs = 0;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'aks-netlint-action-'));
    workspace = join(dir, 'workspace');
    cpSync(resolve('examples'), workspace, { recursive: true });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  /** One step of a job: a fresh RUNNER_TEMP and GITHUB_OUTPUT, the inputs as action.yml passes them. */
  function step(inputs: Record<string, string>, at = workspace): Step {
    const runnerTemp = join(dir, `runner-temp-${++runs}`);
    mkdirSync(runnerTemp);
    const output = join(runnerTemp, 'github-output');
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, GITHUB_WORKSPACE: at, RUNNER_TEMP: runnerTemp, GITHUB_OUTPUT: output, AKS_NETLINT_CLI: resolve('dist/cli.js') };
    for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase().replace(/-/g, '_')}`] = value;
    const run = spawnSync(process.execPath, [resolve('scripts/github-action.mjs')], { cwd: dir, env, encoding: 'utf8' });
    const outputs = existsSync(output) ? Object.fromEntries(readFileSync(output, 'utf8').trim().split('\n').map((line) => line.split(/=(.*)/s).slice(0, 2))) : {};
    return { status: run.status, stdout: run.stdout, stderr: run.stderr, outputs };
  }

  const sarifResults = (file: string) =>
    (JSON.parse(readFileSync(file, 'utf8')) as { runs: { results: { ruleId: string; level: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[] }[] }).runs[0].results.map(
      (r) => `${r.locations[0].physicalLocation.artifactLocation.uri}:${r.locations[0].physicalLocation.region.startLine} ${r.level} ${r.ruleId}`,
    );

  it('writes SARIF with repository-relative paths to RUNNER_TEMP, sets its outputs and fails on errors', () => {
    const done = step({ paths: 'broken', format: 'text', 'minimum-failure-severity': '', 'var-files': '', plan: '', config: '', 'sarif-file': '' });
    assert.equal(done.status, 1, done.stderr);
    const sarifFile = join(dir, `runner-temp-${runs}`, 'aks-netlint.sarif');
    assert.deepEqual(done.outputs, { 'sarif-file': sarifFile, errors: '6', warnings: '0', infos: '0', failed: 'true' });
    assert.deepEqual(sarifResults(sarifFile), [
      'broken/main.tf:53 error node-public-ip-renamed',
      'broken/main.tf:64 error overlay-mode-case',
      'broken/main.tf:68 error cilium-requires-cilium-policy',
      'broken/main.tf:71 error reserved-range',
      'broken/main.tf:75 error dns-ip-outside-service-cidr',
      'broken/main.tf:78 error docker-bridge-cidr-removed',
    ]);
    // The log: the text format in colour, then the annotation that fails the run.
    assert.match(done.stdout, /broken\/main\.tf:68:26\x1b\[0m \x1b\[31merror\x1b\[0m \x1b\[2mcilium-requires-cilium-policy/);
    assert.ok(done.stdout.endsWith(`::error title=aks-netlint::6 findings at or above error (SARIF: ${sarifFile})\n`), done.stdout);
  });

  it('passes on warnings unless minimum-failure-severity asks for them', () => {
    const byDefault = step({ paths: 'kubenet' });
    assert.equal(byDefault.status, 0, byDefault.stdout);
    assert.equal(byDefault.outputs.failed, 'false');
    assert.equal(byDefault.outputs.warnings, '1');
    const strict = step({ paths: 'kubenet', 'minimum-failure-severity': 'warning' });
    assert.equal(strict.status, 1);
    assert.equal(strict.outputs.failed, 'true');
    assert.match(strict.stdout, /::error title=aks-netlint::1 finding at or above warning/);
    const reportOnly = step({ paths: 'broken', 'minimum-failure-severity': 'none' });
    assert.equal(reportOnly.status, 0);
    assert.equal(reportOnly.outputs.errors, '6');
  });

  it('reads var files, one per line, and several paths', () => {
    const done = step({ paths: 'variables\noverlay-cilium\n', 'var-files': 'variables/prod.tfvars', 'minimum-failure-severity': 'info' });
    assert.equal(done.status, 0, done.stdout);
    assert.deepEqual(done.outputs, { 'sarif-file': done.outputs['sarif-file'], errors: '0', warnings: '0', infos: '0', failed: 'false' });
    assert.match(done.stdout, /No problems found in 7 files\./);
    const without = step({ paths: 'variables\noverlay-cilium' });
    assert.equal(without.outputs.warnings, '1');
  });

  it('checks a plan, writes the SARIF where sarif-file says, and logs the format asked for', () => {
    const done = step({ paths: 'plan', plan: 'plan/plan.json', format: 'json', 'sarif-file': 'reports/aks.sarif' });
    assert.equal(done.status, 1, done.stderr);
    const sarifFile = join(workspace, 'reports', 'aks.sarif');
    assert.equal(done.outputs['sarif-file'], sarifFile);
    assert.deepEqual(sarifResults(sarifFile), ['plan/main.tf:29 error node-subnet-too-small']);
    const json = JSON.parse(done.stdout.slice(0, done.stdout.indexOf('::error'))) as { findings: { ruleId: string }[] };
    assert.deepEqual(json.findings.map((f) => f.ruleId), ['node-subnet-too-small']);
  });

  it('compares with the baseline ref, named in the SARIF, and fails when the checkout lacks it', { skip: gitMissing }, () => {
    const repo = join(dir, 'repository');
    cpSync(resolve('examples/kubenet'), join(repo, 'infra'), { recursive: true });
    git(dir, 'init', '-q', 'repository');
    const base = commitFiles(repo, {}, 'base');
    const done = step({ paths: 'infra', baseline: base }, repo);
    assert.equal(done.status, 0, done.stdout);
    const sarif = JSON.parse(readFileSync(done.outputs['sarif-file'], 'utf8')) as { runs: { properties?: unknown }[] };
    assert.deepEqual(sarif.runs[0].properties, { baselines: [{ ref: base, commit: base, repository: '.' }] });
    const missing = step({ paths: 'infra', baseline: 'origin/main' }, repo);
    assert.equal(missing.status, 2);
    assert.match(missing.stdout, /^::error title=aks-netlint::aks-netlint could not check the workspace: aks-netlint: no baseline: "origin\/main" is not a branch, tag or commit of the repository at .* \(fetch it first: /);
    assert.deepEqual(missing.outputs, {});
  });

  it('fails with exit code 2 and an annotation when it cannot check', () => {
    const format = step({ format: 'xml' });
    assert.equal(format.status, 2);
    assert.equal(format.stdout, "::error title=aks-netlint::format 'xml' is not one of text, json, sarif\n");
    assert.deepEqual(format.outputs, {});
    const missing = step({ paths: 'no-such-dir' });
    assert.equal(missing.status, 2);
    assert.match(missing.stdout, /^::error title=aks-netlint::aks-netlint could not check the workspace: aks-netlint: .*no-such-dir/);
    const severity = step({ 'minimum-failure-severity': 'fatal' });
    assert.equal(severity.status, 2);
    assert.match(severity.stdout, /minimum-failure-severity 'fatal' is not one of error, warning, info, none/);
  });

  it('action.yml passes every input it declares to the script, named as the script reads it', () => {
    const yml = readFileSync('action.yml', 'utf8');
    const declared = [...yml.slice(yml.indexOf('\ninputs:'), yml.indexOf('\noutputs:')).matchAll(/^ {2}([\w-]+):$/gm)].map((m) => m[1]);
    assert.deepEqual(declared, ['paths', 'format', 'minimum-failure-severity', 'var-files', 'plan', 'baseline', 'config', 'sarif-file']);
    for (const name of declared) {
      assert.ok(yml.includes(`INPUT_${name.toUpperCase().replace(/-/g, '_')}: \${{ inputs.${name} }}`), `${name} is not passed`);
    }
    const outputs = [...yml.slice(yml.indexOf('\noutputs:'), yml.indexOf('\nruns:')).matchAll(/^ {2}([\w-]+):$/gm)].map((m) => m[1]);
    assert.deepEqual(outputs, ['sarif-file', 'errors', 'warnings', 'infos', 'failed']);
    assert.match(yml, /run: node "\$GITHUB_ACTION_PATH\/scripts\/github-action\.mjs"/);
  });
});
