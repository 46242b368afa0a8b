/**
 * `--baseline <ref>` on real repositories: the ref resolved once per repository and handed to
 * each module's check, the JSON and SARIF outputs naming it, and a ref that names nothing (or no
 * repository at all) stopping the run with one line and exit 2. The built CLI is run too, with
 * worker threads, since the workers read the commit.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { checkModule, type ModuleTask } from '../../server/src/cli/check-module.js';
import { runInProcess, spawnCli } from '../support/run-cli.js';
import { clusterTf, commitFiles, git, gitMissing, tempDir, writeFiles } from '../support/git-repository.js';

const KUBENET = clusterTf('aks', 'network_plugin = "kubenet"');
const OVERLAY = clusterTf('aks', 'network_plugin = "azure"\n    network_plugin_mode = "overlay"\n    pod_cidr = "10.244.0.0/16"');

describe('--baseline', { skip: gitMissing }, () => {
  let temp: ReturnType<typeof tempDir>;
  let repo: string;
  let head: string;

  before(() => {
    temp = tempDir('aks-netlint-cli-baseline-');
    repo = join(temp.dir, 'repo');
    git(temp.dir, 'init', '-q', 'repo');
    head = commitFiles(repo, { 'envs/a/main.tf': KUBENET, 'envs/b/main.tf': KUBENET });
    writeFiles(repo, { 'envs/a/main.tf': OVERLAY, 'envs/b/main.tf': OVERLAY, 'envs/new/main.tf': OVERLAY });
  });
  after(() => temp.remove());

  it('hands every module the commit of its repository, resolved once', async () => {
    const tasks: ModuleTask[] = [];
    const result = await runInProcess(['--baseline', 'HEAD', '--format', 'json', 'envs'], repo, {
      checkModule: (task, parsers) => {
        tasks.push(task);
        return checkModule(task, parsers);
      },
    });
    assert.equal(result.stderr, '');
    assert.equal(result.code, 0, result.stdout);
    assert.deepEqual(
      tasks.map((t) => [t.dir, t.baseline?.commit, t.baseline?.label]),
      ['a', 'b', 'new'].map((d) => [join(repo, 'envs', d), head, `HEAD (${head.slice(0, 7)})`]),
    );
    assert.equal(tasks[0].baseline, tasks[1].baseline);
    assert.deepEqual(JSON.parse(result.stdout).baselines, [{ ref: 'HEAD', commit: head, repository: '.' }]);
  });

  it('names the baseline in SARIF run properties', async () => {
    const result = await runInProcess(['--baseline', 'main', '--format', 'sarif', 'a'], join(repo, 'envs'));
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(JSON.parse(result.stdout).runs[0].properties, { baselines: [{ ref: 'main', commit: head, repository: '..' }] });
  });

  it('leaves the outputs as they were without --baseline', async () => {
    const json = JSON.parse((await runInProcess(['--format', 'json', 'envs'], repo)).stdout);
    assert.equal('baselines' in json, false);
    const sarif = JSON.parse((await runInProcess(['--format', 'sarif', 'envs'], repo)).stdout);
    assert.equal('properties' in sarif.runs[0], false);
  });

  it('stops with one line and exit 2 when the ref names no commit', async () => {
    const result = await runInProcess(['--baseline', 'origin/main', 'envs'], repo);
    assert.equal(result.code, 2);
    assert.equal(result.stdout, '');
    assert.equal(
      result.stderr,
      `aks-netlint: no baseline: "origin/main" is not a branch, tag or commit of the repository at ${repo} (fetch it first: a shallow checkout has only the commit it checked out)\n`,
    );
  });

  it('stops with one line and exit 2 in an empty repository', async () => {
    const empty = join(temp.dir, 'empty');
    git(temp.dir, 'init', '-q', 'empty');
    writeFiles(empty, { 'main.tf': KUBENET });
    const result = await runInProcess(['--baseline', 'HEAD', '.'], empty);
    assert.equal(result.code, 2);
    assert.equal(result.stderr, `aks-netlint: no baseline: the repository at ${empty} has no commit yet (HEAD names main)\n`);
  });

  it('is refused with --plan, and without a ref', async () => {
    const plan = await runInProcess(['--baseline', 'HEAD', '--plan', 'plan.json'], repo);
    assert.equal(plan.code, 2);
    assert.equal(plan.stderr, "aks-netlint: --baseline cannot be used with --plan: the plan's prior state is the baseline\n");
    const empty = await runInProcess(['--baseline', '', 'envs'], repo);
    assert.equal(empty.code, 2);
    assert.equal(empty.stderr, 'aks-netlint: --baseline needs a git ref (HEAD, a branch, a tag or a commit)\n');
  });

  it('works with --fix', async () => {
    const result = await runInProcess(['--baseline', 'HEAD', '--fix', '--format', 'json', 'envs/a'], repo);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(JSON.parse(result.stdout).baselines[0].commit, head);
  });

  it('reads the commit in worker threads of the built CLI', () => {
    const result = spawnCli(['--baseline', 'HEAD', '--format', 'json', 'envs'], repo, { AKS_NETLINT_THREADS: '2' }, 60_000);
    assert.equal(result.stderr, '');
    assert.equal(result.code, 0);
    assert.deepEqual(JSON.parse(result.stdout).baselines, [{ ref: 'HEAD', commit: head, repository: '.' }]);
  });
});

/** The docs' example of change-replaces-cluster: azurerm 4.65.0, kubenet at HEAD, overlay in the work tree. */
const pinned = (network: string) => `terraform {
  required_providers {
    azurerm = { source = "hashicorp/azurerm", version = "4.65.0" }
  }
}

resource "azurerm_kubernetes_cluster" "aks" {
  name                = "aks-demo"
  location            = "westeurope"
  resource_group_name = "rg-aks-demo"
  dns_prefix          = "aksdemo"

  default_node_pool {
    name       = "system"
    vm_size    = "Standard_D4s_v5"
    node_count = 3
  }

  identity {
    type = "UserAssigned"
    identity_ids = ["/subscriptions/0000/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/aks"]
  }

  network_profile {
    ${network}
  }
}
`;

describe('--baseline: what a change does, in every output', { skip: gitMissing }, () => {
  let temp: ReturnType<typeof tempDir>;
  let repo: string;
  let head: string;

  before(() => {
    temp = tempDir('aks-netlint-cli-change-');
    repo = join(temp.dir, 'repo');
    git(temp.dir, 'init', '-q', 'repo');
    head = commitFiles(repo, {
      'root/main.tf': pinned('network_plugin = "kubenet"'),
      'tree/main.tf': 'module "aks" {\n  source = "../modules/aks"\n}\n',
      'modules/aks/main.tf': pinned('network_plugin = "kubenet"'),
    });
    writeFiles(repo, { 'root/main.tf': pinned('network_plugin      = "azure"\n    network_plugin_mode = "overlay"'), 'modules/aks/main.tf': pinned('network_plugin = "azure"') });
  });
  after(() => temp.remove());

  const at = () => `HEAD (${head.slice(0, 7)})`;

  it('fails the run on a replacement, on the changed value', async () => {
    const result = await runInProcess(['--baseline', 'HEAD', '--no-color', 'root'], repo);
    assert.equal(result.code, 1, result.stderr);
    assert.match(
      result.stdout,
      /^root\/main\.tf:25:27 error change-replaces-cluster network_plugin changes from "kubenet" to "azure": azurerm 4\.65\.0 \(required_providers\) cannot update it in place, so Terraform will replace the cluster/m,
    );
    const without = await runInProcess(['--no-color', 'root'], repo);
    assert.doesNotMatch(without.stdout, /change-replaces-cluster/);
  });

  it('finds the change in a local module the root calls, read at the commit too', async () => {
    const result = await runInProcess(['--baseline', 'HEAD', '--format', 'json', 'tree'], repo);
    assert.equal(result.code, 1, result.stderr);
    const json = JSON.parse(result.stdout) as { baselines: unknown; findings: { ruleId: string; file: string; range: { start: { line: number } }; related: { message: string }[] }[] };
    const change = json.findings.find((f) => f.ruleId === 'change-replaces-cluster');
    assert.ok(change, result.stdout);
    assert.equal(change.file, 'modules/aks/main.tf');
    assert.equal(change.range.start.line, 25);
    assert.ok(change.related.some((r) => r.message.includes(at())), JSON.stringify(change.related));
    assert.deepEqual(json.baselines, [{ ref: 'HEAD', commit: head, repository: '.' }]);
  });

  it('puts the finding in SARIF with the baseline in the run properties', async () => {
    const result = await runInProcess(['--baseline', 'HEAD', '--format', 'sarif', 'root'], repo);
    assert.equal(result.code, 1, result.stderr);
    const run = JSON.parse(result.stdout).runs[0];
    assert.deepEqual(run.properties, { baselines: [{ ref: 'HEAD', commit: head, repository: '.' }] });
    const change = run.results.find((r: { ruleId: string }) => r.ruleId === 'change-replaces-cluster');
    assert.equal(change.level, 'error');
    assert.deepEqual(change.locations[0].physicalLocation.region, { startLine: 25, startColumn: 27, endLine: 25, endColumn: 34 });
  });

  it('finds them in worker threads of the built CLI as in-process', () => {
    const result = spawnCli(['--baseline', 'HEAD', '--format', 'json', 'root', 'tree'], repo, { AKS_NETLINT_THREADS: '2' }, 60_000);
    assert.equal(result.code, 1, result.stderr);
    const changes = (JSON.parse(result.stdout).findings as { ruleId: string; file: string }[]).filter((f) => f.ruleId === 'change-replaces-cluster');
    assert.deepEqual(changes.map((f) => f.file).sort(), ['modules/aks/main.tf', 'root/main.tf']);
  });

  it('finds nothing to compare at a commit where the module matches the work tree', async () => {
    const clean = join(temp.dir, 'clean');
    git(temp.dir, 'clone', '-q', repo, clean);
    const result = await runInProcess(['--baseline', 'HEAD', '--format', 'json', 'root'], clean);
    assert.deepEqual((JSON.parse(result.stdout).findings as { ruleId: string }[]).filter((f) => f.ruleId.startsWith('change-')), []);
  });
});
