/**
 * `aks-netlint diagram` as a user runs it: the built CLI for output, --cluster and the exit code,
 * and run() in-process (what the binary calls) for the many usage errors. The Mermaid of the
 * packet-flow goldens, markdown with paths relative to the working directory, choosing a cluster,
 * and exit code 2 with one line on stderr for every usage error.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runInProcess, spawnCli } from '../support/run-cli.js';

const cluster = (label: string, name: string) =>
  `resource "azurerm_kubernetes_cluster" "${label}" {\n  name = "${name}"\n  default_node_pool {\n    name = "system"\n  }\n  network_profile {\n    network_plugin      = "azure"\n    network_plugin_mode = "overlay"\n  }\n}\n`;

function tempModule(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'aks-netlint-diagram-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

const TWO_CLUSTERS = { 'main.tf': cluster('blue', 'aks-blue') + cluster('green', 'aks-green') };

describe('aks-netlint diagram (built CLI)', () => {
  it('prints the Mermaid of the only cluster of a module directory or of a file in it', async () => {
    const golden = readFileSync('test/fixtures/packet-flow/kubenet/diagram.mmd', 'utf8');
    for (const [i, path] of ['test/fixtures/packet-flow/kubenet', 'test/fixtures/packet-flow/kubenet/main.tf'].entries()) {
      const result = i === 0 ? spawnCli(['diagram', path]) : await runInProcess(['diagram', path]);
      assert.equal(result.stderr, '');
      assert.equal(result.code, 0);
      assert.equal(result.stdout, golden);
    }
    assert.equal((await runInProcess(['diagram', 'test/fixtures/packet-flow/kubenet', '--format', 'mermaid'])).stdout, golden);
  });

  it('prints markdown that names files relative to the working directory', () => {
    const result = spawnCli(['diagram', 'test/fixtures/packet-flow/overlay', '--format', 'markdown']);
    assert.equal(result.code, 0);
    assert.match(result.stdout, /^# Packet flow of azurerm\\_kubernetes\\_cluster\.aks \(aks-prod\)\n/);
    assert.match(result.stdout, /^\| `network_plugin` \| "azure" \| test\/fixtures\/packet-flow\/overlay\/main\.tf:42 \|$/m);
    assert.ok(result.stdout.includes(`\`\`\`mermaid\n${readFileSync('test/fixtures/packet-flow/overlay/diagram.mmd', 'utf8')}\`\`\`\n`));
  });

  it('prints each walkthrough with --view, and every view with --view all', async () => {
    const dir = 'test/fixtures/packet-flow/overlay';
    const golden = (name: string) => readFileSync(join(dir, name), 'utf8');
    assert.equal(spawnCli(['diagram', dir, '--view', 'pod-to-pod']).stdout, golden('walk-pod-to-pod.mmd'));
    for (const view of ['ingress', 'service', 'egress']) assert.equal((await runInProcess(['diagram', dir, '--view', view])).stdout, golden(`walk-${view}.mmd`), view);
    assert.equal((await runInProcess(['diagram', dir, '--view', 'overview'])).stdout, golden('diagram.mmd'));
    const all = (await runInProcess(['diagram', dir, '--view', 'all'])).stdout;
    assert.equal(
      all,
      [`%% view: overview\n${golden('diagram.mmd')}`, ...['ingress', 'service', 'pod-to-pod', 'egress'].map((v) => `%% view: ${v}\n${golden(`walk-${v}.mmd`)}`)].join('\n'),
    );
    const markdown = (await runInProcess(['diagram', dir, '--view', 'pod-to-pod', '--format', 'markdown'])).stdout;
    assert.match(markdown, /^# Packet walkthroughs of azurerm\\_kubernetes\\_cluster\.aks \(aks-prod\)\n/);
    assert.ok(markdown.includes(`## Pod → pod on another node\n\n\`\`\`mermaid\n${golden('walk-pod-to-pod.mmd')}\`\`\`\n`));
    assert.match(markdown, /^- \*\*2\.\*\* `192\.168\.0\.4 → 192\.168\.1\.4`: routed as it is, not encapsulated, subnet NSGs see the pod IPs$/m);
    assert.match(markdown, /^\| `network_plugin` \| "azure" \| test\/fixtures\/packet-flow\/overlay\/main\.tf:42 \|$/m);
  });

  it('picks a cluster by address, resource name or name attribute', async () => {
    const dir = tempModule(TWO_CLUSTERS);
    assert.match(spawnCli(['diagram', dir, '--cluster', 'aks-green']).stdout, /subgraph panelCluster\["Cluster azurerm_kubernetes_cluster\.green \(aks-green\)"\]/);
    for (const query of ['azurerm_kubernetes_cluster.green', 'green', 'aks-green']) {
      const result = await runInProcess(['diagram', dir, '--cluster', query]);
      assert.equal(result.code, 0, query);
      assert.match(result.stdout, /subgraph panelCluster\["Cluster azurerm_kubernetes_cluster\.green \(aks-green\)"\]/, query);
    }
  });

  it('reads variables from --var, as the linter does', async () => {
    const dir = tempModule({ 'main.tf': `variable "mode" {\n  type = string\n}\n\n${cluster('aks', 'aks').replace('"overlay"', 'var.mode')}` });
    assert.match((await runInProcess(['diagram', dir])).stdout, /addressing unknown \(var\.mode has no value/);
    assert.match((await runInProcess(['diagram', dir, '--var', 'mode=overlay'])).stdout, /Azure CNI Overlay: IP from pod_cidr 10\.244\.0\.0\/16 \(AKS default\)/);
  });

  it('reads the var files the config file names, as the linter does', async () => {
    const dir = tempModule({
      'main.tf': `variable "mode" {\n  type = string\n}\n\n${cluster('aks', 'aks').replace('"overlay"', 'var.mode')}`,
      'envs/prod.tfvars': 'mode = "overlay"\n',
      '.aks-netlint.json': '{ "varFiles": ["envs/prod.tfvars"] }\n',
    });
    const result = await runInProcess(['diagram', dir]);
    assert.equal(result.stderr, '');
    assert.match(result.stdout, /Azure CNI Overlay: IP from pod_cidr 10\.244\.0\.0\/16 \(AKS default\)/);
    const lint = await runInProcess([dir, '--report-unknown']);
    assert.doesNotMatch(lint.stdout, /var\.mode has no value/, 'the linter reads the same var file');
  });

  it('exits 2 with one line on stderr for usage errors', async () => {
    const two = tempModule(TWO_CLUSTERS);
    const none = tempModule({ 'main.tf': 'resource "azurerm_resource_group" "rg" {\n  name = "rg"\n}\n' });
    const empty = mkdtempSync(join(tmpdir(), 'aks-netlint-diagram-empty-'));
    for (const [argv, message] of [
      [['diagram', two], `aks-netlint: 2 clusters in '${two}', choose one with --cluster: azurerm_kubernetes_cluster.blue, azurerm_kubernetes_cluster.green\n`],
      [['diagram', two, '--cluster', 'red'], `aks-netlint: no cluster 'red' in '${two}' (clusters: azurerm_kubernetes_cluster.blue, azurerm_kubernetes_cluster.green)\n`],
      [['diagram', none], `aks-netlint: no AKS cluster (azurerm_kubernetes_cluster or azapi managedClusters) in '${none}'\n`],
      [['diagram', empty], `aks-netlint: no Terraform files (.tf, .tf.json) in '${empty}'\n`],
      [['diagram', 'does/not/exist'], "aks-netlint: cannot read 'does/not/exist': no such file or directory\n"],
      [['diagram', 'README.md'], "aks-netlint: 'README.md' is not a Terraform file (.tf, .tf.json, .tfvars)\n"],
      [['diagram', 'test/fixtures/packet-flow/overlay', '--format', 'svg'], "aks-netlint: unknown format 'svg' (expected mermaid or markdown)\n"],
      [['diagram', 'a', 'b'], 'aks-netlint: diagram takes one path, not 2\n'],
      [['diagram', 'test/fixtures/packet-flow/overlay', '--view', 'vxlan'], "aks-netlint: unknown view 'vxlan' (expected overview, ingress, service, pod-to-pod, egress or all)\n"],
      [['diagram', '--frobnicate'], "aks-netlint: Unknown option '--frobnicate'\nRun aks-netlint diagram --help for usage.\n"],
    ] as const) {
      // In-process: the same run() the binary calls, without a process start per case.
      const result = await runInProcess([...argv]);
      assert.equal(result.stderr, message, argv.join(' '));
      assert.equal(result.code, 2, argv.join(' '));
      assert.equal(result.stdout, '');
    }
    const spawned = spawnCli(['diagram', two]);
    assert.equal(spawned.code, 2);
    assert.match(spawned.stderr, /^aks-netlint: 2 clusters in .*, choose one with --cluster: azurerm_kubernetes_cluster\.blue, azurerm_kubernetes_cluster\.green\n$/);
  });

  it('prints its help', () => {
    const help = spawnCli(['diagram', '--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^Usage: aks-netlint diagram \[path\] \[options\]/);
    assert.match(spawnCli(['--help']).stdout, /aks-netlint diagram \[path\] \[--cluster name\] \[--format mermaid\|markdown\]/);
  });

  it('shows in the README what it prints for the example', async () => {
    const readme = readFileSync('README.md', 'utf8');
    const shown = /`aks-netlint diagram examples\/overlay-cilium` prints:\n\n```mermaid\n([\s\S]*?)```/.exec(readme);
    assert.ok(shown, 'README.md has no diagram example');
    assert.equal(shown[1], (await runInProcess(['diagram', 'examples/overlay-cilium'])).stdout);
  });
});
