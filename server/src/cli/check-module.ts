/**
 * The CLI's work on one module, with everything it needs passed as plain data so that it runs
 * the same in the main thread or in a worker: read the module (and its baseline at a git commit,
 * when asked), analyse it, apply safe fixes when asked (re-analysing after each pass, since one
 * fix can enable another), and keep the findings the user asked for.
 */
import type { ProviderVersion } from '../engine/terraform/provider-version.js';
import { DiskModuleLoader, ParseCache, treeInputFor } from '../host/module-tree-host.js';
import type { AnalysisSettings } from '../engine/analyze/analyze-module.js';
import { applyFixes, chooseSafeFixes } from '../engine/analyze/apply-fixes.js';
import type { Finding } from '../engine/analyze/findings.js';
import type { Parsers } from '../engine/syntax/parse-file.js';
import type { SourceFile } from '../engine/terraform/module.js';
import { analyzeWithHclErrors } from '../host/analyze-with-hcl.js';
import { describeIoError, readModule } from '../host/read-module.js';
import { isIgnored } from '../host/load-config.js';
import { readGitBaseline, type GitCommit } from '../host/git-baseline.js';
import { replaceFileText, resolveWriteTarget, type WriteTarget } from '../host/write-fixed-file.js';
import { UsageError } from './parse-args.js';
import { displayPath } from './report-model.js';

/** One module's task: structured-cloneable, for worker threads. */
export interface ModuleTask {
  dir: string;
  /** Report only these files (a file argument); all when absent. */
  onlyFiles?: string[];
  varFiles: string[];
  cliVars: { name: string; value: string }[];
  /** TF_VAR_* from the environment. */
  envVars: { name: string; value: string }[];
  settings: AnalysisSettings;
  ignore: { baseDir: string; patterns: string[] };
  fix: boolean;
  /** Real paths of the directories being checked: `--fix` writes no file outside them. */
  fixRoots: string[];
  /** The working directory, for paths in messages. */
  cwd: string;
  /** `TF_DATA_DIR`: where `terraform init` put `modules/modules.json` (default `.terraform`). */
  dataDir?: string;
  /** `--baseline`: the commit the ref named in this module's repository. */
  baseline?: GitCommit;
}

export interface ModuleOutcome {
  findings: Finding[];
  fileCount: number;
  /** Lines for stderr (a rule that threw, a file --fix did not write). */
  warnings: string[];
  /** The provider version the module was checked against (absent when the check failed). */
  provider?: ProviderVersion;
  /** Directories of the modules its tree calls: those are checked through this module, not alone. */
  calledDirs: string[];
  /** The check threw: the findings are one internal-error (module-failure.ts). */
  failed?: true;
}

/** Most passes `--fix` makes. */
const MAX_FIX_PASSES = 10;

export async function checkModule(task: ModuleTask, parsers: Parsers): Promise<ModuleOutcome> {
  const only = task.onlyFiles ? new Set(task.onlyFiles) : undefined;
  const ignored = (uri: string) => isIgnored(uri, task.ignore.baseDir, task.ignore.patterns);
  const wanted = (uri: string) => !ignored(uri) && (!only || only.has(uri));
  const cache = parseCacheFor(parsers);
  const read = () => cache.attach(readModule(task.dir, task.varFiles, task.cliVars, task.envVars));
  // A fix pass rewrites files: the next pass loads the called modules again.
  let loader = loaderFor(cache);
  let input = read();
  const baseline = task.baseline ? { baseline: await baselineOf(task, parsers, cache, input.files) } : {};
  const settings = { ...task.settings, displayPath: (path: string) => displayPath(path, task.cwd), ...baseline };
  const analyze = () => analyzeWithHclErrors(input, parsers, settings, treeInputFor(task.dir, loader, { TF_DATA_DIR: task.dataDir }));
  let result = await analyze();
  const warnings: string[] = [];
  if (task.fix) {
    // Files --fix must leave alone (outside the checked paths, changed on disk), kept across passes.
    const targets = new Map<string, WriteTarget>();
    const refuse = (uri: string, reason: string) => {
      targets.set(uri, { refused: reason });
      warnings.push(`aks-netlint: --fix did not write ${displayPath(uri, task.cwd)}: ${reason}`);
    };
    const writable = (uri: string) => {
      if (!targets.has(uri)) {
        const target = resolveWriteTarget(uri, task.fixRoots);
        if ('refused' in target) refuse(uri, target.refused);
        else targets.set(uri, target);
      }
      return 'target' in targets.get(uri)!;
    };
    for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
      const candidates = result.findings.filter((f) => wanted(f.uri) && (!f.fix || f.fix.edits.every((e) => writable(e.uri))));
      const texts = new Map(input.files.map((f) => [f.uri, f.text]));
      const changed = applyFixes(texts, chooseSafeFixes(candidates));
      let written = 0;
      for (const [uri, text] of changed) {
        const target = targets.get(uri) as { target: string };
        let outcome;
        try {
          outcome = replaceFileText(target.target, texts.get(uri)!, text);
        } catch (error) {
          throw new UsageError(`cannot write '${displayPath(uri, task.cwd)}': ${describeIoError(error)}`);
        }
        if ('refused' in outcome) refuse(uri, outcome.refused);
        else written++;
      }
      if (written === 0) break;
      input = read();
      // Written files may be modules other roots call: every later check loads them again.
      loader = new DiskModuleLoader(cache);
      loaders.set(cache, loader);
      result = await analyze();
    }
  }
  const analysed = [...input.files.map((f) => f.uri), ...(input.skipped ?? []).map((s) => s.uri)];
  return {
    findings: result.findings.filter((f) => wanted(f.uri)),
    fileCount: analysed.filter(wanted).length,
    warnings: [...warnings, ...result.ruleFailures.map((f) => `aks-netlint: rule ${f.ruleId} failed on ${task.dir}: ${f.message}`)],
    provider: result.model.provider,
    calledDirs: result.calledDirs,
  };
}

/** The module as committed at the baseline; unavailable stops the run (the user asked for it). */
async function baselineOf(task: ModuleTask, parsers: Parsers, cache: ParseCache, workingFiles: readonly SourceFile[]) {
  const at = task.baseline!;
  const baseline = await readGitBaseline(at, { dir: task.dir, varFiles: task.varFiles, cliVars: task.cliVars, envVars: task.envVars }, parsers, {
    ...(task.dataDir ? { dataDir: task.dataDir } : {}),
    parseCache: cache,
    gitCache: gitCacheFor(at),
    workingFiles,
  });
  if ('unavailable' in baseline) throw new UsageError(`no baseline: ${baseline.unavailable}`);
  return baseline;
}

/**
 * isomorphic-git's cache (pack indexes and packs) of the last repository read: the roots of a run
 * share one repository, and reading its packs once per root would cost as much as the check.
 */
let gitCache: { gitdir: string; cache: object } | undefined;
function gitCacheFor(at: GitCommit): object {
  if (gitCache?.gitdir !== at.gitdir) gitCache = { gitdir: at.gitdir, cache: {} };
  return gitCache.cache;
}

/** One parse cache per thread and parsers: a run's modules are parsed once however often they are called. */
const parseCaches = new WeakMap<Parsers, ParseCache>();
function parseCacheFor(parsers: Parsers): ParseCache {
  let cache = parseCaches.get(parsers);
  if (!cache) parseCaches.set(parsers, (cache = new ParseCache(parsers)));
  return cache;
}

/** One loader per cache: the modules of a run do not change (a --fix pass makes a new one). */
const loaders = new WeakMap<ParseCache, DiskModuleLoader>();
function loaderFor(cache: ParseCache): DiskModuleLoader {
  let loader = loaders.get(cache);
  if (!loader) loaders.set(cache, (loader = new DiskModuleLoader(cache)));
  return loader;
}

