/**
 * Runs the extension-host Mocha suite (client/src/test/, bundled to dist/test/suite.js) inside
 * code-server's Node extension host: the @vscode/test-electron contract (TESTING.md §1.5). The web
 * workbench takes `extensionDevelopmentPath` and `extensionTestsPath` from the `payload` URL
 * parameter and hands them to the extension host, which loads the extension from this folder and
 * awaits the suite's `run()`. code-server does not exit afterwards, so the suite writes its result
 * to $AKS_NETLINT_TEST_RESULT (the variable reaches the extension host through code-server's
 * environment: set it before scripts/with-code-server.sh) and this script waits for that file.
 *
 * Env: CS_URL (from the launcher), WS (workspace folder), EXT_DIR (the extension, default: this
 * repository), AKS_NETLINT_TEST_RESULT, TIMEOUT_MS. Prints the result JSON; exits 1 on failure.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { launchChromium, requiredEnv, stopwatch } from './browser.js';
import { extensionTestPaths } from './extension-test-paths.js';

const CS_URL = requiredEnv('CS_URL');
const WS = requiredEnv('WS');
const RESULT = requiredEnv('AKS_NETLINT_TEST_RESULT');
const TIMEOUT_MS = Number(process.env.TIMEOUT_MS ?? 180000);
const EXT_DIR = resolve(process.env.EXT_DIR ?? '.');

// URIs of the remote side, named by the authority the page is opened on (code-server's host:port).
const remote = (path: string) => `vscode-remote://${new URL(CS_URL).host}${path}`;
const suite = extensionTestPaths(EXT_DIR);
const payload = [
  ['extensionDevelopmentPath', remote(suite.extensionDevelopmentPath)],
  ['extensionTestsPath', remote(suite.extensionTestsPath)],
];

async function main(): Promise<boolean> {
  const resultFile = RESULT;
  rmSync(resultFile, { force: true });
  const elapsed = stopwatch();
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.goto(`${CS_URL}/?folder=${encodeURIComponent(WS)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
    // The suite runs in another process (the extension host): its result file is the only signal.
    while (!existsSync(resultFile) && elapsed() < TIMEOUT_MS) await new Promise((r) => setTimeout(r, 100));
  } finally {
    await browser.close();
  }
  if (!existsSync(resultFile)) {
    console.log(JSON.stringify({ error: `no result after ${TIMEOUT_MS} ms: the suite never ran or never finished` }));
    return false;
  }
  const outcome = JSON.parse(readFileSync(resultFile, 'utf8'));
  console.log(JSON.stringify({ ...outcome, ms: elapsed() }));
  return outcome.failed.length === 0 && outcome.passed.length > 0;
}

// CommonJS under tsx: no top-level await.
main().then((ok) => process.exit(ok ? 0 : 1), (error) => {
  console.error(error);
  process.exit(1);
});
