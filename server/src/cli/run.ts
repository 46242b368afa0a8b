/**
 * The CLI adapter: arguments in, output and an exit code out. `main.ts` is the only place that
 * touches `process`; tests call `run` in-process or spawn the built CLI.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { AnalysisSettings } from '../engine/analyze/analyze-module.js';
import { applyFixes, chooseSafeFixes } from '../engine/analyze/apply-fixes.js';
import type { Finding } from '../engine/analyze/findings.js';
import { analyzeWithHclErrors } from '../host/analyze-with-hcl.js';
import { ConfigError, emptyConfig, findConfigFile, loadConfig, type NetlintConfig } from '../host/load-config.js';
import { loadParsers } from '../host/load-parsers.js';
import { describeIoError, readModule } from '../host/read-module.js';
import { collectModules, isIgnored } from './collect-modules.js';
import { formatJson } from './formatters/format-json.js';
import { formatSarif } from './formatters/format-sarif.js';
import { formatText } from './formatters/format-text.js';
import { parseCliArgs, UsageError, USAGE } from './parse-args.js';
import { existsSync } from 'node:fs';

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
  isTty: boolean;
  env: Record<string, string | undefined>;
  version: string;
}

/** Most passes `--fix` makes; each pass re-analyses, since one fix can enable another. */
const MAX_FIX_PASSES = 10;

/** Runs the CLI; returns the exit code. */
export async function run(argv: string[], io: CliIo): Promise<number> {
  let debug = argv.includes('--debug');
  try {
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
    const explicitConfig = options.config ? loadConfig(resolve(io.cwd, options.config)) : undefined;
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
    for (const [i, file] of varFiles.entries()) {
      if (!existsSync(file)) throw new UsageError(`cannot read var file '${options.varFiles[i]}': no such file or directory`);
    }
    const targets = collectModules(options.paths, io.cwd, (dir) => {
      const config = configFor(dir);
      return (path) => isIgnored(path, config.baseDir, config.ignorePaths);
    });
    const parsers = await loadParsers();
    const findings: Finding[] = [];
    let fileCount = 0;
    for (const target of targets) {
      const config = configFor(target.dir);
      const settings: AnalysisSettings = { rules: config.rules, reportUnknown: options.reportUnknown || config.reportUnknown };
      const moduleVarFiles = [...config.varFiles, ...varFiles];
      for (const file of config.varFiles) {
        if (!existsSync(file)) throw new UsageError(`cannot read var file '${file}' named in ${config.path}: no such file or directory`);
      }
      const ignored = (uri: string) => isIgnored(uri, config.baseDir, config.ignorePaths);
      let input = readModule(target.dir, moduleVarFiles, options.vars);
      let result = await analyzeWithHclErrors(input, parsers, settings);
      if (options.fix) {
        for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
          const fixes = chooseSafeFixes(result.findings.filter((f) => !ignored(f.uri) && (!target.onlyFiles || target.onlyFiles.has(f.uri))));
          const texts = new Map(input.files.map((f) => [f.uri, f.text]));
          const changed = applyFixes(texts, fixes);
          if (changed.size === 0) break;
          for (const [uri, text] of changed) {
            try {
              writeFileSync(uri, text);
            } catch (error) {
              throw new UsageError(`cannot write '${uri}': ${describeIoError(error)}`);
            }
          }
          input = readModule(target.dir, moduleVarFiles, options.vars);
          result = await analyzeWithHclErrors(input, parsers, settings);
        }
      }
      for (const failure of result.ruleFailures) io.stderr(`aks-netlint: rule ${failure.ruleId} failed on ${target.dir}: ${failure.message}\n`);
      const reportable = result.findings.filter((f) => !ignored(f.uri) && (!target.onlyFiles || target.onlyFiles.has(f.uri)));
      findings.push(...reportable);
      const analysed = [...input.files.map((f) => f.uri), ...(input.skipped ?? []).map((s) => s.uri)].filter((uri) => !ignored(uri));
      fileCount += target.onlyFiles ? analysed.filter((uri) => target.onlyFiles!.has(uri)).length : analysed.length;
    }
    const report = { findings, fileCount, cwd: io.cwd };
    const colour = options.color ?? (io.isTty && !io.env.NO_COLOR);
    io.stdout(
      options.format === 'json' ? formatJson(report) : options.format === 'sarif' ? formatSarif(report, io.version) : formatText(report, colour),
    );
    return findings.some((f) => f.severity === 'error') ? 1 : 0;
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigError) {
      io.stderr(`aks-netlint: ${error.message}\n`);
      if (error instanceof UsageError && /^Unknown option|unexpected argument/i.test(error.message)) io.stderr('Run aks-netlint --help for usage.\n');
      return 2;
    }
    io.stderr(`aks-netlint: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    if (debug && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
    return 2;
  }
}
