/**
 * The module-tree workload of `npm run bench` (bench/generate-module-tree.mjs) is valid Terraform,
 * or the CLI and hcl2json would be timed on input no user has: every file parses with HashiCorp's
 * parser (@cdktf/hcl2json); every module call's source is a generated directory, passes only
 * variables the child declares and every one it requires; every var.*, local.* and module.*
 * reference names a declaration, module outputs included; tfvars set only declared variables;
 * every root pins azurerm "~> 4.0". A small tree (the 10 children and 4 roots) keeps it fast.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { parse as hcl2json } from '@cdktf/hcl2json';

const GENERATOR = resolve(__dirname, '../../bench/generate-module-tree.mjs');
/** env000-env003: the three styles, the four environments, and in env003 the firewall, a private API and a planted mistake. */
const ROOTS = 4;
const CHILDREN = ['acr', 'cluster', 'diagnostics', 'identity', 'keyvault', 'network', 'pools', 'private-dns', 'private-endpoint', 'route-table'];
const FILES_PER_ROOT = 19;
const CHILD_FILES = 100;
/** Meta-arguments of a module block: not variables of the child. */
const META = new Set(['source', 'version', 'count', 'for_each', 'providers', 'depends_on']);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Obj = { [key: string]: Json };

async function generate(roots: number): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'aks-netlint-module-tree-'));
  await promisify(execFile)(process.execPath, [GENERATOR, dir, '--roots', String(roots)]);
  return dir;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && !e.name.startsWith('.'))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

/** Every string in a parsed file that holds an expression (hcl2json writes them as "${...}"). */
function expressions(value: Json, out: string[] = []): string[] {
  if (typeof value === 'string') {
    if (value.includes('${')) out.push(value);
  } else if (Array.isArray(value)) for (const v of value) expressions(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) expressions(v, out);
  return out;
}

/** The declarations of one module directory, from its parsed .tf files. */
interface Module {
  variables: Map<string, { required: boolean }>;
  locals: Set<string>;
  outputs: Set<string>;
  calls: Map<string, { source: string; args: string[] }>;
  providers: Obj[];
}

function indexModule(parsed: Obj[]): Module {
  const m: Module = { variables: new Map(), locals: new Set(), outputs: new Set(), calls: new Map(), providers: [] };
  for (const file of parsed) {
    for (const [name, blocks] of Object.entries((file.variable ?? {}) as Obj)) m.variables.set(name, { required: !('default' in ((blocks as Obj[])[0] ?? {})) });
    for (const block of (file.locals ?? []) as Obj[]) for (const name of Object.keys(block)) m.locals.add(name);
    for (const name of Object.keys((file.output ?? {}) as Obj)) m.outputs.add(name);
    for (const [name, blocks] of Object.entries((file.module ?? {}) as Obj)) {
      const body = (blocks as Obj[])[0];
      m.calls.set(name, { source: String(body.source), args: Object.keys(body).filter((k) => !META.has(k)) });
    }
    for (const block of (file.terraform ?? []) as Obj[]) m.providers.push(...((block.required_providers ?? []) as Obj[]));
  }
  return m;
}

describe('the module-tree workload of the bench', () => {
  let tree: string;
  let again: string;
  let files: string[];
  const parsed = new Map<string, Obj>();
  const failures: string[] = [];

  before(async () => {
    // The WebAssembly start of hcl2json overlaps with writing the two trees.
    const warm = hcl2json('warm-up.tf', 'a = 1\n');
    [tree, again] = await Promise.all([generate(ROOTS), generate(ROOTS)]);
    await warm;
    files = filesUnder(tree);
    // hcl2json answers slowly one call at a time (its Go runtime idles between calls) and quickly
    // when the calls overlap: parse everything at once.
    await Promise.all(
      files.map(async (path) => {
        try {
          parsed.set(path, (await hcl2json(path, readFileSync(path, 'utf8'))) as Obj);
        } catch (error) {
          failures.push(`${relative(tree, path)}: ${String(error instanceof Error ? error.message : error).slice(0, 300)}`);
        }
      }),
    );
  });
  after(() => {
    for (const dir of [tree, again]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('has the 10 shared children (100 files) and 19 files per root', () => {
    assert.deepEqual(readdirSync(join(tree, 'modules')).sort(), CHILDREN);
    assert.deepEqual(readdirSync(join(tree, 'envs')).sort(), Array.from({ length: ROOTS }, (_, i) => `env${String(i).padStart(3, '0')}`));
    assert.match(readFileSync(join(tree, 'envs', 'env003', 'network.auto.tfvars'), 'utf8'), /^firewall_private_ip = "10\.255\.1\.4"$/m);
    assert.match(readFileSync(join(tree, 'envs', 'env003', 'main.tf'), 'utf8'), /^  private_cluster_enabled += true$/m);
    assert.equal(files.filter((f) => f.startsWith(join(tree, 'modules'))).length, CHILD_FILES);
    for (let i = 0; i < ROOTS; i++) assert.equal(readdirSync(join(tree, 'envs', `env${String(i).padStart(3, '0')}`)).length, FILES_PER_ROOT, `env${i}`);
    const marker = JSON.parse(readFileSync(join(tree, '.generated.json'), 'utf8'));
    assert.equal(marker.files, CHILD_FILES + ROOTS * FILES_PER_ROOT);
    assert.deepEqual(marker.planted.map((p: { root: string; mistake: string }) => [p.root, p.mistake]), [[join('envs', 'env003'), 'service-cidr-overlaps-vnet']]);
  });

  it('writes only files that hcl2json parses', () => {
    assert.deepEqual(failures, []);
    assert.equal(parsed.size, files.length);
  });

  it('is valid Terraform: calls, arguments, references and tfvars match the declarations', () => {
    const byDir = new Map<string, string[]>();
    for (const path of files) byDir.set(dirname(path), [...(byDir.get(dirname(path)) ?? []), path]);
    const modules = new Map<string, Module>();
    for (const [dir, paths] of byDir) modules.set(dir, indexModule(paths.flatMap((p) => (p.endsWith('.tf') && parsed.has(p) ? [parsed.get(p)!] : []))));

    const problems: string[] = [];
    let calls = 0;
    let outputRefs = 0;
    for (const [dir, m] of modules) {
      const where = relative(tree, dir);
      for (const [name, call] of m.calls) {
        calls++;
        const child = modules.get(resolve(dir, call.source));
        if (!child) {
          problems.push(`${where}: module.${name} calls ${call.source}, which is not a generated module`);
          continue;
        }
        for (const arg of call.args) if (!child.variables.has(arg)) problems.push(`${where}: module.${name} passes ${arg}, which ${call.source} does not declare`);
        for (const [v, { required }] of child.variables) if (required && !call.args.includes(v)) problems.push(`${where}: module.${name} leaves out ${v}, which ${call.source} requires`);
      }
      for (const path of byDir.get(dir)!) {
        const file = parsed.get(path);
        if (!file) continue; // reported by the parse test
        const at = relative(tree, path);
        if (!path.endsWith('.tf')) {
          for (const name of Object.keys(file)) if (!m.variables.has(name)) problems.push(`${at}: sets ${name}, which is not a variable`);
          continue;
        }
        for (const text of expressions(file)) {
          for (const [, name] of text.matchAll(/\bvar\.([A-Za-z_][\w-]*)/g)) if (!m.variables.has(name)) problems.push(`${at}: var.${name} is not declared`);
          for (const [, name] of text.matchAll(/\blocal\.([A-Za-z_][\w-]*)/g)) if (!m.locals.has(name)) problems.push(`${at}: local.${name} is not declared`);
          for (const [, name, out] of text.matchAll(/\bmodule\.([A-Za-z_][\w-]*)(?:\[[^\]]*\])?(?:\.([A-Za-z_][\w-]*))?/g)) {
            const call = m.calls.get(name);
            if (!call) problems.push(`${at}: module.${name} is not called`);
            else if (out !== undefined) {
              outputRefs++;
              if (!modules.get(resolve(dir, call.source))?.outputs.has(out)) problems.push(`${at}: module.${name}.${out} is not an output of ${call.source}`);
            }
          }
        }
      }
      if (where.startsWith('envs')) {
        const azurerm = m.providers.map((p) => p.azurerm as Obj | undefined).find(Boolean);
        if (azurerm?.version !== '~> 4.0') problems.push(`${where}: azurerm is pinned ${JSON.stringify(azurerm?.version)}, not "~> 4.0"`);
      }
    }
    assert.deepEqual(problems, []);
    // Guards against a check that silently sees nothing.
    assert.equal(calls, ROOTS * 8 + 4, 'module calls: 8 per root, and network, cluster, acr and keyvault call a child');
    assert.ok(outputRefs > ROOTS * 20, `only ${outputRefs} module output references`);
  });

  it('is the same tree for the same seed', () => {
    const texts = (dir: string) => filesUnder(dir).map((p) => [relative(dir, p), readFileSync(p, 'utf8')]);
    assert.deepEqual(texts(again), texts(tree));
  });
});
