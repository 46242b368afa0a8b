/**
 * Two ways to run the CLI in tests: in-process through `run` (for golden output), and as the
 * built `dist/cli.js` child process (exit codes, stdout/stderr as a user sees them).
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { run } from '../../server/src/cli/run.js';

export const REPO_ROOT = resolve(__dirname, '../..');
export const BUILT_CLI = resolve(REPO_ROOT, 'dist/cli.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `run(argv)` in-process with the given working directory. */
export async function runInProcess(argv: string[], cwd = REPO_ROOT): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    cwd,
    isTty: false,
    env: {},
    version: '0.0.0-test',
  });
  return { code, stdout, stderr };
}

/** Spawns the built CLI. */
export function spawnCli(argv: string[], cwd = REPO_ROOT, env: Record<string, string> = {}): CliResult {
  const result = spawnSync(process.execPath, [BUILT_CLI, ...argv], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env } });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}
