/**
 * The hcl2json worker thread, with real workers: it answers HashiCorp's errors, goes away after
 * its idle time and comes back on the next request, serves concurrent callers one at a time, and
 * turns every failure (a worker that exits, throws, hangs or cannot start) into "no HCL errors"
 * and a log line, with the next request served by a fresh worker.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import type { HclError } from '../../server/src/engine/rules/define-rule.js';
import { Hcl2JsonThread, type Hcl2JsonThreadOptions } from '../../server/src/host/hcl2json-thread.js';
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

/** A thread whose log lines and worker exits the test can see. */
function observedThread(options: Partial<Hcl2JsonThreadOptions> = {}) {
  const logs: string[] = [];
  const exited: number[] = [];
  let onExit: ((threadId: number) => void) | undefined;
  const thread = new Hcl2JsonThread({
    workerPath: WORKER,
    log: (message) => logs.push(message),
    onWorkerExit: (threadId) => {
      exited.push(threadId);
      onExit?.(threadId);
    },
    ...options,
  });
  const nextExit = () =>
    new Promise<number>((resolveExit, reject) => {
      const timer = setTimeout(() => reject(new Error('no worker stopped within 10 s')), 10_000);
      onExit = (threadId) => {
        clearTimeout(timer);
        resolveExit(threadId);
      };
    });
  return { thread, logs, exited, nextExit };
}

// A hung request fails the test with a message instead of stalling the suite.
describe('the hcl2json worker thread', { timeout: 60_000 }, () => {
  it("answers HCL's errors with 1-based positions, and none for valid HCL", async () => {
    const { thread, logs } = observedThread({ idleMs: 1 });
    assert.deepEqual(await thread.syntaxErrors(BROKEN), BROKEN_ERRORS);
    assert.deepEqual(await thread.syntaxErrors('network_plugin = "azure"\n'), []);
    assert.deepEqual(logs, []);
  });

  it('keeps one worker across requests until the idle time passes', async () => {
    const { thread } = observedThread({ idleMs: 60_000 });
    await thread.syntaxErrors(BROKEN);
    const first = thread.threadId;
    assert.ok(first !== undefined && first > 0);
    await thread.syntaxErrors(UNCLOSED);
    assert.equal(thread.threadId, first);
  });

  it('stops the worker after the idle time, and the next request starts a new one', async () => {
    const { thread, logs, nextExit } = observedThread({ idleMs: 50 });
    const exit = nextExit();
    assert.deepEqual(await thread.syntaxErrors(BROKEN), BROKEN_ERRORS);
    const first = thread.threadId;
    assert.ok(first !== undefined);
    assert.equal(await exit, first);
    assert.equal(thread.threadId, undefined, 'no worker runs once it is idle');
    assert.deepEqual(await thread.syntaxErrors(UNCLOSED), UNCLOSED_ERRORS);
    assert.ok(thread.threadId !== undefined && thread.threadId !== first, 'a new worker answered');
    assert.deepEqual(logs, [], 'stopping an idle worker is no failure');
  });

  it('gives each of several concurrent callers its own answer', async () => {
    const { thread } = observedThread({ idleMs: 1 });
    const answers = await Promise.all([thread.syntaxErrors(BROKEN), thread.syntaxErrors(UNCLOSED), thread.syntaxErrors('a = 1\n'), thread.syntaxErrors(BROKEN)]);
    assert.deepEqual(answers, [BROKEN_ERRORS, UNCLOSED_ERRORS, [], BROKEN_ERRORS]);
  });

  it('answers [] for a worker that exits mid-request, logs it, and serves the next request with a fresh worker', async () => {
    const { thread, logs, exited } = observedThread({ workerPath: MISBEHAVING, idleMs: 1 });
    const answers = await Promise.all([thread.syntaxErrors('exit'), thread.syntaxErrors(BROKEN)]);
    assert.deepEqual(answers, [[], BROKEN_ERRORS]);
    assert.equal(logs.length, 1);
    assert.match(logs[0], /HashiCorp's HCL parser stopped \(exit code 7\); syntax errors come from aks-netlint's parser alone/);
    assert.ok(exited.length >= 1);
  });

  it('answers [] for a worker that throws, and serves the next request', async () => {
    const { thread, logs } = observedThread({ workerPath: MISBEHAVING, idleMs: 1 });
    assert.deepEqual(await thread.syntaxErrors('throw'), []);
    assert.equal(logs.length, 1);
    assert.match(logs[0], /HashiCorp's HCL parser failed: boom/);
    assert.deepEqual(await thread.syntaxErrors(UNCLOSED), UNCLOSED_ERRORS);
  });

  it('answers [] for a worker that does not answer in time, and stops it', async () => {
    const { thread, logs, nextExit } = observedThread({ workerPath: MISBEHAVING, timeoutMs: 1500 });
    const exit = nextExit();
    assert.deepEqual(await thread.syntaxErrors('hang'), []);
    assert.match(logs.join('\n'), /HashiCorp's HCL parser took longer than 1500 ms/);
    await exit;
    assert.equal(thread.threadId, undefined);
  });

  it('answers [] for a worker that cannot start, and tries again on the next request', async () => {
    const { thread, logs } = observedThread({ workerPath: resolve('test/fixtures/hcl2json-workers/missing-worker.js') });
    assert.deepEqual(await thread.syntaxErrors(BROKEN), []);
    assert.deepEqual(await thread.syntaxErrors(BROKEN), []);
    assert.equal(logs.length, 2);
    assert.match(logs[0], /HashiCorp's HCL parser failed: Cannot find module/);
  });

  it('lets the process exit while its worker is idle', () => {
    // The worker would keep an idle process alive for an hour: the spawn's timeout would kill it.
    const child = spawnSync(process.execPath, ['--import', 'tsx', 'test/fixtures/hcl2json-workers/one-request.ts'], { encoding: 'utf8', timeout: 60_000 });
    assert.equal(child.signal, null, 'the process had to be killed');
    assert.equal(child.status, 0, child.stderr);
    assert.match(child.stdout, /Invalid expression/);
  });

  it('serves hclSyntaxErrors from the worker next to the source when running through tsx', async () => {
    assert.deepEqual(await hclSyntaxErrors(BROKEN), BROKEN_ERRORS);
  });
});
