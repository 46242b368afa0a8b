/**
 * The documents the client has open, kept in step with its didOpen / didChange / didClose
 * notifications. A notification the server cannot apply exactly (a text that is not a string, a
 * range past the end, a version older than the buffer's, a document that was never opened) is
 * logged and ignored as a whole, so the buffer always holds a text the client had (issue 16: one
 * `{"text": null}` used to break every request of the module until the next full-text change).
 */
import { IncrementalFile } from '../engine/syntax/incremental-file.js';
import { checkContentChanges, describe } from './check-content-changes.js';
import type { UriMapper } from './convert.js';
import type { OpenBuffer } from './module-sources.js';

export class OpenBuffers {
  private readonly buffers = new Map<string, OpenBuffer>();

  constructor(
    private readonly uris: UriMapper,
    private readonly warn: (message: string) => void,
  ) {}

  get(path: string): OpenBuffer | undefined {
    return this.buffers.get(path);
  }

  values(): IterableIterator<OpenBuffer> {
    return this.buffers.values();
  }

  /** Opens (or reopens) a document; undefined when the notification cannot be used. */
  open(params: unknown): OpenBuffer | undefined {
    const document = field(params, 'textDocument');
    const uri = field(document, 'uri');
    const text = field(document, 'text');
    const version = field(document, 'version');
    const problem = typeof uri !== 'string' ? `its uri is ${describe(uri)}` : typeof text !== 'string' ? `its text is ${describe(text)}, not a string` : !Number.isSafeInteger(version) ? `its version is ${describe(version)}, not an integer` : undefined;
    if (problem) return this.ignore('textDocument/didOpen', uri, problem);
    const path = this.uris.remember(uri as string);
    this.buffers.get(path)?.file.dispose();
    const buffer: OpenBuffer = { uri: uri as string, path, version: version as number, file: new IncrementalFile(path, text as string) };
    this.buffers.set(path, buffer);
    return buffer;
  }

  /** Applies a didChange whole; the buffer it changed, or undefined when it was ignored. */
  change(params: unknown): OpenBuffer | undefined {
    const document = field(params, 'textDocument');
    const uri = field(document, 'uri');
    const version = field(document, 'version');
    if (typeof uri !== 'string') return this.ignore('textDocument/didChange', uri, `its uri is ${describe(uri)}`);
    const buffer = this.buffers.get(this.uris.toPath(uri));
    if (!buffer) return this.ignore('textDocument/didChange', uri, 'the document is not open');
    if (!Number.isSafeInteger(version)) return this.ignore('textDocument/didChange', uri, `its version is ${describe(version)}, not an integer`);
    if ((version as number) < buffer.version) return this.ignore('textDocument/didChange', uri, `its version ${version} is older than the document's (${buffer.version})`);
    const check = checkContentChanges(buffer.file.text, field(params, 'contentChanges'));
    if (!check.ok) return this.ignore('textDocument/didChange', uri, `${check.reason}; the document stays at version ${buffer.version}`);
    try {
      buffer.file.applyChanges(check.changes);
    } catch (error) {
      // Never seen, but a failure half-way must not leave a text nobody had: start over from the
      // text the checked changes lead to.
      this.warn(`aks-netlint: could not apply a change to ${uri} incrementally (${error instanceof Error ? error.message : String(error)}); reparsing it whole`);
      buffer.file.dispose();
      buffer.file = new IncrementalFile(buffer.path, check.text);
    }
    buffer.version = version as number;
    return buffer;
  }

  /** Closes a document; its path, or undefined when the notification cannot be used. */
  close(params: unknown): string | undefined {
    const uri = field(field(params, 'textDocument'), 'uri');
    if (typeof uri !== 'string') return this.ignore('textDocument/didClose', uri, `its uri is ${describe(uri)}`);
    const path = this.uris.toPath(uri);
    this.buffers.get(path)?.file.dispose();
    this.buffers.delete(path);
    this.uris.forget(uri);
    return path;
  }

  dispose(): void {
    for (const buffer of this.buffers.values()) buffer.file.dispose();
    this.buffers.clear();
  }

  private ignore(method: string, uri: unknown, problem: string): undefined {
    this.warn(`aks-netlint: ignored a ${method}${typeof uri === 'string' ? ` for ${uri}` : ''}: ${problem}`);
    return undefined;
  }
}

/** A property of a value that may not be an object at all. */
function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[name] : undefined;
}
