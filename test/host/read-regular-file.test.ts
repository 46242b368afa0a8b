/**
 * The host reads only regular files, and never more than its cap: a FIFO, a device, a socket or
 * a directory is refused before any read, and a file larger than the cap (or one that grows past
 * it while being read) is cut off without being read whole.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, statSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { readRegularFile, regularFileProblem } from '../../server/src/host/read-regular-file.js';
import { readTextFile } from '../../server/src/host/read-module.js';

const READER = resolve('server/src/host/read-regular-file.ts');

/** The first block device in /dev, if the machine shows one. */
function blockDevice(): string | undefined {
  for (const name of existsSync('/dev') ? readdirSync('/dev') : []) {
    try {
      if (statSync(`/dev/${name}`).isBlockDevice()) return `/dev/${name}`;
    } catch {
      // not ours to stat
    }
  }
  return undefined;
}

/**
 * readRegularFile in a child process: were a FIFO ever opened for a blocking read, the child
 * would hang, and the kill timer turns that into a failure instead of a stalled suite.
 */
function readInChild(paths: string[], maxBytes: number): unknown[] {
  const code = `const m = await import(${JSON.stringify(READER)}); const read = m.readRegularFile ?? m.default.readRegularFile;
    console.log(JSON.stringify(${JSON.stringify(paths)}.map((p) => read(p, ${maxBytes}))));`;
  const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { encoding: 'utf8', timeout: 15_000, killSignal: 'SIGKILL' });
  assert.equal(child.error, undefined, `the reader did not finish: ${child.error?.message}`);
  assert.equal(child.status, 0, child.stderr);
  return JSON.parse(child.stdout);
}

describe('readRegularFile', () => {
  it('reads a regular file, through a symlink too', () => {
    const dir = mkdtempSync(join(tmpdir(), 'aks-netlint-read-'));
    writeFileSync(join(dir, 'main.tf'), 'a = 1\n');
    symlinkSync(join(dir, 'main.tf'), join(dir, 'link.tf'));
    for (const name of ['main.tf', 'link.tf']) {
      const read = readRegularFile(join(dir, name), 100);
      assert.ok('bytes' in read, JSON.stringify(read));
      assert.equal(read.bytes.toString('utf8'), 'a = 1\n');
    }
    assert.deepEqual(readRegularFile(join(dir, 'missing.tf'), 100), { error: 'no such file or directory' });
  });

  it('refuses a FIFO, devices, a socket and a directory without reading them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aks-netlint-special-'));
    const fifo = join(dir, 'pipe.tf');
    assert.equal(spawnSync('mkfifo', [fifo]).status, 0, 'mkfifo');
    const socket = join(dir, 'sock.tf');
    const server = createServer();
    await new Promise<void>((done) => server.listen(socket, done));
    mkdirSync(join(dir, 'dir.tf'));
    symlinkSync(join(dir, 'dir.tf'), join(dir, 'link-to-dir.tf'));
    const block = blockDevice();
    try {
      const cases: [string, string][] = [
        [fifo, 'a FIFO'],
        ['/dev/zero', 'a character device'],
        [socket, 'a socket'],
        [join(dir, 'dir.tf'), 'a directory'],
        [join(dir, 'link-to-dir.tf'), 'a directory'],
        ...(block ? [[block, 'a block device'] as [string, string]] : []),
      ];
      const results = readInChild(cases.map(([path]) => path), 1024);
      cases.forEach(([path, kind], i) => assert.deepEqual(results[i], { refused: `it is ${kind}, not a regular file` }, path));
      // The stat-only check for paths the user names says the same, without opening anything.
      for (const [path, kind] of cases) assert.equal(regularFileProblem(path), `it is ${kind}, not a regular file`);
      assert.equal(regularFileProblem(join(dir, 'nothing')), 'no such file or directory');
    } finally {
      server.close();
    }
  });

  it('refuses a file over the cap from its size, before reading (a 10 GB sparse file)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'aks-netlint-cap-'));
    const huge = join(dir, 'huge.tf');
    writeFileSync(huge, '');
    truncateSync(huge, 10 * 1024 ** 3);
    const started = process.hrtime.bigint();
    assert.deepEqual(readRegularFile(huge, 5 * 1024 * 1024), { tooLarge: 10 * 1024 ** 3 });
    assert.ok(process.hrtime.bigint() - started < 1_000_000_000n, 'answered from the size, not by reading');
    const exact = join(dir, 'exact.tf');
    writeFileSync(exact, 'x'.repeat(64));
    assert.equal((readRegularFile(exact, 64) as { bytes: Buffer }).bytes.length, 64);
    assert.deepEqual(readRegularFile(exact, 63), { tooLarge: 64 });
  });

  it('cuts off a file that holds more than its size says (it grew while being read)', { skip: !existsSync('/proc/self/status') }, () => {
    // /proc files report size 0 and hold more: the reader must stop at the cap, not trust stat.
    assert.equal(statSync('/proc/self/status').size, 0);
    assert.deepEqual(readRegularFile('/proc/self/status', 64), { tooLarge: 65 });
    const whole = readRegularFile('/proc/self/status', 1024 * 1024);
    assert.ok('bytes' in whole && whole.bytes.toString('utf8').includes('Name:'), 'read to the end under a large cap');
  });
});

describe('readTextFile', () => {
  it('turns a refused file into an unreadable file with the reason, and strips a BOM', () => {
    assert.deepEqual(readTextFile('/dev/zero'), { reason: 'unreadable', detail: 'it is a character device, not a regular file' });
    const dir = mkdtempSync(join(tmpdir(), 'aks-netlint-text-'));
    writeFileSync(join(dir, 'bom.tf'), '\uFEFFa = 1\r\n');
    assert.deepEqual(readTextFile(join(dir, 'bom.tf')), { text: 'a = 1\r\n' });
  });
});
