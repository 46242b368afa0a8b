// Writes the module-tree workload of DESIGN.md §6 ("the same with module calls"): 100 root
// modules, envs/envNNN/, that call 10 shared child modules under modules/, 2,000 files in all.
//
// The children are written once, in the layout of Azure Verified Modules (terraform.tf,
// variables*.tf, main*.tf, locals.tf, outputs.tf, main.telemetry.tf): network (VNet, subnets from
// a map, NSG, peering; calls route-table), route-table, cluster (azurerm_kubernetes_cluster whose
// network_profile is fed by variables, several `default = ""` placeholders; calls diagnostics),
// pools (azurerm_kubernetes_cluster_node_pool with for_each over a variable), diagnostics,
// identity, acr and keyvault (both call private-endpoint), private-endpoint and private-dns.
// 100 files together.
//
// Every root has 19 files (versions.tf, providers.tf, variables*.tf, terraform.tfvars,
// network.auto.tfvars, locals.tf, data.tf, main.tf, pools.tf, ...): it calls the children with
// `source = "../../modules/<name>"`, private-dns with for_each on the module block, passes
// literals, variables (set in the tfvars files) or locals (the three styles rotate by root), and
// wires outputs into other calls (`vnet_subnet_id = module.network.subnet_ids["aks"]`). The azurerm
// provider is pinned `~> 4.0` in every root. One root in ten (envNN3) carries a network mistake
// that the rules report once module calls are followed (a service_cidr overlapping the VNet,
// Calico policy on the Cilium data plane, ...); the marker lists them.
//
// The writers are in module-tree/: children/<name>.mjs writes modules/<name>, roots/ the roots.
// Everything is valid Terraform: test/bench/module-tree-workload.test.ts parses a small tree with
// hcl2json and checks every call, argument, output and variable reference against the children.
// Deterministic: a seeded PRNG per root (mulberry32 from generate-tree.mjs); never Math.random.
//
//   node bench/generate-module-tree.mjs [outDir] [--seed N] [--roots N]
//        (default .bench/module-tree, seed 20251207, 100 roots)
//
// run.mjs imports generateModuleTree() and regenerates when the marker's generator hash differs;
// the hash covers this file, module-tree/ and generate-tree.mjs, whose HCL text helpers it uses.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { childModules } from './module-tree/children/index.mjs';
import { FILES_PER_ROOT, rootFiles } from './module-tree/roots/files.mjs';
import { PLANTED } from './module-tree/roots/plan.mjs';

export { FILES_PER_ROOT };
export const DEFAULT_SEED = 20251207;
export const ROOT_COUNT = 100;
export const CHILD_COUNT = 10;
export const CHILD_FILES = 100;
export const MARKER = '.generated.json';

const SELF = fileURLToPath(import.meta.url);
const WRITERS = join(dirname(SELF), 'module-tree');
const HELPERS = join(dirname(SELF), 'generate-tree.mjs');

/** A hash of everything that writes the tree: it is regenerated when any of it changes. */
export function generatorHash() {
  const writers = readdirSync(WRITERS, { recursive: true })
    .map(String)
    .filter((p) => p.endsWith('.mjs'))
    .sort()
    .map((p) => join(WRITERS, p));
  const hash = createHash('sha256');
  for (const path of [SELF, HELPERS, ...writers]) hash.update(path.slice(dirname(SELF).length)).update(readFileSync(path));
  return hash.digest('hex').slice(0, 16);
}

// ---------------------------------------------------------------------------------------------
// Writing the tree

/** Writes the tree; refuses to delete a non-empty directory it did not generate. */
export function generateModuleTree(outDir, { seed = DEFAULT_SEED, roots = ROOT_COUNT } = {}) {
  const root = resolve(outDir);
  if (existsSync(root) && readdirSync(root).length > 0) {
    if (!existsSync(join(root, MARKER))) throw new Error(`${root} exists, is not empty and was not written by generate-module-tree.mjs; refusing to replace it`);
    rmSync(root, { recursive: true, force: true });
  }
  let files = 0;
  let lines = 0;
  let bytes = 0;
  const write = (dir, texts) => {
    mkdirSync(join(root, dir), { recursive: true });
    for (const [name, text] of Object.entries(texts)) {
      writeFileSync(join(root, dir, name), text);
      files++;
      lines += text.split('\n').length - 1;
      bytes += Buffer.byteLength(text);
    }
  };
  const children = childModules();
  for (const [name, texts] of Object.entries(children)) write(join('modules', name), texts);
  const childFiles = files;
  if (Object.keys(children).length !== CHILD_COUNT || childFiles !== CHILD_FILES) throw new Error(`children: ${Object.keys(children).length} modules, ${childFiles} files; expected ${CHILD_COUNT}, ${CHILD_FILES}`);
  const planted = [];
  const kinds = {};
  for (let i = 0; i < roots; i++) {
    const r = rootFiles(seed, i);
    write(r.dir, r.files);
    kinds[r.kind] = (kinds[r.kind] ?? 0) + 1;
    if (r.planted) planted.push({ root: r.dir, mistake: r.planted, expected: PLANTED[r.planted], style: r.style });
  }
  const summary = {
    generator: generatorHash(),
    seed,
    roots,
    children: CHILD_COUNT,
    childFiles,
    rootFiles: files - childFiles,
    files,
    lines,
    bytes,
    networkKinds: kinds,
    rootsWithPlantedFindings: planted.length,
    planted,
  };
  writeFileSync(join(root, MARKER), `${JSON.stringify(summary, null, 2)}\n`);
  return summary;
}

/** The marker of an existing tree, or undefined. */
export function readMarker(outDir) {
  try {
    return JSON.parse(readFileSync(join(resolve(outDir), MARKER), 'utf8'));
  } catch {
    return undefined;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === SELF) {
  const args = process.argv.slice(2);
  const option = (name, fallback) => {
    const at = args.indexOf(name);
    return at >= 0 ? Number(args[at + 1]) : fallback;
  };
  const seed = option('--seed', DEFAULT_SEED);
  const roots = option('--roots', ROOT_COUNT);
  if (!Number.isInteger(seed) || !Number.isInteger(roots) || roots < 0) {
    console.error('usage: node bench/generate-module-tree.mjs [outDir] [--seed N] [--roots N]');
    process.exit(2);
  }
  const positional = args.filter((a, i) => !a.startsWith('--') && !['--seed', '--roots'].includes(args[i - 1]));
  const outDir = positional[0] ?? join(dirname(SELF), '..', '.bench', 'module-tree');
  const started = performance.now();
  let s;
  try {
    s = generateModuleTree(outDir, { seed, roots });
  } catch (error) {
    console.error(`generate-module-tree: ${error.message}`);
    process.exit(1);
  }
  console.log(
    `wrote ${s.files} files (${s.lines} lines, ${(s.bytes / 1048576).toFixed(1)} MB) to ${resolve(outDir)}: ${s.children} child modules (${s.childFiles} files), ` +
      `${s.roots} roots (${s.rootFiles} files), ${s.rootsWithPlantedFindings} with a planted mistake (seed ${s.seed}, ${Math.round(performance.now() - started)} ms)`,
  );
}
