/**
 * The baseline of a change at a git ref (issue 13): the module as it was committed there, read
 * with isomorphic-git without running git or any program of the workspace, and without writing
 * anything (read-only-git-fs.ts). Only committed content counts: not the work tree, not the index.
 *
 * The engine reads a module tree synchronously (ModuleLoader.load), and a commit is read
 * asynchronously: so the directories of the tree are fetched first (the root, then the local
 * modules its calls name, and theirs, bounded), and the engine then reads that map. `.terraform/`
 * (modules.json, installed modules) is never committed: it is read from disk, as for the files.
 */
import { readdirSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { readBaseline } from '../engine/analyze/read-baseline.js';
import type { Baseline } from '../engine/aks/prior-settings.js';
import type { Parsers } from '../engine/syntax/parse-file.js';
import { buildModule, fileRole, isConfigurationFile, type ModuleInput, type SkippedFile, type SourceFile, type TfModule } from '../engine/terraform/module.js';
import type { ModuleLoader } from '../engine/terraform/module-tree.js';
import { MAX_MODULE_DEPTH } from '../engine/terraform/module-tree.js';
import { joinPath, parseModuleSource, repositoryNames } from '../engine/terraform/module-sources.js';
import { scanModuleSources } from '../engine/terraform/scan-module-calls.js';
import { findGitRepository } from './find-git-repository.js';
import { CommitFiles, CommitReadLimitReached, DEFAULT_COMMIT_READ_LIMITS, type CommitReadLimits } from './git-commit-files.js';
import { checkoutOf, DiskModuleLoader, installedModulesOf, ParseCache, treeInputFor } from './module-tree-host.js';
import { DEFAULT_GIT_READ_LIMITS, GitReadRefused, readOnlyGitFs, type GitReadLimits } from './read-only-git-fs.js';
import { readTextFile } from './read-module.js';
import { describeGitError, resolveGitCommit, type GitReadContext } from './resolve-git-ref.js';

/** A commit a ref named: plain data, so a CLI worker thread can be handed it. */
export interface GitCommit {
  /** The git directory holding objects and refs (a linked worktree's common one). */
  gitdir: string;
  /** The work tree's top directory. */
  repoDir: string;
  commit: string;
  /** The ref as the user gave it. */
  ref: string;
  /** `HEAD (3f2a1bc)` */
  label: string;
}

/** Limits of a read, for tests (the defaults suit real repositories). */
export interface GitBaselineLimits {
  git?: Partial<GitReadLimits>;
  commit?: Partial<CommitReadLimits>;
  /** Most directories of a module tree fetched from the commit. */
  maxDirs?: number;
}

const DEFAULT_MAX_DIRS = 500;

/** The commit a ref names in the repository that holds `dir`; `ref` is HEAD, a branch, a tag, origin/main, a sha. */
export async function resolveGitBaseline(dir: string, ref: string, limits: GitBaselineLimits = {}): Promise<GitCommit | { unavailable: string }> {
  try {
    const repo = await findGitRepository(dir);
    if ('unavailable' in repo) return repo;
    const gitLimits = { ...DEFAULT_GIT_READ_LIMITS, ...limits.git };
    const cache = {};
    const context: GitReadContext = { repo, fs: readOnlyGitFs(gitLimits, cache), cache, limits: gitLimits };
    const resolved = await resolveGitCommit(context, ref);
    if ('unavailable' in resolved) return resolved;
    const short = resolved.commit.slice(0, 7);
    // A commit id names itself: `9d0e4f1`, not `9d0e4f1c2b (9d0e4f1)`.
    const label = /^[0-9a-f]{4,40}$/i.test(ref) && resolved.commit.startsWith(ref.toLowerCase()) ? short : `${ref} (${short})`;
    return { gitdir: repo.gitdir, repoDir: repo.repoDir, commit: resolved.commit, ref, label };
  } catch (error) {
    if (error instanceof GitReadRefused) return { unavailable: error.message };
    return { unavailable: `cannot read the baseline ${JSON.stringify(ref)}: ${describeGitError(error)}` };
  }
}

export interface GitBaselineInput {
  dir: string;
  varFiles?: string[];
  cliVars?: ModuleInput['cliVars'];
  envVars?: ModuleInput['envVars'];
}

export interface GitBaselineOptions {
  /** `TF_DATA_DIR`: where `terraform init` put modules.json (default `.terraform`). */
  dataDir?: string;
  /** Parsed files to share with the analysis of the work tree (unchanged files are parsed once). */
  parseCache?: ParseCache;
  /** isomorphic-git's cache (packs, indexes): share it across the roots of one repository. */
  gitCache?: object;
  /**
   * The root's files as read from the work tree, parsed: a file the change leaves alone has the
   * same text at the commit, and its tree is reused instead of parsed again.
   */
  workingFiles?: readonly SourceFile[];
  limits?: GitBaselineLimits;
}

/**
 * The baseline of the module rooted at `dir` as it was at `at`: its files (and its var files, and
 * the local modules its tree calls) read from the commit, then the engine's readBaseline. A
 * directory missing at the commit is a baseline with no instances (every cluster is new).
 */
export async function readGitBaseline(at: GitCommit, input: GitBaselineInput, parsers: Parsers, options: GitBaselineOptions = {}): Promise<Baseline | { unavailable: string }> {
  const info = { kind: 'git' as const, label: at.label };
  try {
    const repo = { repoDir: at.repoDir, headDir: at.gitdir, gitdir: at.gitdir };
    const gitLimits = { ...DEFAULT_GIT_READ_LIMITS, ...options.limits?.git };
    const gitCache = options.gitCache ?? {};
    const context: GitReadContext = { repo, fs: readOnlyGitFs(gitLimits, gitCache), cache: gitCache, limits: gitLimits };
    const commitFiles = new CommitFiles(context, at.commit, { ...DEFAULT_COMMIT_READ_LIMITS, ...options.limits?.commit });
    const dir = resolve(input.dir);
    const dataDir = resolve(dir, options.dataDir || '.terraform');
    const inCommit = (path: string) => isInside(at.repoDir, path) && !isInside(dataDir, path) && !relative(at.repoDir, path).split(sep).includes('.terraform');
    if (!inCommit(dir)) return { unavailable: `${dir} is not in the repository at ${at.repoDir}` };

    const varFiles = (input.varFiles ?? []).map((f) => resolve(f));
    const root = await readDirAt(commitFiles, at.repoDir, dir, (path) => fileRole(path) !== 'other');
    if (!root || !root.files.some((f) => isConfigurationFile(f.uri))) return { info, key: at.commit, instances: new Map() };
    // Values are inputs, not the configuration being changed: a var file or lock file the commit
    // does not have (git-ignored, as terraform.tfvars often is, or outside the repository) is read
    // from disk, so the baseline is not read with defaults the work tree overrides (a change that
    // is not one). A file the change adds is then missed, never reported wrongly.
    const inputs = [...varFiles, ...inputFilesOnDisk(dir)];
    for (const file of inputs) {
      if (root.files.some((f) => f.uri === file) || root.skipped.some((f) => f.uri === file)) continue;
      const read = (inCommit(file) ? await readFileAt(commitFiles, at.repoDir, file) : undefined) ?? diskFile(file);
      if ('file' in read) root.files.push(read.file);
      else root.skipped.push(read.skipped);
    }
    // In readModule's order: the directory's files by name, then the explicit var files.
    const files = [...root.files.filter((f) => !varFiles.includes(f.uri)).sort((a, b) => (a.uri < b.uri ? -1 : 1)), ...root.files.filter((f) => varFiles.includes(f.uri))];
    const moduleInput: ModuleInput = { dir, files, skipped: root.skipped, varFiles, cliVars: input.cliVars ?? [], envVars: input.envVars ?? [] };

    const prefetched = await prefetchTree(commitFiles, at.repoDir, dir, root.files, inCommit, options.dataDir, options.limits?.maxDirs ?? DEFAULT_MAX_DIRS);
    const cache = options.parseCache ?? new ParseCache(parsers);
    const loader = new CommitModuleLoader(prefetched, inCommit, cache);
    return readBaseline(parsedInput(moduleInput, cache, options.workingFiles), parsers, info, at.commit, treeInputFor(dir, loader, { TF_DATA_DIR: options.dataDir }));
  } catch (error) {
    if (error instanceof GitReadRefused || error instanceof CommitReadLimitReached) return { unavailable: error.message };
    return { unavailable: `cannot read ${at.label}: ${describeGitError(error)}` };
  }
}

/** The root's files parsed: with the work tree's tree where the text is the same, else by the cache. */
function parsedInput(input: ModuleInput, cache: ParseCache, working: readonly SourceFile[] | undefined): ModuleInput {
  const same = new Map((working ?? []).filter((f) => f.syntax).map((f) => [f.uri, f]));
  const reused = (f: SourceFile) => (same.get(f.uri)?.text === f.text ? same.get(f.uri)!.syntax : undefined);
  const parsed = new Map(cache.attach({ ...input, files: input.files.filter((f) => !reused(f)) }).files.map((f) => [f.uri, f]));
  return { ...input, files: input.files.map((f) => (reused(f) ? { ...f, syntax: reused(f) } : parsed.get(f.uri)!)) };
}

const isInside = (parent: string, path: string) => {
  const rel = relative(parent, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
};

const toGitPath = (repoDir: string, path: string) => relative(repoDir, path).split(sep).join('/');

type DirFiles = { files: SourceFile[]; skipped: SkippedFile[] };

/** The wanted files of a directory at the commit, or undefined when the commit has no such directory. */
async function readDirAt(commitFiles: CommitFiles, repoDir: string, dir: string, wanted: (path: string) => boolean): Promise<DirFiles | undefined> {
  const entries = await commitFiles.listDir(toGitPath(repoDir, dir));
  if (!entries) return undefined;
  const out: DirFiles = { files: [], skipped: [] };
  for (const name of [...entries.keys()].sort()) {
    const path = join(dir, name);
    if (!wanted(path)) continue;
    const read = await commitFiles.readFile(path, entries.get(name)!);
    if ('file' in read) out.files.push(read.file);
    else out.skipped.push(read.skipped);
  }
  return out;
}

/** One file at the commit; undefined when the commit does not have it. */
async function readFileAt(commitFiles: CommitFiles, repoDir: string, path: string) {
  const parent = resolve(path, '..');
  const entries = await commitFiles.listDir(toGitPath(repoDir, parent));
  const oid = entries?.get(relative(parent, path));
  return oid ? commitFiles.readFile(path, oid) : undefined;
}

/** The automatic var files and the lock file of a directory on disk. */
function inputFilesOnDisk(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((entry) => !entry.isDirectory() && ['auto-vars', 'lock'].includes(fileRole(join(dir, entry.name))))
      .map((entry) => join(dir, entry.name))
      .sort();
  } catch {
    return [];
  }
}

/** A var or lock file the commit does not have: read from disk. */
function diskFile(path: string): { file: SourceFile } | { skipped: SkippedFile } {
  const read = readTextFile(path);
  return 'text' in read ? { file: { uri: path, text: read.text } } : { skipped: { uri: path, ...read } };
}

/**
 * The directories of the root's module tree that the commit holds, fetched breadth first: local
 * sources (`./modules/net`), registry addresses that name the checkout itself, and directories
 * modules.json maps into the repository. Bounded in depth and in count.
 */
async function prefetchTree(
  commitFiles: CommitFiles,
  repoDir: string,
  rootDir: string,
  rootFiles: SourceFile[],
  inCommit: (path: string) => boolean,
  dataDir: string | undefined,
  maxDirs: number,
): Promise<Map<string, DirFiles | undefined>> {
  const fetched = new Map<string, DirFiles | undefined>();
  const checkout = checkoutOf(rootDir);
  const installed = [...installedModulesOf(rootDir, dataDir).values()].map((d) => resolve(d)).filter(inCommit);
  const calledDirs = (dir: string, files: SourceFile[]) => {
    const out: string[] = [];
    for (const file of files) {
      if (fileRole(file.uri) !== 'config' && fileRole(file.uri) !== 'override') continue;
      for (const source of scanModuleSources(file.text, file.uri.endsWith('.json') ? 'json' : 'hcl')) {
        const parsed = parseModuleSource(source);
        if (parsed.kind === 'local') out.push(resolve(joinPath(dir, parsed.path)));
        else if (checkout && repositoryNames(parsed).some((name) => checkout.names.includes(name))) {
          out.push(resolve('subdir' in parsed && parsed.subdir ? joinPath(checkout.root, parsed.subdir) : checkout.root));
        }
      }
    }
    return out.filter(inCommit);
  };
  let level = [...new Set([...calledDirs(rootDir, rootFiles), ...installed])];
  for (let depth = 0; depth < MAX_MODULE_DEPTH && level.length > 0; depth++) {
    const next: string[] = [];
    for (const dir of level) {
      if (fetched.has(dir) || dir === rootDir) continue;
      if (fetched.size >= maxDirs) return fetched;
      const files = await readDirAt(commitFiles, repoDir, dir, isConfigurationFile);
      fetched.set(dir, files);
      if (files) next.push(...calledDirs(dir, files.files));
    }
    level = [...new Set(next)];
  }
  return fetched;
}

/** The engine's loader over the fetched directories; outside the commit (`.terraform/`), the disk. */
class CommitModuleLoader implements ModuleLoader {
  private readonly modules = new Map<string, TfModule | undefined>();
  private readonly disk: DiskModuleLoader;

  constructor(
    private readonly fetched: Map<string, DirFiles | undefined>,
    private readonly inCommit: (path: string) => boolean,
    private readonly cache: ParseCache,
  ) {
    this.disk = new DiskModuleLoader(cache);
  }

  load(dir: string): TfModule | undefined {
    const key = resolve(dir);
    if (!this.inCommit(key)) return this.disk.load(key);
    if (!this.modules.has(key)) {
      const read = this.fetched.get(key);
      const files = read?.files.map((f) => ({ ...f, syntax: this.cache.parse(f.uri, f.text) })) ?? [];
      const module = read && (files.length > 0 || read.skipped.length > 0) ? buildModule({ dir: key, files, skipped: read.skipped }, this.cache.parsers) : undefined;
      this.modules.set(key, module);
    }
    return this.modules.get(key);
  }
}
