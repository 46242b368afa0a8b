/**
 * The file system isomorphic-git gets to read a repository with: reads only, and bounded. A
 * baseline must never change the user's repository (no lock, no index, no config written), so
 * every write throws. isomorphic-git reads a whole pack file into memory and hashes it, and
 * inflates a whole object before it looks at its size: a hostile repository (a pack of gigabytes,
 * a loose object that inflates to gigabytes) would blow the memory, so packs over a limit are
 * refused before they are read, a loose object's declared size is read from its header first, and
 * the total read is capped.
 */
import { constants, promises as fsp, type Stats } from 'node:fs';
import { basename, dirname } from 'node:path';
import { inflateSync, constants as zlib } from 'node:zlib';
import { describeFileKind } from './read-regular-file.js';

const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

export interface GitReadLimits {
  /** The largest pack file read (isomorphic-git holds it in memory). */
  maxPackBytes: number;
  /** The largest object inflated (a loose object's declared size). */
  maxObjectBytes: number;
  /** The largest other file read (a pack index, packed-refs). */
  maxFileBytes: number;
  /** Total bytes read through this file system. */
  maxTotalBytes: number;
}

export const DEFAULT_GIT_READ_LIMITS: GitReadLimits = {
  maxPackBytes: 256 * 1024 * 1024,
  maxObjectBytes: 16 * 1024 * 1024,
  maxFileBytes: 256 * 1024 * 1024,
  maxTotalBytes: 1024 * 1024 * 1024,
};

/** A read refused (a write, a limit); its message is the one-line reason the user sees. */
export class GitReadRefused extends Error {
  readonly code = 'EREFUSED';
}

const MIB = 1024 * 1024;
export const mib = (bytes: number) => (bytes < MIB ? `${bytes} bytes` : `${Math.round((bytes / MIB) * 10) / 10} MiB`);

const isPackFile = (path: string) => /[\\/]objects[\\/]pack[\\/][^\\/]+\.pack$/.test(path);
const isLooseObject = (path: string) => /[\\/]objects[\\/][0-9a-f]{2}[\\/][0-9a-f]{38}$/.test(path);

const isPackDir = (path: string) => /[\\/]objects[\\/]pack$/.test(path);
const isPackIndex = (path: string) => /[\\/]objects[\\/]pack[\\/][^\\/]+\.idx$/.test(path);

/**
 * What a run keeps of a repository, by the read's shared cache object: packs and their indexes
 * (isomorphic-git and git-object-size.ts read the same buffer, once), and listings of the pack
 * directory and of loose-object directories (isomorphic-git lists the packs for every object, and
 * looks for a loose object first: one listing per directory answers every such probe), and what
 * it stats (the git directory, before every call).
 */
const kept = new WeakMap<
  object,
  { files: Map<string, Promise<Buffer>>; dirs: Map<string, Promise<Set<string> | undefined>>; stats: Map<string, Promise<Stats>> }
>();

/** The one "no such file" a probe for a missing loose object gets (isomorphic-git reads only its code). */
const NOT_FOUND = Object.assign(new Error('ENOENT: no such file'), { code: 'ENOENT' });

/**
 * An fs for isomorphic-git (it uses `promises` when that is an own enumerable property). `shared`
 * is the cache object of the read (isomorphic-git's `cache`): what is kept lives as long as it.
 */
export function readOnlyGitFs(limits: GitReadLimits = DEFAULT_GIT_READ_LIMITS, shared: object = {}) {
  let total = 0;
  let store = kept.get(shared);
  if (!store) kept.set(shared, (store = { files: new Map(), dirs: new Map(), stats: new Map() }));
  const { files, dirs, stats } = store;
  const refuseWrite = async (path: unknown): Promise<never> => {
    throw new GitReadRefused(`aks-netlint reads the repository only; it will not write ${String(path)}`);
  };
  const count = (path: string, bytes: number) => {
    total += bytes;
    if (total > limits.maxTotalBytes) throw new GitReadRefused(`reading the baseline would read more than ${mib(limits.maxTotalBytes)} of the repository (at ${path})`);
  };
  const read = async (path: string): Promise<Buffer> => {
    // Opened without blocking and checked once open, as read-regular-file.ts does: a FIFO in a
    // hostile repository (a .git/HEAD, a packed-refs) would block a plain read for good.
    const handle = await fsp.open(path, OPEN_FLAGS);
    try {
      const stat = await handle.stat();
      if (!stat.isFile()) throw new GitReadRefused(`${path} is ${describeFileKind(stat)}, not a regular file`);
      if (isPackFile(path) && stat.size > limits.maxPackBytes) {
        throw new GitReadRefused(`the pack file ${path} is ${mib(stat.size)}, more than the ${mib(limits.maxPackBytes)} aks-netlint reads`);
      }
      if (!isPackFile(path) && stat.size > limits.maxFileBytes) {
        throw new GitReadRefused(`${path} is ${mib(stat.size)}, more than the ${mib(limits.maxFileBytes)} aks-netlint reads from a repository`);
      }
      count(path, stat.size);
      const bytes = await handle.readFile();
      count(path, Math.max(0, bytes.length - stat.size));
      if (isLooseObject(path)) checkLooseObjectSize(path, bytes, limits.maxObjectBytes);
      return bytes;
    } finally {
      await handle.close();
    }
  };
  const listing = (dir: string) => {
    let names = dirs.get(dir);
    if (!names) dirs.set(dir, (names = fsp.readdir(dir).then((n) => new Set(n), () => undefined)));
    return names;
  };
  const readFile = async (path: string, options?: unknown): Promise<Buffer | string> => {
    let bytes: Buffer;
    if (isPackFile(path) || isPackIndex(path)) {
      let pending = files.get(path);
      if (!pending) {
        files.set(path, (pending = read(path)));
        pending.catch(() => files.delete(path));
      }
      bytes = await pending;
    } else if (isLooseObject(path)) {
      const names = await listing(dirname(path));
      if (!names?.has(basename(path))) throw NOT_FOUND;
      bytes = await read(path);
    } else bytes = await read(path);
    const encoding = typeof options === 'string' ? options : (options as { encoding?: string } | undefined)?.encoding;
    return encoding ? bytes.toString(encoding as BufferEncoding) : bytes;
  };
  const readdir = async (path: string) => {
    if (!isPackDir(path)) return fsp.readdir(path);
    const names = await listing(path);
    if (!names) throw NOT_FOUND;
    return [...names];
  };
  return {
    promises: {
      readFile,
      stat: (path: string) => {
        let stat = stats.get(path);
        if (!stat) stats.set(path, (stat = fsp.stat(path)));
        return stat;
      },
      lstat: (path: string) => fsp.lstat(path),
      readdir,
      readlink: (path: string) => fsp.readlink(path),
      writeFile: refuseWrite,
      mkdir: refuseWrite,
      rmdir: refuseWrite,
      rm: refuseWrite,
      unlink: refuseWrite,
      symlink: refuseWrite,
      chmod: refuseWrite,
    },
  };
}

/** A loose object starts `<type> <size>\0` once inflated: its size, read by inflating a prefix. */
function checkLooseObjectSize(path: string, bytes: Buffer, maxObjectBytes: number): void {
  let head: Buffer;
  try {
    // A few compressed bytes inflate to at most a few kilobytes: enough for the header.
    head = inflateSync(bytes.subarray(0, 64), { finishFlush: zlib.Z_SYNC_FLUSH });
  } catch {
    return; // isomorphic-git reports a corrupt object itself
  }
  const match = /^[a-z]+ (\d+)\0/.exec(head.subarray(0, 40).toString('latin1'));
  if (match && Number(match[1]) > maxObjectBytes) {
    throw new GitReadRefused(`the object ${path} is ${mib(Number(match[1]))} once inflated, more than the ${mib(maxObjectBytes)} aks-netlint reads`);
  }
}
