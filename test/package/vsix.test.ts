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
  /^extension\/(readme\.md|README\.md|LICENSE|LICENSE\.txt|CHANGELOG\.md|changelog\.md)$/,
  /^extension\/dist\/(extension|server|hcl2json-worker|isomorphic-git)\.js$/,
  /^extension\/media\/(packet-flow(\.js|\.js\.LEGAL\.txt|\.css|-icon\.svg)|icon\.png)$/,
  /^extension\/syntaxes\/[\w.-]+\.json$/,
  /^extension\/docs\/(rules\/[\w-]+\.md|grammar\.md|images\/[\w-]+\.png)$/,
  /^extension\/node_modules\/(web-tree-sitter|@tree-sitter-grammars\/tree-sitter-hcl|@cdktf\/hcl2json|fs-extra|graceful-fs|jsonfile|universalify)\//,
  /^(extension\.vsixmanifest|\[Content_Types\]\.xml)$/,
];

describe('the .vsix', () => {
  let dir: string;
  let unpacked: string[];
  let packOutput: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'aks-netlint-vsix-'));
    const vsix = join(dir, 'aks-netlint.vsix');
    const pack = spawnSync(process.execPath, [resolve('node_modules/@vscode/vsce/vsce'), 'package', '--out', vsix], { encoding: 'utf8', timeout: 120000 });
    assert.equal(pack.status, 0, `vsce package failed: ${pack.stderr}${pack.stdout}`);
    packOutput = pack.stdout + pack.stderr;
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
      'extension/dist/isomorphic-git.js',
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

  it('packages without a warning', () => {
    // vsce warns on what the Marketplace and Open VSX would flag: no repository, license or icon,
    // SVG images, many files.
    assert.doesNotMatch(packOutput, /WARNING/i);
    assert.match(packOutput, /DONE +Packaged: .*aks-netlint\.vsix/);
  });

  it('vsce ls lists the files of the .vsix: the intended ones only', () => {
    const ls = spawnSync(process.execPath, [resolve('node_modules/@vscode/vsce/vsce'), 'ls'], { encoding: 'utf8', timeout: 120000 });
    assert.equal(ls.status, 0, ls.stderr);
    const listed = ls.stdout.trim().split('\n').map((f) => `extension/${f}`);
    assert.deepEqual(listed.filter((f) => !ALLOWED.some((re) => re.test(f))), []);
    // The same list as the package: nothing vsce ls shows is left out of it, nor added to it.
    // (vsce renames three files as it packs them.)
    const renamed: Record<string, string> = { 'extension/readme.md': 'extension/README.md', 'extension/changelog.md': 'extension/CHANGELOG.md', 'extension/LICENSE.txt': 'extension/LICENSE' };
    assert.deepEqual([...listed].sort(), unpacked.filter((f) => f.startsWith('extension/')).map((f) => renamed[f] ?? f).sort());
  });

  it('has the Marketplace icon, gallery banner and changelog', () => {
    const manifest = JSON.parse(readFileSync(join(dir, 'x', 'extension', 'package.json'), 'utf8'));
    assert.equal(manifest.icon, 'media/icon.png');
    assert.deepEqual(manifest.galleryBanner, { color: '#0b2545', theme: 'dark' });
    // A PNG of at least 128 x 128, as the Marketplace asks: the IHDR chunk holds width and height.
    const png = readFileSync(join(dir, 'x', 'extension', 'media', 'icon.png'));
    assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
    assert.ok(png.readUInt32BE(16) >= 128 && png.readUInt32BE(20) >= 128, `icon is ${png.readUInt32BE(16)} x ${png.readUInt32BE(20)}`);
    assert.match(readFileSync(join(dir, 'x', 'extension', 'changelog.md'), 'utf8'), /^# Changelog\n\n## 0\.1\.0/);
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
