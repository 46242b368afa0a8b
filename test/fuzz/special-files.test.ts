/**
 * Special files in every file role (issue 16): a FIFO, a character device, a block device (when
 * the machine has one), a socket and a directory where a file is expected, as a Terraform file,
 * a var file, the lock file, a config file or a var file the user names. Nothing may block or
 * read without end: a file found in a module is one file-not-text finding on it and the rest is
 * checked; a file the user names is one stderr line and exit 2. The language server, given the
 * same files, publishes diagnostics and still answers shutdown. Every run has a kill timer, so
 * a regression fails here instead of hanging the suite.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { ShutdownRequest } from 'vscode-languageserver-protocol/node';
import { fileUri, messageText, TestClient } from '../support/lsp-client.js';
import { spawnCli } from '../support/run-cli.js';

const CLI_TIMEOUT_MS = 30_000;
const VERSIONS = 'terraform {\n  required_providers {\n    azurerm = {\n      source  = "hashicorp/azurerm"\n      version = "~> 4.0"\n    }\n  }\n}\n';
const MAIN = 'resource "azurerm_kubernetes_cluster" "aks" {\n  name = "aks"\n\n  network_profile {\n    network_plugin = "kubenet"\n    network_policy = "azure"\n  }\n}\n';
/** What main.tf reports when the module around it is checked. */
const MAIN_FINDINGS = ['main.tf kubenet-retiring', 'main.tf npm-requires-azure-cni', 'main.tf npm-retiring'];

/** The file names a module directory gives each role Terraform reads. */
const MODULE_ROLES = ['extra.tf', 'extra.tf.json', 'override.tf', 'terraform.tfvars', 'terraform.tfvars.json', 'env.auto.tfvars', 'env.auto.tfvars.json', '.terraform.lock.hcl'];

const servers: Server[] = [];
after(() => servers.forEach((s) => s.close()));

function firstBlockDevice(): string | undefined {
  for (const name of existsSync('/dev') ? readdirSync('/dev').sort() : []) {
    try {
      if (statSync(`/dev/${name}`).isBlockDevice()) return `/dev/${name}`;
    } catch {
      // not ours to stat
    }
  }
  return undefined;
}

/** Each kind of special file: how to make one at a path, and how messages name it. */
interface Kind {
  name: string;
  described: string;
  make(path: string): Promise<void>;
}

const block = firstBlockDevice();
const KINDS: Kind[] = [
  { name: 'fifo', described: 'a FIFO', make: async (path) => assert.equal(spawnSync('mkfifo', [path]).status, 0, `mkfifo ${path}`) },
  { name: 'chardev', described: 'a character device', make: async (path) => symlinkSync('/dev/zero', path) },
  ...(block ? [{ name: 'blockdev', described: 'a block device', make: async (path: string) => symlinkSync(block, path) }] : []),
  {
    name: 'socket',
    described: 'a socket',
    make: (path) =>
      new Promise<void>((done) => {
        const server = createServer();
        servers.push(server);
        server.listen(path, done);
      }),
  },
  {
    // A plain directory named like a file is not a file to Terraform (see cli-process.test.ts);
    // a symlink to a directory is listed as a file and must be refused.
    name: 'dirlink',
    described: 'a directory',
    make: async (path) => {
      mkdirSync(`${path}.d`);
      symlinkSync(`${path}.d`, path);
    },
  },
];

function module(dir: string): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'versions.tf'), VERSIONS);
  writeFileSync(join(dir, 'main.tf'), MAIN);
}

describe('special files (fuzz)', { timeout: 120_000 }, () => {
  it(`in a module, in each of ${MODULE_ROLES.length} roles × ${KINDS.length} kinds: a finding on that file, the rest checked`, async () => {
    const root = mkdtempSync(join(tmpdir(), 'aks-netlint-special-'));
    writeFileSync(join(root, '.aks-netlint.json'), '{}');
    mkdirSync(join(root, '.git'));
    const expected: string[] = [];
    for (const kind of KINDS) {
      for (const [i, role] of MODULE_ROLES.entries()) {
        const dir = join(root, `${kind.name}-${i}`);
        module(dir);
        await kind.make(join(dir, role));
        expected.push(...MAIN_FINDINGS.map((f) => `${kind.name}-${i}/${f}`));
        expected.push(`${kind.name}-${i}/${role} file-not-text This file could not be read (it is ${kind.described}, not a regular file): aks-netlint skipped it.`);
      }
    }
    // A plain directory in each role is ignored, as Terraform ignores it.
    for (const [i, role] of MODULE_ROLES.entries()) {
      module(join(root, `dir-${i}`));
      mkdirSync(join(root, `dir-${i}`, role));
      expected.push(...MAIN_FINDINGS.map((f) => `dir-${i}/${f}`));
    }
    for (const threads of ['1', '2']) {
      const result = spawnCli(['.', '--format', 'json'], root, { AKS_NETLINT_THREADS: threads }, CLI_TIMEOUT_MS * 2);
      assert.equal(result.stderr, '');
      assert.equal(result.code, 1);
      const findings = JSON.parse(result.stdout).findings.map((f: { file: string; ruleId: string; message: string }) =>
        f.ruleId === 'file-not-text' ? `${f.file} ${f.ruleId} ${f.message}` : `${f.file} ${f.ruleId}`,
      );
      assert.deepEqual([...findings].sort(), [...expected].sort(), `AKS_NETLINT_THREADS=${threads}`);
    }
  });

  it('named by the user or found as the config: one stderr line and exit 2', async () => {
    const root = mkdtempSync(join(tmpdir(), 'aks-netlint-named-'));
    for (const kind of [...KINDS, { name: 'dir', described: 'a directory', make: async (path: string) => mkdirSync(path) }]) {
      const dir = join(root, kind.name);
      module(dir);
      await kind.make(join(dir, 'special.json'));
      await kind.make(join(dir, 'special.tfvars'));
      const fail = (argv: string[], cwd: string, line: string) => {
        const result = spawnCli(argv, cwd, {}, CLI_TIMEOUT_MS);
        assert.equal(result.stderr, `${line}\n`, `${kind.name}: ${argv.join(' ')}`);
        assert.equal(result.code, 2);
      };
      fail(['.', '--config', 'special.json'], dir, `aks-netlint: cannot read config 'special.json': it is ${kind.described}, not a regular file`);
      fail(['.', '--var-file', 'special.tfvars'], dir, `aks-netlint: cannot read var file 'special.tfvars': it is ${kind.described}, not a regular file`);
      const named = join(root, `${kind.name}-named`);
      module(named);
      writeFileSync(join(named, '.aks-netlint.json'), `{ "varFiles": [${JSON.stringify(join(dir, 'special.tfvars'))}] }`);
      fail(['.'], named, `aks-netlint: cannot read var file '${join(dir, 'special.tfvars')}' named in ${join(named, '.aks-netlint.json')}: it is ${kind.described}, not a regular file`);
      const found = join(root, `${kind.name}-found`);
      module(found);
      await kind.make(join(found, '.aks-netlint.json'));
      fail(['.'], found, `aks-netlint: cannot read config '${join(found, '.aks-netlint.json')}': it is ${kind.described}, not a regular file`);
    }
  });

  it('the language server publishes diagnostics and answers shutdown', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aks-netlint-special-lsp-'));
    module(dir);
    // One special file per role the server reads from disk, each of another kind.
    await KINDS[0].make(join(dir, '.aks-netlint.json'));
    await KINDS[0].make(join(dir, 'variables.tf'));
    await KINDS[1].make(join(dir, 'terraform.tfvars'));
    await KINDS.find((k) => k.name === 'socket')!.make(join(dir, 'env.auto.tfvars'));
    await KINDS.find((k) => k.name === 'dirlink')!.make(join(dir, '.terraform.lock.hcl'));
    const client = await TestClient.start({ rootPath: dir });
    let stopped = false;
    const killTimer = setTimeout(() => client.process.kill('SIGKILL'), 30_000);
    try {
      const main = fileUri(join(dir, 'main.tf'));
      await client.open(main, MAIN);
      const published = await client.diagnostics(main, (p) => p.diagnostics.length > 0);
      assert.deepEqual(published.diagnostics.map((d) => d.code).sort(), ['kubenet-retiring', 'npm-requires-azure-cni', 'npm-retiring']);
      const fifo = await client.diagnostics(fileUri(join(dir, 'variables.tf')));
      assert.deepEqual(fifo.diagnostics.map((d) => [d.code, messageText(d.message)]), [['file-not-text', 'This file could not be read (it is a FIFO, not a regular file): aks-netlint skipped it.']]);
      const device = await client.diagnostics(fileUri(join(dir, 'terraform.tfvars')));
      assert.deepEqual(device.diagnostics.map((d) => messageText(d.message)), ['This file could not be read (it is a character device, not a regular file): aks-netlint skipped it.']);
      await client.until('the config warning', () => client.logs.find((l) => l.includes("cannot read config '")));
      assert.ok(client.logs.includes(`showMessage: aks-netlint: cannot read config '${join(dir, '.aks-netlint.json')}': it is a FIFO, not a regular file`), client.logs.join('\n'));
      const shutdown = client.connection.sendRequest(ShutdownRequest.type);
      const answered = await Promise.race([shutdown.then(() => true), new Promise((done) => setTimeout(() => done(false), 5000))]);
      assert.equal(answered, true, 'shutdown answered within 5 s');
      stopped = true;
    } finally {
      clearTimeout(killTimer);
      if (stopped) await client.stop();
      else {
        client.process.kill('SIGKILL');
        client.connection.dispose();
      }
    }
  });
});
