/**
 * The rule pages show real output: the `main.tf` of each page's Example, checked by the CLI, must
 * print every line the page shows (pages may leave out other rules' lines, never invent one).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CHECKS } from '../../server/src/engine/analyze/checks.js';
import { runInProcess } from '../support/run-cli.js';

const EXAMPLE = /## Example\n[\s\S]*?`main\.tf`:\n\n```hcl\n([\s\S]*?)```[\s\S]*?`aks-netlint ([^`]*)` prints:\n\n```text\n([\s\S]*?)```/;

describe('rule pages', () => {
  for (const rule of CHECKS) {
    const page = readFileSync(`docs/rules/${rule.id}.md`, 'utf8');
    const match = EXAMPLE.exec(page);
    if (!match) {
      // Only the pages whose example is a binary or huge file, or a module that fails, show no main.tf.
      it(`${rule.id}: has an example`, () => assert.ok(['file-not-text', 'file-too-large', 'internal-error'].includes(rule.id), `${rule.id}.md has no main.tf example with output`));
      continue;
    }
    it(`${rule.id}: the example prints what the page shows`, async () => {
      const [, hcl, command, shown] = match;
      const dir = mkdtempSync(join(tmpdir(), `aks-netlint-doc-${rule.id}-`));
      writeFileSync(join(dir, 'main.tf'), hcl);
      const { stdout } = await runInProcess(command.split(' ').filter(Boolean), dir);
      const actual = new Set(stdout.trimEnd().split('\n'));
      for (const line of shown.trimEnd().split('\n')) assert.ok(actual.has(line), `${rule.id}.md shows a line the CLI does not print:\n${line}\nactual:\n${stdout}`);
      assert.ok(shown.includes(` ${rule.id} `), `${rule.id}.md's example does not show the rule firing`);
    });
  }
});
