/**
 * The commit a ref names, as `git rev-parse <ref>^{commit}` would find it, with isomorphic-git
 * over a read-only file system: HEAD (of this worktree), a branch, a tag (annotated tags peeled),
 * a remote-tracking branch (`origin/main`), a full or abbreviated commit id, each optionally
 * followed by `~n` / `^n`. Refs are checked before they reach isomorphic-git, which joins them
 * onto the git directory: `../../etc/passwd` or `config` must not be read as a ref.
 */
import { join } from 'node:path';
import { loadIsomorphicGit } from './load-isomorphic-git.js';
import type { GitRepository } from './find-git-repository.js';
import { packedObjectSize } from './git-object-size.js';
import { GitReadRefused, mib, type GitReadLimits, type readOnlyGitFs } from './read-only-git-fs.js';

type GitFs = ReturnType<typeof readOnlyGitFs>;
export type GitReadContext = { repo: GitRepository; fs: GitFs; cache: object; limits: GitReadLimits };

/**
 * Refuses a packed object that would inflate past the limit, before isomorphic-git inflates it
 * (a loose one is checked as it is read).
 */
export async function checkObjectSize(context: GitReadContext, oid: string): Promise<void> {
  const size = await packedObjectSize(context.fs, context.repo.gitdir, oid, context.cache);
  if (size !== undefined && size > context.limits.maxObjectBytes) {
    throw new GitReadRefused(`the object ${oid.slice(0, 12)} is ${mib(size)} once inflated, more than the ${mib(context.limits.maxObjectBytes)} aks-netlint reads`);
  }
}

/** Files of a git directory that are not refs. */
const NOT_REFS = new Set(['config', 'description', 'index', 'shallow', 'commondir', 'packed-refs', 'objects', 'hooks', 'info', 'logs']);
/** Most tags peeled, and most parents walked by `~n`. */
const MAX_PEEL = 16;
const MAX_ANCESTRY = 10_000;

/** The commit `ref` names, or why it names none (one line). */
export async function resolveGitCommit(context: GitReadContext, ref: string): Promise<{ commit: string } | { unavailable: string }> {
  const parsed = /^(.*?)((?:[~^]\d*)*)$/.exec(ref.trim())!;
  const [, name, suffix] = parsed;
  const problem = refNameProblem(name);
  if (problem) return { unavailable: problem };
  let oid = await resolveName(context, name);
  if (typeof oid !== 'string') return oid;
  const peeled = await peelToCommit(context, oid, ref);
  if ('unavailable' in peeled) return peeled;
  oid = peeled.commit;
  for (const step of suffix.match(/[~^]\d*/g) ?? []) {
    const walked = await walkParents(context, oid, step, ref);
    if ('unavailable' in walked) return walked;
    oid = walked.commit;
  }
  // A parent is named by its child but may be missing (a shallow clone): it must be readable.
  return suffix ? peelToCommit(context, oid, ref) : { commit: oid };
}

/** Why a name cannot be a ref (git check-ref-format's rules, and none of git's own files). */
function refNameProblem(name: string): string | undefined {
  const shown = JSON.stringify(name);
  if (name === '') return 'the baseline ref is empty';
  if (name.length > 1024 || /[\x00-\x20\x7f~^:?*[\\]|\.\.|@\{|\/\/|^\/|\/$|\.$|\.lock$|(^|\/)\./.test(name) || name.startsWith('-')) {
    return `${shown} is not a valid git ref`;
  }
  if (NOT_REFS.has(name)) return `${shown} is not a ref but a file of the git directory`;
  return undefined;
}

/** The object a name stands for, before peeling. */
async function resolveName(context: GitReadContext, name: string): Promise<string | { unavailable: string }> {
  const { repo, fs, cache } = context;
  if (name === 'HEAD' || name === '@') return resolveHead(context);
  if (/^[0-9a-f]{40}$/i.test(name)) return name.toLowerCase();
  try {
    return await (await loadIsomorphicGit()).resolveRef({ fs, gitdir: repo.gitdir, ref: name });
  } catch (error) {
    if (!isNotFound(error)) return failed(`cannot read the ref ${JSON.stringify(name)}`, error);
  }
  if (/^[0-9a-f]{4,39}$/i.test(name)) {
    try {
      return await (await loadIsomorphicGit()).expandOid({ fs, gitdir: repo.gitdir, oid: name.toLowerCase(), cache });
    } catch (error) {
      if (!isNotFound(error)) return failed(`cannot look up ${JSON.stringify(name)}`, error);
    }
  }
  return { unavailable: `${JSON.stringify(name)} is not a branch, tag or commit of the repository at ${repo.repoDir}${fetchHint(name)}` };
}

/** A CI checkout has only the commit it checked out: say how to get the one asked for. */
const fetchHint = (name: string) =>
  /^[0-9a-f]{4,40}$/i.test(name) || name.includes('/') ? ' (fetch it first: a shallow checkout has only the commit it checked out)' : '';

/** This worktree's HEAD: a branch (which may have no commit yet) or a detached commit. */
async function resolveHead(context: GitReadContext): Promise<string | { unavailable: string }> {
  const { repo, fs } = context;
  let head: string;
  try {
    // Through the read-only file system: bounded, and a FIFO is refused rather than waited on.
    head = String(await fs.promises.readFile(join(repo.headDir, 'HEAD'), 'utf8')).split(/\r?\n/)[0].trim();
  } catch (error) {
    return failed(`cannot read HEAD of the repository at ${repo.repoDir}`, error);
  }
  if (/^[0-9a-f]{40}$/.test(head)) return head;
  const branch = /^ref:\s*(refs\/\S+)$/.exec(head)?.[1];
  if (!branch || refNameProblem(branch)) return { unavailable: `HEAD of the repository at ${repo.repoDir} is neither a commit nor a branch` };
  try {
    return await (await loadIsomorphicGit()).resolveRef({ fs, gitdir: repo.gitdir, ref: branch });
  } catch (error) {
    if (isNotFound(error)) return { unavailable: `the repository at ${repo.repoDir} has no commit yet (HEAD names ${branch.replace(/^refs\/heads\//, '')})` };
    return failed(`cannot read ${branch}`, error);
  }
}

/** An annotated tag stands for the commit it tags. */
async function peelToCommit(context: GitReadContext, oid: string, ref: string): Promise<{ commit: string } | { unavailable: string }> {
  const { repo, fs, cache } = context;
  for (let i = 0; i < MAX_PEEL; i++) {
    let object;
    try {
      await checkObjectSize(context, oid);
      object = await (await loadIsomorphicGit()).readObject({ fs, gitdir: repo.gitdir, oid, cache });
    } catch (error) {
      return failed(`cannot read ${oid.slice(0, 12)}, the object ${JSON.stringify(ref)} names`, error);
    }
    if (object.type === 'commit') return { commit: oid };
    if (object.type !== 'tag') return { unavailable: `${JSON.stringify(ref)} names a ${object.type}, not a commit` };
    oid = (object.object as { object: string }).object;
  }
  return { unavailable: `${JSON.stringify(ref)} is a tag of a tag more than ${MAX_PEEL} deep` };
}

/** `~n`: the n-th first-parent ancestor; `^n`: the n-th parent (`^` = `^1`, `^0` the commit). */
async function walkParents(context: GitReadContext, oid: string, step: string, ref: string): Promise<{ commit: string } | { unavailable: string }> {
  const { repo, fs, cache } = context;
  const n = step.length > 1 ? Number(step.slice(1)) : 1;
  if (!Number.isSafeInteger(n) || n > MAX_ANCESTRY) return { unavailable: `${JSON.stringify(ref)} walks back more than ${MAX_ANCESTRY} commits` };
  const [times, index] = step[0] === '~' ? [n, 0] : [n === 0 ? 0 : 1, n - 1];
  for (let i = 0; i < times; i++) {
    let parents: string[];
    try {
      parents = (await (await loadIsomorphicGit()).readCommit({ fs, gitdir: repo.gitdir, oid, cache })).commit.parent;
    } catch (error) {
      return failed(`cannot read the commit ${oid.slice(0, 12)} while resolving ${JSON.stringify(ref)}`, error);
    }
    const parent = parents[index];
    if (!parent) return { unavailable: `${JSON.stringify(ref)}: the commit ${oid.slice(0, 12)} has no parent ${index + 1}` };
    oid = parent;
  }
  return { commit: oid };
}

export const isNotFound = (error: unknown) => {
  const code = (error as { code?: string })?.code;
  return code === 'NotFoundError' || code === 'ENOENT';
};

/** Why a read failed, after what was being done; a refused read (a limit) says it all by itself. */
const failed = (doing: string, error: unknown) => ({ unavailable: error instanceof GitReadRefused ? error.message : `${doing}: ${describeGitError(error)}` });

/** One line for an error of isomorphic-git or of the file system. */
export function describeGitError(error: unknown): string {
  const code = (error as { code?: string })?.code;
  if (code === 'NotFoundError') return 'not in the repository (a shallow clone, or a corrupt repository)';
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0].replace(/\.$/, '');
}
