#!/usr/bin/env node
// The GitHub Action's logic (action.yml runs it): checks the workspace with aks-netlint, writes
// SARIF for github/codeql-action/upload-sarif, prints the findings in the chosen format to the log,
// and fails the step when a finding reaches the minimum failing severity.
//
// Inputs arrive as GitHub hands them to actions, INPUT_<NAME> with the name upper-cased; a
// composite action has to pass them itself, and passes `-` as `_` (INPUT_VAR_FILES) because
// bash cannot name a variable with a hyphen. Lists take one entry per line.
// Environment: GITHUB_WORKSPACE (the checkout: the CLI runs there, so SARIF paths are relative to
// the repository root, as code scanning wants), RUNNER_TEMP (where the SARIF goes by default),
// GITHUB_OUTPUT (the step's outputs), AKS_NETLINT_CLI (the CLI's script; action.yml installs it).
// Exit code: 0 passed, 1 a finding at or above the minimum severity, 2 the check could not run.
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const FORMATS = ['text', 'json', 'sarif'];
/** Minimum failing severity → the SARIF levels that fail the step ("none" reports only). */
const FAILING_LEVELS = { error: ['error'], warning: ['error', 'warning'], info: ['error', 'warning', 'note'], none: [] };

const input = (name) => (process.env[`INPUT_${name.toUpperCase().replace(/-/g, '_')}`] ?? '').trim();
const list = (name) => input(name).split('\n').map((line) => line.trim()).filter(Boolean);

function fail(message) {
  // A workflow command: the runner shows it as an error annotation on the run.
  console.log(`::error title=aks-netlint::${message}`);
  return 2;
}

function main() {
  const workspace = process.env.GITHUB_WORKSPACE;
  const cli = process.env.AKS_NETLINT_CLI;
  if (!workspace) return fail('GITHUB_WORKSPACE is not set: run this inside a GitHub Actions job');
  if (!cli) return fail('AKS_NETLINT_CLI is not set: action.yml installs aks-netlint and names it');
  const format = input('format') || 'text';
  if (!FORMATS.includes(format)) return fail(`format '${format}' is not one of ${FORMATS.join(', ')}`);
  const minimum = input('minimum-failure-severity') || 'error';
  if (!(minimum in FAILING_LEVELS)) return fail(`minimum-failure-severity '${minimum}' is not one of ${Object.keys(FAILING_LEVELS).join(', ')}`);
  const sarifInput = input('sarif-file');
  const sarifFile = sarifInput
    ? resolve(workspace, sarifInput)
    : join(process.env.RUNNER_TEMP || workspace, 'aks-netlint.sarif');

  const options = [
    ...list('var-files').flatMap((file) => ['--var-file', file]),
    ...(input('plan') ? ['--plan', input('plan')] : []),
    ...(input('baseline') ? ['--baseline', input('baseline')] : []),
    ...(input('config') ? ['--config', input('config')] : []),
  ];
  const paths = list('paths');
  const run = (outputFormat, color) =>
    spawnSync(process.execPath, [cli, ...paths, ...options, '--format', outputFormat, color ? '--color' : '--no-color'], {
      cwd: workspace,
      encoding: 'utf8',
      maxBuffer: 512 * 1024 * 1024,
    });

  const sarif = run('sarif', false);
  if (sarif.status !== 0 && sarif.status !== 1) {
    process.stderr.write(sarif.stderr);
    return fail(`aks-netlint could not check the workspace: ${sarif.stderr.trim() || `exit ${sarif.status ?? sarif.signal}`}`);
  }
  mkdirSync(dirname(sarifFile), { recursive: true });
  writeFileSync(sarifFile, sarif.stdout);

  // The log: the SARIF just written, or a second run in the format asked for (the job log shows colour).
  if (format === 'sarif') process.stdout.write(sarif.stdout);
  else process.stdout.write(run(format, format === 'text').stdout);

  const counts = { error: 0, warning: 0, note: 0 };
  for (const result of JSON.parse(sarif.stdout).runs.flatMap((r) => r.results ?? [])) {
    // SARIF's default level is warning; "none" is no finding to count.
    const level = result.level ?? 'warning';
    if (!result.suppressions?.length && level in counts) counts[level] += 1;
  }
  const failing = FAILING_LEVELS[minimum].reduce((sum, level) => sum + counts[level], 0);
  const outputs = { 'sarif-file': sarifFile, errors: counts.error, warnings: counts.warning, infos: counts.note, failed: failing > 0 };
  if (process.env.GITHUB_OUTPUT) {
    appendFileSync(process.env.GITHUB_OUTPUT, Object.entries(outputs).map(([k, v]) => `${k}=${v}\n`).join(''));
  }
  if (failing > 0) {
    console.log(`::error title=aks-netlint::${failing} finding${failing === 1 ? '' : 's'} at or above ${minimum} (SARIF: ${sarifFile})`);
    return 1;
  }
  return 0;
}

process.exitCode = main();
