/**
 * Inputs the user names that are not regular files (a FIFO, a device, a directory) or that are
 * pathological (a config nested 10,000 deep, over 1 MB): one stderr line and exit 2, at once.
 * A FIFO config used to block the CLI for good and /dev/zero grew memory ~200 MB/s; every run
 * here has a kill timer, so such a regression fails instead of hanging.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { spawnCli } from '../support/run-cli.js';

const TIMEOUT_MS = 20_000;
const MAIN = 'resource "azurerm_kubernetes_cluster" "aks" {\n  name = "aks"\n  network_profile {\n    network_plugin = "kubenet"\n  }\n}\n';

function workspace(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'aks-netlint-refused-'));
  writeFileSync(join(dir, 'main.tf'), MAIN);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

function mkfifo(path: string): string {
  assert.equal(spawnSync('mkfifo', [path]).status, 0, `mkfifo ${path}`);
  return path;
}

function assertUsageError(argv: string[], cwd: string, line: string): void {
  const result = spawnCli(argv, cwd, {}, TIMEOUT_MS);
  assert.equal(result.stderr, `${line}\n`, argv.join(' '));
  assert.equal(result.code, 2, argv.join(' '));
  assert.equal(result.stdout, '');
}

describe('refused inputs the user names (built CLI)', () => {
  it('--config that is a FIFO, a device or a directory', () => {
    const dir = workspace();
    mkfifo(join(dir, 'pipe.json'));
    mkdirSync(join(dir, 'conf.d'));
    assertUsageError(['.', '--config', 'pipe.json'], dir, "aks-netlint: cannot read config 'pipe.json': it is a FIFO, not a regular file");
    assertUsageError(['.', '--config', '/dev/zero'], dir, "aks-netlint: cannot read config '/dev/zero': it is a character device, not a regular file");
    assertUsageError(['.', '--config', 'conf.d'], dir, "aks-netlint: cannot read config 'conf.d': it is a directory, not a regular file");
  });

  it('a Terraform file argument that is a FIFO or a device', () => {
    const dir = workspace();
    mkfifo(join(dir, 'pipe.tf'));
    symlinkSync('/dev/zero', join(dir, 'zero.tf'));
    assertUsageError(['pipe.tf'], dir, "aks-netlint: cannot read 'pipe.tf': it is a FIFO, not a regular file");
    assertUsageError(['zero.tf'], dir, "aks-netlint: cannot read 'zero.tf': it is a character device, not a regular file");
  });

  it('a .aks-netlint.json found beside the module that is a FIFO', () => {
    const dir = workspace();
    mkfifo(join(dir, '.aks-netlint.json'));
    assertUsageError(['.'], dir, `aks-netlint: cannot read config '${join(dir, '.aks-netlint.json')}': it is a FIFO, not a regular file`);
  });

  it('--var-file, and a var file the config names, that is not a regular file', () => {
    const dir = workspace({ '.aks-netlint.json': '{ "varFiles": ["env.tfvars"] }' });
    mkfifo(join(dir, 'env.tfvars'));
    mkfifo(join(dir, 'prod.tfvars'));
    assertUsageError(['.', '--config', '/dev/null', '--var-file', 'prod.tfvars'], dir, "aks-netlint: cannot read config '/dev/null': it is a character device, not a regular file");
    assertUsageError(['.', '--var-file', 'prod.tfvars'], dir, "aks-netlint: cannot read var file 'prod.tfvars': it is a FIFO, not a regular file");
    assertUsageError(['.', '--var-file', '/dev/zero'], dir, "aks-netlint: cannot read var file '/dev/zero': it is a character device, not a regular file");
    assertUsageError(['.'], dir, `aks-netlint: cannot read var file '${join(dir, 'env.tfvars')}' named in ${join(dir, '.aks-netlint.json')}: it is a FIFO, not a regular file`);
    assertUsageError(['diagram', '.', '--var-file', 'prod.tfvars'], dir, "aks-netlint: cannot read var file 'prod.tfvars': it is a FIFO, not a regular file");
  });

  it('a config nested 10,000 deep, and one over 1 MB', () => {
    const dir = workspace({
      'deep.json': `{"rules": ${'['.repeat(10_000)}${']'.repeat(10_000)}}`,
      'big.json': `{${' '.repeat(1024 * 1024)}}`,
    });
    assertUsageError(['.', '--config', 'deep.json'], dir, 'aks-netlint: deep.json: nested more than 64 levels deep');
    assertUsageError(['.', '--config', 'big.json'], dir, "aks-netlint: cannot read config 'big.json': it is larger than 1 MB, the limit for a config file");
  });
});
