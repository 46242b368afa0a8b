/**
 * The extension-host suite, as both runners hand it to VS Code: code-server through the `payload`
 * URL parameter (run-extension-tests.ts) and desktop VS Code through @vscode/test-electron
 * (run-desktop-tests.ts). One definition, so both run the same bundle of client/src/test/.
 */
import { join } from 'node:path';

export interface ExtensionTestPaths {
  /** The folder the extension is loaded from (its package.json). */
  extensionDevelopmentPath: string;
  /** esbuild's bundle of client/src/test/index.ts (esbuild.mjs, entry `test/suite`). */
  extensionTestsPath: string;
}

export function extensionTestPaths(extensionDir: string): ExtensionTestPaths {
  return { extensionDevelopmentPath: extensionDir, extensionTestsPath: join(extensionDir, 'dist', 'test', 'suite.js') };
}
