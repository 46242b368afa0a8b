/**
 * `aks-netlint --plan plan.json [dir]`: checks what a plan will apply. With the root module's
 * directory (the usual CI checkout), its files are read as a module tree and findings point at
 * their lines; without it, into the plan file. Output formats and exit codes are the check's.
 */
import { dirname, resolve } from 'node:path';
import { statSync } from 'node:fs';
import { analyzePlan, type PlanConfiguration } from '../engine/analyze/analyze-plan.js';
import type { Finding } from '../engine/analyze/findings.js';
import type { HclError } from '../engine/syntax/syntax-tree.js';
import { isBuiltinUri } from '../engine/terraform/builtin-modules.js';
import { hclSyntaxErrors } from '../host/hcl-syntax-errors.js';
import { loadParsers } from '../host/load-parsers.js';
import { emptyConfig, findConfigFile, loadConfig, isIgnored } from '../host/load-config.js';
import { DiskModuleLoader, ParseCache, treeInputFor } from '../host/module-tree-host.js';
import { configVarFileProblem, moduleInputs, userVarFileProblem } from '../host/module-inputs.js';
import { readModule } from '../host/read-module.js';
import { readPlanFile } from '../host/read-plan-file.js';
import type { CliIo } from './cli-io.js';
import { UsageError, type CliOptions } from './parse-args.js';
import { displayPath } from './report-model.js';
import { applyRuleOptions } from './rule-overrides.js';
import { localToday } from '../host/today.js';

export interface PlanOutcome {
  findings: Finding[];
  fileCount: number;
  warnings: string[];
}

/** Checks the plan of `options.plan` (set), with the configuration in `options.paths[0]` if given. */
export async function checkPlan(options: CliOptions & { plan: string }, io: CliIo): Promise<PlanOutcome> {
  const planPath = resolve(io.cwd, options.plan);
  const plan = readPlanFile(planPath, options.plan);
  if ('problem' in plan) throw new UsageError(plan.problem);
  const root = options.paths[0] === undefined ? undefined : resolve(io.cwd, options.paths[0]);
  if (root !== undefined && !isDirectory(root)) throw new UsageError(`'${options.paths[0]}' is not a directory: with --plan, give the root module the plan was made from`);
  const settingsDir = root ?? dirname(planPath);
  const found = findConfigFile(settingsDir);
  const config = options.config ? loadConfig(resolve(io.cwd, options.config), options.config) : found ? loadConfig(found) : emptyConfig(settingsDir);
  const varFiles = options.varFiles.map((f) => resolve(io.cwd, f));
  const problem = userVarFileProblem(varFiles, options.varFiles) ?? configVarFileProblem(config);
  if (problem) throw new UsageError(problem);
  const parsers = await loadParsers();
  let configuration: PlanConfiguration | undefined;
  if (root !== undefined) {
    const cache = new ParseCache(parsers);
    const inputs = moduleInputs(config, { varFiles, vars: options.vars, env: io.env });
    const input = cache.attach(readModule(root, inputs.varFiles, inputs.cliVars, inputs.envVars));
    configuration = { input, tree: treeInputFor(root, new DiskModuleLoader(cache), io.env.TF_DATA_DIR ? { TF_DATA_DIR: io.env.TF_DATA_DIR } : {}) };
  }
  const settings = { ...applyRuleOptions(config, options), today: io.today ?? localToday(), displayPath: (path: string) => displayPath(path, io.cwd) };
  let result = analyzePlan(plan, parsers, settings, configuration);
  // As for the files alone (analyze-with-hcl.ts): HashiCorp's messages for broken HCL files.
  const broken = [...result.module.files.values()].filter((f) => f.format === 'hcl' && f.problems.length > 0);
  if (broken.length > 0) {
    const hclErrors = new Map<string, HclError[]>();
    for (const file of broken) hclErrors.set(file.uri, await hclSyntaxErrors(file.text));
    result = analyzePlan(plan, parsers, settings, configuration, hclErrors);
  }
  const ignored = (uri: string) => uri !== planPath && isIgnored(uri, config.baseDir, config.ignorePaths);
  return {
    findings: result.findings.filter((f) => !ignored(f.uri)),
    // The plan, and every file of the modules the configuration's tree read (not the input maps
    // aks-netlint holds for registry modules, which are no files of the user's).
    fileCount: 1 + (configuration ? new Set((result.tree?.instances() ?? []).flatMap((i) => [...i.module.files.keys()]).concat([...result.module.files.keys()]).filter((uri) => !isBuiltinUri(uri))).size : 0),
    warnings: result.ruleFailures.map((f) => `aks-netlint: rule ${f.ruleId} failed on ${displayPath(planPath, io.cwd)}: ${f.message}`),
  };
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
