/**
 * `npm pack` makes the package users install with `npm install -g aks-netlint`: the CLI and
 * language server bundles, the packages they load WebAssembly from (bundled, so nothing is fetched
 * at install), the rule pages, README, LICENSE and CHANGELOG, and nothing else. The tarball is
 * installed into an empty prefix with an empty npm cache and --offline, so the install proves the
 * package needs no registry; then both bins run from there.
 *
 * npm pack leaves out the dependencies of bundled packages when node_modules is a symlink (a git
 * worktree sharing another checkout's node_modules): such a checkout skips with that reason, never CI.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileUri, TestClient } from '../support/lsp-client.js';

const symlinked = lstatSync('node_modules').isSymbolicLink()
  ? 'node_modules is a symlink (a worktree): npm pack would leave out fs-extra and the other dependencies of bundled packages'
  : undefined;
if (symlinked && process.env.CI === 'true') throw new Error(`CI must test the npm package: ${symlinked}`);

/** What may be in the tarball: the run-time packages are whole, as npm bundles them. */
const ALLOWED = [
  /^package\.json$/,
  /^(README\.md|LICENSE|CHANGELOG\.md)$/,
  /^dist\/(cli|server|hcl2json-worker|isomorphic-git)\.js$/,
  /^docs\/rules\/[\w-]+\.md$/,
  /^node_modules\/(web-tree-sitter|@tree-sitter-grammars\/tree-sitter-hcl|node-addon-api|node-gyp-build|@cdktf\/hcl2json|fs-extra|graceful-fs|jsonfile|universalify)\//,
];

const npm = (args: string[], cwd: string) =>
  spawnSync('npm', args, { cwd, encoding: 'utf8', timeout: 180000, env: { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' } });

describe('the npm package', { skip: symlinked }, () => {
  let dir: string;
  let tarball: string;
  let files: string[];
  let prefix: string;
  // The bins start with `#!/usr/bin/env node`: this Node first on PATH.
  const env = { ...process.env, PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH}`, NO_COLOR: '1' };

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'aks-netlint-npm-'));
    // --ignore-scripts: `prepare` would rebuild dist/ under the other test files reading it; `npm test` built it.
    const pack = npm(['pack', '--json', '--ignore-scripts', '--pack-destination', dir], resolve('.'));
    assert.equal(pack.status, 0, `npm pack failed: ${pack.stderr}`);
    const [info] = JSON.parse(pack.stdout) as { filename: string; files: { path: string }[] }[];
    tarball = join(dir, info.filename);
    files = info.files.map((f) => f.path).sort();
    prefix = join(dir, 'prefix');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('holds the bundles, the WebAssembly they load, the rule pages and the docs, and nothing else', () => {
    assert.deepEqual(files.filter((f) => !ALLOWED.some((re) => re.test(f))), []);
    for (const needed of [
      'package.json',
      'README.md',
      'LICENSE',
      'CHANGELOG.md',
      'dist/cli.js',
      'dist/server.js',
      'dist/hcl2json-worker.js',
      'dist/isomorphic-git.js',
      'docs/rules/cilium-requires-cilium-policy.md',
      'node_modules/web-tree-sitter/tree-sitter.cjs',
      'node_modules/web-tree-sitter/tree-sitter.wasm',
      'node_modules/@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm',
      'node_modules/@cdktf/hcl2json/main.wasm.gz',
      'node_modules/fs-extra/package.json',
    ]) {
      assert.ok(files.includes(needed), `${needed} is missing`);
    }
    // Every rule page, to read offline beside the links to GitHub the findings carry.
    const pages = readdirSync('docs/rules').filter((f) => f.endsWith('.md')).map((f) => `docs/rules/${f}`);
    assert.deepEqual(files.filter((f) => f.startsWith('docs/')), pages.sort());
  });

  it('is publishable: no private flag, its links, engines and both bins', () => {
    const manifest = JSON.parse(readFileSync('package.json', 'utf8'));
    assert.equal(manifest.private, undefined);
    assert.equal(manifest.repository.url, 'https://github.com/aks-netlint/aks-netlint.git');
    assert.equal(manifest.bugs.url, 'https://github.com/aks-netlint/aks-netlint/issues');
    assert.equal(manifest.homepage, 'https://github.com/aks-netlint/aks-netlint#readme');
    assert.equal(manifest.engines.node, '>=20');
    assert.ok(manifest.keywords.includes('terraform') && manifest.keywords.includes('linter'));
    assert.deepEqual(manifest.bin, { 'aks-netlint': 'dist/cli.js', 'aks-netlint-ls': 'dist/server.js' });
    // Every run-time dependency travels in the tarball; the rest is compiled into the bundles.
    assert.deepEqual(Object.keys(manifest.dependencies).sort(), [...manifest.bundleDependencies].sort());
  });

  it('installs offline into an empty prefix, and aks-netlint checks examples/broken from there', () => {
    const install = npm(['install', '-g', '--prefix', prefix, '--offline', '--cache', join(dir, 'empty-cache'), tarball], dir);
    assert.equal(install.status, 0, `npm install failed: ${install.stderr}${install.stdout}`);
    const bin = join(prefix, 'bin', 'aks-netlint');
    assert.ok(existsSync(bin), `${bin} is missing`);
    const run = spawnSync(bin, [resolve('examples/broken')], { encoding: 'utf8', env, cwd: dir });
    assert.equal(run.stderr, '');
    assert.equal(run.status, 1);
    assert.match(run.stdout, /\/examples\/broken\/main\.tf:68:26 error cilium-requires-cilium-policy network_policy "calico" cannot run on the Cilium data plane/);
    assert.match(run.stdout, /^6 problems \(6 errors, 0 warnings, 0 info\) in 1 file\./m);
    // isomorphic-git, a bundle of its own that --baseline loads: this checkout's HEAD holds the example as it is.
    const compared = spawnSync(bin, [resolve('examples/broken'), '--baseline', 'HEAD'], { encoding: 'utf8', env, cwd: dir });
    assert.equal(compared.stderr, '');
    assert.equal(compared.stdout, run.stdout);
    // hcl2json's worker and wasm: a syntax error gets HashiCorp's message, not tree-sitter's.
    const broken = spawnSync(bin, [resolve('test/fixtures/modules/syntax-error/main.tf'), '--format', 'json'], { encoding: 'utf8', env, cwd: dir });
    assert.equal(broken.status, 1, broken.stderr);
    assert.match(broken.stdout, /"ruleId": "hcl-syntax",[^}]*"message": "Invalid expression/);
  });

  it('runs aks-netlint-ls --stdio from the prefix: initialize, then a diagnostic', async () => {
    const client = await TestClient.start({ command: join(prefix, 'bin', 'aks-netlint-ls'), env });
    try {
      assert.equal(client.initializeResult.serverInfo?.name, 'aks-netlint');
      const path = resolve('examples/broken/main.tf');
      await client.open(fileUri(path), readFileSync(path, 'utf8'));
      const published = await client.diagnostics(fileUri(path), (p) => p.diagnostics.some((d) => d.code === 'cilium-requires-cilium-policy'));
      assert.equal(published.diagnostics.length, 6);
    } finally {
      await client.stop();
    }
  });
});
