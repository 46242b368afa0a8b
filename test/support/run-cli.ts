/**
 * Two ways to run the CLI in tests: in-process through `run` (for golden output), and as the
 * built `dist/cli.js` child process (exit codes, stdout/stderr as a user sees them).
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { run, type CliIo } from '../../server/src/cli/run.js';

export const REPO_ROOT = resolve(__dirname, '../..');
export const BUILT_CLI = resolve(REPO_ROOT, 'dist/cli.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `run(argv)` in-process with the given working directory (and test hooks in `extra`). */
export async function runInProcess(argv: string[], cwd = REPO_ROOT, extra: Partial<CliIo> = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    cwd,
    isTty: false,
    env: {},
    version: '0.0.0-test',
    ...extra,
  });
  return { code, stdout, stderr };
}

/**
 * Spawns the built CLI. With `timeoutMs`, a CLI still running then is killed and the call throws,
 * so a hang (a FIFO read, say) fails the test instead of stalling the suite.
 */
export function spawnCli(argv: string[], cwd = REPO_ROOT, env: Record<string, string> = {}, timeoutMs?: number): CliResult {
  const result = spawnSync(process.execPath, [BUILT_CLI, ...argv], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...env },
    ...(timeoutMs ? { timeout: timeoutMs, killSignal: 'SIGKILL' as const } : {}),
  });
  if (result.error && (result.error as NodeJS.ErrnoException).code === 'ETIMEDOUT') {
    throw new Error(`aks-netlint ${argv.join(' ')} did not finish within ${timeoutMs} ms (killed); stderr: ${result.stderr}`);
  }
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}
