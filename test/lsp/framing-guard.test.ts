/**
 * The framing guard in front of the server's stdin (server/src/lsp/framing-guard.ts): well-framed
 * messages pass unchanged however the bytes are split, and each malformed framing costs at most
 * its own message, with one log line, while the messages after it pass.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FramingGuard } from '../../server/src/lsp/framing-guard.js';

/** A small deterministic generator, so a failure replays. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state / 0x7fffffff;
  };
}

const message = (id: number, text = 'x') => JSON.stringify({ jsonrpc: '2.0', id, method: 'textDocument/hover', params: { text } });
const frame = (body: string, length = Buffer.byteLength(body)) => `Content-Length: ${length}\r\n\r\n${body}`;

/** Feeds `chunks` to a guard; the bodies it passes on (parsed from its canonical frames) and its log. */
async function guard(chunks: (string | Buffer)[], options: { stallMs?: number; end?: boolean; waitMs?: number } = {}) {
  const logs: string[] = [];
  const truncated: string[] = [];
  const guardStream = new FramingGuard({ log: (m) => logs.push(m), onTruncated: (m) => truncated.push(m), stallMs: options.stallMs ?? 50 });
  const out: Buffer[] = [];
  guardStream.on('data', (chunk: Buffer) => out.push(chunk));
  for (const chunk of chunks) guardStream.write(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  if (options.end) guardStream.end();
  await new Promise((done) => setTimeout(done, options.waitMs ?? 10));
  const bytes = Buffer.concat(out);
  const bodies: string[] = [];
  for (let at = 0; at < bytes.length; ) {
    const header = /^Content-Length: (\d+)\r\n\r\n/.exec(bytes.toString('latin1', at, at + 40));
    assert.ok(header, `a canonical header at ${at}: ${bytes.toString('latin1', at, at + 40)}`);
    const start = at + header[0].length;
    bodies.push(bytes.toString('utf8', start, start + Number(header[1])));
    at = start + Number(header[1]);
  }
  return { bodies, logs, truncated };
}

describe('FramingGuard', () => {
  it('passes well-framed messages unchanged, however the bytes are split', async () => {
    const bodies = [message(1), message(2, 'Zoë 🚀 "Content-Length: 5" \\r\\n'), JSON.stringify([{ jsonrpc: '2.0', method: 'x' }]), `{\r\n  "jsonrpc": "2.0",\r\n  "id": 4\r\n}`, message(5, 'y'.repeat(200000))];
    const stream = Buffer.from(bodies.map((b) => frame(b)).join('') + `Content-Type: application/vscode-jsonrpc; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(message(6))}\r\n\r\n${message(6)}`);
    const next = random(7);
    for (let round = 0; round < 20; round++) {
      const chunks: Buffer[] = [];
      for (let at = 0; at < stream.length; ) {
        const size = round === 0 ? 1 : 1 + Math.floor(next() * (round < 10 ? 64 : 70000));
        chunks.push(stream.subarray(at, at + size));
        at += size;
      }
      const result = await guard(chunks);
      assert.deepEqual(result.bodies, [...bodies, message(6)], `round ${round}`);
      assert.deepEqual(result.logs, []);
    }
  });

  const cases: { name: string; bad: string; passes: boolean; log: RegExp }[] = [
    { name: 'a negative Content-Length', bad: `Content-Length: -5\r\n\r\n${message(2)}`, passes: true, log: /Content-Length "-5" is not a number of bytes/ },
    { name: 'a Content-Length that is not a number', bad: `Content-Length: 12abc\r\n\r\n${message(2)}`, passes: true, log: /Content-Length "12abc" is not a number of bytes/ },
    { name: 'no Content-Length', bad: `Content-Type: application/json\r\n\r\n${message(2)}`, passes: true, log: /has no Content-Length/ },
    { name: 'a Content-Length too small', bad: frame(message(2), 20), passes: true, log: /after \d+ bytes of a message \(its Content-Length says 20\); reading them as the message/ },
    { name: 'a Content-Length too large', bad: frame(message(2), 5000), passes: true, log: /its Content-Length says 5000/ },
    { name: 'a Content-Length 5 bytes too large (the next header split)', bad: frame(message(2), Buffer.byteLength(message(2)) + 5), passes: true, log: /its Content-Length says/ },
    { name: 'a Content-Length of 0', bad: frame(message(2), 0), passes: true, log: /its Content-Length says 0/ },
    { name: 'a Content-Length over the limit', bad: `Content-Length: 99999999999\r\n\r\n${message(2)}`, passes: true, log: /over the 67108864-byte limit/ },
    { name: 'a header ending in LF LF', bad: `Content-Length: ${message(2).length}\n\n${message(2)}`, passes: false, log: /ends with a bare LF or CR, not CRLF; skipped \d+ bytes up to the next message header/ },
    { name: 'a header without the blank line', bad: `Content-Length: ${message(2).length}\r\n${message(2)}`, passes: false, log: /is not a message header; skipped/ },
    { name: 'bytes between messages', bad: 'hello\r\n', passes: false, log: /"hello" is not a message header; skipped 7 bytes/ },
    { name: 'a header over 8 KB', bad: `X-Padding: ${'p'.repeat(9000)}\r\n`, passes: false, log: /a header runs over 8192 bytes/ },
    { name: 'a body that is not JSON', bad: frame('not json at all!'), passes: false, log: /that are not a JSON message/ },
  ];
  for (const { name, bad, passes, log } of cases) {
    it(`recovers from ${name}`, async () => {
      for (const split of [false, true]) {
        const stream = Buffer.from(frame(message(1)) + bad + frame(message(3)));
        const chunks = split ? [...stream].map((byte) => Buffer.from([byte])) : [stream];
        const result = await guard(chunks);
        assert.deepEqual(result.bodies, passes ? [message(1), message(2), message(3)] : [message(1), message(3)], `${split ? 'byte by byte' : 'one chunk'}: ${result.logs.join('\n')}`);
        assert.ok(result.logs.length >= 1 && result.logs.every((l) => l.startsWith('aks-netlint-ls: ')), result.logs.join('\n'));
        assert.match(result.logs.join('\n'), log);
      }
    });
  }

  it('takes a message whose Content-Length is too large as complete after a pause, when it is JSON', async () => {
    const result = await guard([frame(message(1), 500)], { stallMs: 30, waitMs: 120 });
    assert.deepEqual(result.bodies, [message(1)]);
    assert.match(result.logs.join('\n'), /nothing came for 30 ms after \d+ bytes of a message \(its Content-Length says 500\)/);
    const partial = await guard([frame(message(1), 500).slice(0, 40)], { stallMs: 30, waitMs: 120 });
    assert.deepEqual(partial, { bodies: [], logs: [], truncated: [] }, 'half a message waits for the rest');
  });

  it('reports an input that ends in the middle of a message', async () => {
    const result = await guard([frame(message(1)), frame(message(2)).slice(0, 30)], { end: true });
    assert.deepEqual(result.bodies, [message(1)]);
    assert.deepEqual(result.truncated, ['the input ended in the middle of a message (8 bytes unread)']);
    assert.deepEqual((await guard([frame(message(1)), '\r\n'], { end: true })).truncated, [], 'trailing white space is not a message');
  });
});
