/**
 * A third real editor: Emacs' eglot (Debian's emacs-nox 28 and elpa-eglot 1.9), in batch mode,
 * starts aks-netlint-ls over stdio on a fixture; test/editors/eglot-probe.el writes what Flymake
 * shows, a hover and the code actions at a finding. Skips with a reason where emacs or eglot is
 * missing, except in CI, where .ci/run installs them.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';

const ELPA_DIR = process.env.ELPA_DIR ?? '/usr/share/emacs/site-lisp/elpa';
const emacs = spawnSync('emacs', ['--version'], { encoding: 'utf8' });
const eglotInstalled = existsSync(ELPA_DIR) && spawnSync('ls', [ELPA_DIR], { encoding: 'utf8' }).stdout.split('\n').some((d) => d.startsWith('eglot-'));
const missing = emacs.error
  ? 'emacs is not installed (apt-get install -y emacs-nox elpa-eglot)'
  : !eglotInstalled
    ? `eglot is not installed in ${ELPA_DIR} (apt-get install -y elpa-eglot)`
    : undefined;
if (missing && process.env.CI === 'true') throw new Error(`CI must run the eglot test: ${missing}`);

interface Diagnostic {
  code: string;
  line: number;
  col: number;
  end_col: number;
  type: string;
  text: string;
}

describe('Emacs eglot as an LSP client', () => {
  it('shows diagnostics in Flymake, a hover and the code actions of a finding', { skip: missing }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'aks-netlint-eglot-'));
    try {
      cpSync('test/fixtures/modules/cilium-calico', dir, { recursive: true });
      const out = join(dir, 'result.json');
      const file = join(dir, 'main.tf');
      const before = readFileSync(file, 'utf8');
      const run = spawnSync('emacs', ['--batch', '-Q', '-l', resolve('test/editors/eglot-probe.el')], {
        env: { ...process.env, OUT: out, FILE: file, ELPA_DIR, LSP_CMD: `${process.execPath} ${resolve('dist/server.js')} --stdio` },
        stdio: ['ignore', 'pipe', 'pipe'],
        encoding: 'utf8',
        timeout: 60000,
      });
      assert.equal(run.status, 0, `emacs exited ${run.status}: ${run.stderr}`);
      const result = JSON.parse(readFileSync(out, 'utf8'));
      assert.equal(result.error, undefined, `${result.error}\n${run.stderr}`);
      assert.equal(result.server_name, 'aks-netlint');
      assert.deepEqual(
        (result.diagnostics as Diagnostic[]).map((d) => [d.code, d.line, d.col, d.end_col, d.type]),
        [
          ['overlay-mode-case', 18, 26, 35, 'eglot-error'],
          ['cilium-requires-cilium-policy', 20, 26, 44, 'eglot-error'],
        ],
      );
      assert.match(result.diagnostics[0].text, /^aks-netlint \[overlay-mode-case\]: network_plugin_mode "Overlay" is not accepted by azurerm 4\.x, which compares case-sensitively/);
      assert.match(result.hover, /^\*\*network_policy\*\* · `network_profile` · azurerm 4\.x\n/);
      assert.match(result.hover, /`"calico"` from var\.network\\_policy default in variables\.tf:3, set in terraform\.tfvars:2/);
      assert.deepEqual(result.code_actions, ['Write "overlay" in lowercase', 'Ignore overlay-mode-case here']);
      assert.equal(result.modified, false);
      assert.equal(readFileSync(file, 'utf8'), before);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
