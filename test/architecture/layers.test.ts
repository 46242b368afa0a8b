/**
 * The layer rules of DESIGN.md §2, checked by reading imports: engine/ is pure (no Node I/O, no
 * editor APIs, no adapters); client/ imports only server/src/protocol/; adapters do not import
 * each other.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
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

  it('detects a forbidden import (the check can fail)', () => {
    assert.ok(ENGINE_FORBIDDEN.some((re) => re.test('node:fs')));
    assert.ok(ENGINE_FORBIDDEN.some((re) => re.test('../host/read-module.js')));
  });
});
