/**
 * The CLI adapter: arguments in, output and an exit code out. `main.ts` is the only place that
 * touches `process`; tests call `run` in-process or spawn the built CLI.
 */
import { dirname, join, resolve } from 'node:path';
import { ConfigError, emptyConfig, findConfigFile, loadConfig, type NetlintConfig } from '../host/load-config.js';
import { loadParsers } from '../host/load-parsers.js';
import { checkModule, type ModuleOutcome, type ModuleTask } from './check-module.js';
import { describeFailure, failedModuleOutcome } from './module-failure.js';
import { runDiagram } from './diagram-command.js';
import { collectModules } from './collect-modules.js';
import { isIgnored } from '../host/load-config.js';
import { formatJson } from './formatters/format-json.js';
import { formatSarif } from './formatters/format-sarif.js';
import { formatText } from './formatters/format-text.js';
import { formatCheckstyle } from './formatters/format-checkstyle.js';
import { formatJunit } from './formatters/format-junit.js';
import { parseCliArgs, UsageError, USAGE, type CliOptions } from './parse-args.js';
import { applyRuleOptions } from './rule-overrides.js';
import { checkModulesInWorkers } from './worker-pool.js';
import { checkPlan } from './plan-command.js';
import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { readRuleDoc } from '../host/read-rule-docs.js';
import { localToday } from '../host/today.js';
import { fileRole } from '../engine/terraform/module.js';
import type { CliIo } from './cli-io.js';
import type { GitCommit } from '../host/git-baseline.js';
import type { Finding, Severity } from '../engine/analyze/findings.js';
import { mergeFindings } from '../engine/analyze/place-findings.js';
import { FILE_ONLY_CHECK_IDS } from '../engine/analyze/checks.js';
import { configVarFileProblem, moduleInputs, userVarFileProblem } from '../host/module-inputs.js';
import { resolveBaselines, type BaselineReport } from './resolve-baselines.js';
import { displayPath } from './report-model.js';

/**
 * Configuration bytes from which a tree is worth checking in parallel. Parsing is what workers
 * share out, and each worker first pays ~0.3 s to load the parsers: measured on 2 cores, a
 * 5.6 MB tree gains 20 %, a 3 MB tree of 2,600 small files loses 10 %.
 */
const MIN_BYTES_FOR_WORKERS = 4 * 1024 * 1024;

/**
 * Checks the modules, in worker threads when the tree is large and the CLI runs from its bundle.
 * A module whose check throws becomes an internal-error finding; the others are still checked.
 */
async function checkModules(tasks: ModuleTask[], io: CliIo, debug: boolean): Promise<ModuleOutcome[]> {
  const failed = (task: ModuleTask, error: unknown) => failedModuleOutcome(task, describeFailure(error), io.cwd, debug);
  const threads = Math.min(io.threads ?? 1, 4);
  if (io.workerScript && threads > 1 && tasks.length > 1 && (io.env.AKS_NETLINT_THREADS || configurationBytes(tasks) >= MIN_BYTES_FOR_WORKERS)) {
    try {
      return await checkModulesInWorkers(tasks, io.workerScript, threads, (task, failure) => failedModuleOutcome(task, failure, io.cwd, debug));
    } catch (error) {
      if ((error as { usage?: boolean }).usage) throw new UsageError((error as Error).message);
      throw error;
    }
  }
  const parsers = await loadParsers();
  const check = io.checkModule ?? checkModule;
  const outcomes: ModuleOutcome[] = [];
  for (const task of tasks) {
    try {
      outcomes.push(await check(task, parsers));
    } catch (error) {
      if (error instanceof UsageError) throw error;
      outcomes.push(failed(task, error));
    }
  }
  return outcomes;
}

/** The size of the modules' configuration files, without reading them. */
function configurationBytes(tasks: ModuleTask[]): number {
  let total = 0;
  for (const { dir } of tasks) {
    try {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        if (entry.isFile() && fileRole(join(dir, entry.name)) === 'config') total += statSync(join(dir, entry.name)).size;
      }
    } catch {
      // gone or unreadable: checking the module will say so
    }
  }
  return total;
}

/**
 * The findings of a run: each directory that another module of the tree calls is checked through
 * its callers (DESIGN.md §3), so its own check keeps only what is about its files (syntax,
 * unreadable files, suppression comments), not its defaults checked alone; the same finding
 * reached from several roots is reported once, naming every call it came through.
 */
function runFindings(tasks: ModuleTask[], outcomes: ModuleOutcome[]): Finding[] {
  const called = new Set(outcomes.flatMap((o) => o.calledDirs));
  const kept = outcomes.flatMap((outcome, i) => (called.has(tasks[i].dir) ? outcome.findings.filter((f) => FILE_ONLY_CHECK_IDS.has(f.ruleId)) : outcome.findings));
  return mergeFindings(kept);
}

/** The real paths of the directories named (a file stands for its directory): what --fix may write. */
function checkedDirectories(paths: string[], cwd: string): string[] {
  return paths.map((path) => {
    const absolute = resolve(cwd, path);
    const dir = statSync(absolute).isDirectory() ? absolute : dirname(absolute);
    return realpathSync(dir);
  });
}

export type { CliIo } from './cli-io.js';

/** A checked file's text, for SARIF fingerprints: it was just read, so a failure means it is gone. */
function readSource(uri: string): string | undefined {
  try {
    return readFileSync(uri, 'utf8');
  } catch {
    return undefined;
  }
}

const RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

/** The report in the chosen format. */
function formatReport(findings: Finding[], fileCount: number, options: CliOptions, io: CliIo, baselines?: BaselineReport[]): string {
  const report = { findings, fileCount, cwd: io.cwd, ...(baselines ? { baselines } : {}) };
  switch (options.format) {
    case 'json':
      return formatJson(report);
    case 'sarif':
      return formatSarif(report, io.version, { source: readSource, ruleDoc: readRuleDoc });
    case 'checkstyle':
      return formatCheckstyle(report);
    case 'junit':
      return formatJunit(report);
    case 'text':
      // NO_COLOR (no-color.org): set and not empty turns colour off unless --color asks for it.
      return formatText(report, options.color ?? (io.isTty && !io.env.NO_COLOR), options.quiet);
  }
}

/** The baselines of a run, once per repository, in the order first met. */
function baselineReport(commits: GitCommit[], cwd: string): BaselineReport[] {
  const seen = new Map<string, BaselineReport>();
  for (const at of commits) if (!seen.has(at.repoDir)) seen.set(at.repoDir, { ref: at.ref, commit: at.commit, repository: displayPath(at.repoDir, cwd) });
  return [...seen.values()];
}

/** `--chdir`: the working directory everything else is relative to. */
function changedDirectory(io: CliIo, chdir: string): CliIo {
  const cwd = resolve(io.cwd, chdir);
  let directory = false;
  try {
    directory = statSync(cwd).isDirectory();
  } catch {
    throw new UsageError(`--chdir: cannot read '${chdir}': no such directory`);
  }
  if (!directory) throw new UsageError(`--chdir: '${chdir}' is not a directory`);
  return { ...io, cwd };
}

/** Runs the CLI; returns the exit code. */
export async function run(argv: string[], io: CliIo): Promise<number> {
  let debug = argv.includes('--debug');
  try {
    if (argv[0] === 'diagram') return await runDiagram(argv.slice(1), io);
    const options = parseCliArgs(argv);
    debug = options.debug;
    if (options.help) {
      io.stdout(USAGE);
      return 0;
    }
    if (options.version) {
      io.stdout(`${io.version}\n`);
      return 0;
    }
    if (options.chdir !== undefined) io = changedDirectory(io, options.chdir);
    const failAt = RANK[options.minimumFailureSeverity];
    const write = (findings: Finding[], fileCount: number, baselines?: BaselineReport[]) => {
      io.stdout(formatReport(findings, fileCount, options, io, baselines));
      return findings.some((f) => RANK[f.severity] >= failAt) ? 1 : 0;
    };
    if (options.plan !== undefined) {
      const outcome = await checkPlan({ ...options, plan: options.plan }, io);
      for (const line of outcome.warnings) io.stderr(`${line}\n`);
      return write(outcome.findings, outcome.fileCount);
    }
    const explicitConfig = options.config ? loadConfig(resolve(io.cwd, options.config), options.config) : undefined;
    const configs = new Map<string, NetlintConfig>();
    const configFor = (dir: string): NetlintConfig => {
      if (explicitConfig) return explicitConfig;
      const path = findConfigFile(dir);
      if (!path) return emptyConfig(dir);
      let config = configs.get(path);
      if (!config) {
        config = loadConfig(path);
        configs.set(path, config);
      }
      return config;
    };
    const varFiles = options.varFiles.map((f) => resolve(io.cwd, f));
    const varFileProblem = userVarFileProblem(varFiles, options.varFiles);
    if (varFileProblem) throw new UsageError(varFileProblem);
    const targets = collectModules(options.paths, io.cwd, (dir) => {
      const config = configFor(dir);
      return (path) => isIgnored(path, config.baseDir, config.ignorePaths);
    });
    if (targets.length === 0) {
      throw new UsageError(`no Terraform files (.tf, .tf.json) under ${options.paths.map((p) => `'${p}'`).join(', ')}`);
    }
    const fixRoots = options.fix ? checkedDirectories(options.paths, io.cwd) : [];
    const baselines = options.baseline !== undefined ? await resolveBaselines(targets.map((t) => t.dir), options.baseline) : undefined;
    const tasks: ModuleTask[] = targets.map((target) => {
      const config = configFor(target.dir);
      const problem = configVarFileProblem(config);
      if (problem) throw new UsageError(problem);
      return {
        dir: target.dir,
        onlyFiles: target.onlyFiles ? [...target.onlyFiles] : undefined,
        ...moduleInputs(config, { varFiles, vars: options.vars, env: io.env }),
        settings: { ...applyRuleOptions(config, options), today: io.today ?? localToday() },
        ignore: { baseDir: config.baseDir, patterns: config.ignorePaths },
        fix: options.fix,
        fixRoots,
        cwd: io.cwd,
        ...(io.env.TF_DATA_DIR ? { dataDir: io.env.TF_DATA_DIR } : {}),
        ...(baselines ? { baseline: baselines.get(target.dir)! } : {}),
      };
    });
    const outcomes = await checkModules(tasks, io, debug);
    const findings = runFindings(tasks, outcomes);
    const fileCount = outcomes.reduce((sum, o) => sum + o.fileCount, 0);
    for (const line of outcomes.flatMap((o) => o.warnings)) io.stderr(`${line}\n`);
    return write(findings, fileCount, baselines && baselineReport([...baselines.values()], io.cwd));
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigError) {
      io.stderr(`aks-netlint: ${error.message}\n`);
      if (error instanceof UsageError && /^Unknown option|unexpected argument/i.test(error.message)) {
        io.stderr(argv[0] === 'diagram' ? 'Run aks-netlint diagram --help for usage.\n' : 'Run aks-netlint --help for usage.\n');
      }
      return 2;
    }
    io.stderr(`aks-netlint: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    if (debug && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
    return 2;
  }
}
