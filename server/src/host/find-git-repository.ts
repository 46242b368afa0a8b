/**
 * The git repository a directory is in, found as git finds it: the nearest ancestor holding
 * `.git`. `.git` may be a file (`gitdir: <path>`: a linked worktree, a submodule), and a linked
 * worktree's git directory keeps only its own HEAD and index, naming the shared one in
 * `commondir`. isomorphic-git knows neither, so this resolves both: it reads HEAD from the
 * worktree's directory and everything else from the common one.
 */
import { promises as fsp } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export interface GitRepository {
  /** The work tree's top directory (the one holding `.git`). */
  repoDir: string;
  /** The git directory of this work tree: its HEAD. */
  headDir: string;
  /** The git directory holding objects and refs (the same as headDir but in a linked worktree). */
  gitdir: string;
}

/** `.git` files and `commondir` are one line; anything larger is not one. */
const MAX_POINTER_BYTES = 4096;

/** The repository `dir` is in, or why there is none. */
export async function findGitRepository(dir: string): Promise<GitRepository | { unavailable: string }> {
  for (let at = resolve(dir); ; at = dirname(at)) {
    const dotGit = join(at, '.git');
    const stat = await fsp.stat(dotGit).catch(() => undefined);
    if (stat?.isDirectory()) return withCommonDir(at, dotGit);
    if (stat?.isFile()) {
      const pointer = await readPointer(dotGit);
      const match = pointer === undefined ? null : /^gitdir:\s*(.+)$/.exec(pointer);
      if (!match) return { unavailable: `${dotGit} is a file but not a "gitdir:" pointer` };
      return withCommonDir(at, resolve(at, match[1]));
    }
    if (dirname(at) === at) return { unavailable: `${resolve(dir)} is not in a git repository` };
  }
}

async function withCommonDir(repoDir: string, headDir: string): Promise<GitRepository | { unavailable: string }> {
  const stat = await fsp.stat(headDir).catch(() => undefined);
  if (!stat?.isDirectory()) return { unavailable: `the git directory ${headDir} of ${repoDir} does not exist` };
  const common = await readPointer(join(headDir, 'commondir'));
  return { repoDir, headDir, gitdir: common ? resolve(headDir, common) : headDir };
}

/** The first line of a small file, or undefined when it is missing or not small. */
async function readPointer(path: string): Promise<string | undefined> {
  try {
    const stat = await fsp.stat(path);
    if (!stat.isFile() || stat.size > MAX_POINTER_BYTES) return undefined;
    return (await fsp.readFile(path, 'utf8')).split(/\r?\n/)[0].trim() || undefined;
  } catch {
    return undefined;
  }
}
