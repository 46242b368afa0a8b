/**
 * `npm run test:vscode-desktop` runs the extension-host suite in desktop VS Code through
 * @vscode/test-electron. VS Code cannot be downloaded here, so this does not run it: it checks that
 * the desktop runner hands VS Code the same suite bundle and extension folder that code-server
 * runs in test/editors/vscode.test.ts, and that the script and the package are in place.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { extensionTestPaths } from '../vscode/extension-test-paths.js';
import { desktopRunOptions } from '../vscode/run-desktop-tests.js';

describe('npm run test:vscode-desktop', () => {
  const root = resolve('.');

  it('is the script that runs the desktop runner after a build', () => {
    const { scripts } = JSON.parse(readFileSync('package.json', 'utf8'));
    assert.equal(scripts['test:vscode-desktop'], 'node esbuild.mjs && node --import tsx test/vscode/run-desktop-tests.ts');
    const testElectron = createRequire(__filename)('@vscode/test-electron/package.json') as { version: string };
    // 2.x: 3.x needs Node 22 (TESTING.md).
    assert.equal(testElectron.version, '2.5.2');
  });

  it('hands VS Code the suite code-server runs: the same bundle of client/src/test/, this extension', () => {
    const options = desktopRunOptions('/tmp/ws', root);
    assert.equal(options.extensionTestsPath, join(root, 'dist', 'test', 'suite.js'));
    assert.equal(options.extensionDevelopmentPath, root);
    assert.deepEqual({ extensionDevelopmentPath: options.extensionDevelopmentPath, extensionTestsPath: options.extensionTestsPath }, extensionTestPaths(root));
    assert.equal(options.launchArgs[0], '/tmp/ws');
    // code-server's runner builds its payload from the same paths.
    const codeServerRunner = readFileSync('test/vscode/run-extension-tests.ts', 'utf8');
    assert.match(codeServerRunner, /const suite = extensionTestPaths\(EXT_DIR\);/);
    assert.match(codeServerRunner, /\['extensionTestsPath', remote\(suite\.extensionTestsPath\)\]/);
    assert.match(codeServerRunner, /\['extensionDevelopmentPath', remote\(suite\.extensionDevelopmentPath\)\]/);
  });

  it('the bundle is the suite entry, client/src/test/index.ts, exporting run()', () => {
    assert.match(readFileSync('esbuild.mjs', 'utf8'), /entryPoints: \{ 'test\/suite': 'client\/src\/test\/index\.ts' \}/);
    assert.match(readFileSync(extensionTestPaths(root).extensionTestsPath, 'utf8'), /__export\(\w+, \{\s*run: \(\) => run\s*\}\)/);
  });
});
