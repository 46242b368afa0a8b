// One build for every entry point (DESIGN.md §4 "One build"). The tree-sitter and hcl2json
// packages stay external: they locate their .wasm files next to their own modules at run time.
import { build } from 'esbuild';
import { chmodSync, readFileSync } from 'node:fs';

const external = ['web-tree-sitter', '@cdktf/hcl2json', '@tree-sitter-grammars/tree-sitter-hcl'];

// isomorphic-git (650 KB) is its own bundle, next to the CLI's and the server's, which require it
// only when a baseline is read (host/load-isomorphic-git.ts): a check without one never compiles it.
const isomorphicGitApart = {
  name: 'isomorphic-git-apart',
  setup(build) {
    build.onResolve({ filter: /^isomorphic-git$/ }, () => ({ path: './isomorphic-git.js', external: true }));
  },
};
const { version } = JSON.parse(readFileSync('package.json', 'utf8'));

await build({
  // cli: `aks-netlint`; server: `aks-netlint-ls`, the language server; hcl2json-worker: the child
  // process both fork for HashiCorp's parser, found next to their own bundle (host/hcl-syntax-errors.ts).
  entryPoints: {
    cli: 'server/src/cli/main.ts',
    server: 'server/src/lsp/main.ts',
    'hcl2json-worker': 'server/src/host/hcl2json-worker.ts',
  },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  external,
  plugins: [isomorphicGitApart],
  // jsonc-parser's UMD build hides its requires from bundlers; its ESM build bundles cleanly.
  mainFields: ['module', 'main'],
  banner: { js: '#!/usr/bin/env node' },
  define: { __AKS_NETLINT_VERSION__: JSON.stringify(version) },
  logLevel: 'warning',
});

await build({
  entryPoints: { 'isomorphic-git': 'isomorphic-git' },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  logLevel: 'warning',
});

// The VS Code extension: `vscode` is provided by the editor at run time.
await build({
  entryPoints: { extension: 'client/src/extension.ts' },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  external: ['vscode'],
  mainFields: ['module', 'main'],
  logLevel: 'warning',
});

// The extension-host test suite (client/src/test/), with Mocha bundled in: VS Code requires it as
// `extensionTestsPath` (test/vscode/run-extension-tests.ts). Not shipped: .vscodeignore whitelists.
await build({
  entryPoints: { 'test/suite': 'client/src/test/index.ts' },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  external: ['vscode'],
  // Mocha's parallel mode resolves worker files at run time; the suite runs serially.
  logOverride: { 'require-resolve-not-external': 'silent' },
  logLevel: 'warning',
});

// The packet-flow webview script, with Mermaid bundled in (never loaded from a CDN). It lives in
// media/ because the webview may load local resources from there only.
await build({
  entryPoints: { 'packet-flow': 'client/src/webview/packet-flow-view.ts' },
  outdir: 'media',
  bundle: true,
  platform: 'browser',
  format: 'iife',
  target: 'es2022',
  minify: true,
  legalComments: 'linked',
  logLevel: 'warning',
});

// The bins must be executable when the package is linked or installed from a clone.
for (const bin of ['dist/cli.js', 'dist/server.js']) chmodSync(bin, 0o755);
