/**
 * The editor's baselines over a fake reader (the git reading has its own tests): never waited
 * for, read once per commit and var files, the ref resolved again on save or open and otherwise
 * at most once per interval, no stale baseline while a new commit is read, and each reason a
 * baseline cannot be had logged once.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Baseline } from '../../server/src/engine/aks/prior-settings.js';
import { ModuleBaselines, type BaselineReader, type ResolvedCommit } from '../../server/src/lsp/module-baselines.js';

const settle = () => new Promise((done) => setTimeout(done, 5));

function harness(recheckMs = 2000) {
  let clock = 0;
  const log: string[] = [];
  const changed: string[] = [];
  const calls: string[] = [];
  const heads = new Map<string, string>([['HEAD', 'c1']]);
  /** While set, reads wait for it: a read in progress. */
  const gate: { open?: Promise<void>; release?: () => void } = {};
  const reader: BaselineReader<ResolvedCommit> = {
    async resolve(dir, ref) {
      calls.push(`resolve ${ref}`);
      const commit = heads.get(ref);
      return commit ? { repoDir: '/repo', commit } : { unavailable: `unknown ref ${ref}` };
    },
    async read(at, input) {
      calls.push(`read ${at.commit} ${input.varFiles.join(',')}`);
      await gate.open;
      return { info: { kind: 'git', label: `HEAD (${at.commit})` }, key: at.commit, instances: new Map() } satisfies Baseline;
    },
  };
  const baselines = new ModuleBaselines(reader, { changed: (dir) => changed.push(dir), log: (m) => log.push(m) }, { recheckMs, now: () => clock });
  const hold = () => (gate.open = new Promise((done) => (gate.release = done)));
  return { baselines, log, changed, calls, heads, hold, release: () => gate.release?.(), tick: (ms: number) => (clock += ms) };
}

describe('module baselines in the language server', () => {
  it('is not waited for: the first use starts the read, the module is checked again when it is there', async () => {
    const h = harness();
    assert.equal(h.baselines.current('/repo/a', 'HEAD', []), undefined);
    await settle();
    assert.deepEqual(h.changed, ['/repo/a']);
    assert.equal(h.baselines.current('/repo/a', 'HEAD', [])?.key, 'c1');
    assert.deepEqual(h.calls, ['resolve HEAD', 'read c1 ']);
  });

  it('resolves the ref again at most once per interval, and reads nothing while the commit stays', async () => {
    const h = harness();
    h.baselines.current('/repo/a', 'HEAD', []);
    await settle();
    h.tick(1000);
    h.baselines.current('/repo/a', 'HEAD', []);
    await settle();
    assert.deepEqual(h.calls, ['resolve HEAD', 'read c1 ']);
    h.tick(1000);
    assert.equal(h.baselines.current('/repo/a', 'HEAD', [])?.key, 'c1');
    await settle();
    assert.deepEqual(h.calls, ['resolve HEAD', 'read c1 ', 'resolve HEAD']);
    assert.deepEqual(h.changed, ['/repo/a']);
  });

  it('a commit moves HEAD: a save resolves it again, the new commit is read, never the old one used meanwhile', async () => {
    const h = harness();
    h.baselines.current('/repo/a', 'HEAD', []);
    await settle();
    h.heads.set('HEAD', 'c2');
    h.hold();
    h.baselines.refresh('/repo/a');
    await settle();
    // Resolved, being read: no baseline, rather than c1's.
    assert.equal(h.baselines.current('/repo/a', 'HEAD', []), undefined);
    h.release();
    await settle();
    assert.equal(h.baselines.current('/repo/a', 'HEAD', [])?.key, 'c2');
    assert.deepEqual(h.calls, ['resolve HEAD', 'read c1 ', 'resolve HEAD', 'read c2 ']);
    assert.deepEqual(h.changed, ['/repo/a', '/repo/a']);
  });

  it('other var files are another baseline', async () => {
    const h = harness();
    h.baselines.current('/repo/a', 'HEAD', []);
    await settle();
    assert.equal(h.baselines.current('/repo/a', 'HEAD', ['/repo/prod.tfvars']), undefined);
    await settle();
    assert.deepEqual(h.calls, ['resolve HEAD', 'read c1 ', 'resolve HEAD', 'read c1 /repo/prod.tfvars']);
  });

  it('a ref that names nothing: one log line per reason, no baseline, no re-check', async () => {
    const h = harness(0);
    for (const dir of ['/repo/a', '/repo/a', '/repo/b']) {
      assert.equal(h.baselines.current(dir, 'origin/nope', []), undefined);
      await settle();
    }
    assert.deepEqual(h.log, ['aks-netlint: no baseline "origin/nope" for /repo/a: unknown ref origin/nope']);
    assert.deepEqual(h.changed, []);
  });

  it('a baseline that goes away (the ref deleted) has the module checked again without it', async () => {
    const h = harness();
    h.baselines.current('/repo/a', 'HEAD', []);
    await settle();
    h.heads.delete('HEAD');
    h.baselines.refresh('/repo/a');
    await settle();
    assert.equal(h.baselines.current('/repo/a', 'HEAD', []), undefined);
    assert.deepEqual(h.changed, ['/repo/a', '/repo/a']);
    assert.equal(h.log.length, 1);
  });

  it('off: nothing is resolved or kept', async () => {
    const h = harness();
    h.baselines.current('/repo/a', 'HEAD', []);
    await settle();
    assert.equal(h.baselines.current('/repo/a', undefined, []), undefined);
    h.baselines.refresh('/repo/a');
    await settle();
    assert.deepEqual(h.calls, ['resolve HEAD', 'read c1 ']);
  });
});
