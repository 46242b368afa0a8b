/**
 * The extension in a real VS Code: code-server 4.100.3 (VS Code 1.100.3 with its Node extension
 * host), driven by Debian's Chromium. Two runs, each against a fresh code-server started by
 * scripts/with-code-server.sh on a free port, on a copy of examples/broken:
 * - the extension-host Mocha suite (client/src/test/, dist/test/suite.js) with the extension
 *   loaded from this folder: diagnostics, quick-fix, hover and the packet-flow panel through the
 *   vscode API (test/vscode/run-extension-tests.ts);
 * - the UI script on the .vsix as users install it: squiggles, Problems, hover, the palette
 *   command and the diagram in the webview (test/vscode/ui-e2e.ts). With UPDATE_SCREENSHOTS=1 it
 *   writes docs/images/vscode-*.png; otherwise nothing in the repository changes.
 * Skips with a reason where code-server or Chromium is missing, except in CI, where .ci/run
 * installs both (scripts/install-code-server.sh).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CHROMIUM } from '../vscode/browser.js';

const CODE_SERVER = process.env.AKS_NETLINT_CODE_SERVER ?? resolve('.code-server/node_modules/.bin/code-server');
const LAUNCHER = resolve('scripts/with-code-server.sh');
const missing = !existsSync(CODE_SERVER)
  ? `code-server is not installed at ${CODE_SERVER} (scripts/install-code-server.sh, or set AKS_NETLINT_CODE_SERVER)`
  : !existsSync(CHROMIUM)
    ? `Chromium is not installed at ${CHROMIUM} (apt-get install -y chromium)`
    : undefined;
if (missing && process.env.CI === 'true') throw new Error(`CI must run the VS Code tests: ${missing}`);

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs a command, with its output kept; a timeout sends TERM, which the launcher passes on. */
function run(command: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<Run> {
  const start = Date.now();
  return new Promise((done) => {
    const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGTERM'), timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr, ms: Date.now() - start });
    });
  });
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

/** scripts/with-code-server.sh <code-server> <vsix> <workspace> <port> -- node --import tsx <script> */
async function withCodeServer(vsix: string, workspace: string, script: string, env: NodeJS.ProcessEnv): Promise<Run> {
  const args = [CODE_SERVER, vsix, workspace, String(await freePort()), '--', process.execPath, '--import', 'tsx', resolve(script)];
  return run(LAUNCHER, args, { WS: workspace, ...env }, 240000);
}

describe('VS Code (code-server 4.100.3)', () => {
  let dir: string;
  // A plain name under the temp folder: it is the title bar of the screenshots.
  const workspace = (name: string) => join(dir, name);

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'aks-netlint-vscode-'));
  });
  after(() => {
    if (!process.env.KEEP_VSCODE_TEST_DIR) rmSync(dir, { recursive: true, force: true });
  });

  it('passes the extension-host suite (diagnostics, quick-fix, hover, packet flow)', { skip: missing }, async () => {
    const ws = workspace('suite');
    const resultFile = join(dir, 'suite-result.json');
    // NODE_EXTRA_CA_CERTS as corporate machines set it: the suite checks the server runs without it.
    const done = await withCodeServer('', copyBroken(ws), 'test/vscode/run-extension-tests.ts', { AKS_NETLINT_TEST_RESULT: resultFile, NODE_EXTRA_CA_CERTS: '/etc/ssl/certs/ca-certificates.crt' });
    const line = done.stdout.trim().split('\n').pop() ?? '';
    assert.equal(done.code, 0, `the suite failed (${done.ms} ms):\n${done.stdout}\n${done.stderr}`);
    const result = JSON.parse(line) as { passed: string[]; durations: number[]; failed: unknown[]; vscodeVersion: string; appName: string; ms: number };
    assert.equal(result.vscodeVersion, '1.100.3');
    assert.equal(result.appName, 'code-server');
    assert.deepEqual(result.failed, []);
    assert.deepEqual(result.passed.map((t) => t.replace('aks-netlint in a real VS Code ', '')), [
      'the language server starts and the file gets the squiggles of examples/broken',
      'the language server runs without NODE_EXTRA_CA_CERTS, which only slows its start',
      'the quick-fix from vscode.executeCodeActionProvider rewrites the value and the squiggle goes',
      'vscode.executeHoverProvider explains network_policy and the finding there',
      '"AKS: Show Packet Flow" opens the panel and the webview draws the diagram',
      "the packet-flow panel copies a view's Mermaid source and saves it as Markdown, SVG and PNG",
    ]);
    console.log(`extension-host suite: tests ${JSON.stringify(result.durations)} ms; ${result.ms} ms from opening the page; ${done.ms} ms with code-server start`);
  });

  it('shows the squiggles, the hover and the packet-flow panel from the installed .vsix', { skip: missing }, async () => {
    const vsix = join(dir, 'aks-netlint.vsix');
    const pack = await run(process.execPath, [resolve('node_modules/@vscode/vsce/vsce'), 'package', '--out', vsix], {}, 120000);
    assert.equal(pack.code, 0, `vsce package failed: ${pack.stderr}${pack.stdout}`);
    const shots = process.env.UPDATE_SCREENSHOTS === '1' ? resolve('docs/images') : join(dir, 'screenshots');
    const done = await withCodeServer(vsix, copyBroken(workspace('aks-broken')), 'test/vscode/ui-e2e.ts', { SHOT_DIR: shots });
    assert.equal(done.code, 0, `the UI script failed (${done.ms} ms; screenshot ${join(shots, 'failure.png')}, keep it with KEEP_VSCODE_TEST_DIR=1):\n${done.stdout}\n${done.stderr}`);
    const line = done.stdout.split('\n').find((l) => l.startsWith('RESULT '));
    assert.ok(line, done.stdout);
    const seen = JSON.parse(line.slice('RESULT '.length)) as {
      squiggles: number;
      problems: string[];
      hoverText: string;
      nodes: string[];
      title: string;
      tab: string;
      steps: [string, number][];
      pageErrors: string[];
    };
    assert.ok(seen.squiggles > 0);
    // The Problems panel: the six findings of examples/broken with rule, source and position.
    const rows = seen.problems.filter((row) => row.includes('aks-netlint'));
    assert.deepEqual(
      rows.map((row) => row.replace(/^.*aks-netlint/, '')),
      [
        'node-public-ip-renamed[Ln 53, Col 5]',
        'overlay-mode-case[Ln 64, Col 27]',
        'cilium-requires-cilium-policy[Ln 68, Col 26]',
        'reserved-range[Ln 71, Col 16]',
        'dns-ip-outside-service-cidr[Ln 75, Col 22]',
        'docker-bridge-cidr-removed[Ln 78, Col 5]',
      ],
    );
    assert.ok(rows[1].startsWith('network_plugin_mode "Overlay" is not accepted by azurerm 4.x, which compares case-sensitively'), rows[1]);
    // The hover: VS Code's own part for the diagnostic, then the server's explanation.
    assert.match(seen.hoverText, /^network_plugin_mode "Overlay" is not accepted by azurerm 4\.x/);
    assert.match(seen.hoverText, /\nnetwork_plugin_mode · network_profile · azurerm 4\.x\n/);
    assert.match(seen.hoverText, /\nAllowed values: overlay \(exact case\)\n/);
    assert.match(seen.hoverText, /\nerror overlay-mode-case: network_plugin_mode "Overlay" is not accepted/);
    // The webview, drawn by Mermaid inside VS Code's webview iframes.
    assert.equal(seen.tab, 'Packet flow: azurerm_kubernetes_cluster.aks (aks-broken), Editor Group 2'); // beside the editor
    assert.equal(seen.title, 'azurerm_kubernetes_cluster.aks (aks-broken)');
    assert.ok(seen.nodes.includes('Nodessubnet azurerm_subnet.nodes10.30.0.0/22'), seen.nodes.join(' | '));
    assert.ok(seen.nodes.includes('Caliconetwork policy'), seen.nodes.join(' | '));
    assert.ok(seen.nodes.some((n) => n.startsWith('Cilium eBPF')), seen.nodes.join(' | '));
    assert.deepEqual(seen.pageErrors, []);
    console.log(`UI script: ${JSON.stringify(seen.steps)} ms; ${done.ms} ms with .vsix install and code-server start; vsce ${pack.ms} ms`);
  });

  /** A copy of examples/broken/main.tf in `folder`, which it returns. */
  function copyBroken(folder: string): string {
    mkdirSync(folder, { recursive: true });
    copyFileSync('examples/broken/main.tf', join(folder, 'main.tf'));
    return folder;
  }
});
