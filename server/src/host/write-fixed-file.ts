/**
 * Where and how `--fix` may write a file it analysed. It never writes outside the paths the user
 * asked to check, even through a symbolic link (a symlink inside them is followed and its target
 * rewritten, the link kept); it writes only when the file still holds the text that was analysed;
 * it keeps a UTF-8 byte order mark (the engine sees text without it); and it writes atomically.
 */
import { realpathSync } from 'node:fs';
import { isAbsolute, relative, sep } from 'node:path';
import { MAX_FILE_BYTES } from './read-module.js';
import { describeIoError, readRegularFile } from './read-regular-file.js';
import { writeFileAtomically } from './write-file-atomically.js';

/** The real path to write for `path`, or why not. */
export type WriteTarget = { target: string } | { refused: string };

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** Where writing `path` lands, when that is inside one of `roots` (real paths of directories). */
export function resolveWriteTarget(path: string, roots: readonly string[]): WriteTarget {
  let target: string;
  try {
    target = realpathSync(path);
  } catch (error) {
    return { refused: describeIoError(error) };
  }
  if (roots.some((root) => isInside(target, root))) return { target };
  return { refused: target === path ? 'it is outside the paths being checked' : `it links to ${target}, outside the paths being checked` };
}

function isInside(path: string, root: string): boolean {
  const rel = relative(root, path);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}

/**
 * Replaces the text of `target` (a real path from resolveWriteTarget) when it still holds
 * `analysedText`; a byte order mark it had is kept.
 */
export function replaceFileText(target: string, analysedText: string, newText: string): { written: true } | { refused: string } {
  const read = readRegularFile(target, MAX_FILE_BYTES);
  if ('refused' in read) return { refused: read.refused };
  if ('error' in read) return { refused: read.error };
  if ('tooLarge' in read) return { refused: 'it changed since aks-netlint read it' };
  const bom = read.bytes.subarray(0, 3).equals(BOM);
  if (read.bytes.subarray(bom ? 3 : 0).toString('utf8') !== analysedText) return { refused: 'it changed since aks-netlint read it' };
  const body = Buffer.from(newText, 'utf8');
  writeFileAtomically(target, bom ? Buffer.concat([BOM, body]) : body);
  return { written: true };
}
