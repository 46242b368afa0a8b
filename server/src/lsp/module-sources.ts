/**
 * What the engine analyses for one module directory in the editor: the files on disk with the
 * open buffers laid over them (an unsaved edit of variables.tf counts), plus the var files the
 * settings name. Files on disk are read and parsed once and kept until they change; open buffers
 * are reparsed incrementally by their IncrementalFile.
 */
import { readdirSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { parseFile, type Parsers } from '../engine/syntax/parse-file.js';
import type { IncrementalFile } from '../engine/syntax/incremental-file.js';
import type { SyntaxFile } from '../engine/syntax/syntax-tree.js';
import { fileRole, type ModuleInput, type SkippedFile, type SourceFile } from '../engine/terraform/module.js';
import { MAX_FILE_BYTES, readTextFile } from '../host/read-module.js';

/** An open editor buffer. */
export interface OpenBuffer {
  /** The URI exactly as the client sent it: diagnostics must be published under it. */
  uri: string;
  /** The file system path, or the URI itself for buffers that are not files (untitled:). */
  path: string;
  version: number;
  file: IncrementalFile;
}

interface DiskEntry {
  /** Which read this is: two reads of a file rewritten within one mtime tick still differ. */
  generation: number;
  mtimeMs: number;
  size: number;
  read: { text: string } | Omit<SkippedFile, 'uri'>;
  syntax?: SyntaxFile;
}

export interface ModuleSnapshot {
  input: ModuleInput;
  /** Changes whenever any input changes: the key of the analysis cache. */
  fingerprint: string;
}

export class ModuleSources {
  private readonly disk = new Map<string, DiskEntry>();
  private reads = 0;

  constructor(private readonly parsers: Parsers) {}

  /** Forgets a file read from disk (a watcher saw it change). */
  invalidate(path: string): void {
    this.disk.delete(path);
  }

  /** Forgets every file of a module nobody has open any more, so memory follows what is open. */
  forgetModule(dir: string): void {
    for (const path of this.disk.keys()) if (dirname(path) === dir) this.disk.delete(path);
  }

  /** For tests: how many files on disk are kept parsed. */
  get cachedFiles(): number {
    return this.disk.size;
  }

  /** The module of `dir`, with `buffers` (every open buffer) laid over the disk. */
  snapshot(dir: string, buffers: Iterable<OpenBuffer>, varFiles: readonly string[]): ModuleSnapshot {
    const open = new Map<string, OpenBuffer>();
    for (const buffer of buffers) open.set(buffer.path, buffer);
    const explicit = varFiles.map((f) => (isAbsolute(f) ? f : resolve(dir, f)));
    const paths = new Set<string>();
    for (const name of listDir(dir)) {
      const path = join(dir, name);
      if (fileRole(path) !== 'other') paths.add(path);
    }
    for (const path of open.keys()) if (dirname(path) === dir && fileRole(path) !== 'other') paths.add(path);
    for (const path of explicit) paths.add(path);

    const files: SourceFile[] = [];
    const skipped: SkippedFile[] = [];
    const keys: string[] = [];
    for (const path of [...paths].sort()) {
      const buffer = open.get(path);
      if (buffer) {
        keys.push(`${path}@v${buffer.version}`);
        const problem = bufferProblem(buffer.file.text);
        if (problem) skipped.push({ uri: path, ...problem });
        else files.push({ uri: path, text: buffer.file.text, syntax: buffer.file.syntax(this.parsers) });
        continue;
      }
      const entry = this.read(path);
      if (!entry) continue; // gone since the listing
      keys.push(`${path}@g${entry.generation}`);
      if (!('text' in entry.read)) {
        skipped.push({ uri: path, ...entry.read });
        continue;
      }
      entry.syntax ??= parseFile(path, entry.read.text, this.parsers);
      files.push({ uri: path, text: entry.read.text, syntax: entry.syntax });
    }
    return { input: { dir, files, varFiles: explicit, skipped }, fingerprint: keys.join('|') };
  }

  /** A file on disk, from the cache while its size and modification time are unchanged. */
  private read(path: string): DiskEntry | undefined {
    let stat;
    try {
      stat = statSync(path);
    } catch {
      this.disk.delete(path);
      return undefined;
    }
    const cached = this.disk.get(path);
    if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached;
    const entry: DiskEntry = { generation: ++this.reads, mtimeMs: stat.mtimeMs, size: stat.size, read: readTextFile(path) };
    this.disk.set(path, entry);
    return entry;
  }
}

function listDir(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((entry) => !entry.isDirectory())
      .map((entry) => entry.name);
  } catch {
    return []; // an untitled buffer, or a directory deleted under us
  }
}

/** The reasons the CLI gives for a file on disk, applied to a buffer. */
function bufferProblem(text: string): Omit<SkippedFile, 'uri'> | undefined {
  if (text.length > MAX_FILE_BYTES / 4 && Buffer.byteLength(text) > MAX_FILE_BYTES) return { reason: 'too-large', size: Buffer.byteLength(text) };
  if (text.slice(0, 8192).includes('\0')) return { reason: 'binary', size: Buffer.byteLength(text) };
  return undefined;
}
