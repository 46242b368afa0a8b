/**
 * `--fix` writes safely (issue 16): the file keeps its UTF-8 BOM, its CRLF line endings and its
 * mode; it is replaced atomically (a new file renamed over it, never rewritten in place); a
 * symlink to a file outside the checked paths is left alone with one stderr line, while a
 * symlink inside them has its target rewritten and stays a symlink.
 */
import assert from 'node:assert/strict';
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { spawnCli } from '../support/run-cli.js';

const BOM = '\uFEFF';
const crlf = (lines: string[]) => lines.map((l) => `${l}\r\n`).join('');

/** A 4.x cluster with two safe fixes: a removed attribute (a line deleted) and a renamed one. */
const BEFORE = [
  'terraform {',
  '  required_providers {',
  '    azurerm = {',
  '      source  = "hashicorp/azurerm"',
  '      version = "~> 4.0"',
  '    }',
  '  }',
  '}',
  '',
  'resource "azurerm_kubernetes_cluster" "aks" {',
  '  name = "aks-démo"',
  '',
  '  default_node_pool {',
  '    name                  = "system"',
  '    enable_node_public_ip = false',
  '  }',
  '',
  '  network_profile {',
  '    network_plugin     = "azure"',
  '    docker_bridge_cidr = "172.17.0.1/16"',
  '  }',
  '}',
];
const AFTER = BEFORE.filter((l) => !l.includes('docker_bridge_cidr')).map((l) => l.replace('enable_node_public_ip = false', 'node_public_ip_enabled = false'));

function tempTree(): string {
  return mkdtempSync(join(tmpdir(), 'aks-netlint-fixsafe-'));
}

describe('--fix writes safely (built CLI)', () => {
  it('keeps the BOM, CRLF line endings and the mode, byte for byte', () => {
    const dir = tempTree();
    const main = join(dir, 'main.tf');
    writeFileSync(main, BOM + crlf(BEFORE));
    chmodSync(main, 0o640);
    const inode = statSync(main).ino;
    const result = spawnCli(['.', '--fix'], dir, {}, 30_000);
    assert.equal(result.stderr, '');
    assert.equal(result.stdout, 'No problems found in 1 file.\n');
    assert.equal(result.code, 0);
    assert.deepEqual(readFileSync(main), Buffer.from(BOM + crlf(AFTER), 'utf8'));
    assert.equal(statSync(main).mode & 0o777, 0o640);
    assert.notEqual(statSync(main).ino, inode, 'replaced by a rename, not rewritten in place');
    assert.deepEqual(readdirSync(dir), ['main.tf'], 'no temporary file left behind');
  });

  it('keeps LF files LF and files without a BOM without one', () => {
    const dir = tempTree();
    writeFileSync(join(dir, 'main.tf'), `${BEFORE.join('\n')}\n`);
    assert.equal(spawnCli(['.', '--fix'], dir, {}, 30_000).code, 0);
    assert.equal(readFileSync(join(dir, 'main.tf'), 'utf8'), `${AFTER.join('\n')}\n`);
  });

  it('leaves a symlink to a file outside the checked paths alone, with one line on stderr', () => {
    const outside = join(tempTree(), 'shared.tf');
    writeFileSync(outside, crlf(BEFORE));
    const dir = tempTree();
    symlinkSync(outside, join(dir, 'main.tf'));
    const result = spawnCli(['.', '--fix'], dir, {}, 30_000);
    assert.equal(result.stderr, `aks-netlint: --fix did not write main.tf: it links to ${outside}, outside the paths being checked\n`);
    assert.equal(result.code, 1, 'the findings it did not fix remain');
    assert.match(result.stdout, /^main\.tf:20:5 error docker-bridge-cidr-removed /m);
    assert.deepEqual(readFileSync(outside), Buffer.from(crlf(BEFORE)));
    assert.ok(lstatSync(join(dir, 'main.tf')).isSymbolicLink());
  });

  it('rewrites the target of a symlink inside the checked paths, and keeps the link', () => {
    const dir = tempTree();
    mkdirSync(join(dir, 'shared'));
    mkdirSync(join(dir, 'app'));
    writeFileSync(join(dir, 'shared', 'cluster.tf.txt'), BOM + crlf(BEFORE));
    symlinkSync('../shared/cluster.tf.txt', join(dir, 'app', 'main.tf'));
    const result = spawnCli(['app', '--fix'], dir, {}, 30_000);
    assert.match(result.stderr, /^aks-netlint: --fix did not write app\/main\.tf: it links to .*\/shared\/cluster\.tf\.txt, outside the paths being checked\n$/);
    const whole = spawnCli(['.', '--fix'], dir, {}, 30_000);
    assert.equal(whole.stderr, '');
    assert.equal(whole.code, 0);
    assert.ok(lstatSync(join(dir, 'app', 'main.tf')).isSymbolicLink(), 'still a symlink');
    assert.deepEqual(readFileSync(join(dir, 'shared', 'cluster.tf.txt')), Buffer.from(BOM + crlf(AFTER), 'utf8'));
    assert.deepEqual(readdirSync(join(dir, 'shared')), ['cluster.tf.txt']);
  });
});
