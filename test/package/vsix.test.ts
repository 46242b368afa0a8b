/**
 * `npm run package` builds the .vsix offline with @vscode/vsce: it ships only what the extension
 * needs, and the language server inside it starts from the packaged files alone (its WebAssembly
 * parsers included) and publishes diagnostics.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileUri, messageText, TestClient } from '../support/lsp-client.js';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

const ALLOWED = [
  /^extension\/package\.json$/,
  /^extension\/(readme\.md|README\.md|LICENSE\.txt|CHANGELOG\.md|changelog\.md)$/,
  /^extension\/dist\/(extension|server|hcl2json-worker)\.js$/,
  /^extension\/media\/packet-flow(\.js|\.js\.LEGAL\.txt|\.css|-icon\.svg)$/,
  /^extension\/syntaxes\/[\w.-]+\.json$/,
  /^extension\/docs\/(rules\/[\w-]+\.md|grammar\.md|images\/[\w-]+\.png)$/,
  /^extension\/node_modules\/(web-tree-sitter|@tree-sitter-grammars\/tree-sitter-hcl|@cdktf\/hcl2json|fs-extra|graceful-fs|jsonfile|universalify)\//,
  /^(extension\.vsixmanifest|\[Content_Types\]\.xml)$/,
];

describe('the .vsix', () => {
  let dir: string;
  let unpacked: string[];
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'aks-netlint-vsix-'));
    const vsix = join(dir, 'aks-netlint.vsix');
    const pack = spawnSync(process.execPath, [resolve('node_modules/@vscode/vsce/vsce'), 'package', '--out', vsix], { encoding: 'utf8', timeout: 120000 });
    assert.equal(pack.status, 0, `vsce package failed: ${pack.stderr}${pack.stdout}`);
    const unzip = spawnSync('python3', ['-m', 'zipfile', '-e', vsix, join(dir, 'x')], { encoding: 'utf8' });
    assert.equal(unzip.status, 0, `cannot unzip: ${unzip.stderr}`);
    unpacked = files(join(dir, 'x')).map((f) => relative(join(dir, 'x'), f).split('\\').join('/')).sort();
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('ships only the bundles, webview assets, grammar, docs and the run-time WebAssembly packages', () => {
    const unexpected = unpacked.filter((f) => !ALLOWED.some((re) => re.test(f)));
    assert.deepEqual(unexpected, []);
    for (const needed of [
      'extension/dist/extension.js',
      'extension/dist/server.js',
      'extension/dist/hcl2json-worker.js',
      'extension/media/packet-flow.js',
      'extension/media/packet-flow.css',
      'extension/syntaxes/terraform.tmLanguage.json',
      'extension/docs/rules/cilium-requires-cilium-policy.md',
      'extension/node_modules/web-tree-sitter/tree-sitter.wasm',
      'extension/node_modules/@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm',
      'extension/node_modules/@cdktf/hcl2json/main.wasm.gz',
    ]) {
      assert.ok(unpacked.includes(needed), `${needed} is missing`);
    }
    assert.ok(!unpacked.some((f) => f.endsWith('.ts') || f.endsWith('.map') || f.includes('/test/')), 'no sources, maps or tests');
  });

  it('runs its language server from the packaged files alone', async () => {
    const client = await TestClient.start({ serverPath: join(dir, 'x', 'extension', 'dist', 'server.js') });
    try {
      const main = fileUri(resolve('test/fixtures/modules/syntax-error/main.tf'));
      await client.open(main, readFileSync('test/fixtures/modules/syntax-error/main.tf', 'utf8'));
      // A broken file: tree-sitter (web-tree-sitter + grammar wasm) finds it, then hcl2json's message
      // (its worker bundle + wasm) replaces it.
      const published = await client.diagnostics(main, (p) => p.diagnostics.some((d) => d.code === 'hcl-syntax' && messageText(d.message).startsWith('Invalid expression')));
      assert.ok(published.diagnostics.length > 0);
    } finally {
      await client.stop();
    }
  });
});
