/**
 * The layer rules of DESIGN.md §2, checked by reading imports: engine/ is pure (no Node I/O, no
 * editor APIs, no adapters); client/ imports only server/src/protocol/; adapters do not import
 * each other.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, it } from 'node:test';

function sources(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

function imports(path: string): string[] {
  const text = readFileSync(path, 'utf8');
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? m[2]);
}

/** The file a relative import names (`./x.js` is `./x.ts` in the sources), or undefined for a package. */
function resolveImport(from: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  return normalize(join(dirname(from), spec)).replace(/\.js$/, '.ts');
}

/**
 * The engine's layers, lowest first (DESIGN.md §2, issue "Close the model"): each may import
 * itself and the layers below it, never one above. text/ and cidr/ are leaves anyone may use.
 */
const ENGINE_LAYERS = ['syntax', 'terraform', 'aks', 'rules', 'analyze', 'features'];
const ENGINE_LEAVES = ['text', 'cidr'];

function engineLayerOf(file: string): string | undefined {
  const match = /server\/src\/engine\/([^/]+)\//.exec(file.split('\\').join('/'));
  return match?.[1];
}

/** Every cycle of imports among the files, as "a -> b -> a" (each cycle once, by its files). */
function importCycles(files: string[]): string[] {
  const edges = new Map(files.map((f) => [f, imports(f).flatMap((spec) => resolveImport(f, spec) ?? []).filter((t) => existsSync(t))]));
  const cycles = new Map<string, string>();
  const path: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const visit = (file: string) => {
    state.set(file, 'open');
    path.push(file);
    for (const next of edges.get(file) ?? []) {
      if (state.get(next) === 'open') {
        const loop = path.slice(path.indexOf(next));
        cycles.set([...loop].sort().join('|'), [...loop, next].join(' -> '));
      } else if (!state.has(next)) visit(next);
    }
    path.pop();
    state.set(file, 'done');
  };
  for (const file of files) if (!state.has(file)) visit(file);
  return [...cycles.values()];
}

const ENGINE_FORBIDDEN = [/^vscode/, /^vscode-languageserver/, /^(node:)?fs(\/|$)/, /^(node:)?path$/, /^node:/, /^@cdktf\//, /\/(lsp|cli|host)\//];

describe('layers', () => {
  it('keeps engine/ pure: text in, findings out', () => {
    const offenders = sources('server/src/engine').flatMap((file) =>
      imports(file)
        .filter((spec) => ENGINE_FORBIDDEN.some((re) => re.test(spec)))
        .map((spec) => `${file} imports ${spec}`),
    );
    assert.deepEqual(offenders, []);
    const processUse = sources('server/src/engine').filter((file) => /\bprocess\./.test(readFileSync(file, 'utf8')));
    assert.deepEqual(processUse, [], 'engine/ must not read process');
  });

  it('lets client/ import only server/src/protocol/', () => {
    const offenders = sources('client/src').flatMap((file) =>
      imports(file)
        .filter((spec) => spec.includes('server/') && !spec.includes('server/src/protocol/'))
        .map((spec) => `${file} imports ${spec}`),
    );
    assert.deepEqual(offenders, []);
  });

  it('keeps the CLI and LSP adapters apart', () => {
    const offenders = [
      ...sources('server/src/cli').flatMap((f) => imports(f).filter((s) => s.includes('/lsp/')).map((s) => `${f} imports ${s}`)),
      ...sources('server/src/lsp').flatMap((f) => imports(f).filter((s) => s.includes('/cli/')).map((s) => `${f} imports ${s}`)),
    ];
    assert.deepEqual(offenders, []);
  });

  it('orders the engine: syntax <- terraform <- aks <- rules <- analyze <- features, nothing upward', () => {
    const offenders = sources('server/src/engine').flatMap((file) => {
      const layer = engineLayerOf(file);
      if (!layer || ENGINE_LEAVES.includes(layer)) return [];
      const rank = ENGINE_LAYERS.indexOf(layer);
      return imports(file).flatMap((spec) => {
        const target = resolveImport(file, spec);
        const targetLayer = target ? engineLayerOf(target) : undefined;
        if (!targetLayer || ENGINE_LEAVES.includes(targetLayer)) return [];
        return ENGINE_LAYERS.indexOf(targetLayer) > rank ? [`${file} (${layer}) imports ${spec} (${targetLayer})`] : [];
      });
    });
    assert.deepEqual(offenders, []);
  });

  it('lets rules read only the model: no rule imports syntax/ or terraform/', () => {
    const offenders = sources('server/src/engine/rules').flatMap((file) =>
      imports(file)
        .filter((spec) => /\/(syntax|terraform)\//.test(spec))
        .map((spec) => `${file} imports ${spec}`),
    );
    assert.deepEqual(offenders, []);
  });

  it('has no import cycles in the server', () => {
    assert.deepEqual(importCycles(sources('server/src')), []);
  });

  it('detects an upward import and a cycle (the checks can fail)', () => {
    assert.equal(engineLayerOf('server/src/engine/rules/x.ts'), 'rules');
    assert.ok(ENGINE_LAYERS.indexOf('analyze') > ENGINE_LAYERS.indexOf('rules'));
    assert.equal(resolveImport('server/src/engine/rules/x.ts', '../analyze/y.js'), normalize('server/src/engine/analyze/y.ts'));
  });

  it('detects a forbidden import (the check can fail)', () => {
    assert.ok(ENGINE_FORBIDDEN.some((re) => re.test('node:fs')));
    assert.ok(ENGINE_FORBIDDEN.some((re) => re.test('../host/read-module.js')));
  });
});
