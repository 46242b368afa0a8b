/**
 * The pre-commit hook with Debian's `pre-commit`: `pre-commit try-repo <hook repository> aks-netlint
 * --files ...` in a git repository this test creates, with a good commit and a bad one. The hook
 * repository is a fresh git repository holding this checkout's .pre-commit-hooks.yaml and script
 * (what pre-commit would clone from GitHub); aks-netlint is on PATH as after `npm install -g`.
 * Skips with a reason where pre-commit is missing, except in CI, where .ci/run installs it.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';

const missing = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' }).status === 0 ? undefined : 'pre-commit is not installed (apt-get install -y pre-commit)';
if (missing && process.env.CI === 'true') throw new Error(`CI must run the pre-commit hook test: ${missing}`);

describe('the pre-commit hook', { skip: missing }, () => {
  let dir: string;
  let hooks: string;
  let project: string;
  let env: NodeJS.ProcessEnv;

  const git = (cwd: string, ...args: string[]) => {
    const run = spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd, encoding: 'utf8', env });
    assert.equal(run.status, 0, `git ${args.join(' ')}: ${run.stderr}`);
  };
  const tryRepo = (...files: string[]) => spawnSync('pre-commit', ['try-repo', hooks, 'aks-netlint', '--color', 'never', '--files', ...files], { cwd: project, encoding: 'utf8', env });

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'aks-netlint-pre-commit-'));
    const bin = join(dir, 'bin');
    mkdirSync(bin);
    symlinkSync(resolve('dist/cli.js'), join(bin, 'aks-netlint'));
    // No user or system git config and pre-commit's cache in the temp folder: nothing of this machine's.
    env = { PATH: [bin, dirname(process.execPath), process.env.PATH].join(delimiter), HOME: dir, PRE_COMMIT_HOME: join(dir, 'cache'), GIT_CONFIG_NOSYSTEM: '1', NO_COLOR: '1' };

    hooks = join(dir, 'hooks');
    mkdirSync(join(hooks, 'scripts'), { recursive: true });
    copyFileSync('.pre-commit-hooks.yaml', join(hooks, '.pre-commit-hooks.yaml'));
    copyFileSync('scripts/pre-commit-hook.mjs', join(hooks, 'scripts', 'pre-commit-hook.mjs'));
    git(hooks, 'init', '-q');
    git(hooks, 'add', '-A');
    git(hooks, 'commit', '-q', '-m', 'hooks');

    project = join(dir, 'project');
    mkdirSync(join(project, 'infra'), { recursive: true });
    git(project, 'init', '-q');
    cpSync(resolve('examples/overlay-cilium'), join(project, 'infra', 'good'), { recursive: true });
    git(project, 'add', '-A');
    git(project, 'commit', '-q', '-m', 'good');
    cpSync(resolve('examples/broken'), join(project, 'infra', 'bad'), { recursive: true });
    writeFileSync(join(project, 'infra', 'bad', 'outputs.tf'), 'output "name" {\n  value = azurerm_kubernetes_cluster.aks.name\n}\n');
    git(project, 'add', '-A');
    git(project, 'commit', '-q', '-m', 'bad');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('passes the good commit', () => {
    const run = tryRepo('infra/good/main.tf', 'infra/good/README.md');
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /^aks-netlint\.+Passed$/m);
  });

  it('fails the bad commit with the findings of the module of a staged file', () => {
    // Only outputs.tf is staged: the findings are in main.tf beside it, in the same module.
    const run = tryRepo('infra/bad/outputs.tf');
    assert.equal(run.status, 1, run.stdout + run.stderr);
    assert.match(run.stdout, /^aks-netlint\.+Failed$/m);
    assert.match(run.stdout, /^- exit code: 1$/m);
    assert.match(run.stdout, /^infra\/bad\/main\.tf:68:26 error cilium-requires-cilium-policy network_policy "calico" cannot run on the Cilium data plane/m);
    assert.match(run.stdout, /^6 problems \(6 errors, 0 warnings, 0 info\) in 2 files\./m);
  });

  it('checks each module once when several of its files and another module are staged', () => {
    const run = tryRepo('infra/bad/main.tf', 'infra/bad/outputs.tf', 'infra/good/main.tf');
    assert.equal(run.status, 1, run.stdout + run.stderr);
    assert.equal(run.stdout.match(/cilium-requires-cilium-policy/g)?.length, 1);
    assert.match(run.stdout, /^6 problems \(6 errors, 0 warnings, 0 info\) in 3 files\./m);
  });

  it('says how to install aks-netlint when it is not on PATH', () => {
    const run = spawnSync(process.execPath, [resolve('scripts/pre-commit-hook.mjs'), 'infra/good/main.tf'], { cwd: project, encoding: 'utf8', env: { PATH: '/nonexistent' } });
    assert.equal(run.status, 2);
    assert.equal(run.stderr, 'aks-netlint pre-commit hook: aks-netlint is not on PATH: npm install -g aks-netlint\n');
  });
});
