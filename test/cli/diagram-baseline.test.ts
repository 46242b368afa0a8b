/**
 * `aks-netlint diagram --baseline <ref>` on a real repository made with the system git: the
 * cluster committed with kubenet, moved to Azure CNI Overlay in the work tree; the diagram marks
 * what the change alters and its legend names the commit; a plan's prior state does the same. A
 * ref that names nothing, or a baseline without a module path, is a usage error (exit 2).
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { commitFiles, git, tempDir } from '../support/git-repository.js';
import { runInProcess, spawnCli } from '../support/run-cli.js';

const clusterTf = (network: string) => `resource "azurerm_kubernetes_cluster" "aks" {
  name = "aks-demo"
  default_node_pool {
    name = "system"
  }
  network_profile {
${network}
  }
}
`;

describe('aks-netlint diagram --baseline', () => {
  let repo: ReturnType<typeof tempDir>;
  let sha: string;
  before(() => {
    repo = tempDir('aks-netlint-diagram-baseline-');
    git(repo.dir, 'init', '-q');
    sha = commitFiles(repo.dir, { 'envs/prod/main.tf': clusterTf('    network_plugin = "kubenet"') }).slice(0, 7);
    writeFileSync(join(repo.dir, 'envs/prod/main.tf'), clusterTf('    network_plugin      = "azure"\n    network_plugin_mode = "overlay"'));
  });
  after(() => repo.remove());

  it('marks what changed since the ref, and names the commit in the legend', () => {
    const result = spawnCli(['diagram', 'envs/prod', '--baseline', 'HEAD'], repo.dir);
    assert.equal(result.stderr, '');
    assert.equal(result.code, 0);
    const lines = result.stdout.split('\n');
    assert.ok(lines.includes(`  changes["Changed since HEAD (${sha})<br/>network_plugin #quot;kubenet#quot; → #quot;azure#quot;<br/>network_plugin_mode not set → #quot;overlay#quot;"]`), result.stdout);
    assert.ok(lines.includes('  class pods,remotePods,edge5 changed'), result.stdout);
    // Without --baseline, nothing is marked.
    assert.doesNotMatch(spawnCli(['diagram', 'envs/prod'], repo.dir).stdout, /changed|changes/);
  });

  it('the markdown lists the changes', async () => {
    const { stdout, code } = await runInProcess(['diagram', 'envs/prod', '--baseline', 'HEAD', '--format', 'markdown'], repo.dir);
    assert.equal(code, 0);
    assert.ok(stdout.includes(`## Changed since HEAD (${sha})\n\nThe boxes and arrows drawn with a dashed orange line are what the change alters.\n\n| Setting | At HEAD (${sha}) | Now |\n| --- | --- | --- |\n| \`network_plugin\` | "kubenet" | "azure" |\n| \`network_plugin_mode\` | not set | "overlay" |\n`), stdout);
  });

  it("with --plan, the plan's prior state is the baseline", async () => {
    const { stdout, code } = await runInProcess(['diagram', '--plan', 'examples/plan-change/plan.json']);
    assert.equal(code, 0);
    assert.ok(stdout.includes('  changes["Changed since the plan\'s prior state<br/>network_plugin #quot;kubenet#quot; → #quot;azure#quot;<br/>network_plugin_mode not set → #quot;overlay#quot;"]\n'), stdout);
  });

  it('exits 2 for a ref that names nothing and for a baseline without a module', async () => {
    const unknown = await runInProcess(['diagram', 'envs/prod', '--baseline', 'origin/nope'], repo.dir);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /^aks-netlint: no baseline: .*origin\/nope.*\n$/);
    assert.equal(unknown.stdout, '');
    const planOnly = await runInProcess(['diagram', '--plan', 'plan.json', '--baseline', 'HEAD'], repo.dir);
    assert.deepEqual([planOnly.code, planOnly.stderr], [2, 'aks-netlint: --baseline compares a module with a git ref: give the module path too\n']);
  });
});
