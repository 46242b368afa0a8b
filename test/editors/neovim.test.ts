/**
 * A second real editor: Neovim's built-in LSP client (Debian's nvim 0.7) starts aks-netlint-ls
 * over stdio on a fixture and receives diagnostics, a hover and a code action, which it applies.
 * Skips with a reason where nvim is missing, except in CI, where .ci/run installs it.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';

const nvim = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
const missing = nvim.error ? 'nvim is not installed (apt-get install -y neovim)' : undefined;
if (missing && process.env.CI === 'true') throw new Error(`CI must run the Neovim test: ${missing}`);

describe('Neovim as an LSP client', () => {
  it('shows diagnostics, a hover and applies a quick-fix', { skip: missing }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'aks-netlint-nvim-'));
    try {
      cpSync('test/fixtures/modules/cilium-calico', dir, { recursive: true });
      const out = join(dir, 'result.json');
      const file = join(dir, 'main.tf');
      const before = readFileSync(file, 'utf8');
      const run = spawnSync('nvim', ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${resolve('test/editors/neovim-probe.lua')}`, file], {
        env: { ...process.env, OUT: out, LSP_CMD: `${process.execPath} ${resolve('dist/server.js')} --stdio` },
        stdio: ['ignore', 'pipe', 'pipe'],
        encoding: 'utf8',
        timeout: 60000,
      });
      assert.equal(run.status, 0, `nvim exited ${run.status}: ${run.stderr}`);
      const result = JSON.parse(readFileSync(out, 'utf8'));
      assert.equal(result.error, undefined, result.error);
      assert.deepEqual(
        result.diagnostics.map((d: { code: string; line: number; col: number; end_col: number; severity: number; source: string }) => [d.code, d.line, d.col, d.end_col, d.severity, d.source]),
        [
          ['overlay-mode-case', 18, 26, 35, 1, 'aks-netlint'],
          ['cilium-requires-cilium-policy', 20, 26, 44, 1, 'aks-netlint'],
        ],
      );
      assert.match(result.hover, /^\*\*network_policy\*\* · `network_profile` · azurerm 4\.x\n/);
      assert.match(result.hover, /`"calico"` from var\.network\\_policy default in variables\.tf:3, set in terraform\.tfvars:2/);
      assert.deepEqual(result.code_actions, ['Write "overlay" in lowercase', 'Ignore overlay-mode-case here']);
      assert.equal(result.line_after_fix, '    network_plugin_mode = "overlay"');
      assert.equal(result.cleared, true);
      assert.deepEqual(result.diagnostics_after_fix.map((d: { code: string }) => d.code), ['cilium-requires-cilium-policy']);
      // The fix changed the buffer only: nothing was written to disk.
      assert.equal(result.modified, true);
      assert.equal(readFileSync(file, 'utf8'), before);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
