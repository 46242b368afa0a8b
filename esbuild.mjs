// One build for every entry point (DESIGN.md §4 "One build"). The tree-sitter and hcl2json
// packages stay external: they locate their .wasm files next to their own modules at run time.
import { build } from 'esbuild';

const external = ['web-tree-sitter', '@cdktf/hcl2json', '@tree-sitter-grammars/tree-sitter-hcl'];

await build({
  entryPoints: { cli: 'server/src/cli/main.ts' },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  external,
  // jsonc-parser's UMD build hides its requires from bundlers; its ESM build bundles cleanly.
  mainFields: ['module', 'main'],
  banner: { js: '#!/usr/bin/env node' },
  logLevel: 'warning',
});

// The bin must be executable when the package is linked or installed from a clone.
const { chmodSync } = await import('node:fs');
chmodSync('dist/cli.js', 0o755);
