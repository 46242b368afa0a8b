/**
 * Turns command-line paths into the modules to analyse: a directory is searched recursively for
 * directories holding `.tf`/`.tf.json` files (skipping `.terraform/`, `.git/`, `node_modules/`
 * and the config's ignorePaths); a file stands for its directory's module, reported for that file.
 */
import { readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describeIoError, isModuleDir, SKIPPED_DIRS } from '../host/read-module.js';
import { regularFileProblem } from '../host/read-regular-file.js';
import { UsageError } from './parse-args.js';


/** A module to analyse, and the files to report (undefined: all). */
export interface ModuleTarget {
  dir: string;
  onlyFiles?: Set<string>;
}

/** The modules under the given paths, sorted. */
export function collectModules(paths: string[], cwd: string, ignoredFor: (dir: string) => (path: string) => boolean): ModuleTarget[] {
  const targets = new Map<string, ModuleTarget>();
  for (const path of paths) {
    const absolute = resolve(cwd, path);
    let isDirectory: boolean;
    try {
      isDirectory = statSync(absolute).isDirectory();
    } catch (error) {
      throw new UsageError(`cannot read '${path}': ${describeIoError(error)}`);
    }
    const problem = isDirectory ? undefined : regularFileProblem(absolute);
    if (problem) throw new UsageError(`cannot read '${path}': ${problem}`);
    if (isDirectory) {
      for (const dir of walk(absolute, ignoredFor)) if (!targets.has(dir)) targets.set(dir, { dir });
    } else {
      if (!/\.(tf|tf\.json|tfvars|tfvars\.json)$/.test(absolute)) throw new UsageError(`'${path}' is not a Terraform file (.tf, .tf.json, .tfvars)`);
      const dir = dirname(absolute);
      const target = targets.get(dir) ?? { dir, onlyFiles: new Set<string>() };
      target.onlyFiles?.add(absolute);
      targets.set(dir, target);
    }
  }
  return [...targets.values()].sort((a, b) => (a.dir < b.dir ? -1 : a.dir > b.dir ? 1 : 0));
}

function walk(root: string, ignoredFor: (dir: string) => (path: string) => boolean): string[] {
  const out: string[] = [];
  const visit = (dir: string) => {
    const ignored = ignoredFor(dir);
    if (dir !== root && ignored(dir)) return;
    if (isModuleDir(dir)) out.push(dir);
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return; // an unreadable subdirectory holds nothing we can check
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (entry.isDirectory() && !SKIPPED_DIRS.has(entry.name)) visit(join(dir, entry.name));
    }
  };
  visit(root);
  return out;
}
