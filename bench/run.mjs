// `npm run bench`: the speed budget of DESIGN.md §6, measured (a script, never a timed test).
//
// Measurements are a list of named entries; targets compare their results. Today:
//   cli-tree              node dist/cli.js <tree> --format json, over the generated 2,000-file tree
//                         of 200 modules (bench/generate-tree.mjs, .bench/tree)
//   hcl2json-tree         the same files parsed by @cdktf/hcl2json alone, in a process of its own
//   cli-module-tree       the CLI over the module tree: 100 roots calling 10 shared child modules,
//                         2,000 files (bench/generate-module-tree.mjs, .bench/module-tree)
//   hcl2json-module-tree  the same files through hcl2json alone
//   cli-plan              node dist/cli.js --plan <plan.json> --format json, over a generated plan of
//                         200 clusters in module instances (bench/generate-plan.mjs, .bench/plan)
//   cli-baseline-off      the CLI over the tree committed into a git repository and packed by
//                         git gc (.bench/baseline-repo), without --baseline
//   cli-baseline          the same with --baseline HEAD: every module also read at the commit
//   lsp-session           one language-server session (bench/lsp-session.mjs): cold start to first
//                         diagnostics, keystroke to publish over 10,000 edits of a 5,000-line module
//                         with 20 clusters and 40 node pools, resident memory after them
//   lsp-module-tree       the language server on 50 roots calling the shared children
//                         (bench/lsp-module-tree-session.mjs, .bench/lsp-module-tree): cold start
//                         on a root, keystroke to publish over 3,000 edits of modules/cluster/main.tf,
//                         the roots' refresh after typing stops, resident memory
// and the targets of DESIGN.md §6 over them. A tree is generated only when a selected measurement
// needs it and its generator changed since it was written.
//
//   node bench/run.mjs [measurement ...]     (default: all; `npm run bench` builds first)
//
// Every measurement: 1 warm-up, then 5 timed runs; min and median wall time, plus the CPU time
// of the child (user + system, from /proc on Linux) because wall time suffers when the machine is
// busy. Exit code 0 even when a target is missed (it is a measurement; look for TARGET MISSED);
// 1 only when a measurement could not be taken (bad exit code, unreadable output, invalid input).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import * as moduleTree from './generate-module-tree.mjs';
import * as planFile from './generate-plan.mjs';
import { FILES_PER_MODULE, generateTree, generatorHash, MODULE_COUNT, readMarker } from './generate-tree.mjs';

const BENCH = dirname(fileURLToPath(import.meta.url));
const ROOT = join(BENCH, '..');
const TREE = join(ROOT, '.bench', 'tree');
const MODULE_TREE = join(ROOT, '.bench', 'module-tree');
const PLAN = join(ROOT, '.bench', 'plan');
const BASELINE_REPO = join(ROOT, '.bench', 'baseline-repo');
const CLI = join(ROOT, 'dist', 'cli.js');
const WARMUPS = 1;
const RUNS = 5;

class BenchError extends Error {}

// ---------------------------------------------------------------------------------------------
// Timing

/** CPU time (ms) of this process's waited-for children, or undefined off Linux. */
function childrenCpuMs() {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // fields[0] is field 3 (state)
    const ticks = Number(fields[13]) + Number(fields[14]); // cutime, cstime (fields 16, 17)
    return Number.isFinite(ticks) ? ticks * 10 : undefined; // USER_HZ is 100 on Linux
  } catch {
    return undefined;
  }
}

/** Runs `node <args>` to completion: wall and CPU time, exit code, output. */
function timeNode(args) {
  const cpuBefore = childrenCpuMs();
  const started = performance.now();
  const child = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 30 });
  const wallMs = performance.now() - started;
  const cpuAfter = childrenCpuMs();
  if (child.error) throw new BenchError(`cannot run node ${args.join(' ')}: ${child.error.message}`);
  return { wallMs, cpuMs: cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore, status: child.status, stdout: child.stdout, stderr: child.stderr };
}

/** Warm-up plus RUNS timed runs of `once` (which returns a timeNode result and may throw). */
function repeat(label, once) {
  const runs = [];
  for (let i = 0; i < WARMUPS + RUNS; i++) {
    const run = once();
    const warm = i < WARMUPS;
    console.log(`  ${label} ${warm ? 'warm-up' : `run ${i - WARMUPS + 1}/${RUNS}`}: ${ms(run.wallMs)} wall${run.cpuMs === undefined ? '' : `, ${ms(run.cpuMs)} CPU`}`);
    if (!warm) runs.push(run);
  }
  return runs;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const stats = (runs) => {
  const wall = runs.map((r) => r.wallMs);
  const cpu = runs.every((r) => r.cpuMs !== undefined) ? runs.map((r) => r.cpuMs) : undefined;
  return { wallMin: Math.min(...wall), wallMedian: median(wall), cpuMin: cpu && Math.min(...cpu), cpuMedian: cpu && median(cpu) };
};
const ms = (x) => (x === undefined ? '-' : `${Math.round(x).toLocaleString('en-US')} ms`);
const duration = (x) => (x < 60_000 ? `${(x / 1000).toFixed(1)} s` : `${Math.floor(x / 60_000)} min ${Math.round((x % 60_000) / 1000)} s`);

// ---------------------------------------------------------------------------------------------
// Measurements

/** The CLI over a generated tree `w` ({ dir, marker, notes(report) }), JSON output. */
function measureCli(w) {
  if (!existsSync(CLI)) throw new BenchError(`${relative(ROOT, CLI)} is missing: run \`npm run bench\` (it builds first) or \`npm run build\``);
  let report;
  const runs = repeat('cli', () => {
    const run = timeNode([CLI, ...(w.args ?? [w.dir]), '--format', 'json']);
    if (run.status !== 0 && run.status !== 1) throw new BenchError(`the CLI exited with ${run.status}, expected 0 or 1:\n${run.stderr.slice(0, 2000)}`);
    try {
      report = JSON.parse(run.stdout);
    } catch (error) {
      throw new BenchError(`the CLI printed no valid JSON (${error.message}); stdout begins: ${run.stdout.slice(0, 300)}`);
    }
    if (!Array.isArray(report.findings) || typeof report.summary?.files !== 'number') throw new BenchError('the CLI JSON has no findings array or summary.files');
    return run;
  });
  const byRule = {};
  for (const f of report.findings) byRule[`${f.ruleId} (${f.severity})`] = (byRule[`${f.ruleId} (${f.severity})`] ?? 0) + 1;
  const { errors, warnings, infos } = report.summary;
  const notes = [
    `${report.summary.files} files analysed, ${report.findings.length} findings (${errors} errors, ${warnings} warnings, ${infos} infos); exit code ${runs[0].status}`,
    ...Object.entries(byRule)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([rule, n]) => `  ${String(n).padStart(4)}  ${rule}`),
  ];
  const extra = w.notes(report);
  notes.push(...extra.notes);
  if (report.summary.files !== w.marker.files) notes.push(`NOTE: the tree has ${w.marker.files} files, the CLI analysed ${report.summary.files}`);
  return { runs, notes, values: { files: report.summary.files, findings: report.findings.length, ...extra.values } };
}

/** The same files as measureCli(w), parsed by hcl2json alone. */
function measureHcl2json(w) {
  let result;
  const runs = repeat('hcl2json', () => {
    const run = timeNode([join(BENCH, 'hcl2json-parse.cjs'), w.dir]);
    if (run.status !== 0) throw new BenchError(`hcl2json-parse.cjs exited with ${run.status}:\n${run.stderr.slice(0, 2000)}`);
    result = JSON.parse(run.stdout);
    if (result.failures.length > 0) {
      const shown = result.failures.slice(0, 5).map((f) => `  ${relative(ROOT, f.file)}: ${f.message}`);
      throw new BenchError(`hcl2json rejected ${result.failures.length} generated files (the generator must write valid HCL):\n${shown.join('\n')}`);
    }
    return run;
  });
  return {
    runs,
    notes: [
      `${result.files} files (${(result.bytes / 1048576).toFixed(1)} MB) parsed, 0 rejected`,
      `inside the last run: Node startup ${ms(result.startupMs)}, require ${ms(result.requireMs)}, first parse (WebAssembly init) ${ms(result.firstParseMs)}, all parses ${ms(result.parseAllMs)}`,
    ],
    values: { files: result.files },
  };
}

/**
 * One language-server session (bench/lsp-session.mjs, its own process): cold start, keystroke to
 * publish over 10,000 edits, memory after them. Not repeated: 10,000 edits are their own sample.
 */
function measureLspSession() {
  let session;
  const runs = [];
  const run = timeNode([join(BENCH, 'lsp-session.mjs'), String(LSP_EDITS)]);
  if (run.status !== 0) throw new BenchError(`lsp-session.mjs exited with ${run.status}:\n${run.stderr.slice(0, 2000)}`);
  try {
    session = JSON.parse(run.stdout);
  } catch (error) {
    throw new BenchError(`lsp-session.mjs printed no valid JSON (${error.message})`);
  }
  runs.push(run);
  const f = (x) => `${x.toFixed(1)} ms`;
  const mb = (x) => (x === undefined ? '-' : `${x.toFixed(0)} MB`);
  const k = session.keystrokeServer;
  const r = session.keystrokeRoundTrip;
  return {
    runs,
    notes: [
      `module: ${session.module.lines.toLocaleString('en-US')} lines in ${session.module.files} files, ${session.module.clusters} clusters, ${session.module.nodePools} node pools; typing into main.tf (${session.module.editedFileLines.toLocaleString('en-US')} lines)`,
      `Node.js itself (node -e 0, spawn to exit): min ${f(session.nodeBootMs.min)}, median ${f(session.nodeBootMs.median)}${session.nodeBootWithExtraCaCertsMs ? `; with this machine's NODE_EXTRA_CA_CERTS, which the server is started without: median ${f(session.nodeBootWithExtraCaCertsMs.median)}` : ''}`,
      `cold start to first diagnostics, fresh server each run: examples/address-planning min ${f(session.coldStartTypical.min)}, median ${f(session.coldStartTypical.median)} (${session.coldStartTypical.runs} runs); the 5,000-line module min ${f(session.coldStartLarge.min)}, median ${f(session.coldStartLarge.median)} (${session.coldStartLarge.runs} runs)`,
      `keystroke to publish, in the server (debounce excluded), ${k.n.toLocaleString('en-US')} edits: p50 ${f(k.p50)}, p95 ${f(k.p95)}, p99 ${f(k.p99)}, max ${f(k.max)}`,
      `keystroke to publish, client round trip over stdio: p50 ${f(r.p50)}, p95 ${f(r.p95)}, p99 ${f(r.p99)}`,
      `server resident memory: ${mb(session.rssAfterOpenMb)} after opening, ${mb(session.rssAfterEditsMb)} right after ${session.edits.toLocaleString('en-US')} edits, ${mb(session.rssAtRestMb)} at rest (30 s later)`,
      session.trim ? `memory given back when typing stopped: full collection in ${f(session.trim.durationMs)}` : 'memory given back when typing stopped: no full collection reported',
    ],
    values: session,
  };
}

const LSP_EDITS = 10000;

/**
 * The language server on a module tree (bench/lsp-module-tree-session.mjs, its own process): cold
 * start on a root, typing into a child that 50 roots call, the roots' refresh once typing stops.
 * Not repeated, like lsp-session.
 */
function measureLspModuleTree() {
  const run = timeNode([join(BENCH, 'lsp-module-tree-session.mjs'), String(LSP_TREE_EDITS)]);
  if (run.status !== 0) throw new BenchError(`lsp-module-tree-session.mjs exited with ${run.status}:\n${run.stderr.slice(0, 2000)}`);
  let s;
  try {
    s = JSON.parse(run.stdout);
  } catch (error) {
    throw new BenchError(`lsp-module-tree-session.mjs printed no valid JSON (${error.message})`);
  }
  const f = (x) => `${x.toFixed(1)} ms`;
  const mb = (x) => (x === undefined ? '-' : `${x.toFixed(0)} MB`);
  const n = (x) => x.toLocaleString('en-US');
  const { workspace: w, coldStart: c, open: o, keystrokeServer: k, keystrokeRoundTrip: r, pausedKeystroke: p } = s;
  return {
    runs: [run],
    notes: [
      `workspace: ${n(w.files)} files (${n(w.lines)} lines): ${w.roots} roots envs/envNNN calling ${w.children} shared child modules; modules/cluster is called by ${w.callersOfChild} roots`,
      `Node.js itself (node -e 0, spawn to exit): min ${f(s.nodeBootMs.min)}, median ${f(s.nodeBootMs.median)}`,
      `cold start to first diagnostics of ${c.root}/main.tf, fresh server each run: min ${f(c.min)}, median ${f(c.median)} (${c.runs} runs); in the server (medians): indexing module calls ${c.indexMsMedian} ms, the root's tree check ${f(c.rootCheckMsMedian)}`,
      `  first diagnostics: ${c.firstCodes.join(', ') || 'none'}; ${c.treeFindingShownInAll ? 'every run showed a finding only the tree can give' : `NOT every run showed the tree's finding (${c.expected.join(' or ')}): the root was checked alone`}`,
      `opening modules/cluster/main.tf: its own publish after ${f(o.childMs)}, every root checked after ${f(o.allRootsMs)}; ${n(o.diagnostics)} publishDiagnostics for ${n(o.uris)} files, ${n(o.nonEmptyDiagnostics)} with findings`,
      `keystroke to the open file's publish (modules/cluster's own check), in the server (debounce excluded), ${n(k.n)} edits of line ${w.editedLine}: p50 ${f(k.p50)}, p95 ${f(k.p95)}, p99 ${f(k.p99)}, max ${f(k.max)}`,
      `keystroke to the open file's publish, client round trip over stdio: p50 ${f(r.p50)}, p95 ${f(r.p95)}, p99 ${f(r.p99)}, max ${f(r.max)}`,
      `while typing: ${n(s.duringTyping.rootsPublished)} root publishes, ${n(s.duringTyping.diagnostics)} publishDiagnostics (a list is sent only when it changed)`,
      `roots' refresh once typing stops (information): all ${w.callersOfChild} roots published ${f(s.rootsRefreshMs)} after the last edit (their 250 ms delay included); meanwhile ${n(s.duringRefresh.rootsPublished)} root publishes, ${n(s.duringRefresh.diagnostics)} publishDiagnostics`,
      `a keystroke ${p.pauseMs} ms after an edit, while the roots are re-checked: round trip p50 ${f(p.p50)}, max ${f(p.max)} (${p.n} runs)`,
      `server resident memory: ${mb(s.rssAfterOpenMb)} after opening (every root checked), ${mb(s.rssAfterEditsMb)} right after ${n(s.edits)} edits, ${mb(s.rssAfterRefreshMb)} after the roots' refresh, ${mb(s.rssAtRestMb)} at rest (30 s later)`,
      `server log: ${s.logs.lines} line${s.logs.lines === 1 ? '' : 's'}, ${s.logs.failureCount} reporting a failure${s.logs.failures.map((l) => `\n    ${l.slice(0, 300)}`).join('')}; stderr: ${s.logs.stderr ? s.logs.stderr.slice(0, 500) : 'empty'}`,
    ],
    values: s,
  };
}

const LSP_TREE_EDITS = 3000;

/** Named measurements, run in this order; `workload` names the generated tree each needs. */
const MEASUREMENTS = [
  { name: 'cli-tree', title: 'CLI: node dist/cli.js .bench/tree --format json', workload: 'tree', run: measureCli },
  { name: 'hcl2json-tree', title: 'hcl2json alone: parse(name, text) per file, own process', workload: 'tree', run: measureHcl2json },
  { name: 'cli-module-tree', title: 'CLI: node dist/cli.js .bench/module-tree --format json', workload: 'module-tree', run: measureCli },
  { name: 'hcl2json-module-tree', title: 'hcl2json alone over the module tree: parse(name, text) per file, own process', workload: 'module-tree', run: measureHcl2json },
  { name: 'cli-plan', title: 'CLI: node dist/cli.js --plan .bench/plan/plan.json --format json', workload: 'plan', run: measureCli },
  { name: 'cli-baseline-off', title: 'CLI: node dist/cli.js .bench/baseline-repo --format json (the tree in a packed git repository)', workload: 'baseline-repo', run: (w) => measureCli(w) },
  {
    name: 'cli-baseline',
    title: 'CLI: node dist/cli.js .bench/baseline-repo --baseline HEAD --format json',
    workload: 'baseline-repo',
    run: (w) => measureCli({ ...w, args: [w.dir, '--baseline', 'HEAD'] }),
  },
  { name: 'lsp-session', title: 'language server: node dist/server.js --stdio, typing into a 5,000-line module', run: measureLspSession },
  { name: 'lsp-module-tree', title: 'language server: node dist/server.js --stdio on 50 roots calling shared child modules, typing into modules/cluster/main.tf', run: measureLspModuleTree },
];

/** CLI / hcl2json medians of one run, wall and CPU, as a target row. */
function ratios(r, cliName, hclName) {
  const cli = r[cliName].stats;
  const hcl = r[hclName].stats;
  const wall = cli.wallMedian / hcl.wallMedian;
  const cpu = cli.cpuMedian !== undefined && hcl.cpuMedian !== undefined ? cli.cpuMedian / hcl.cpuMedian : undefined;
  return { wall, cpu, row: [`ratio ${cliName} / ${hclName}`, '', wall.toFixed(2), cpu === undefined ? '-' : cpu.toFixed(2)] };
}

/** Budgets over the results; `uses` names the measurements each needs. */
const TARGETS = [
  {
    name: 'cli-faster-than-hcl2json',
    budget: 'DESIGN.md §6: CLI over 2,000 files in 200 modules faster than parsing them with hcl2json alone',
    uses: ['cli-tree', 'hcl2json-tree'],
    check: (r) => {
      const { wall, row } = ratios(r, 'cli-tree', 'hcl2json-tree');
      return { met: wall < 1, rows: [row] };
    },
  },
  {
    name: 'cli-module-tree-faster-than-hcl2json',
    budget: 'DESIGN.md §6: CLI over 100 roots calling 10 shared child modules (2,000 files) faster than hcl2json alone, in wall time and in CPU time',
    uses: ['cli-module-tree', 'hcl2json-module-tree'],
    check: (r) => {
      const { wall, cpu, row } = ratios(r, 'cli-module-tree', 'hcl2json-module-tree');
      // Without CPU times (off Linux) only the wall time can be judged.
      return { met: wall < 1 && (cpu === undefined || cpu < 1), rows: [row] };
    },
  },
  {
    name: 'cli-baseline-cost',
    budget: 'issue 13: --baseline HEAD over the packed 2,000-file tree at most doubles the CLI time (unchanged files are parsed once), in wall and CPU time',
    uses: ['cli-baseline', 'cli-baseline-off'],
    check: (r) => {
      const { wall, cpu, row } = ratios(r, 'cli-baseline', 'cli-baseline-off');
      return { met: wall <= 2 && (cpu === undefined || cpu <= 2), rows: [row] };
    },
  },
  {
    name: 'lsp-keystroke',
    budget: 'DESIGN.md §6: keystroke to published diagnostics p50 <= 2 ms, p99 <= 10 ms (debounce excluded)',
    uses: ['lsp-session'],
    check: (r) => {
      const k = r['lsp-session'].values.keystrokeServer;
      return { met: k.p50 <= 2 && k.p99 <= 10, rows: [['keystroke p50 / p99 (server)', '', `${k.p50.toFixed(1)} ms`, `${k.p99.toFixed(1)} ms`]] };
    },
  },
  {
    name: 'lsp-cold-start',
    budget: 'DESIGN.md §6: server cold start to first diagnostics <= 300 ms',
    uses: ['lsp-session'],
    check: (r) => {
      const v = r['lsp-session'].values;
      return {
        met: v.coldStartTypical.median <= 300 && v.coldStartLarge.median <= 300,
        rows: [
          ['cold start, examples/address-planning (median)', '', `${v.coldStartTypical.median.toFixed(0)} ms`, ''],
          ['cold start, 5,000-line module (median)', '', `${v.coldStartLarge.median.toFixed(0)} ms`, ''],
          ['of which Node.js boots (median)', '', `${v.nodeBootMs.median.toFixed(0)} ms`, ''],
        ],
      };
    },
  },
  {
    name: 'lsp-memory',
    budget: 'DESIGN.md §6: resident memory <= 80 MB after 10,000 edits',
    uses: ['lsp-session'],
    check: (r) => {
      const v = r['lsp-session'].values;
      const atRest = v.rssAtRestMb;
      return {
        met: atRest !== undefined && atRest <= 80,
        rows: [
          ['resident memory right after the edits', '', v.rssAfterEditsMb === undefined ? '-' : `${v.rssAfterEditsMb.toFixed(0)} MB`, ''],
          ['resident memory at rest, 30 s later', '', atRest === undefined ? '-' : `${atRest.toFixed(0)} MB`, ''],
        ],
      };
    },
  },
  {
    name: 'lsp-module-tree-cold-start',
    budget: 'DESIGN.md §6: cold start to first diagnostics on a workspace of 50 roots calling shared child modules <= 500 ms, checked through the tree',
    uses: ['lsp-module-tree'],
    check: (r) => {
      const c = r['lsp-module-tree'].values.coldStart;
      return {
        met: c.median <= 500 && c.treeFindingShownInAll,
        rows: [
          [`cold start, module tree: ${c.root} (median)`, '', `${c.median.toFixed(0)} ms`, ''],
          ['  checked through its tree', '', c.treeFindingShownInAll ? 'yes' : 'NO', ''],
        ],
      };
    },
  },
  {
    name: 'lsp-module-tree-keystroke',
    budget: "DESIGN.md §6: typing in a child module that 50 roots call: keystroke to the open file's publish p99 <= 10 ms (debounce excluded)",
    uses: ['lsp-module-tree'],
    check: (r) => {
      const v = r['lsp-module-tree'].values;
      const k = v.keystrokeServer;
      return {
        met: k.p99 <= 10,
        rows: [
          ['keystroke p50 / p99 (server), child of 50 roots', '', `${k.p50.toFixed(1)} ms`, `${k.p99.toFixed(1)} ms`],
          ["roots' refresh after typing stops (information)", '', `${v.rootsRefreshMs.toFixed(0)} ms`, ''],
        ],
      };
    },
  },
];

// ---------------------------------------------------------------------------------------------
// Main

function prepareTree() {
  const marker = readMarker(TREE);
  const hash = generatorHash();
  if (marker && marker.generator === hash) {
    console.log(`tree: ${relative(ROOT, TREE)} (${marker.files} files, ${marker.modules} modules, ${marker.lines.toLocaleString('en-US')} lines; reused)`);
    return treeWorkload(marker);
  }
  const started = performance.now();
  const summary = generateTree(TREE);
  console.log(
    `tree: ${relative(ROOT, TREE)} generated in ${duration(performance.now() - started)} (${summary.files} files, ${summary.modules} modules, ` +
      `${summary.lines.toLocaleString('en-US')} lines, ${(summary.bytes / 1048576).toFixed(1)} MB; ${marker ? 'the generator changed' : 'it was missing'})`,
  );
  if (summary.files !== MODULE_COUNT * FILES_PER_MODULE) throw new BenchError(`the generator wrote ${summary.files} files`);
  return treeWorkload(summary);
}

function treeWorkload(marker) {
  return {
    dir: TREE,
    marker,
    notes: () => ({ notes: [`planted mistakes in the tree: ${marker.clustersWithPlantedFindings} of ${marker.clusters} clusters`], values: {} }),
  };
}

function prepareModuleTree() {
  const marker = moduleTree.readMarker(MODULE_TREE);
  const hash = moduleTree.generatorHash();
  const describe = (m) => `${m.files} files: ${m.children} child modules (${m.childFiles} files), ${m.roots} roots (${m.rootFiles} files), ${m.lines.toLocaleString('en-US')} lines`;
  if (marker && marker.generator === hash && marker.seed === moduleTree.DEFAULT_SEED && marker.roots === moduleTree.ROOT_COUNT) {
    console.log(`module tree: ${relative(ROOT, MODULE_TREE)} (${describe(marker)}; reused)`);
    return moduleTreeWorkload(marker);
  }
  const started = performance.now();
  const summary = moduleTree.generateModuleTree(MODULE_TREE);
  console.log(
    `module tree: ${relative(ROOT, MODULE_TREE)} generated in ${duration(performance.now() - started)} (${describe(summary)}, ${(summary.bytes / 1048576).toFixed(1)} MB; ` +
      `${marker ? 'the generator or its size changed' : 'it was missing'})`,
  );
  if (summary.files !== moduleTree.CHILD_FILES + moduleTree.ROOT_COUNT * moduleTree.FILES_PER_ROOT) throw new BenchError(`the module-tree generator wrote ${summary.files} files`);
  return moduleTreeWorkload(summary);
}

/**
 * Findings of the module tree by where they are reported: in the roots (envs/), in the shared
 * children (modules/), and in the roots that carry a planted mistake. Today the CLI checks every
 * directory on its own, so the planted mistakes (written in the roots, about clusters declared in
 * the children) cannot show; once module calls are followed the count must be > 0.
 */
function moduleTreeWorkload(marker) {
  const notes = (report) => {
    const rel = (f) => relative(MODULE_TREE, resolve(ROOT, f.file)).split(sep);
    const inRoots = report.findings.filter((f) => rel(f)[0] === 'envs');
    const inChildren = report.findings.filter((f) => rel(f)[0] === 'modules');
    const planted = new Set(marker.planted.map((p) => p.root.split(/[\\/]/).pop()));
    const plantedHit = new Set(inRoots.map((f) => rel(f)[1]).filter((root) => planted.has(root)));
    return {
      notes: [
        `findings in the CLI's JSON output: ${report.findings.length} (${inRoots.length} in envs/, the roots; ${inChildren.length} in modules/, the shared children)`,
        `planted mistakes in ${marker.rootsWithPlantedFindings} of ${marker.roots} roots (expected: ${[...new Set(marker.planted.map((p) => p.expected))].join(', ')}); roots among them with a finding: ${plantedHit.size}`,
        report.findings.length > 0 ? 'sanity: findings > 0' : 'sanity: NO findings (expected while the CLI checks each directory on its own; must be > 0 once it follows module calls)',
      ],
      values: { findingsInRoots: inRoots.length, findingsInChildren: inChildren.length, plantedRootsWithFindings: plantedHit.size },
    };
  };
  return { dir: MODULE_TREE, marker, notes };
}

function preparePlan() {
  const marker = planFile.readMarker(PLAN);
  const describe = (m) => `${m.clusters} clusters, ${(m.bytes / 1048576).toFixed(1)} MB; planted mistakes in ${m.planted} (${m.plantedCilium} cilium policy, ${m.plantedTooSmall} subnet too small)`;
  let summary = marker;
  if (marker && marker.generator === planFile.generatorHash() && marker.seed === planFile.DEFAULT_SEED) console.log(`plan: ${relative(ROOT, PLAN)} (${describe(marker)}; reused)`);
  else {
    summary = planFile.generatePlan(PLAN);
    console.log(`plan: ${relative(ROOT, PLAN)} generated (${describe(summary)}; ${marker ? 'the generator changed' : 'it was missing'})`);
  }
  const notes = (report) => {
    const count = (rule) => report.findings.filter((f) => f.ruleId === rule).length;
    const found = { cilium: count('cilium-policy-requires-cilium-dataplane'), tooSmall: count('node-subnet-too-small') };
    const sane = found.cilium === summary.plantedCilium && found.tooSmall === summary.plantedTooSmall;
    return {
      notes: [`planted mistakes found: ${found.cilium} of ${summary.plantedCilium} cilium policy, ${found.tooSmall} of ${summary.plantedTooSmall} subnet too small${sane ? '' : ' (MISMATCH)'}`],
      values: found,
    };
  };
  return { dir: PLAN, args: ['--plan', join(PLAN, planFile.PLAN_FILE)], marker: summary, notes };
}

/**
 * The generated tree committed into a git repository of its own and packed (git gc), as a CI
 * checkout is: made again when the tree's generator changed. The bench may run git; aks-netlint
 * never does.
 */
function prepareBaselineRepo() {
  const tree = prepareTree();
  const markerFile = join(BASELINE_REPO, '.bench-marker.json');
  const wanted = { generator: tree.marker.generator ?? generatorHash(), files: tree.marker.files };
  let marker;
  try {
    marker = JSON.parse(readFileSync(markerFile, 'utf8'));
  } catch {
    marker = undefined;
  }
  if (marker?.generator === wanted.generator && marker?.files === wanted.files) {
    console.log(`baseline repository: ${relative(ROOT, BASELINE_REPO)} (the tree committed and packed; reused)`);
  } else {
    const started = performance.now();
    rmSync(BASELINE_REPO, { recursive: true, force: true });
    cpSync(TREE, BASELINE_REPO, { recursive: true });
    const git = (...args) => {
      const run = spawnSync('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@example.com', '-c', 'commit.gpgsign=false', ...args], {
        cwd: BASELINE_REPO,
        encoding: 'utf8',
        env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' },
      });
      if (run.status !== 0) throw new BenchError(`git ${args.join(' ')} failed in ${relative(ROOT, BASELINE_REPO)}: ${run.stderr || run.error?.message}`);
    };
    git('init', '-q');
    git('add', '-A');
    git('commit', '-q', '-m', 'generated tree');
    git('gc', '-q', '--prune=now');
    writeFileSync(markerFile, JSON.stringify(wanted));
    console.log(`baseline repository: ${relative(ROOT, BASELINE_REPO)} made in ${duration(performance.now() - started)} (the tree committed, packed by git gc)`);
  }
  return { ...tree, dir: BASELINE_REPO };
}

const WORKLOADS = { tree: prepareTree, 'module-tree': prepareModuleTree, plan: preparePlan, 'baseline-repo': prepareBaselineRepo };

function printTable(rows) {
  const width = rows.map((r) => r.map((c) => String(c).length)).reduce((w, r) => w.map((x, i) => Math.max(x, r[i] ?? 0)));
  for (const [i, row] of rows.entries()) {
    console.log(`  ${row.map((c, j) => (j === 0 ? String(c).padEnd(width[j]) : String(c).padStart(width[j]))).join('   ')}`);
    if (i === 0) console.log(`  ${width.map((w) => '-'.repeat(w)).join('   ')}`);
  }
}

function main() {
  const started = performance.now();
  const only = process.argv.slice(2);
  const unknown = only.filter((n) => !MEASUREMENTS.some((m) => m.name === n));
  if (unknown.length > 0) {
    console.error(`unknown measurement(s): ${unknown.join(', ')}; known: ${MEASUREMENTS.map((m) => m.name).join(', ')}`);
    return 2;
  }
  const selected = MEASUREMENTS.filter((m) => only.length === 0 || only.includes(m.name));
  console.log(`aks-netlint bench: node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model?.trim() ?? 'unknown'}), load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  console.log(`each measurement: ${WARMUPS} warm-up + ${RUNS} timed runs\n`);
  const results = {};
  try {
    const workloads = {};
    for (const name of new Set(selected.map((m) => m.workload).filter(Boolean))) workloads[name] = WORKLOADS[name]();
    for (const m of selected) {
      console.log(`\n${m.name}: ${m.title}`);
      const result = m.run(workloads[m.workload]);
      result.stats = stats(result.runs);
      results[m.name] = result;
      for (const note of result.notes) console.log(`  ${note}`);
    }
  } catch (error) {
    if (!(error instanceof BenchError)) throw error;
    console.error(`\nBENCH FAILED: ${error.message}`);
    return 1;
  }

  console.log('\nResults');
  const rows = [['measurement', 'min wall', 'median wall', 'median CPU']];
  for (const m of selected) {
    const s = results[m.name].stats;
    rows.push([m.name, ms(s.wallMin), ms(s.wallMedian), ms(s.cpuMedian)]);
  }
  const verdicts = [];
  for (const target of TARGETS.filter((t) => t.uses.every((n) => results[n]))) {
    const { met, rows: extra } = target.check(results);
    rows.push(...extra);
    verdicts.push(`${met ? 'TARGET MET' : 'TARGET MISSED'}: ${target.budget}`);
  }
  printTable(rows);
  console.log('');
  for (const verdict of verdicts) console.log(verdict);
  console.log(`load average at the end: ${loadavg().map((x) => x.toFixed(1)).join(' ')} (wall times grow when other work shares the CPUs)`);
  console.log(`total run time: ${duration(performance.now() - started)}`);
  return 0;
}

process.exitCode = main();
