/**
 * The extension-host test entry: the module `extensionTestsPath` names. VS Code's extension host
 * (desktop through @vscode/test-electron, or code-server through the `payload` URL parameter, see
 * test/vscode/run-extension-tests.ts) requires it and awaits `run()`. It runs the Mocha suite inside
 * the real extension host, with the real `vscode` API, against the real language server.
 *
 * On desktop VS Code: `runTests({ extensionDevelopmentPath: <repo>, extensionTestsPath:
 * '<repo>/dist/test/suite.js', launchArgs: [<a folder with a copy of examples/broken/main.tf>] })`.
 *
 * esbuild bundles it with Mocha into dist/test/suite.js (never shipped: .vscodeignore whitelists).
 * code-server does not exit when the tests end, so the outcome also goes to $AKS_NETLINT_TEST_RESULT
 * as JSON for the runner to read.
 */
import { renameSync, writeFileSync } from 'node:fs';
import Mocha from 'mocha';
import * as vscode from 'vscode';

export interface SuiteResult {
  passed: string[];
  /** Milliseconds per passed test, in the order of `passed`. */
  durations: number[];
  failed: { title: string; error: string }[];
  vscodeVersion: string;
  appName: string;
}

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', timeout: 60000, color: false, reporter: 'spec' });
  // The suite is bundled in, not loaded from files: expose the tdd interface, then evaluate it
  // (a require, not an import: an import would run it before the interface exists).
  mocha.suite.emit('pre-require', globalThis, 'extension.test', mocha);
  require('./extension.test');
  const result: SuiteResult = { passed: [], durations: [], failed: [], vscodeVersion: '', appName: '' };
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      result.vscodeVersion = vscode.version;
      result.appName = vscode.env.appName;
      const file = process.env.AKS_NETLINT_TEST_RESULT;
      if (file) {
        // Written aside and renamed: the runner, polling for the file, never reads half of it.
        writeFileSync(`${file}.partial`, JSON.stringify(result, null, 2));
        renameSync(`${file}.partial`, file);
      }
      if (failures > 0) reject(new Error(`${failures} extension-host test(s) failed`));
      else resolve();
    });
    runner.on('pass', (test) => {
      result.passed.push(test.fullTitle());
      result.durations.push(test.duration ?? 0);
    });
    runner.on('fail', (test, error: Error) => result.failed.push({ title: test.fullTitle(), error: error.stack ?? String(error) }));
  });
}
