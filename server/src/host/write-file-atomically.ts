/**
 * Replaces a file's contents so that a crash or a full disk never leaves it half written: the
 * new bytes go to a temporary file in the same directory (same file system, so the rename is
 * atomic), are flushed, and the temporary file is renamed over the target. The target's
 * permission bits are kept. A failure removes the temporary file and leaves the target as it was.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fchmodSync, fsyncSync, openSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** Writes `data` to the existing file `path` (not a symlink: pass the real path) atomically. */
export function writeFileAtomically(path: string, data: Uint8Array): void {
  const mode = statSync(path).mode & 0o7777;
  // A dot name, so that Terraform and aks-netlint ignore it should it ever be left behind.
  const temp = join(dirname(path), `.${basename(path)}.aks-netlint-${randomBytes(6).toString('hex')}.tmp`);
  const fd = openSync(temp, 'wx', mode);
  try {
    try {
      fchmodSync(fd, mode); // the umask may have narrowed the mode given to open
      for (let written = 0; written < data.length; ) written += writeSync(fd, data, written, data.length - written);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
  } catch (error) {
    try {
      unlinkSync(temp);
    } catch {
      // already gone
    }
    throw error;
  }
}
