/**
 * Real git repositories for tests, made with the system `git` (which .ci/run has, since it
 * clones): no user or system configuration of this machine is read, the author is set per call.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const ENV = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', GIT_TERMINAL_PROMPT: '0' };

/** Why tests that make repositories skip: git is missing (never in CI, where .ci/run installs it). */
export const gitMissing = spawnSync('git', ['--version'], { encoding: 'utf8' }).status === 0 ? undefined : 'git is not installed (apt-get install -y git)';
if (gitMissing && process.env.CI === 'true') throw new Error(`CI must run the git baseline tests: ${gitMissing}`);

/** Runs git in `cwd`; fails the test when git fails. Returns its stdout, trimmed. */
export function git(cwd: string, ...args: string[]): string {
  const run = spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main', ...args], {
    cwd,
    encoding: 'utf8',
    env: ENV,
  });
  assert.equal(run.status, 0, `git ${args.join(' ')}: ${run.stderr}`);
  return run.stdout.trim();
}

/** Writes files (paths relative to `dir`, parents made). */
export function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
}

/** Writes the files, commits everything and returns the commit id. */
export function commitFiles(dir: string, files: Record<string, string>, message = 'change'): string {
  writeFiles(dir, files);
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', message);
  return git(dir, 'rev-parse', 'HEAD');
}

/** A temporary directory, removed by the returned function. */
export function tempDir(prefix: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** An AKS cluster whose network_profile holds `network` (HCL lines). */
export const clusterTf = (name: string, network: string) => `resource "azurerm_kubernetes_cluster" "${name}" {
  name                = "${name}"
  location            = "westeurope"
  resource_group_name = "rg"
  dns_prefix          = "${name}"
  default_node_pool {
    name       = "system"
    vm_size    = "Standard_D4s_v5"
    node_count = 3
  }
  identity {
    type = "SystemAssigned"
  }
  network_profile {
    ${network}
  }
}
`;
