/**
 * `--baseline <ref>`: the commit the ref names in the repository of each checked module, resolved
 * once per repository in the main thread (the workers read the module at that commit). A ref that
 * names nothing stops the run: the user asked to compare with it.
 */
import { findGitRepository } from '../host/find-git-repository.js';
import { resolveGitBaseline, type GitCommit } from '../host/git-baseline.js';
import { UsageError } from './parse-args.js';

/** The baseline of each directory, by directory. */
export async function resolveBaselines(dirs: readonly string[], ref: string): Promise<Map<string, GitCommit>> {
  const byRepository = new Map<string, GitCommit>();
  const out = new Map<string, GitCommit>();
  for (const dir of dirs) {
    const repo = await findGitRepository(dir);
    if ('unavailable' in repo) throw new UsageError(`no baseline: ${repo.unavailable}`);
    let at = byRepository.get(repo.repoDir);
    if (!at) {
      const resolved = await resolveGitBaseline(repo.repoDir, ref);
      if ('unavailable' in resolved) throw new UsageError(`no baseline: ${resolved.unavailable}`);
      byRepository.set(repo.repoDir, (at = resolved));
    }
    out.set(dir, at);
  }
  return out;
}

/** What the JSON and SARIF outputs say of the baselines: the ref and commit per repository. */
export interface BaselineReport {
  ref: string;
  commit: string;
  /** The repository's top directory, relative to the working directory. */
  repository: string;
}
