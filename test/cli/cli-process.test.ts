/**
 * The built CLI as a user runs it: exit codes, one-line errors without stack traces, bad input,
 * --fix, var files, the config file and path handling.
 */
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { spawnSync } from 'node:child_process';
import { BUILT_CLI, REPO_ROOT, spawnCli } from '../support/run-cli.js';

const VERSIONS = 'terraform {\n  required_providers {\n    azurerm = {\n      source  = "hashicorp/azurerm"\n      version = "~> 4.0"\n    }\n  }\n}\n';
const cluster = (body: string) => `resource "azurerm_kubernetes_cluster" "aks" {\n  name = "aks"\n\n  network_profile {\n${body}  }\n}\n`;

function tempModule(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'aks-netlint-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

describe('aks-netlint (built CLI)', () => {
  it('exits 0 on a clean module and 1 on error findings', () => {
    const clean = spawnCli(['test/fixtures/modules/clean']);
    assert.equal(clean.code, 0);
    assert.equal(clean.stdout, 'No problems found in 2 files.\n');
    const broken = spawnCli(['test/fixtures/modules/cilium-calico']);
    assert.equal(broken.code, 1);
    assert.match(broken.stdout, /^test\/fixtures\/modules\/cilium-calico\/main\.tf:21:27 error cilium-requires-cilium-policy network_policy "calico"/m);
  });

  it('exits 0 with only warnings', () => {
    assert.equal(spawnCli(['test/fixtures/modules/suppressed']).code, 0);
  });

  it('exits 2 with one line on stderr for usage errors, and no stack trace', () => {
    for (const [argv, message] of [
      [['--format', 'xml'], "aks-netlint: unknown format 'xml' (expected text, json, sarif, checkstyle or junit)\n"],
      [['does/not/exist'], "aks-netlint: cannot read 'does/not/exist': no such file or directory\n"],
      [['--var', 'novalue'], "aks-netlint: --var 'novalue' must be name=value\n"],
      [['--var-file', 'missing.tfvars', 'test/fixtures/modules/clean'], "aks-netlint: cannot read var file 'missing.tfvars': no such file or directory\n"],
      [['README.md'], "aks-netlint: 'README.md' is not a Terraform file (.tf, .tf.json, .tfvars)\n"],
    ] as const) {
      const result = spawnCli([...argv]);
      assert.equal(result.code, 2, argv.join(' '));
      assert.equal(result.stderr, message);
      assert.equal(result.stdout, '');
    }
    const empty = mkdtempSync(join(tmpdir(), 'aks-netlint-empty-'));
    const none = spawnCli([empty]);
    assert.equal(none.code, 2);
    assert.equal(none.stderr, `aks-netlint: no Terraform files (.tf, .tf.json) under '${empty}'\n`);
    const unknownOption = spawnCli(['--frobnicate']);
    assert.equal(unknownOption.code, 2);
    assert.match(unknownOption.stderr, /^aks-netlint: Unknown option '--frobnicate'\nRun aks-netlint --help for usage\.\n$/);
  });

  it('colours the severity on request, and not when NO_COLOR is set', () => {
    const coloured = spawnCli(['test/fixtures/modules/cilium-calico', '--color']);
    assert.match(coloured.stdout, /\x1b\[31merror\x1b\[0m/);
    assert.doesNotMatch(spawnCli(['test/fixtures/modules/cilium-calico']).stdout, /\x1b\[/);
  });

  it('prints help and version', () => {
    const help = spawnCli(['--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^Usage: aks-netlint \[paths\.\.\.\] \[options\]/);
    const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
    assert.equal(spawnCli(['--version']).stdout, `${pkg.version}\n`);
  });

  it('reports binary, invalid UTF-8 and oversized files, and still checks the rest', () => {
    const dir = tempModule({
      'versions.tf': VERSIONS,
      'main.tf': cluster('    network_plugin = "kubenet"\n    network_policy = "azure"\n'),
      'binary.tf': Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x00, 0x01, 0x02]),
      'latin1.tf': Buffer.from('name = "caf\xe9"\n', 'latin1'),
      'huge.tf': `# ${'x'.repeat(5 * 1024 * 1024)}\n`,
    });
    const result = spawnCli([dir, '--format', 'json']);
    assert.equal(result.code, 1);
    assert.equal(result.stderr, '');
    const report = JSON.parse(result.stdout);
    const byFile = (name: string) => report.findings.filter((f: { file: string }) => f.file.endsWith(`/${name}`)).map((f: { ruleId: string }) => f.ruleId);
    assert.deepEqual(byFile('binary.tf'), ['file-not-text']);
    assert.deepEqual(byFile('latin1.tf'), ['file-not-text']);
    assert.deepEqual(byFile('huge.tf'), ['file-too-large']);
    assert.deepEqual(byFile('main.tf'), ['kubenet-retiring', 'npm-requires-azure-cni', 'npm-retiring']);
    assert.equal(report.summary.files, 5);
  });

  it('gives syntax errors in HashiCorp\'s words and keeps checking the other files', () => {
    const result = spawnCli(['test/fixtures/modules/syntax-error']);
    assert.equal(result.code, 1);
    assert.match(result.stdout, /main\.tf:6:21 error hcl-syntax Invalid expression; Expected the start of an expression, but found an invalid expression token\./);
    assert.match(result.stdout, /other\.tf:6:22 error npm-requires-azure-cni/);
  });

  it("says which part of a file HCL accepts but aks-netlint's parser cannot read", () => {
    const dir = tempModule({ 'versions.tf': VERSIONS, 'main.tf': `locals {\n  big = 1e3\n}\n${cluster('    network_plugin = "kubenet"\n')}` });
    const result = spawnCli([dir]);
    assert.match(result.stdout, /^[^\n]*main\.tf:3:1 info hcl-syntax aks-netlint's parser could not read this part, which HashiCorp's parser accepts \(Unexpected '\}'\.\)/m);
    assert.match(result.stdout, /1 problem \(0 errors, 0 warnings, 1 info\)/);
    assert.equal(result.code, 0);
  });

  it('--fix applies only safe fixes and rewrites only the files that change', () => {
    const dir = mkdtempSync(join(tmpdir(), 'aks-netlint-fix-'));
    cpSync('test/fixtures/modules/cilium-calico', dir, { recursive: true });
    const before = (name: string) => statSync(join(dir, name)).mtimeMs;
    const untouched = ['variables.tf', 'terraform.tfvars', 'versions.tf'].map((n) => [n, before(n), readFileSync(join(dir, n), 'utf8')] as const);
    const result = spawnCli([dir, '--fix']);
    assert.equal(result.code, 1, 'the calico policy is not safely fixable and remains');
    const main = readFileSync(join(dir, 'main.tf'), 'utf8');
    assert.match(main, /network_plugin_mode = "overlay"\n/);
    assert.match(main, /network_policy      = var\.network_policy\n/);
    for (const [name, mtime, text] of untouched) {
      assert.equal(statSync(join(dir, name)).mtimeMs, mtime, `${name} was rewritten`);
      assert.equal(readFileSync(join(dir, name), 'utf8'), text);
    }
    assert.doesNotMatch(result.stdout, /overlay-mode-case/);
  });

  it('applies --var-file and --var as terraform would', () => {
    const dir = tempModule({
      'versions.tf': VERSIONS,
      'variables.tf': 'variable "policy" {\n  default = "cilium"\n}\n',
      'main.tf': cluster('    network_plugin     = "azure"\n    network_data_plane = "cilium"\n    network_policy     = var.policy\n'),
      'prod.tfvars': 'policy = "azure"\n',
    });
    assert.equal(spawnCli([dir]).code, 0);
    const withFile = spawnCli([dir, '--var-file', join(dir, 'prod.tfvars')]);
    assert.equal(withFile.code, 1);
    assert.match(withFile.stdout, /cilium-requires-cilium-policy network_policy "azure".*set in prod\.tfvars:1\./);
    const withVar = spawnCli([dir, '--var-file', join(dir, 'prod.tfvars'), '--var', 'policy=cilium']);
    assert.equal(withVar.code, 0);
    const fromEnv = spawnCli([dir], REPO_ROOT, { TF_VAR_policy: 'calico' });
    assert.match(fromEnv.stdout, /network_policy "calico".*set by the environment variable TF_VAR_policy\./);
    assert.equal(spawnCli([dir, '--var-file', join(dir, 'prod.tfvars')], REPO_ROOT, { TF_VAR_policy: 'cilium' }).code, 1, 'a var file wins over TF_VAR_');
  });

  it('stays silent on values it cannot know, and says so with --report-unknown', () => {
    const dir = tempModule({
      'versions.tf': VERSIONS,
      'variables.tf': 'variable "policy" {}\n',
      'main.tf': cluster('    network_plugin     = "azure"\n    network_data_plane = "cilium"\n    network_policy     = var.policy\n'),
    });
    assert.equal(spawnCli([dir]).stdout, 'No problems found in 3 files.\n');
    const notes = spawnCli([dir, '--report-unknown']);
    assert.equal(notes.code, 0);
    assert.match(notes.stdout, /main\.tf:7:26 info value-unknown Not checked: network_policy cannot be known before apply: var\.policy has no value/);
  });

  it('reads .aks-netlint.json: rule severities, var files and ignored paths', () => {
    const dir = tempModule({
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.aks-netlint.json': '{\n  // JSON with comments\n  "rules": { "kubenet-retiring": "off", "npm-retiring": "error" },\n  "varFiles": ["envs/prod.tfvars"],\n  "ignorePaths": ["legacy/**"]\n}\n',
      'envs/prod.tfvars': 'plugin = "kubenet"\n',
      'app/versions.tf': VERSIONS,
      'app/variables.tf': 'variable "plugin" {\n  default = "azure"\n}\n',
      'app/main.tf': cluster('    network_plugin = var.plugin\n    network_policy = "azure"\n'),
      'legacy/main.tf': cluster('    network_plugin = "kubenet"\n    network_policy = "azure"\n'),
    });
    const result = spawnCli(['.', '--format', 'json'], dir);
    const report = JSON.parse(result.stdout);
    assert.deepEqual(
      report.findings.map((f: { file: string; ruleId: string; severity: string }) => `${f.file} ${f.ruleId} ${f.severity}`),
      ['app/main.tf npm-requires-azure-cni error', 'app/main.tf npm-retiring error'],
    );
    const bad = tempModule({ '.aks-netlint.json': '{ "rules": { "no-such-rule": "off" } }', 'main.tf': '' });
    const badResult = spawnCli([bad]);
    assert.equal(badResult.code, 2);
    assert.match(badResult.stderr, /^aks-netlint: .*\.aks-netlint\.json: rules: unknown rule "no-such-rule"\n$/);
  });

  it("checks a child module that pins no version against its caller's provider", () => {
    const dir = tempModule({
      'main.tf': 'terraform {\n  required_providers {\n    azurerm = {\n      source  = "hashicorp/azurerm"\n      version = "~> 3.114.0"\n    }\n  }\n}\n\nmodule "aks" {\n  source = "./modules/aks"\n}\n',
      'modules/aks/main.tf': [
        'resource "azurerm_kubernetes_cluster" "aks" {',
        '  name = "aks"',
        '  default_node_pool {',
        '    name                  = "system"',
        '    enable_node_public_ip = false',
        '  }',
        '  network_profile {',
        '    network_plugin     = "azure"',
        '    docker_bridge_cidr = "172.17.0.1/16"',
        '  }',
        '}',
        '',
      ].join('\n'),
    });
    const result = spawnCli([dir, '--format', 'json']);
    const report = JSON.parse(result.stdout);
    assert.deepEqual(
      report.findings.map((f: { ruleId: string; severity: string }) => `${f.ruleId} ${f.severity}`),
      ['node-public-ip-renamed info', 'docker-bridge-cidr-removed warning'],
    );
    assert.equal(result.code, 0);
    // Checked alone, the child's major is assumed: a warning that says so, and no --fix rename.
    const alone = JSON.parse(spawnCli([join(dir, 'modules/aks'), '--format', 'json']).stdout);
    const renamed = alone.findings.find((f: { ruleId: string }) => f.ruleId === 'node-public-ip-renamed');
    assert.equal(renamed.severity, 'warning');
    assert.equal(renamed.fixable, false);
    assert.match(renamed.message, /which aks-netlint assumed: no version is pinned/);
  });

  it('ignores what Terraform ignores: dot files, backups and directories named like files', () => {
    const dir = tempModule({
      'versions.tf': VERSIONS,
      'main.tf': cluster('    network_plugin     = "azure"\n    network_data_plane = "cilium"\n    network_policy     = "cilium"\n'),
      '.old.tf': cluster('    network_plugin     = "azure"\n    network_data_plane = "cilium"\n    network_policy     = "calico"\n'),
      'main.tf~': 'garbage {',
      'modules.tf/readme.txt': 'not a file',
    });
    const result = spawnCli([dir]);
    assert.equal(result.stdout, 'No problems found in 2 files.\n');
    assert.equal(result.code, 0);
  });

  it('walks directories, skipping .terraform/, and reports only the named file for a file argument', () => {
    const dir = tempModule({
      'versions.tf': VERSIONS,
      'a.tf': cluster('    network_plugin = "kubenet"\n'),
      '.terraform/modules/x/main.tf': cluster('    network_plugin = "kubenet"\n    network_policy = "azure"\n'),
      'nested/versions.tf': VERSIONS,
      'nested/b.tf': cluster('    network_plugin = "kubenet"\n'),
    });
    const all = JSON.parse(spawnCli([dir, '--format', 'json']).stdout);
    assert.deepEqual(all.findings.map((f: { file: string }) => f.file.split('/').slice(-2).join('/')).sort(), [
      `${dir.split('/').pop()}/a.tf`,
      'nested/b.tf',
    ]);
    const one = JSON.parse(spawnCli([join(dir, 'a.tf'), '--format', 'json']).stdout);
    assert.equal(one.findings.length, 1);
    assert.equal(one.summary.files, 1);
  });

  it('prints the same in worker threads as in one thread, over a tree of many modules', () => {
    const one = spawnSync(process.execPath, [BUILT_CLI, 'test/fixtures/rules', '--format', 'json'], { cwd: REPO_ROOT, encoding: 'utf8', env: { ...process.env, AKS_NETLINT_THREADS: '1' } });
    const two = spawnSync(process.execPath, [BUILT_CLI, 'test/fixtures/rules', '--format', 'json'], { cwd: REPO_ROOT, encoding: 'utf8', env: { ...process.env, AKS_NETLINT_THREADS: '2' } });
    assert.equal(two.stderr, '');
    assert.equal(two.status, one.status);
    const report = JSON.parse(two.stdout);
    assert.ok(report.summary.files > 300 && report.findings.length > 100, 'the tree is large enough to use workers');
    assert.equal(two.stdout, one.stdout);
  });
});
