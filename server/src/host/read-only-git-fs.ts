/**
 * The file system isomorphic-git gets to read a repository with: reads only, and bounded. A
 * baseline must never change the user's repository (no lock, no index, no config written), so
 * every write throws. isomorphic-git reads a whole pack file into memory and hashes it, and
 * inflates a whole object before it looks at its size: a hostile repository (a pack of gigabytes,
 * a loose object that inflates to gigabytes) would blow the memory, so packs over a limit are
 * refused before they are read, a loose object's declared size is read from its header first, and
 * the total read is capped.
 */
import { promises as fsp } from 'node:fs';
import { inflateSync, constants as zlib } from 'node:zlib';

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

/** An fs for isomorphic-git (it uses `promises` when that is an own enumerable property). */
export function readOnlyGitFs(limits: GitReadLimits = DEFAULT_GIT_READ_LIMITS) {
  let total = 0;
  const refuseWrite = async (path: unknown): Promise<never> => {
    throw new GitReadRefused(`aks-netlint reads the repository only; it will not write ${String(path)}`);
  };
  const count = (path: string, bytes: number) => {
    total += bytes;
    if (total > limits.maxTotalBytes) throw new GitReadRefused(`reading the baseline would read more than ${mib(limits.maxTotalBytes)} of the repository (at ${path})`);
  };
  const readFile = async (path: string, options?: unknown): Promise<Buffer | string> => {
    const stat = await fsp.stat(path);
    if (stat.isFile() && isPackFile(path) && stat.size > limits.maxPackBytes) {
      throw new GitReadRefused(`the pack file ${path} is ${mib(stat.size)}, more than the ${mib(limits.maxPackBytes)} aks-netlint reads`);
    }
    if (stat.isFile() && !isPackFile(path) && stat.size > limits.maxFileBytes) {
      throw new GitReadRefused(`${path} is ${mib(stat.size)}, more than the ${mib(limits.maxFileBytes)} aks-netlint reads from a repository`);
    }
    count(path, stat.size);
    const bytes = await fsp.readFile(path);
    count(path, Math.max(0, bytes.length - stat.size));
    if (isLooseObject(path)) checkLooseObjectSize(path, bytes, limits.maxObjectBytes);
    const encoding = typeof options === 'string' ? options : (options as { encoding?: string } | undefined)?.encoding;
    return encoding ? bytes.toString(encoding as BufferEncoding) : bytes;
  };
  return {
    promises: {
      readFile,
      stat: (path: string) => fsp.stat(path),
      lstat: (path: string) => fsp.lstat(path),
      readdir: (path: string) => fsp.readdir(path),
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
