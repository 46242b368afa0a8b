// The baseline of DESIGN.md §6: parse every Terraform file under a directory with @cdktf/hcl2json
// alone (HashiCorp's HCL in WebAssembly), one file after the other, in a process of its own so it
// pays Node startup and the WebAssembly initialisation just as `node dist/cli.js` does. Finds the
// same files the CLI analyses (.tf, .tf.json, terraform.tfvars, *.auto.tfvars; skipping .terraform/,
// .git/ and node_modules/). Prints one JSON line: counts, bytes and in-process timings.
//
//   node bench/hcl2json-parse.cjs <dir>
'use strict';
const { readdirSync, readFileSync } = require('node:fs');
const { join } = require('node:path');
const { performance } = require('node:perf_hooks');

const SKIPPED_DIRS = new Set(['.terraform', '.git', 'node_modules']);
const TERRAFORM_FILE = /\.tf(\.json)?$|^terraform\.tfvars(\.json)?$|\.auto\.tfvars(\.json)?$/;

function walk(dir, out) {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) walk(path, out);
    } else if (entry.isFile() && TERRAFORM_FILE.test(entry.name)) out.push(path);
  }
  return out;
}

async function main() {
  const root = process.argv[2];
  if (!root) throw new Error('usage: node bench/hcl2json-parse.cjs <dir>');
  const started = performance.now();
  const { parse } = require('@cdktf/hcl2json');
  const loaded = performance.now();
  const files = walk(root, []);
  let bytes = 0;
  let firstParseMs;
  const failures = [];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    bytes += Buffer.byteLength(text);
    const t = performance.now();
    try {
      await parse(file, text);
    } catch (error) {
      failures.push({ file, message: String(error instanceof Error ? error.message : error).slice(0, 500) });
    }
    firstParseMs ??= performance.now() - t; // includes the WebAssembly initialisation
  }
  const done = performance.now();
  process.stdout.write(
    `${JSON.stringify({
      files: files.length,
      bytes,
      failures,
      // performance.now() counts from process start: this is Node startup until our first line.
      startupMs: Math.round(started),
      requireMs: Math.round(loaded - started),
      firstParseMs: Math.round(firstParseMs ?? 0),
      parseAllMs: Math.round(done - loaded),
      totalInProcessMs: Math.round(done),
    })}\n`,
  );
}

main().catch((error) => {
  process.stderr.write(`hcl2json-parse: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 2;
});
