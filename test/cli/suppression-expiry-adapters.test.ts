/**
 * The engine has no clock: the CLI and the language server pass today's date, so a suppression
 * whose `(until <date>)` has passed stops suppressing in both, and one still running suppresses.
 */
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { localToday } from '../../server/src/host/today.js';
import { fileUri, TestClient } from '../support/lsp-client.js';
import { REPO_ROOT, runInProcess, spawnCli } from '../support/run-cli.js';

function moduleWith(until: string): { dir: string; main: string } {
  const dir = mkdtempSync(join(tmpdir(), 'aks-netlint-until-'));
  cpSync(join(REPO_ROOT, 'test/fixtures/modules/cilium-calico'), dir, { recursive: true });
  const main = join(dir, 'main.tf');
  const text = readFileSync(main, 'utf8');
  writeFileSync(main, text.replace(/^(\s*)network_policy(\s*)=/m, `$1# aks-netlint-ignore cilium-requires-cilium-policy -- moving to Cilium policies (PLAT-9) (until ${until})\n$1network_policy$2=`));
  return { dir, main };
}

describe('suppression expiry in the adapters', () => {
  it('the CLI passes the local date', () => {
    const past = moduleWith('2000-01-01');
    const future = moduleWith('2999-12-31');
    try {
      const expired = spawnCli(['--format', 'json', past.dir]);
      assert.deepEqual(JSON.parse(expired.stdout).findings.map((f: { ruleId: string }) => f.ruleId), ['overlay-mode-case', 'suppression-expired', 'cilium-requires-cilium-policy']);
      const running = spawnCli(['--format', 'json', future.dir]);
      assert.deepEqual(JSON.parse(running.stdout).findings.map((f: { ruleId: string }) => f.ruleId), ['overlay-mode-case']);
    } finally {
      rmSync(past.dir, { recursive: true, force: true });
      rmSync(future.dir, { recursive: true, force: true });
    }
  });

  it('the CLI takes the date from its io in-process', async () => {
    const { dir } = moduleWith('2027-03-31');
    try {
      const on = async (today: string) => (await runInProcess(['--format', 'json', dir], REPO_ROOT, { today })).stdout;
      assert.doesNotMatch(await on('2027-03-31'), /suppression-expired/);
      assert.match(await on('2027-04-01'), /"message": "This aks-netlint-ignore comment expired on 2027-03-31: cilium-requires-cilium-policy is reported again\./);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the language server passes the local date', async () => {
    const { dir, main } = moduleWith('2000-01-01');
    const client = await TestClient.start({ rootPath: dir });
    try {
      const uri = fileUri(main);
      await client.open(uri, readFileSync(main, 'utf8'));
      const published = await client.diagnostics(uri);
      assert.deepEqual(published.diagnostics.map((d) => d.code), ['overlay-mode-case', 'suppression-expired', 'cilium-requires-cilium-policy']);
    } finally {
      await client.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the local date is the calendar day, not UTC\'s', () => {
    assert.equal(localToday(new Date(2027, 2, 31, 23, 59)), '2027-03-31');
    assert.equal(localToday(new Date(2027, 0, 5, 0, 1)), '2027-01-05');
  });
});
