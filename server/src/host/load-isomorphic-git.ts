/**
 * isomorphic-git, loaded on first use: a check without a baseline (most CLI runs, an editor
 * outside a repository or with `aksNetlint.baseline` off) neither parses nor initialises it.
 */
import type * as IsomorphicGit from 'isomorphic-git';

let library: Promise<typeof IsomorphicGit> | undefined;

export const loadIsomorphicGit = (): Promise<typeof IsomorphicGit> => (library ??= import('isomorphic-git'));
