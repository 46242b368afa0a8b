/**
 * The git baseline on real repositories made with the system git: each kind of ref, packed
 * objects, a linked worktree, a shallow clone, and every way a baseline can be unavailable, which
 * must come back as one line, never a throw. What is read is the commit: never the work tree or
 * the index, and nothing in the repository is written.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Baseline } from '../../server/src/engine/aks/prior-settings.js';
import { readGitBaseline, resolveGitBaseline, type GitBaselineLimits, type GitCommit } from '../../server/src/host/git-baseline.js';
import { packedObjectSize } from '../../server/src/host/git-object-size.js';
import { loadParsers } from '../../server/src/host/load-parsers.js';
import { readOnlyGitFs } from '../../server/src/host/read-only-git-fs.js';
import { clusterTf, commitFiles, git, gitMissing, tempDir, writeFiles } from '../support/git-repository.js';

const KUBENET = clusterTf('aks', 'network_plugin = "kubenet"');
const OVERLAY = clusterTf('aks', 'network_plugin = "azure"\n    network_plugin_mode = "overlay"');
const CILIUM = clusterTf('aks', 'network_plugin = "azure"\n    network_plugin_mode = "overlay"\n    network_data_plane = "cilium"');

async function resolved(dir: string, ref: string, limits?: GitBaselineLimits): Promise<GitCommit> {
  const at = await resolveGitBaseline(dir, ref, limits);
  assert.ok(!('unavailable' in at), `${ref}: ${'unavailable' in at ? at.unavailable : ''}`);
  return at;
}

async function baselineAt(dir: string, ref: string, options: { moduleDir?: string; limits?: GitBaselineLimits } = {}): Promise<Baseline> {
  const at = await resolved(dir, ref, options.limits);
  const baseline = await readGitBaseline(at, { dir: options.moduleDir ?? dir }, await loadParsers(), { limits: options.limits });
  assert.ok(!('unavailable' in baseline), `${ref}: ${'unavailable' in baseline ? baseline.unavailable : ''}`);
  return baseline;
}

/** A setting of an instance of a baseline. */
const priorOf = (baseline: Baseline, address: string, path: string) => baseline.instances.get(address)?.settings.get(path)?.value;

async function unavailable(dir: string, ref: string, limits?: GitBaselineLimits, moduleDir = dir): Promise<string> {
  const at = await resolveGitBaseline(dir, ref, limits);
  if ('unavailable' in at) return at.unavailable;
  const baseline = await readGitBaseline(at, { dir: moduleDir }, await loadParsers(), { limits });
  assert.ok('unavailable' in baseline, `${ref} was read`);
  return baseline.unavailable;
}

/** Every path under a directory with its size and modification time: to prove nothing was written. */
function snapshot(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const path = join(entry.parentPath, entry.name);
    const stat = statSync(path);
    out.push(`${path} ${stat.size} ${stat.mtimeMs}`);
  }
  return out.sort();
}

describe('the git baseline', { skip: gitMissing }, () => {
  let temp: ReturnType<typeof tempDir>;
  let repo: string;
  let first: string;
  let second: string;

  before(() => {
    temp = tempDir('aks-netlint-git-');
    repo = join(temp.dir, 'repo');
    git(temp.dir, 'init', '-q', 'repo');
    first = commitFiles(repo, { 'main.tf': KUBENET }, 'kubenet');
    git(repo, 'tag', 'light');
    git(repo, 'tag', '-a', 'v1', '-m', 'release 1');
    git(repo, 'branch', 'old');
    second = commitFiles(repo, { 'main.tf': OVERLAY }, 'overlay');
    // The work tree and the index hold a third state: the baseline must not see it.
    writeFiles(repo, { 'main.tf': CILIUM });
  });
  after(() => temp.remove());

  it('reads HEAD: the last commit, not the work tree', async () => {
    const at = await resolved(repo, 'HEAD');
    assert.deepEqual(at, { gitdir: join(repo, '.git'), repoDir: repo, commit: second, ref: 'HEAD', label: `HEAD (${second.slice(0, 7)})` });
    const baseline = await baselineAt(repo, 'HEAD');
    assert.deepEqual(baseline.info, { kind: 'git', label: `HEAD (${second.slice(0, 7)})` });
    assert.equal(baseline.key, second);
    assert.equal(priorOf(baseline, 'azurerm_kubernetes_cluster.aks', 'network.plugin'), 'azure');
    assert.equal(priorOf(baseline, 'azurerm_kubernetes_cluster.aks', 'network.pluginMode'), 'overlay');
    assert.notEqual(priorOf(baseline, 'azurerm_kubernetes_cluster.aks', 'network.dataPlane'), 'cilium');
  });

  it('reads the commit, not the index', async () => {
    git(repo, 'add', 'main.tf');
    try {
      const baseline = await baselineAt(repo, 'HEAD');
      assert.equal(priorOf(baseline, 'azurerm_kubernetes_cluster.aks', 'network.pluginMode'), 'overlay');
      assert.notEqual(priorOf(baseline, 'azurerm_kubernetes_cluster.aks', 'network.dataPlane'), 'cilium');
    } finally {
      git(repo, 'reset', '-q', 'main.tf');
    }
  });

  it('resolves a branch, a tag, an annotated tag, a commit id, an abbreviated one and HEAD~1', async () => {
    for (const ref of ['old', 'light', 'v1', first, first.slice(0, 8), 'HEAD~1', 'HEAD^', 'main~1']) {
      const at = await resolved(repo, ref);
      assert.equal(at.commit, first, ref);
    }
    assert.equal((await resolved(repo, 'old')).label, `old (${first.slice(0, 7)})`);
    assert.equal((await resolved(repo, first)).label, first.slice(0, 7));
    assert.equal((await resolved(repo, 'main')).commit, second);
    const baseline = await baselineAt(repo, 'v1');
    assert.equal(priorOf(baseline, 'azurerm_kubernetes_cluster.aks', 'network.plugin'), 'kubenet');
  });

  it('reads origin/main in a clone', async () => {
    const clone = join(temp.dir, 'clone');
    git(temp.dir, 'clone', '-q', repo, clone);
    commitFiles(clone, { 'main.tf': CILIUM }, 'cilium');
    const at = await resolved(clone, 'origin/main');
    assert.equal(at.commit, second);
    assert.equal(at.label, `origin/main (${second.slice(0, 7)})`);
    const baseline = await baselineAt(clone, 'origin/main');
    assert.equal(priorOf(baseline, 'azurerm_kubernetes_cluster.aks', 'network.pluginMode'), 'overlay');
  });

  it('reads packed objects and packed refs after git gc, and writes nothing', async () => {
    const packed = join(temp.dir, 'packed');
    git(temp.dir, 'clone', '-q', repo, packed);
    git(packed, 'branch', 'old', 'origin/old');
    git(packed, 'gc', '-q', '--prune=now');
    assert.ok(readdirSync(join(packed, '.git', 'objects', 'pack')).some((f) => f.endsWith('.pack')));
    const before = snapshot(packed);
    assert.equal((await resolved(packed, 'old')).commit, first);
    assert.equal(priorOf(await baselineAt(packed, 'old'), 'azurerm_kubernetes_cluster.aks', 'network.plugin'), 'kubenet');
    assert.equal(priorOf(await baselineAt(packed, 'HEAD'), 'azurerm_kubernetes_cluster.aks', 'network.plugin'), 'azure');
    assert.deepEqual(snapshot(packed), before);
  });

  it('refuses a FIFO where git keeps a file, at once, instead of waiting on it for good', async () => {
    for (const name of ['HEAD', 'packed-refs']) {
      const hostile = join(temp.dir, `fifo-${name}`);
      git(temp.dir, 'clone', '-q', repo, hostile);
      git(hostile, 'pack-refs', '--all');
      rmSync(join(hostile, '.git', name));
      const made = spawnSync('mkfifo', [join(hostile, '.git', name)]);
      assert.equal(made.status, 0, 'mkfifo');
      const reason = await unavailable(hostile, name === 'HEAD' ? 'HEAD' : 'old');
      assert.match(reason, new RegExp(`\\.git/${name} is a FIFO, not a regular file`), reason);
    }
  });

  it('refuses a pack file over the limit, with the reason', async () => {
    const packed = join(temp.dir, 'big-pack');
    git(temp.dir, 'clone', '-q', repo, packed);
    git(packed, 'gc', '-q', '--prune=now');
    const reason = await unavailable(packed, 'HEAD', { git: { maxPackBytes: 100 } });
    assert.match(reason, /^the pack file .*\.pack is \d+ bytes, more than the 100 bytes aks-netlint reads$/);
  });

  it('finds the size of every object of a pack whose index holds many names with one first byte', async () => {
    // 400 files: names sharing their first byte are sure, so the index's binary search is walked both ways.
    const many = join(temp.dir, 'many-objects');
    git(temp.dir, 'init', '-q', 'many-objects');
    commitFiles(many, Object.fromEntries(Array.from({ length: 400 }, (_, i) => [`f${i}.txt`, `file ${i}\n`])), 'many');
    git(many, 'gc', '-q', '--prune=now');
    const gitdir = join(many, '.git');
    const idx = readdirSync(join(gitdir, 'objects', 'pack')).filter((f) => f.endsWith('.idx')).map((f) => join(gitdir, 'objects', 'pack', f));
    const oids = git(many, 'verify-pack', '-v', ...idx).split('\n').filter((line) => /^[0-9a-f]{40} /.test(line)).map((line) => line.slice(0, 40));
    assert.ok(oids.length > 400);
    assert.ok(new Set(oids.map((oid) => oid.slice(0, 2))).size < oids.length, 'names share a first byte');
    const missing: string[] = [];
    for (const oid of oids) if ((await packedObjectSize(readOnlyGitFs(), gitdir, oid, {})) === undefined) missing.push(oid);
    assert.deepEqual(missing, []);
  });

  it('refuses a packed object that inflates past the limit before inflating it, deltas included', async () => {
    const packed = join(temp.dir, 'packed-objects');
    git(temp.dir, 'clone', '-q', '--no-local', repo, packed);
    git(packed, 'branch', 'old', 'origin/old');
    git(packed, 'gc', '-q', '--prune=now', '--aggressive');
    const gitdir = join(packed, '.git');
    const verify = git(packed, 'verify-pack', '-v', ...readdirSync(join(gitdir, 'objects', 'pack')).filter((f) => f.endsWith('.idx')).map((f) => join(gitdir, 'objects', 'pack', f)));
    const objects = verify.split('\n').filter((line) => /^[0-9a-f]{40} /.test(line)).map((line) => line.split(/\s+/));
    assert.ok(objects.some((o) => o.length >= 7), 'the pack holds a delta');
    for (const [oid] of objects) {
      const size = Number(git(packed, 'cat-file', '-s', oid));
      const declared = await packedObjectSize(readOnlyGitFs(), gitdir, oid, {});
      assert.ok(declared !== undefined && declared >= size, `${oid}: ${declared} < ${size}`);
    }
    for (const ref of ['HEAD', 'old']) {
      const blob = git(packed, 'rev-parse', `${ref}:main.tf`);
      const limit = Number(git(packed, 'cat-file', '-s', blob)) - 1;
      // A delta counts its base too: isomorphic-git inflates both.
      const reason = await unavailable(packed, ref, { git: { maxObjectBytes: limit } });
      const match = new RegExp(`^the object ${blob.slice(0, 12)} is (\\d+) bytes once inflated, more than the ${limit} bytes aks-netlint reads$`).exec(reason);
      assert.ok(match && Number(match[1]) > limit, reason);
    }
  });

  it('refuses a loose object that inflates past the limit', async () => {
    const reason = await unavailable(repo, 'HEAD', { git: { maxObjectBytes: 50 } });
    assert.match(reason, /^the object .*\/objects\/[0-9a-f]{2}\/[0-9a-f]{38} is \d+ bytes once inflated, more than the 50 bytes aks-netlint reads$/);
  });

  it('reads HEAD of a linked worktree (.git is a file, objects in the common directory)', async () => {
    const worktree = join(temp.dir, 'worktree');
    git(repo, 'worktree', 'add', '-q', '-b', 'feature', worktree, 'old');
    const third = commitFiles(worktree, { 'main.tf': CILIUM }, 'cilium');
    assert.ok(statSync(join(worktree, '.git')).isFile());
    const at = await resolved(worktree, 'HEAD');
    assert.equal(at.commit, third);
    assert.equal(at.repoDir, worktree);
    assert.equal(at.gitdir, join(repo, '.git'));
    assert.equal(priorOf(await baselineAt(worktree, 'HEAD'), 'azurerm_kubernetes_cluster.aks', 'network.dataPlane'), 'cilium');
    // The main work tree's HEAD is still its own.
    assert.equal((await resolved(repo, 'HEAD')).commit, second);
  });

  it('reads a shallow clone (fetch-depth 1), and says why its history is missing', async () => {
    const shallow = join(temp.dir, 'shallow');
    git(temp.dir, 'clone', '-q', '--depth', '1', `file://${repo}`, shallow);
    assert.equal(priorOf(await baselineAt(shallow, 'HEAD'), 'azurerm_kubernetes_cluster.aks', 'network.pluginMode'), 'overlay');
    assert.match(await unavailable(shallow, 'HEAD~1'), /^cannot read [0-9a-f]{12}, the object "HEAD~1" names: not in the repository \(a shallow clone, or a corrupt repository\)$/);
    assert.match(await unavailable(shallow, first), /^cannot read [0-9a-f]{12}, the object .* names: not in the repository \(a shallow clone, or a corrupt repository\)$/);
  });

  it('says why a ref, a repository or a commit is not there', async () => {
    assert.equal(
      await unavailable(repo, 'origin/nope'),
      `"origin/nope" is not a branch, tag or commit of the repository at ${repo} (fetch it first: a shallow checkout has only the commit it checked out)`,
    );
    assert.equal(await unavailable(repo, 'nope'), `"nope" is not a branch, tag or commit of the repository at ${repo}`);
    assert.equal(await unavailable(repo, '../../etc/passwd'), '"../../etc/passwd" is not a valid git ref');
    assert.equal(await unavailable(repo, 'config'), '"config" is not a ref but a file of the git directory');
    assert.equal(await unavailable(repo, 'HEAD~5'), `"HEAD~5": the commit ${first.slice(0, 12)} has no parent 1`);

    const plain = join(temp.dir, 'plain');
    writeFiles(plain, { 'main.tf': KUBENET });
    // The temp folder may itself be inside a repository on some machines: then there is no "outside".
    const inRepository = spawnSync('git', ['rev-parse', '--git-dir'], { cwd: plain }).status === 0;
    if (!inRepository) assert.equal(await unavailable(plain, 'HEAD'), `${plain} is not in a git repository`);

    const empty = join(temp.dir, 'empty');
    git(temp.dir, 'init', '-q', 'empty');
    assert.equal(await unavailable(empty, 'HEAD'), `the repository at ${empty} has no commit yet (HEAD names main)`);
  });

  it('says so when an object is missing (a corrupt repository), never throws', async () => {
    const corrupt = join(temp.dir, 'corrupt');
    git(temp.dir, 'init', '-q', 'corrupt');
    const head = commitFiles(corrupt, { 'main.tf': KUBENET });
    const blob = git(corrupt, 'rev-parse', 'HEAD:main.tf');
    rmSync(join(corrupt, '.git', 'objects', blob.slice(0, 2), blob.slice(2)), { force: true });
    assert.equal(await unavailable(corrupt, 'HEAD'), `cannot read HEAD (${head.slice(0, 7)}): not in the repository (a shallow clone, or a corrupt repository)`);
  });

  it('gives no instances for a module directory the commit does not have (every cluster is new)', async () => {
    writeFiles(repo, { 'envs/new/main.tf': KUBENET });
    try {
      const baseline = await baselineAt(repo, 'HEAD', { moduleDir: join(repo, 'envs', 'new') });
      assert.equal(baseline.instances.size, 0);
      assert.equal(baseline.key, second);
    } finally {
      rmSync(join(repo, 'envs'), { recursive: true });
    }
  });
});

describe('the git baseline of a module tree', { skip: gitMissing }, () => {
  let temp: ReturnType<typeof tempDir>;
  let repo: string;

  before(() => {
    temp = tempDir('aks-netlint-git-tree-');
    repo = join(temp.dir, 'repo');
    git(temp.dir, 'init', '-q', 'repo');
    commitFiles(repo, {
      'envs/prod/main.tf': 'module "aks" {\n  source = "../../modules/aks"\n  plugin = var.plugin\n}\nvariable "plugin" {\n  type = string\n}\n',
      'envs/prod/terraform.tfvars': 'plugin = "kubenet"\n',
      'modules/aks/main.tf': clusterTf('this', 'network_plugin = var.plugin\n    pod_cidr = module.net.pod_cidr').replace(/^/, 'variable "plugin" {\n  type = string\n}\nmodule "net" {\n  source = "./net"\n}\n'),
      'modules/aks/net/outputs.tf': 'output "pod_cidr" {\n  value = "10.244.0.0/16"\n}\n',
    });
    // The work tree changes the child's child and the root's var file.
    writeFiles(repo, { 'modules/aks/net/outputs.tf': 'output "pod_cidr" {\n  value = "10.10.0.0/16"\n}\n', 'envs/prod/terraform.tfvars': 'plugin = "azure"\n' });
  });
  after(() => temp.remove());

  it('reads the local modules the root calls, and their calls, at the commit', async () => {
    const baseline = await baselineAt(repo, 'HEAD', { moduleDir: join(repo, 'envs', 'prod') });
    const address = 'module.aks.azurerm_kubernetes_cluster.this';
    assert.deepEqual([...baseline.instances.keys()], [address]);
    assert.equal(priorOf(baseline, address, 'network.plugin'), 'kubenet');
    assert.equal(priorOf(baseline, address, 'network.podCidr'), '10.244.0.0/16');
  });

  it('reads an explicit var file at the commit when it is in the repository', async () => {
    writeFiles(repo, { 'envs/prod/prod.tfvars': 'plugin = "none"\n' });
    commitFiles(repo, {}, 'nothing');
    const at = await resolved(repo, 'HEAD');
    git(repo, 'rm', '-q', '--cached', 'envs/prod/prod.tfvars');
    const dir = join(repo, 'envs', 'prod');
    const baseline = await readGitBaseline(at, { dir, varFiles: [join(dir, 'prod.tfvars')] }, await loadParsers());
    assert.ok(!('unavailable' in baseline));
    assert.equal(priorOf(baseline, 'module.aks.azurerm_kubernetes_cluster.this', 'network.plugin'), 'none');
  });

  it('reads var files the commit does not have (git-ignored) from disk, never the defaults they override', async () => {
    const ignored = join(temp.dir, 'ignored');
    git(temp.dir, 'init', '-q', 'ignored');
    const main = clusterTf('aks', 'network_plugin = var.plugin') + 'variable "plugin" {\n  type    = string\n  default = "kubenet"\n}\n';
    commitFiles(ignored, { '.gitignore': '*.tfvars\n', 'main.tf': main });
    writeFiles(ignored, { 'terraform.tfvars': 'plugin = "azure"\n', 'prod.tfvars': 'plugin = "none"\n' });
    const at = await resolved(ignored, 'HEAD');
    const parsers = await loadParsers();
    const auto = await readGitBaseline(at, { dir: ignored }, parsers);
    assert.ok(!('unavailable' in auto));
    assert.equal(priorOf(auto, 'azurerm_kubernetes_cluster.aks', 'network.plugin'), 'azure');
    const explicit = await readGitBaseline(at, { dir: ignored, varFiles: [join(ignored, 'prod.tfvars')] }, parsers);
    assert.ok(!('unavailable' in explicit));
    assert.equal(priorOf(explicit, 'azurerm_kubernetes_cluster.aks', 'network.plugin'), 'none');
  });

  it('stops at the file limit with the reason', async () => {
    assert.equal(await unavailable(repo, 'HEAD', { commit: { maxFiles: 1 } }, join(repo, 'envs', 'prod')), 'the baseline would read more than 1 files');
  });
});
