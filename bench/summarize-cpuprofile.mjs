// Summarises a V8 .cpuprofile (from `node --cpu-prof`): top functions by self time and by total
// (inclusive) time, and self time per source file. Frames of dist/*.js are mapped back to
// server/src/*.ts through the bundle's source map (node:module SourceMap).
//
//   node --cpu-prof --cpu-prof-dir=.bench/prof dist/cli.js .bench/tree --format json > /dev/null
//   node bench/summarize-cpuprofile.mjs .bench/prof/<file>.cpuprofile [top=25]
import { existsSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const [path, topArg] = process.argv.slice(2);
if (!path) {
  console.error('usage: node bench/summarize-cpuprofile.mjs <file.cpuprofile> [top]');
  process.exit(2);
}
const TOP = Number(topArg ?? 25);
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const profile = JSON.parse(readFileSync(path, 'utf8'));

const maps = new Map();
function sourceMapFor(url) {
  if (!maps.has(url)) {
    let map;
    try {
      const file = url.startsWith('file://') ? fileURLToPath(url) : url;
      if (existsSync(`${file}.map`)) map = new SourceMap(JSON.parse(readFileSync(`${file}.map`, 'utf8')));
    } catch {
      map = undefined;
    }
    maps.set(url, map);
  }
  return maps.get(url);
}

/** "function (file:line)", with bundle frames mapped to their TypeScript source. */
function describe(frame) {
  const name = frame.functionName || '(anonymous)';
  if (!frame.url) return { key: name, file: name.startsWith('(') ? name : '(native)' };
  let file = frame.url.startsWith('file://') ? fileURLToPath(frame.url) : frame.url;
  let line = frame.lineNumber + 1;
  const map = sourceMapFor(frame.url);
  const entry = map?.findEntry(frame.lineNumber, frame.columnNumber);
  if (entry && entry.originalSource) {
    // A package's own source map (web-tree-sitter ships one) names files inside that package.
    const pkg = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(file)?.[1];
    file = entry.originalSource.startsWith('file://') ? fileURLToPath(entry.originalSource) : entry.originalSource;
    file = file.replace(/^.*?\/(server|node_modules)\//, '$1/').replace(/^(\.\.\/)+/, '');
    if (pkg && !file.includes('node_modules/')) file = `${pkg}/${file}`;
    line = entry.originalLine + 1;
  }
  if (file.startsWith(ROOT)) file = relative(ROOT, file);
  file = file.replace(/^.*\/node_modules\//, 'node_modules/');
  return { key: `${name} (${file}:${line})`, file };
}

const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const info = new Map(profile.nodes.map((n) => [n.id, describe(n.callFrame)]));

const self = new Map();
const total = new Map();
const perFile = new Map();
let sum = 0;
for (let i = 0; i < profile.samples.length; i++) {
  const id = profile.samples[i];
  const dt = (profile.timeDeltas[i] ?? 0) / 1000; // µs -> ms
  sum += dt;
  const { key, file } = info.get(id);
  self.set(key, (self.get(key) ?? 0) + dt);
  perFile.set(file, (perFile.get(file) ?? 0) + dt);
  const seen = new Set();
  for (let n = id; n !== undefined; n = parent.get(n)) {
    const k = info.get(n).key;
    if (seen.has(k)) continue;
    seen.add(k);
    total.set(k, (total.get(k) ?? 0) + dt);
  }
}

const print = (title, map, n) => {
  console.log(`\n${title}`);
  for (const [k, v] of [...map].sort((a, b) => b[1] - a[1]).slice(0, n)) {
    console.log(`  ${v.toFixed(0).padStart(7)} ms ${((100 * v) / sum).toFixed(1).padStart(5)}%  ${k}`);
  }
};
console.log(`${path}: ${sum.toFixed(0)} ms sampled, ${profile.samples.length} samples, ${byId.size} nodes`);
print(`top ${TOP} by self time`, self, TOP);
print(`top ${TOP} by total time (inclusive)`, total, TOP);
print('self time by source file', perFile, 20);
