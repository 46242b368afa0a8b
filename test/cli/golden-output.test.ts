/**
 * Golden output per format (STYLE.md §6): stdout of `aks-netlint test/fixtures/modules/<module>`
 * must equal test/cli/golden/<module>.<format>; the exit code is asserted too. SARIF's
 * help.markdown, each rule's whole docs page, is checked against the page (sarif-help.test.ts) and
 * stands as its path here, so editing a page does not rewrite every golden.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runInProcess } from '../support/run-cli.js';

const CASES: [module: string, exitCode: number][] = [
  ['cilium-calico', 1],
  ['clean', 0],
  ['json-module', 1],
  ['suppressed', 0],
  ['syntax-error', 1],
];
const FORMATS = { text: 'txt', json: 'json', sarif: 'sarif', checkstyle: 'checkstyle.xml', junit: 'junit.xml' } as const;

function withHelpAsPath(sarif: string): string {
  const parsed = JSON.parse(sarif);
  for (const rule of parsed.runs[0].tool.driver.rules) rule.help.markdown = `<docs/rules/${rule.id}.md>`;
  return `${JSON.stringify(parsed, null, 2)}\n`;
}

describe('golden CLI output', () => {
  for (const [module, exitCode] of CASES) {
    for (const [format, extension] of Object.entries(FORMATS)) {
      it(`${module} as ${format}`, async () => {
        const result = await runInProcess([`test/fixtures/modules/${module}`, '--format', format]);
        assert.equal(result.stderr, '');
        assert.equal(result.code, exitCode);
        const golden = join('test/cli/golden', `${module}.${extension}`);
        const output = format === 'sarif' ? withHelpAsPath(result.stdout) : result.stdout;
        if (process.env.UPDATE_GOLDEN === '1') writeFileSync(golden, output);
        assert.ok(existsSync(golden), `missing golden file ${golden} (run UPDATE_GOLDEN=1 npm test)`);
        assert.equal(output, readFileSync(golden, 'utf8'));
      });
    }
  }
});
