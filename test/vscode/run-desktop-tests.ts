/**
 * `npm run test:vscode-desktop`: the extension-host suite in desktop VS Code through
 * @vscode/test-electron, which downloads VS Code (stable, or $VSCODE_VERSION) from
 * update.code.visualstudio.com into .vscode-test/. Where that cannot be reached (this project's CI
 * is offline), test/editors/vscode.test.ts runs the same suite in code-server; a test there checks
 * both runners load the same bundle. The workspace is a temporary folder with examples/broken/main.tf,
 * as in code-server. Exits 1 when a test fails.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { extensionTestPaths } from './extension-test-paths.js';

/** What runTests gets, for a workspace folder: the suite, the folder, no other extension. */
export function desktopRunOptions(workspace: string, extensionDir = resolve('.')) {
  return {
    ...extensionTestPaths(extensionDir),
    version: process.env.VSCODE_VERSION ?? 'stable',
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
  };
}

async function main(): Promise<void> {
  // Loaded here, not at the top: the test that checks the options imports this file without it.
  const { runTests } = await import('@vscode/test-electron');
  const workspace = mkdtempSync(join(tmpdir(), 'aks-netlint-desktop-'));
  try {
    copyFileSync('examples/broken/main.tf', join(workspace, 'main.tf'));
    await runTests(desktopRunOptions(workspace));
  } finally {
    rmSync(workspace, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
