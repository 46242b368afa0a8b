/**
 * Checks the framing of the messages a client writes to the server's stdin before
 * vscode-jsonrpc's StreamMessageReader reads them, and passes on only well-framed messages
 * (`Content-Length: n` CRLF CRLF, then n bytes). The reader trusts every header: one negative,
 * non-numeric, missing, too small or too large Content-Length, or a header without CRLF CRLF,
 * left it reading bodies at the wrong offsets for good, and the server silent (issue 16).
 *
 * What it does instead, each time with one line in the log:
 * - a header it cannot read (not `name: value` lines ending in CRLF, over 8 KB): the bytes up to
 *   the next valid header are skipped, and that message is lost;
 * - a Content-Length that is missing, not a number of bytes, or over 64 MB, and a body that does
 *   not end where its Content-Length says (too short, or running into the next header): the body
 *   is taken to end at the next valid header, or after a pause of `stallMs` without bytes, and is
 *   passed on when it is one JSON value (so a request with a wrong length is still answered),
 *   dropped otherwise.
 * The next valid header is found by its bytes: `Content-Length: <digits>` CRLF ... CRLF CRLF
 * cannot occur inside a JSON text, whose strings hold no raw CR or LF.
 * The input ending in the middle of a message is reported through `onTruncated`; the server then
 * exits with a non-zero code (vscode-languageserver exits when its input ends), and the client
 * restarts it.
 */
import { Transform, type TransformCallback } from 'node:stream';

/** Longest header block accepted: real ones are under 100 bytes. */
const MAX_HEADER_BYTES = 8192;
/** Largest message accepted: a 5 MB file (the largest checked) as JSON, with room for escapes. */
export const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;
/** Without bytes for this long, a message shorter than its Content-Length is taken as complete. */
export const DEFAULT_STALL_MS = 2000;
/** How far back a header split between two chunks may start. */
const MARKER_OVERLAP = 64;

export interface FramingGuardOptions {
  /** One line per framing problem. */
  log(message: string): void;
  /** The input ended in the middle of a message. */
  onTruncated?(message: string): void;
  stallMs?: number;
  maxMessageBytes?: number;
}

type HeaderRead =
  | { kind: 'complete'; end: number; length: number | undefined; problem?: string }
  | { kind: 'incomplete' }
  | { kind: 'invalid'; reason: string };

/** A body being read: `expected` bytes, or (when undefined) up to the next header. */
interface PendingBody {
  expected: number | undefined;
  /** Why the body's end is not known, logged with the outcome. */
  problem?: string;
  bytes: ByteBuilder;
  /** Where the search for the next header resumes. */
  scanFrom: number;
}

export class FramingGuard extends Transform {
  /** Bytes not yet read as a header or a body. */
  private pending: Buffer = Buffer.alloc(0);
  private body: PendingBody | undefined;
  /**
   * Skipping bytes up to the next valid header: why, how many so far, and where the search
   * starts (1 at first: never the header just found invalid).
   */
  private skipping: { reason: string; skipped: number; from: number } | undefined;
  private stallTimer: NodeJS.Timeout | undefined;
  private readonly stallMs: number;
  private readonly maxMessageBytes: number;

  constructor(private readonly options: FramingGuardOptions) {
    super();
    this.stallMs = options.stallMs ?? DEFAULT_STALL_MS;
    this.maxMessageBytes = options.maxMessageBytes ?? MAX_MESSAGE_BYTES;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    clearTimeout(this.stallTimer);
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    this.pump();
    if (this.body) {
      this.stallTimer = setTimeout(() => this.onStall(), this.stallMs);
      // A client that went away mid-message must not keep the process alive.
      this.stallTimer.unref();
    }
    done();
  }

  override _flush(done: TransformCallback): void {
    clearTimeout(this.stallTimer);
    const unread = (this.body?.bytes.length ?? 0) + this.pending.toString('latin1').trim().length;
    if (this.body || unread > 0) this.options.onTruncated?.(`the input ended in the middle of a message (${unread} bytes unread)`);
    done();
  }

  override _destroy(error: Error | null, done: (error?: Error | null) => void): void {
    clearTimeout(this.stallTimer);
    done(error);
  }

  private pump(): void {
    for (;;) {
      if (this.body) {
        if (!this.readBody(this.body)) return;
        continue;
      }
      if (this.skipping) {
        if (!this.skipToHeader()) return;
        continue;
      }
      if (this.pending.length === 0) return;
      const header = readHeader(this.pending, 0, this.maxMessageBytes);
      if (header.kind === 'incomplete') return;
      if (header.kind === 'invalid') {
        this.skipping = { reason: header.reason, skipped: 0, from: 1 };
        continue;
      }
      this.pending = this.pending.subarray(header.end);
      if (header.problem) this.options.log(`aks-netlint-ls: ${header.problem}; reading the message up to the next header`);
      this.body = { expected: header.length, problem: header.problem, bytes: new ByteBuilder(Math.min(header.length ?? 4096, 1 << 16)), scanFrom: 0 };
    }
  }

  /** Moves pending bytes into the body; true when the body is settled and reading goes on. */
  private readBody(body: PendingBody): boolean {
    for (;;) {
      const room = body.expected === undefined || body.problem ? this.pending.length : Math.min(this.pending.length, body.expected - body.bytes.length);
      body.bytes.append(this.pending.subarray(0, room));
      this.pending = this.pending.subarray(room);
      // The next header inside this body: the Content-Length was too large, or the body's end
      // was not known.
      const next = findHeader(body.bytes.view(), body.scanFrom, this.maxMessageBytes);
      if (next.at !== undefined) {
        const rest = body.bytes.view().subarray(next.at);
        this.pending = this.pending.length === 0 ? Buffer.from(rest) : Buffer.concat([rest, this.pending]);
        this.settleBody(next.at, 'the next header came');
        return true;
      }
      body.scanFrom = next.resumeAt;
      if (body.expected !== undefined && body.bytes.length === body.expected && !body.problem) {
        if (looksLikeJson(body.bytes.view())) {
          this.pass(body.bytes.view());
          this.body = undefined;
          return true;
        }
        // Shorter than its Content-Length says: the rest follows, up to the next header.
        body.problem = `a message does not end after the ${body.expected} bytes its Content-Length says`;
        continue;
      }
      if (body.bytes.length > this.maxMessageBytes) {
        this.options.log(`aks-netlint-ls: ${body.problem ?? 'a message'}: no header after ${this.maxMessageBytes} bytes; skipping them`);
        this.body = undefined;
        this.skipping = { reason: 'an oversized message', skipped: 0, from: 0 };
        return true;
      }
      // Every pending byte is in the body, which waits for more.
      return false;
    }
  }

  /** A body whose end was not where its header said: passed on if its first `end` bytes are JSON. */
  private settleBody(end: number, why: string): void {
    const body = this.body!;
    this.body = undefined;
    const bytes = body.bytes.view().subarray(0, end);
    const expected = body.expected === undefined ? '' : ` (its Content-Length says ${body.expected})`;
    if (isJson(bytes)) {
      this.options.log(`aks-netlint-ls: ${why} after ${end} bytes of a message${expected}; reading them as the message`);
      this.pass(bytes);
    } else {
      this.options.log(`aks-netlint-ls: ${why} after ${end} bytes that are not a JSON message${expected}; skipped them`);
    }
  }

  private pass(body: Buffer): void {
    this.push(Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'));
    this.push(body);
  }

  /** Skips pending bytes up to the next valid header; true when one was found. */
  private skipToHeader(): boolean {
    const skipping = this.skipping!;
    const next = findHeader(this.pending, Math.min(skipping.from, this.pending.length), this.maxMessageBytes);
    const skipped = next.at ?? next.resumeAt;
    skipping.from = 0;
    skipping.skipped += skipped;
    this.pending = this.pending.subarray(skipped);
    if (next.at === undefined) return false;
    this.options.log(`aks-netlint-ls: ${skipping.reason}; skipped ${skipping.skipped} bytes up to the next message header`);
    this.skipping = undefined;
    return true;
  }

  /** A message stopped arriving before its end was known. */
  private onStall(): void {
    const body = this.body;
    if (!body || body.bytes.length === 0 || !isJson(body.bytes.view())) return;
    this.settleBody(body.bytes.length, `nothing came for ${this.stallMs} ms`);
  }
}

/**
 * The first valid header at or after `from`: its offset, or where a later search must resume
 * (a header may be arriving, split between chunks).
 */
function findHeader(bytes: Buffer, from: number, maxMessageBytes: number): { at?: number; resumeAt: number } {
  const text = bytes.toString('latin1', from);
  const marker = /content-length[ \t]*:/gi;
  for (let match = marker.exec(text); match; match = marker.exec(text)) {
    const at = from + match.index;
    const header = readHeader(bytes, at, maxMessageBytes);
    if (header.kind === 'complete' && !header.problem) return { at, resumeAt: at };
    if (header.kind === 'incomplete') return { resumeAt: at };
  }
  return { resumeAt: Math.max(from, bytes.length - MARKER_OVERLAP) };
}

/**
 * Reads a header block at `from`. Complete: where the body starts and its length (undefined, with
 * the problem, when the Content-Length is missing or unusable). Invalid: not a header at all.
 */
export function readHeader(bytes: Buffer, from: number, maxMessageBytes = MAX_MESSAGE_BYTES): HeaderRead {
  const text = bytes.toString('latin1', from, Math.min(bytes.length, from + MAX_HEADER_BYTES));
  const end = text.indexOf('\r\n\r\n');
  const lines = (end === -1 ? text : text.slice(0, end)).split('\r\n');
  for (const [i, line] of lines.entries()) {
    const problem = headerLineProblem(line, end === -1 && i === lines.length - 1);
    if (problem) return { kind: 'invalid', reason: problem };
  }
  if (end === -1) return text.length >= MAX_HEADER_BYTES ? { kind: 'invalid', reason: `a header runs over ${MAX_HEADER_BYTES} bytes` } : { kind: 'incomplete' };
  const lengths = lines.filter((line) => /^content-length[ \t]*:/i.test(line)).map((line) => line.slice(line.indexOf(':') + 1).trim());
  const body = from + end + 4;
  if (lengths.length === 0) return { kind: 'complete', end: body, length: undefined, problem: 'a message header has no Content-Length' };
  if (new Set(lengths).size > 1) return { kind: 'complete', end: body, length: undefined, problem: `a message header has ${lengths.length} different Content-Lengths` };
  const value = lengths[0];
  if (!/^\d+$/.test(value)) return { kind: 'complete', end: body, length: undefined, problem: `Content-Length "${snippet(value)}" is not a number of bytes` };
  const length = Number(value);
  if (length > maxMessageBytes) return { kind: 'complete', end: body, length: undefined, problem: `Content-Length ${value} is over the ${maxMessageBytes}-byte limit` };
  return { kind: 'complete', end: body, length };
}

/** Why a line (the last one possibly still arriving) is not `name: value`. */
function headerLineProblem(line: string, partial: boolean): string | undefined {
  const checked = partial && line.endsWith('\r') ? line.slice(0, -1) : line;
  if (/[\n\r]/.test(checked)) return `a header line "${snippet(checked)}" ends with a bare LF or CR, not CRLF`;
  const colon = checked.indexOf(':');
  const name = colon === -1 ? checked : checked.slice(0, colon);
  if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]*$/.test(name) || (colon === -1 && !partial) || (colon === 0)) return `"${snippet(checked)}" is not a message header`;
  if (colon !== -1 && /[^\t\x20-\x7e\x80-\xff]/.test(checked.slice(colon + 1))) return `a header line "${snippet(checked)}" holds control characters`;
  return undefined;
}

/** Whether a body starts and ends like a JSON-RPC message or batch (cheap, for every message). */
function looksLikeJson(bytes: Buffer): boolean {
  let first = 0;
  while (first < bytes.length && isSpace(bytes[first])) first++;
  let last = bytes.length - 1;
  while (last > first && isSpace(bytes[last])) last--;
  if (first >= last) return false;
  return (bytes[first] === 0x7b && bytes[last] === 0x7d) || (bytes[first] === 0x5b && bytes[last] === 0x5d);
}

/** Whether a body is one JSON value (only for the rare bodies whose end was guessed). */
function isJson(bytes: Buffer): boolean {
  if (!looksLikeJson(bytes)) return false;
  try {
    JSON.parse(bytes.toString('utf8'));
    return true;
  } catch {
    return false;
  }
}

function isSpace(byte: number): boolean {
  return byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d;
}

function snippet(text: string): string {
  const printable = JSON.stringify(text).slice(1, -1);
  return printable.length > 40 ? `${printable.slice(0, 37)}...` : printable;
}

/** A byte buffer that grows by doubling: bodies arrive in many chunks. */
class ByteBuilder {
  private data: Buffer;
  length = 0;

  constructor(capacity: number) {
    this.data = Buffer.allocUnsafe(Math.max(capacity, 16));
  }

  append(bytes: Buffer): void {
    if (this.length + bytes.length > this.data.length) {
      const grown = Buffer.allocUnsafe(Math.max(this.data.length * 2, this.length + bytes.length));
      this.data.copy(grown, 0, 0, this.length);
      this.data = grown;
    }
    bytes.copy(this.data, this.length);
    this.length += bytes.length;
  }

  view(): Buffer {
    return this.data.subarray(0, this.length);
  }
}
