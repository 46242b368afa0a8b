/**
 * Files of one directory as they are at a commit (not the work tree, not the index), read with
 * isomorphic-git: the tree walked from the commit's root, each wanted blob decoded by the same
 * rules as a file on disk (read-module.ts). Bounded in files and bytes, so that a repository of
 * a million files under one directory cannot make a baseline read them all.
 */
import { loadIsomorphicGit as git } from './load-isomorphic-git.js';
import type { SkippedFile, SourceFile } from '../engine/terraform/module.js';
import { decodeTextFile } from './read-module.js';
import { checkObjectSize, type GitReadContext } from './resolve-git-ref.js';

export interface CommitReadLimits {
  /** Most blobs read for one baseline. */
  maxFiles: number;
  /** Most bytes of blobs read for one baseline. */
  maxBytes: number;
}

export const DEFAULT_COMMIT_READ_LIMITS: CommitReadLimits = { maxFiles: 5_000, maxBytes: 128 * 1024 * 1024 };

/** A limit of a baseline read that ran out; its message is the reason the user sees. */
export class CommitReadLimitReached extends Error {}

/** A tree entry that is a file: regular or executable (a symlink's blob is its target, a gitlink is another repository). */
const isRegularFile = (mode: string) => mode === '100644' || mode === '100755';

export class CommitFiles {
  private root?: string;
  private readonly trees = new Map<string, Promise<{ name: string; oid: string; mode: string; type: string }[]>>();
  private files = 0;
  private bytes = 0;

  constructor(
    private readonly context: GitReadContext,
    readonly commit: string,
    private readonly limits: CommitReadLimits = DEFAULT_COMMIT_READ_LIMITS,
  ) {}

  /**
   * The regular files of a directory (`a/b`, `` for the top), by name; undefined when the commit
   * has no such directory.
   */
  async listDir(relativeDir: string): Promise<Map<string, string> | undefined> {
    let tree = await this.rootTree();
    for (const part of relativeDir.split('/').filter((p) => p !== '' && p !== '.')) {
      const entry = (await this.entries(tree)).find((e) => e.name === part);
      if (!entry || entry.type !== 'tree') return undefined;
      tree = entry.oid;
    }
    const out = new Map<string, string>();
    for (const entry of await this.entries(tree)) if (entry.type === 'blob' && isRegularFile(entry.mode)) out.set(entry.name, entry.oid);
    return out;
  }

  /** A blob as the engine's file: its text, or why it is skipped. */
  async readFile(uri: string, oid: string): Promise<{ file: SourceFile } | { skipped: SkippedFile }> {
    if (++this.files > this.limits.maxFiles) throw new CommitReadLimitReached(`the baseline would read more than ${this.limits.maxFiles} files`);
    await checkObjectSize(this.context, oid);
    const { blob } = await (await git()).readBlob({ fs: this.context.fs, gitdir: this.context.repo.gitdir, oid, cache: this.context.cache });
    this.bytes += blob.length;
    if (this.bytes > this.limits.maxBytes) throw new CommitReadLimitReached(`the baseline would read more than ${Math.round(this.limits.maxBytes / 1048576)} MiB of files`);
    const decoded = decodeTextFile(blob);
    return 'text' in decoded ? { file: { uri, text: decoded.text } } : { skipped: { uri, ...decoded } };
  }

  private async rootTree(): Promise<string> {
    this.root ??= (await (await git()).readCommit({ fs: this.context.fs, gitdir: this.context.repo.gitdir, oid: this.commit, cache: this.context.cache })).commit.tree;
    return this.root;
  }

  private entries(oid: string) {
    let entries = this.trees.get(oid);
    if (!entries) {
      entries = checkObjectSize(this.context, oid)
        .then(() => git())
        .then(({ readTree }) => readTree({ fs: this.context.fs, gitdir: this.context.repo.gitdir, oid, cache: this.context.cache }))
        .then(({ tree }) => tree.map((e) => ({ name: e.path, oid: e.oid, mode: e.mode, type: e.type })));
      this.trees.set(oid, entries);
    }
    return entries;
  }
}
