/**
 * The one way the host reads a user's file: only a regular file, and never more than a cap.
 * A FIFO named `.aks-netlint.json` used to block the CLI and the language server for good (a
 * read waits for a writer), and `/dev/zero` as a config grew memory without end. So: stat first
 * and refuse anything that is not a regular file before opening it; open without blocking (a
 * FIFO swapped in after the stat then opens at once) and check the opened file again; read at
 * most `maxBytes + 1` bytes, growing the buffer only as data arrives, so a file that grows past
 * the cap while being read, or one whose size stat does not tell (/proc), is cut off.
 */
import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';

/** What reading a file gave: its bytes, or why not. */
export type RegularFileRead =
  | { bytes: Buffer }
  /** Not a regular file: says what it is ("it is a FIFO, not a regular file"). */
  | { refused: string }
  /** Over the cap; `size` is at least `maxBytes + 1`. */
  | { tooLarge: number }
  /** The operating system's reason ("no such file or directory"). */
  | { error: string };

// Without O_NONBLOCK, opening a FIFO waits for a writer; Windows has no such flag (nor FIFOs).
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/** "a FIFO", "a directory"...: what a file that is not regular is, for messages. */
export function describeFileKind(stat: Stats): string {
  if (stat.isDirectory()) return 'a directory';
  if (stat.isFIFO()) return 'a FIFO';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  if (stat.isSocket()) return 'a socket';
  return 'a special file';
}

const notRegular = (stat: Stats) => `it is ${describeFileKind(stat)}, not a regular file`;

/**
 * Why a path cannot be read as a file, without opening it: "no such file or directory",
 * "it is a FIFO, not a regular file"; undefined for a regular file. For paths the user named.
 */
export function regularFileProblem(path: string): string | undefined {
  try {
    const stat = statSync(path);
    return stat.isFile() ? undefined : notRegular(stat);
  } catch (error) {
    return describeIoError(error);
  }
}

/** Reads a regular file of at most `maxBytes` bytes (symlinks followed). */
export function readRegularFile(path: string, maxBytes: number): RegularFileRead {
  let fd: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) return { refused: notRegular(stat) };
    if (stat.size > maxBytes) return { tooLarge: stat.size };
    fd = openSync(path, OPEN_FLAGS);
  } catch (error) {
    return { error: describeIoError(error) };
  }
  try {
    // The path may have been replaced between the stat and the open: judge what was opened.
    const stat = fstatSync(fd);
    if (!stat.isFile()) return { refused: notRegular(stat) };
    if (stat.size > maxBytes) return { tooLarge: stat.size };
    return readAtMost(fd, stat.size, maxBytes);
  } catch (error) {
    return { error: describeIoError(error) };
  } finally {
    closeSync(fd);
  }
}

/** Reads until end of file or `maxBytes + 1` bytes, starting with room for the expected size. */
function readAtMost(fd: number, expected: number, maxBytes: number): RegularFileRead {
  const limit = maxBytes + 1;
  let buffer = Buffer.allocUnsafe(Math.min(expected + 1, limit));
  let length = 0;
  for (;;) {
    if (length === buffer.length) {
      if (length >= limit) return { tooLarge: length };
      const grown = Buffer.allocUnsafe(Math.min(Math.max(buffer.length * 2, 8192), limit));
      buffer.copy(grown, 0, 0, length);
      buffer = grown;
    }
    const n = readSync(fd, buffer, length, buffer.length - length, null);
    if (n === 0) return { bytes: buffer.subarray(0, length) };
    length += n;
  }
}

/** "no such file or directory" rather than a Node error object. */
export function describeIoError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    case 'ENOTDIR':
      return 'not a directory';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    case 'EAGAIN':
      return 'not ready to be read (a special file)';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
