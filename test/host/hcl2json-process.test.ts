/**
 * The hcl2json child process, with real processes: it answers HashiCorp's errors, exits after its
 * idle time and comes back on the next request, serves concurrent callers one at a time, turns
 * every failure (a child that exits, throws, hangs or cannot start) into "no HCL errors" and a log
 * line, with the next request served by a fresh child, never keeps its parent alive nor writes to
 * its stdout, and does not outlive a parent that is killed.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import type { HclError } from '../../server/src/engine/syntax/syntax-tree.js';
import { Hcl2JsonProcess, type Hcl2JsonProcessOptions } from '../../server/src/host/hcl2json-process.js';
import { hclSyntaxErrors } from '../../server/src/host/hcl-syntax-errors.js';

const WORKER = resolve('server/src/host/hcl2json-worker.ts');
const MISBEHAVING = resolve('test/fixtures/hcl2json-workers/misbehaving-worker.ts');
const BROKEN = readFileSync('test/fixtures/modules/syntax-error/main.tf', 'utf8');
const BROKEN_ERRORS: HclError[] = [
  {
    message: 'Invalid expression; Expected the start of an expression, but found an invalid expression token.',
    start: { line: 6, column: 21 },
    end: { line: 7, column: 1 },
  },
];
const UNCLOSED = 'network_profile {\n';
const UNCLOSED_ERRORS: HclError[] = [
  {
    message:
      'Unclosed configuration block; There is no closing brace for this block before the end of the file. This may be caused by incorrect brace nesting elsewhere in this file.',
    start: { line: 1, column: 17 },
    end: { line: 1, column: 18 },
  },
];

/** A parent whose log lines and child exits the test can see. */
function observedProcess(options: Partial<Hcl2JsonProcessOptions> = {}) {
  const logs: string[] = [];
  const exited: number[] = [];
  let onExit: ((pid: number) => void) | undefined;
  const worker = new Hcl2JsonProcess({
    workerPath: WORKER,
    log: (message) => logs.push(message),
    onChildExit: (pid) => {
      exited.push(pid);
      onExit?.(pid);
    },
    ...options,
  });
  const nextExit = () =>
    new Promise<number>((resolveExit, reject) => {
      const timer = setTimeout(() => reject(new Error('no child exited within 10 s')), 10_000);
      onExit = (pid) => {
        clearTimeout(timer);
        resolveExit(pid);
      };
    });
  return { worker, logs, exited, nextExit };
}

/** Whether a process runs; an exited one that nobody has reaped yet (a zombie) does not. */
function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && process.platform === 'linux') return false;
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Resolves once pid has stopped running; an orphan is not our child, so no exit event tells us. */
function stopped(pid: number, what: string): Promise<void> {
  return new Promise((resolveStopped, reject) => {
    const deadline = Date.now() + 10_000;
    const check = () => {
      if (!isRunning(pid)) return resolveStopped();
      if (Date.now() > deadline) return reject(new Error(`${what} (pid ${pid}) still runs after 10 s`));
      setTimeout(check, 50);
    };
    check();
  });
}

// A hung request fails the test with a message instead of stalling the suite.
describe('the hcl2json child process', { timeout: 60_000 }, () => {
  it("answers HCL's errors with 1-based positions, and none for valid HCL", async () => {
    const { worker, logs } = observedProcess({ idleMs: 1 });
    assert.deepEqual(await worker.syntaxErrors(BROKEN), BROKEN_ERRORS);
    assert.deepEqual(await worker.syntaxErrors('network_plugin = "azure"\n'), []);
    assert.deepEqual(logs, []);
  });

  it('keeps one child across requests until the idle time passes', async () => {
    const { worker } = observedProcess({ idleMs: 60_000 });
    await worker.syntaxErrors(BROKEN);
    const first = worker.pid;
    assert.ok(first !== undefined && isRunning(first));
    await worker.syntaxErrors(UNCLOSED);
    assert.equal(worker.pid, first);
  });

  it('stops the child after the idle time, and the next request forks a new one', async () => {
    const { worker, logs, nextExit } = observedProcess({ idleMs: 50 });
    const exit = nextExit();
    assert.deepEqual(await worker.syntaxErrors(BROKEN), BROKEN_ERRORS);
    const first = worker.pid;
    assert.ok(first !== undefined);
    assert.equal(await exit, first);
    assert.equal(isRunning(first), false, 'the idle child has exited');
    assert.equal(worker.pid, undefined, 'no child runs once it is idle');
    assert.deepEqual(await worker.syntaxErrors(UNCLOSED), UNCLOSED_ERRORS);
    assert.ok(worker.pid !== undefined && worker.pid !== first, 'a new child answered');
    assert.deepEqual(logs, [], 'stopping an idle child is no failure');
  });

  it('gives each of several concurrent callers its own answer', async () => {
    const { worker } = observedProcess({ idleMs: 1 });
    const answers = await Promise.all([worker.syntaxErrors(BROKEN), worker.syntaxErrors(UNCLOSED), worker.syntaxErrors('a = 1\n'), worker.syntaxErrors(BROKEN)]);
    assert.deepEqual(answers, [BROKEN_ERRORS, UNCLOSED_ERRORS, [], BROKEN_ERRORS]);
  });

  it("starts the child without NODE_EXTRA_CA_CERTS, which would cost every start a parse of the file's certificates", async () => {
    const before = process.env.NODE_EXTRA_CA_CERTS;
    process.env.NODE_EXTRA_CA_CERTS = '/nonexistent/extra-ca.pem';
    try {
      const { worker } = observedProcess({ workerPath: MISBEHAVING, idleMs: 1 });
      const [seen] = await worker.syntaxErrors('env');
      assert.equal(seen?.message, '(unset)');
    } finally {
      if (before === undefined) delete process.env.NODE_EXTRA_CA_CERTS;
      else process.env.NODE_EXTRA_CA_CERTS = before;
    }
  });

  it('answers [] for a child that exits mid-request, logs it, and serves the next request with a fresh child', async () => {
    const { worker, logs, exited } = observedProcess({ workerPath: MISBEHAVING, idleMs: 1 });
    const answers = await Promise.all([worker.syntaxErrors('exit'), worker.syntaxErrors(BROKEN)]);
    assert.deepEqual(answers, [[], BROKEN_ERRORS]);
    assert.equal(logs.length, 1);
    assert.match(logs[0], /HashiCorp's HCL parser stopped \(exit code 7\); syntax errors come from aks-netlint's parser alone/);
    assert.ok(exited.length >= 1);
  });

  it("answers [] for a child that throws, logs its stderr's error, and serves the next request", async () => {
    const { worker, logs } = observedProcess({ workerPath: MISBEHAVING, idleMs: 1 });
    assert.deepEqual(await worker.syntaxErrors('throw'), []);
    assert.equal(logs.length, 1);
    assert.match(logs[0], /HashiCorp's HCL parser stopped \(exit code 1\): Error: boom; syntax errors come from aks-netlint's parser alone$/);
    assert.deepEqual(await worker.syntaxErrors(UNCLOSED), UNCLOSED_ERRORS);
  });

  it('answers [] for a child that does not answer in time, and kills it', async () => {
    const { worker, logs, nextExit } = observedProcess({ workerPath: MISBEHAVING, timeoutMs: 1500 });
    const exit = nextExit();
    const answer = worker.syntaxErrors('hang');
    const pid = worker.pid!;
    assert.deepEqual(await answer, []);
    assert.match(logs.join('\n'), /HashiCorp's HCL parser took longer than 1500 ms/);
    assert.equal(await exit, pid);
    assert.equal(isRunning(pid), false);
    assert.equal(worker.pid, undefined);
  });

  it('answers [] for a child that cannot start, and tries again on the next request', async () => {
    const { worker, logs } = observedProcess({ workerPath: resolve('test/fixtures/hcl2json-workers/missing-worker.js') });
    assert.deepEqual(await worker.syntaxErrors(BROKEN), []);
    assert.deepEqual(await worker.syntaxErrors(BROKEN), []);
    assert.equal(logs.length, 2);
    assert.match(logs[0], /HashiCorp's HCL parser stopped \(exit code 1\): Error: Cannot find module '.*missing-worker\.js'/);
  });

  it('lets the process exit while its child is idle', () => {
    // The child would keep an idle process alive for an hour: the spawn's timeout would kill it.
    const parent = spawnSync(process.execPath, ['--import', 'tsx', 'test/fixtures/hcl2json-workers/one-request.ts'], { encoding: 'utf8', timeout: 30_000 });
    assert.equal(parent.signal, null, 'the process had to be killed');
    assert.equal(parent.status, 0, parent.stderr);
    assert.match(parent.stdout, /Invalid expression/);
  });

  it("keeps the child's output off its parent's stdout, which may carry the protocol", () => {
    const parent = spawnSync(process.execPath, ['--import', 'tsx', 'test/fixtures/hcl2json-workers/one-request.ts', MISBEHAVING, 'print'], { encoding: 'utf8', timeout: 30_000 });
    assert.equal(parent.status, 0, parent.stderr);
    assert.equal(parent.stdout, '[]\n');
  });

  it('does not outlive a parent killed with SIGKILL', async () => {
    const parent = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/hcl2json-workers/parent-with-idle-child.ts'], { stdio: ['ignore', 'pipe', 'inherit'] });
    const parentExit = new Promise((resolveExit) => parent.once('exit', resolveExit));
    try {
      const line = await new Promise<string>((resolveLine, reject) => {
        let out = '';
        parent.stdout.setEncoding('utf8').on('data', (chunk: string) => {
          out += chunk;
          if (out.includes('\n')) resolveLine(out.trim());
        });
        parent.once('exit', (code) => reject(new Error(`the parent exited (${code}) before its child answered`)));
      });
      const childPid = Number(line);
      assert.ok(Number.isInteger(childPid) && isRunning(childPid), `the parent printed a running child's pid, not ${JSON.stringify(line)}`);
      parent.kill('SIGKILL');
      await parentExit;
      await stopped(childPid, 'the orphaned hcl2json child');
    } finally {
      parent.kill('SIGKILL');
    }
  });

  it('serves hclSyntaxErrors from the worker next to the source when running through tsx', async () => {
    assert.deepEqual(await hclSyntaxErrors(BROKEN), BROKEN_ERRORS);
  });
});
