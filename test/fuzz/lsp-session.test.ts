/**
 * The language server survives a hostile client (issue 16). The real server process (dist/server.js
 * over stdio) is driven through a seeded session that mixes random incremental edits of a
 * two-cluster module with malformed messages: document notifications with bad params, bodies
 * that are not JSON-RPC, broken framing, requests at impossible positions. Every request must be
 * answered within 2 s, and after the session the diagnostics must equal those a fresh server
 * publishes for the same texts. Each framing case then runs in a process of its own: the server
 * answers the request that follows it, or exits with a message on stderr.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DidChangeTextDocumentNotification, StreamMessageReader } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { PACKET_FLOW_REQUEST } from '../../server/src/protocol/packet-flow.js';
import { INITIAL_RUNTIME_BYTES } from '../../server/src/host/tree-sitter-runtime.js';
import { DEFAULT_STALL_MS } from '../../server/src/lsp/framing-guard.js';
import { fileUri, SERVER, TestClient } from '../support/lsp-client.js';

// Another seed explores further: AKS_NETLINT_FUZZ_SEED=7 node scripts/run-tests.mjs test/fuzz/lsp-session
const SEED = Number(process.env.AKS_NETLINT_FUZZ_SEED ?? 16);
const STEPS = 700;
const ANSWER_WITHIN_MS = 2000;

/** A small deterministic generator (mulberry32), so a failure replays from its seed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** What people type and paste into Terraform, half of it breaking the syntax. */
const SNIPPETS = ['"', '{', '}', '\n', ' ', ' = ', '[', ']', '(', ')', ',', '#', '/*', '*/', '${', '%{', '<<EOF\n', 'EOF\n', 'network_policy = "cilium"\n', 'network_plugin_mode = "overlay"', '"10.0.0.0/16"', 'var.location', 'Zoë 🚀', '\r\n', '\t', ''];

const frame = (body: string | Buffer, length = Buffer.byteLength(body)) => Buffer.concat([Buffer.from(`Content-Length: ${length}\r\n\r\n`, 'ascii'), Buffer.from(body)]);
/** A notification every server ignores: what a broken frame carries here, so it changes nothing. */
const HARMLESS = JSON.stringify({ jsonrpc: '2.0', method: '$/aksNetlintFuzz', params: { n: 1 } });

describe('language server session fuzz', () => {
  it(`answers every request within 2 s through ${STEPS} seeded steps, then publishes what a fresh server does`, async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'aks-netlint-fuzz-'));
    cpSync('examples/address-planning', dir, { recursive: true });
    const next = random(SEED);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
    const client = await TestClient.start({ rootPath: dir, initializationOptions: { idleTrimMs: 300, reportTimings: true } });
    const trims: { renewedParsers: boolean; parserBytes: number; rssAfter: number }[] = [];
    client.connection.onNotification('aksNetlint/trimmed', (report: (typeof trims)[number]) => {
      trims.push(report);
    });
    const documents = new Map<string, TextDocument>();
    const versions = new Map<string, number>();
    const figures = { edits: 0, badNotifications: 0, badFrames: 0, requests: 0, slowestMs: 0 };
    try {
      for (const name of ['main.tf', 'pools.tf']) {
        const uri = fileUri(join(dir, name));
        const text = readFileSync(join(dir, name), 'utf8');
        documents.set(uri, TextDocument.create(uri, 'terraform', 1, text));
        versions.set(uri, 1);
        await client.open(uri, text);
      }
      const uris = [...documents.keys()];

      /** An offset of `document`, never between the halves of a surrogate pair. */
      const offsetIn = (document: TextDocument) => {
        const text = document.getText();
        let offset = Math.floor(next() * (text.length + 1));
        if (offset > 0 && offset < text.length && /[\uDC00-\uDFFF]/.test(text[offset])) offset--;
        return offset;
      };
      /** A valid change of `document`: an insert, a deletion, a replacement. */
      const randomChange = (document: TextDocument) => {
        const start = offsetIn(document);
        let end = Math.min(document.getText().length, start + (next() < 0.5 ? 0 : Math.floor(next() * 30)));
        if (end < document.getText().length && /[\uDC00-\uDFFF]/.test(document.getText()[end])) end++;
        return { range: { start: document.positionAt(start), end: document.positionAt(end) }, text: next() < 0.3 ? '' : pick(SNIPPETS) };
      };
      const writeRaw = (bytes: Buffer) => new Promise<void>((done) => client.process.stdin!.write(bytes, () => done()));
      // Written as is: vscode-jsonrpc's client would refuse to send some of these.
      const notifyRaw = (method: string, params: unknown) => writeRaw(frame(JSON.stringify({ jsonrpc: '2.0', method, params })));
      const sendChange = (uri: unknown, version: unknown, contentChanges: unknown) => notifyRaw('textDocument/didChange', { textDocument: { uri, version }, contentChanges });

      /** Sends a request and fails the test unless it is answered (result or error) in time. */
      const request = async (step: number, method: string, params: unknown) => {
        figures.requests++;
        const started = Date.now();
        let timer: NodeJS.Timeout | undefined;
        const late = new Promise<'late'>((done) => (timer = setTimeout(() => done('late'), ANSWER_WITHIN_MS)));
        const answer = await Promise.race([client.connection.sendRequest(method, params).then(() => 'answered', () => 'answered'), late]);
        clearTimeout(timer);
        assert.equal(answer, 'answered', `step ${step}: ${method} ${JSON.stringify(params).slice(0, 200)} was not answered within ${ANSWER_WITHIN_MS} ms`);
        figures.slowestMs = Math.max(figures.slowestMs, Date.now() - started);
      };

      for (let step = 0; step < STEPS; step++) {
        const uri = pick(uris);
        const document = documents.get(uri)!;
        const roll = next();
        if (roll < 0.62) {
          // Valid edits: mostly one change, sometimes several in one message, rarely the whole text.
          const version = versions.get(uri)! + 1;
          const count = next() < 0.15 ? 2 + Math.floor(next() * 3) : 1;
          let updated = document;
          const changes: ({ range: ReturnType<typeof randomChange>['range']; text: string } | { text: string })[] = [];
          for (let i = 0; i < count; i++) {
            const change = next() < 0.02 ? { text: updated.getText().replace(/"azure"/g, '"kubenet"') } : randomChange(updated);
            changes.push(change);
            updated = TextDocument.update(updated, [change], version);
          }
          await client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: changes });
          documents.set(uri, updated);
          versions.set(uri, version);
          figures.edits++;
        } else if (roll < 0.8) {
          // A document notification the server must ignore whole.
          figures.badNotifications++;
          const version = versions.get(uri)!;
          const lines = document.lineCount;
          const good = randomChange(document);
          const surrogate = document.getText().indexOf('🚀');
          const bad = pick([
            () => sendChange(uri, version + 1, [{ text: null }]),
            () => sendChange(uri, version + 1, [{ range: good.range, text: null }]),
            () => sendChange(uri, version + 1, [{ range: { start: { line: lines + 3, character: 0 }, end: { line: lines + 3, character: 1 } }, text: 'x' }]),
            () => sendChange(uri, version + 1, [{ range: { start: { line: -1, character: 0 }, end: good.range.end }, text: 'x' }]),
            () => sendChange(uri, version + 1, [{ range: { start: { line: 0, character: 0.5 }, end: { line: 0, character: 1 } }, text: 'x' }]),
            () => sendChange(uri, version + 1, [{ range: { start: good.range.end, end: { line: good.range.start.line, character: -1 } }, text: 'x' }]),
            () => sendChange(uri, version + 1, [good, { range: { start: { line: lines + 10, character: 0 }, end: { line: lines + 10, character: 0 } }, text: 'x' }]),
            () => sendChange(uri, version + 1, surrogate === -1 ? null : [{ range: { start: document.positionAt(surrogate + 1), end: document.positionAt(surrogate + 1) }, text: 'x' }]),
            () => sendChange(uri, version - 1, [good]),
            () => sendChange(uri, version + 1, { text: 'not a list' }),
            () => sendChange(fileUri(join(dir, 'never-opened.tf')), 2, [good]),
            () => sendChange(42, version + 1, [good]),
            () => sendChange(uri, 'latest', [good]),
            () => notifyRaw('textDocument/didChange', null),
            () => notifyRaw('textDocument/didChange', [uri, good]),
            () => notifyRaw('textDocument/didOpen', { textDocument: { uri: fileUri(join(dir, 'ghost.tf')), languageId: 'terraform', version: 1, text: null } }),
            () => notifyRaw('textDocument/didClose', { textDocument: { uri: null } }),
            () => notifyRaw('textDocument/didSave', {}),
            () => notifyRaw('workspace/didChangeWatchedFiles', { changes: null }),
            () => notifyRaw('workspace/didChangeConfiguration', null),
            () => notifyRaw('$/cancelRequest', { id: { nested: true } }),
          ])();
          await bad;
        } else if (roll < 0.85) {
          // Bytes that are not a well-framed JSON-RPC message, each followed by the next message.
          figures.badFrames++;
          const body = Buffer.from(HARMLESS);
          await writeRaw(
            pick([
              () => frame('{"jsonrpc": "2.0", "method":'),
              () => frame('[]'),
              () => frame('{"jsonrpc":"2.0"}'),
              () => frame('"just a string"'),
              () => Buffer.concat([Buffer.from('Content-Length: -7\r\n\r\n'), body]),
              () => Buffer.concat([Buffer.from('Content-Length: twelve\r\n\r\n'), body]),
              () => Buffer.concat([Buffer.from('Content-Type: application/vscode-jsonrpc\r\n\r\n'), body]),
              () => frame(body, body.length - 9),
              () => frame(body, body.length + 31),
              () => Buffer.concat([Buffer.from(`Content-Length: ${body.length}\n\n`), body]),
              () => Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n`), body]),
              () => Buffer.from('\u0000\u00ff garbage\r\n'),
            ])(),
          );
        } else {
          // A request, at a real position or an impossible one.
          const position = next() < 0.8 ? document.positionAt(offsetIn(document)) : pick([{ line: document.lineCount + 50, character: 0 }, { line: 0, character: 10_000 }, { line: -3, character: 2 }, null]);
          const [method, params] = pick([
            ['textDocument/hover', { textDocument: { uri }, position }],
            ['textDocument/completion', { textDocument: { uri }, position }],
            ['textDocument/codeAction', { textDocument: { uri }, range: { start: position, end: position }, context: { diagnostics: [] } }],
            ['textDocument/codeAction', { textDocument: { uri }, range: { start: position, end: position }, context: { diagnostics: [], only: ['source.fixAll'] } }],
            [PACKET_FLOW_REQUEST, { textDocument: { uri }, position }],
            ['textDocument/hover', null],
            ['textDocument/documentSymbol', { textDocument: { uri } }],
          ] as const);
          await request(step, method, params);
        }
      }

      // The session is over: the server must hold exactly the client's texts. Both servers reach
      // their last state at their own pace (the debounce, then HashiCorp's parser for broken files).
      const fresh = await TestClient.start({ rootPath: dir });
      try {
        for (const [uri, document] of documents) await fresh.open(uri, document.getText());
        const deadline = Date.now() + 20000;
        let compared: [string, unknown][][];
        do {
          await new Promise((done) => setTimeout(done, 250));
          compared = [finalDiagnostics(client), finalDiagnostics(fresh)];
        } while (Date.now() < deadline && JSON.stringify(compared[0]) !== JSON.stringify(compared[1]));
        assert.deepEqual(compared[0], compared[1], 'the diagnostics of a fresh server for the same texts');
        t.diagnostic(`final diagnostics: ${compared[0].map(([uri, list]) => `${uri.split('/').pop()} ${(list as unknown[]).length}`).join(', ')}`);
      } finally {
        await fresh.stop();
      }

      // At rest, the parser that went through all of this is replaced and its memory freed.
      await client.until('the memory trim at rest', () => (trims.length > 0 && trims.at(-1)!.renewedParsers ? true : undefined), 10000);
      assert.equal(trims.at(-1)!.parserBytes, INITIAL_RUNTIME_BYTES);
      t.diagnostic(`seed ${SEED}: ${figures.edits} edits, ${figures.badNotifications} bad notifications, ${figures.badFrames} bad frames, ${figures.requests} requests (slowest ${figures.slowestMs} ms); resident after the trim ${Math.round(trims.at(-1)!.rssAfter / 1048576)} MB`);
      assert.equal(client.process.exitCode, null, 'still running');
    } finally {
      await client.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** The diagnostics a client shows: the last list published for each file. */
function finalDiagnostics(client: TestClient): [string, unknown][] {
  const byUri = new Map<string, unknown>();
  for (const p of client.published) byUri.set(p.uri, p.diagnostics);
  return [...byUri].sort(([a], [b]) => a.localeCompare(b));
}

/** A framing case: the bytes after initialize, then a hover that must be answered (or the server exits). */
interface FramingCase {
  name: string;
  bytes: Buffer;
  /** Ends the input after the bytes instead of sending the hover. */
  endInput?: boolean;
  /** The broken message itself is a request (id 2) that is still answered. */
  answersBroken?: boolean;
  /** No message follows: the broken request is answered once the bytes stop (DEFAULT_STALL_MS). */
  alone?: boolean;
}

const hover = (id: number) => JSON.stringify({ jsonrpc: '2.0', id, method: 'textDocument/hover', params: { textDocument: { uri: 'file:///nowhere/main.tf' }, position: { line: 0, character: 0 } } });
const FRAMING_CASES: FramingCase[] = [
  { name: 'a negative Content-Length', bytes: Buffer.from(`Content-Length: -5\r\n\r\n${hover(2)}`), answersBroken: true },
  { name: 'a Content-Length that is not a number', bytes: Buffer.from(`Content-Length: abc\r\n\r\n${hover(2)}`), answersBroken: true },
  { name: 'no Content-Length', bytes: Buffer.from(`Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n${hover(2)}`), answersBroken: true },
  { name: 'a Content-Length too small', bytes: frame(hover(2), Buffer.byteLength(hover(2)) - 10), answersBroken: true },
  { name: 'a Content-Length too large', bytes: frame(hover(2), Buffer.byteLength(hover(2)) + 500), answersBroken: true },
  { name: 'a Content-Length too large, and nothing after it', bytes: frame(hover(2), Buffer.byteLength(hover(2)) + 500), answersBroken: true, alone: true },
  { name: 'a Content-Length of 10^14', bytes: Buffer.from(`Content-Length: 99999999999999\r\n\r\n${hover(2)}`), answersBroken: true },
  { name: 'a header ending in LF LF', bytes: Buffer.from(`Content-Length: ${Buffer.byteLength(hover(2))}\n\n${hover(2)}`) },
  { name: 'a header without the blank line', bytes: Buffer.from(`Content-Length: ${Buffer.byteLength(hover(2))}\r\n${hover(2)}`) },
  { name: 'bytes that are no header', bytes: Buffer.from('GET / HTTP/1.1\r\nHost: x\r\n\r\n') },
  { name: 'a body that is not JSON', bytes: frame('{"jsonrpc": "2.0", "id": 2, "method":') },
  { name: 'the input ending in the middle of a message', bytes: Buffer.from('Content-Length: 100\r\n\r\n{"jsonrpc"'), endInput: true },
];

describe('malformed framing, each in its own server process', () => {
  for (const framing of FRAMING_CASES) {
    it(`${framing.endInput ? 'exits with a message' : 'keeps answering'} after ${framing.name}`, async () => {
      const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const answered = new Set<unknown>();
      const reader = new StreamMessageReader(child.stdout!);
      reader.listen((message) => {
        if ('id' in message && !('method' in message)) answered.add(message.id);
      });
      let exitCode: number | null | undefined;
      const exited = new Promise<void>((done) => child.on('exit', (code) => ((exitCode = code), done())));
      const waitFor = async (what: string, check: () => boolean, ms: number) => {
        const deadline = Date.now() + ms;
        while (!check()) {
          assert.ok(Date.now() < deadline, `${what} within ${ms} ms; stderr: ${stderr}`);
          await new Promise((done) => setTimeout(done, 10));
        }
      };
      try {
        child.stdin!.write(frame(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } })));
        await waitFor('the initialize answer', () => answered.has(1), 10000);
        child.stdin!.write(framing.bytes);
        if (framing.endInput) {
          child.stdin!.end();
          await waitFor('the exit', () => exitCode !== undefined, ANSWER_WITHIN_MS);
          assert.notEqual(exitCode, 0);
          assert.match(stderr, /^aks-netlint-ls: the input ended in the middle of a message \(10 bytes unread\); exiting$/m);
          return;
        }
        if (!framing.alone) child.stdin!.write(frame(hover(3)));
        const expected = [...(framing.alone ? [] : [3]), ...(framing.answersBroken ? [2] : [])];
        await waitFor(`answers to ${expected.join(' and ')}`, () => expected.every((id) => answered.has(id)), ANSWER_WITHIN_MS + (framing.alone ? DEFAULT_STALL_MS : 0));
        if (!framing.answersBroken) assert.ok(!answered.has(2));
        assert.equal(exitCode, undefined, 'still running');
        // Each problem is reported, on stderr (which editors log) as well as to the client.
        assert.match(stderr, /^aks-netlint-ls: /m);
      } finally {
        child.kill();
        await exited;
      }
    });
  }
});
