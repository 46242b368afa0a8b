/**
 * The server gives memory back once typing stops (server/src/lsp/memory-policy.ts): a fresh
 * parser and one full collection after a quiet period, never while edits keep coming, and the
 * server keeps serving.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { HoverRequest, type MarkupContent } from 'vscode-languageserver-protocol/node';
import { INITIAL_RUNTIME_BYTES } from '../../server/src/host/tree-sitter-runtime.js';
import { IdleMemoryTrimmer } from '../../server/src/lsp/memory-policy.js';
import { fileUri, TestClient } from '../support/lsp-client.js';

const MODULE = resolve('test/fixtures/modules/cilium-calico');
const MAIN = fileUri(`${MODULE}/main.tf`);
const TEXT = readFileSync(`${MODULE}/main.tf`, 'utf8');

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

describe('IdleMemoryTrimmer', () => {
  it('collects once after the quiet period, restarted by every touch', async () => {
    const collected: number[] = [];
    // A quiet period far longer than the gaps between touches, so a busy CI machine's pauses
    // cannot pass for one.
    const trimmer = new IdleMemoryTrimmer(400, () => collected.push(Date.now()));
    const started = Date.now();
    for (let i = 0; i < 5; i++) {
      trimmer.touch();
      await sleep(40);
    }
    assert.deepEqual(collected, [], 'no collection while touches keep coming');
    await sleep(1200);
    assert.equal(collected.length, 1);
    assert.ok(collected[0] - started >= 400 + 4 * 40, 'counted from the last touch');
    trimmer.dispose();
  });

  it('skips the collection when the heap has not grown since the last one', async () => {
    let collections = 0;
    const trimmer = new IdleMemoryTrimmer(10, () => collections++);
    trimmer.touch();
    await sleep(100);
    assert.equal(collections, 1);
    trimmer.touch();
    await sleep(100);
    assert.equal(collections, 1, 'nothing to give back: no second collection');
    trimmer.dispose();
  });

  it('collects after a release even when the heap has not grown, and not when touched meanwhile', async () => {
    let collections = 0;
    let releases = 0;
    let touchDuringRelease = false;
    const trimmer = new IdleMemoryTrimmer(10, () => collections++, {
      release: async () => {
        releases++;
        if (touchDuringRelease) trimmer.touch();
        return true;
      },
    });
    trimmer.touch();
    await sleep(100);
    trimmer.touch();
    await sleep(100);
    assert.deepEqual({ releases, collections }, { releases: 2, collections: 2 });
    touchDuringRelease = true;
    trimmer.touch();
    await sleep(30);
    assert.equal(collections, 2, 'an edit came in: no collection in the middle of typing');
    trimmer.dispose();
  });

  it('never collects after dispose', async () => {
    let collections = 0;
    const trimmer = new IdleMemoryTrimmer(10, () => collections++);
    trimmer.touch();
    trimmer.dispose();
    await sleep(100);
    assert.equal(collections, 0);
  });
});

describe('the language server', () => {
  it('runs a full collection once typing stops, and keeps serving', async () => {
    // Without a baseline: its re-check, once read, would restart the quiet period this test times.
    const client = await TestClient.start({ rootPath: MODULE, settings: () => ({ baseline: 'off' }), initializationOptions: { idleTrimMs: 100, reportTimings: true } });
    const trims: { durationMs: number; rssBefore: number; rssAfter: number; renewedParsers: boolean; parserBytes: number }[] = [];
    client.connection.onNotification('aksNetlint/trimmed', (report: (typeof trims)[number]) => {
      trims.push(report);
    });
    try {
      await client.open(MAIN, TEXT);
      await client.diagnostics(MAIN);
      for (let waited = 0; trims.length === 0 && waited < 10000; waited += 20) await sleep(20);
      assert.equal(trims.length, 1);
      assert.ok(trims[0].durationMs > 0 && trims[0].rssBefore > 0 && trims[0].rssAfter > 0, JSON.stringify(trims[0]));
      // The parser that read main.tf was replaced by a fresh one (its WebAssembly memory freed).
      assert.equal(trims[0].renewedParsers, true);
      assert.equal(trims[0].parserBytes, INITIAL_RUNTIME_BYTES);
      // Still serving: an edit is checked and a hover answered.
      const at = client.published.length;
      const line = TEXT.split('\n').findIndex((l) => l.includes('network_policy'));
      const version = await client.change(MAIN, [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: '# edited\n' }]);
      await client.diagnostics(MAIN, (p) => p.version === version, at);
      const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: MAIN }, position: { line: line + 1, character: TEXT.split('\n')[line].indexOf('network_policy') + 2 } });
      assert.match((hover?.contents as MarkupContent).value, /network_policy/);
    } finally {
      await client.stop();
    }
  });
});
