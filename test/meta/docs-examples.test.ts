/**
 * The rule pages show real output: the `main.tf` of each page's Example, checked by the CLI, must
 * print every line the page shows (pages may leave out other rules' lines, never invent one). A
 * page about a change shows `main.tf` at `HEAD` first: it is committed to a git repository made
 * for the test, and the changed `main.tf` checked against it (`--baseline HEAD`).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CHECKS } from '../../server/src/engine/analyze/checks.js';
import { runInProcess } from '../support/run-cli.js';

const EXAMPLE = /## Example\n[\s\S]*?`main\.tf`(?:, changed)?:\n\n```hcl\n([\s\S]*?)```[\s\S]*?`aks-netlint ([^`]*)` prints:\n\n```text\n([\s\S]*?)```/;
const AT_HEAD = /## Example\n\n`main\.tf` at `HEAD`:\n\n```hcl\n([\s\S]*?)```/;

/** Commits `text` as main.tf in a new repository at `dir`, without the user's git configuration. */
function commitMain(dir: string, text: string): void {
  writeFileSync(join(dir, 'main.tf'), text);
  const git = (...args: string[]) => {
    const run = spawnSync('git', ['-c', 'user.name=aks-netlint', '-c', 'user.email=test@aks-netlint.invalid', '-c', 'commit.gpgsign=false', ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' } });
    assert.equal(run.status, 0, `git ${args.join(' ')}: ${run.stderr}`);
  };
  git('init', '-q');
  git('add', 'main.tf');
  git('commit', '-q', '-m', 'baseline');
}

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
      const head = AT_HEAD.exec(page)?.[1];
      if (head) commitMain(dir, head);
      writeFileSync(join(dir, 'main.tf'), hcl);
      const { stdout } = await runInProcess(command.split(' ').filter(Boolean), dir);
      const actual = new Set(stdout.trimEnd().split('\n'));
      for (const line of shown.trimEnd().split('\n')) assert.ok(actual.has(line), `${rule.id}.md shows a line the CLI does not print:\n${line}\nactual:\n${stdout}`);
      assert.ok(shown.includes(` ${rule.id} `), `${rule.id}.md's example does not show the rule firing`);
    });
  }
});
