// The language server on a module-tree workspace, for `npm run bench` (DESIGN.md §6: "typing in a
// child module that 50 roots call: p99 <= 10 ms for the open file; cold start on such a workspace
// <= 500 ms"). Its own process, like lsp-session.mjs. The workspace is bench/generate-module-tree.mjs
// with 50 roots (envs/envNNN, every one calling modules/cluster), in .bench/lsp-module-tree. Prints
// one JSON object:
//   coldStart        spawn to the first diagnostics of a root's main.tf (a root with a planted
//                    mistake, so the first publish shows whether the root was checked through its
//                    tree), fresh server each run; with the server's indexing time and root check
//   open             opening modules/cluster/main.tf: its own first publish, then every root's
//   keystroke*       typing into modules/cluster/main.tf (a digit of a literal toggled, the module
//                    stays valid): per edit the child's own publish (`aksNetlint/published` for its
//                    directory, debounce 0), in the server and as the client's round trip. Unchanged
//                    lists are not sent again, so publishDiagnostics is not what is timed.
//   rootsRefresh     from the last edit until every root has published once (information)
//   pausedKeystroke  a keystroke 300 ms after an edit, when the roots' refresh has begun: its round trip
//   open.diagnostics, during*  what the server sent on opening, while typing and while refreshing
//                    (publishDiagnostics, those with findings, root publishes: a storm shows here)
//   rss*Mb, logs     the server's resident memory, and its log lines that report a failure
//
//   node bench/lsp-module-tree-session.mjs [edits]    (default 3,000)
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';
import { DEFAULT_SEED, generateModuleTree, generatorHash, readMarker } from './generate-module-tree.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const WORKSPACE = join(ROOT, '.bench', 'lsp-module-tree');
const ROOTS = 50;
const CHILD = join(WORKSPACE, 'modules', 'cluster');
const CHILD_FILE = join(CHILD, 'main.tf');
/** The literal whose last digit the typing toggles: no rule reads it, so every publish is alike. */
const TYPED_ATTRIBUTE = 'image_cleaner_interval_hours';
const EDITS = Number(process.argv[2] ?? 3000);
const COLD_STARTS = 5;
const PAUSED_KEYSTROKES = 5;
/** How long the paused keystroke waits after the edit before it: past the roots' delay (250 ms). */
const PAUSE_MS = 300;
/** How long after the roots' refresh memory is read "at rest", as lsp-session.mjs does. */
const REST_MS = 30000;
/** Longest wait for any one thing the server must send. */
const TIMEOUT_MS = 120000;

/** The server's environment as the VS Code client makes it (see lsp-session.mjs). */
const { NODE_EXTRA_CA_CERTS, ...SERVER_ENV } = process.env;

function rssMb(pid) {
  try {
    const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
    return Number.isFinite(kb) ? kb / 1024 : undefined;
  } catch {
    return undefined;
  }
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const median = (xs) => percentile([...xs].sort((a, b) => a - b), 50);
function stats(xs) {
  const sorted = [...xs].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), max: sorted[sorted.length - 1], n: sorted.length };
}

/** The 50-root tree, written again only when its generator changed. */
function prepareWorkspace() {
  const marker = readMarker(WORKSPACE);
  if (marker && marker.generator === generatorHash() && marker.seed === DEFAULT_SEED && marker.roots === ROOTS) return marker;
  return generateModuleTree(WORKSPACE, { roots: ROOTS });
}

/** The roots whose files call modules/cluster (read from the text: what the server's index must find). */
function callersOfChild() {
  const envs = join(WORKSPACE, 'envs');
  return readdirSync(envs)
    .map((name) => join(envs, name))
    .filter((dir) => readdirSync(dir).some((f) => f.endsWith('.tf') && readFileSync(join(dir, f), 'utf8').includes('"../../modules/cluster"')));
}

/** Resolves when `test(value)` holds for a value `listen` hands over, or rejects after TIMEOUT_MS. */
function waitFor(what, listen, test) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${what} within ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
    listen((value) => {
      if (!test(value)) return false;
      clearTimeout(timer);
      resolve(value);
      return true;
    });
  });
}

/**
 * A server process over stdio on the workspace, initialized, with every notification it sends
 * recorded: `on(method, fn)` adds a listener that returns true once it is done.
 */
async function startServer() {
  const started = performance.now();
  // LSP_PROFILE=<dir> writes a CPU profile per server (bench/summarize-cpuprofile.mjs reads it).
  const flags = process.env.LSP_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.LSP_PROFILE}`] : [];
  const child = spawn(process.execPath, [...flags, join(ROOT, 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env: SERVER_ENV });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const listeners = new Map();
  const on = (method, fn) => listeners.set(method, [...(listeners.get(method) ?? []), fn]);
  const emit = (method, params) => listeners.set(method, (listeners.get(method) ?? []).filter((fn) => !fn(params)));
  const counts = { published: 0, rootsPublished: 0, diagnostics: 0, nonEmptyDiagnostics: 0 };
  const logs = [];
  const diagnosedUris = new Set();
  connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
    counts.diagnostics++;
    if (params.diagnostics.length > 0) counts.nonEmptyDiagnostics++;
    diagnosedUris.add(params.uri);
    emit('diagnostics', params);
  });
  connection.onNotification('aksNetlint/published', (params) => {
    counts.published++;
    emit('published', { ...params, at: performance.now() });
  });
  connection.onNotification(LogMessageNotification.type, (params) => {
    logs.push(params.message);
    emit('log', params.message);
  });
  connection.onRequest('workspace/configuration', (params) => params.items.map(() => null));
  connection.onRequest('client/registerCapability', () => null);
  connection.listen();
  const workspaceUri = pathToFileURL(WORKSPACE).href;
  await connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: workspaceUri,
    workspaceFolders: [{ uri: workspaceUri, name: 'bench' }],
    capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true, versionSupport: true } } },
    initializationOptions: { debounceMs: 0, reportTimings: true },
  });
  await connection.sendNotification(InitializedNotification.type, {});
  const open = (path, text) => connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: pathToFileURL(path).href, languageId: 'terraform', version: 1, text } });
  const stop = async () => {
    await connection.sendRequest(ShutdownRequest.type);
    await connection.sendNotification(ExitNotification.type);
    await new Promise((resolve) => (child.exitCode === null ? child.once('exit', resolve) : resolve()));
    connection.dispose();
  };
  return { child, connection, started, on, counts, diagnosedUris, logs, stderr: () => stderr, open, stop };
}

/** The indexing time the server logs at startup ("indexed module calls of N folder(s) in X ms: ..."). */
const indexedMs = (line) => Number(/indexed module calls of \d+ folder\(s\) in (\d+) ms/.exec(line)?.[1]);

/**
 * Cold starts on a root with a planted mistake whose finding lands in main.tf: spawn to the first
 * diagnostics of main.tf, and whether they already carry a finding only the tree can show.
 */
async function coldStarts(planted) {
  const path = join(WORKSPACE, planted.root, 'main.tf');
  const uri = pathToFileURL(path).href;
  const text = readFileSync(path, 'utf8');
  const expected = planted.expected.split(', ');
  const runs = [];
  for (let i = 0; i < COLD_STARTS; i++) {
    const server = await startServer();
    const indexed = waitFor('indexing log line', (fn) => server.on('log', fn), (line) => Number.isFinite(indexedMs(line)));
    const rootPublished = waitFor(`aksNetlint/published for ${planted.root}`, (fn) => server.on('published', fn), (p) => p.dir === dirname(path));
    const first = waitFor(`diagnostics for ${planted.root}/main.tf`, (fn) => server.on('diagnostics', fn), (p) => p.uri === uri);
    await server.open(path, text);
    const diagnostics = await first;
    const ms = performance.now() - server.started;
    const codes = [...new Set(diagnostics.diagnostics.map((d) => d.code))].sort();
    runs.push({ ms, indexMs: indexedMs(await indexed), rootCheckMs: (await rootPublished).elapsedMs, codes, treeFindingShown: codes.some((c) => expected.includes(c)) });
    await server.stop();
  }
  return {
    root: planted.root,
    expected,
    runs: runs.length,
    min: Math.min(...runs.map((r) => r.ms)),
    median: median(runs.map((r) => r.ms)),
    indexMsMedian: median(runs.map((r) => r.indexMs)),
    rootCheckMsMedian: median(runs.map((r) => r.rootCheckMs)),
    firstCodes: runs[0].codes,
    treeFindingShownInAll: runs.every((r) => r.treeFindingShown),
  };
}

/** Spawn to exit of `node -e 0`: the part of any cold start that is Node's. */
function nodeBootMs() {
  const started = performance.now();
  spawnSync(process.execPath, ['-e', '0'], { env: SERVER_ENV });
  return performance.now() - started;
}

async function main() {
  const marker = prepareWorkspace();
  const roots = new Set(callersOfChild());
  if (roots.size !== ROOTS) throw new Error(`${roots.size} roots call modules/cluster, expected ${ROOTS}`);
  const planted = marker.planted.find((p) => p.style === 'literal');
  if (!planted) throw new Error('the workspace has no root with a planted mistake written as literals in main.tf');

  const boot = Array.from({ length: 5 }, nodeBootMs);
  const coldStart = await coldStarts(planted);

  // Typing into the child that every root calls.
  const server = await startServer();
  const { on, counts, child } = server;
  const childText = readFileSync(CHILD_FILE, 'utf8');
  const lines = childText.split('\n');
  const line = lines.findIndex((l) => l.trimStart().startsWith(TYPED_ATTRIBUTE));
  if (line < 0) throw new Error(`modules/cluster/main.tf has no ${TYPED_ATTRIBUTE}`);
  const character = lines[line].trimEnd().length - 1;
  const digit = Number(lines[line][character]);
  if (!Number.isInteger(digit)) throw new Error(`${TYPED_ATTRIBUTE} does not end in a digit: ${lines[line]}`);
  const childUri = pathToFileURL(CHILD_FILE).href;
  /** Every root's next publish, counted from now: resolves with the time the last one arrived. */
  const allRootsPublished = () => {
    const waiting = new Set(roots);
    return waitFor('a publish of every root', (fn) => on('published', fn), (p) => waiting.delete(p.dir) && waiting.size === 0).then((p) => p.at);
  };
  const childPublished = () => waitFor('aksNetlint/published for modules/cluster', (fn) => on('published', fn), (p) => p.dir === CHILD);
  on('published', (p) => {
    if (roots.has(p.dir)) counts.rootsPublished++;
    return false;
  });

  const opened = performance.now();
  const openChild = childPublished();
  const openRoots = allRootsPublished();
  await server.open(CHILD_FILE, childText);
  const open = { childMs: (await openChild).at - opened, allRootsMs: (await openRoots) - opened, diagnostics: counts.diagnostics, nonEmptyDiagnostics: counts.nonEmptyDiagnostics, uris: server.diagnosedUris.size };
  const rssAfterOpenMb = rssMb(child.pid);

  let version = 1;
  let toggled = false;
  const edit = async () => {
    toggled = !toggled;
    const published = childPublished();
    const sent = performance.now();
    await server.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri: childUri, version: ++version },
      contentChanges: [{ range: { start: { line, character }, end: { line, character: character + 1 } }, text: String(toggled ? (digit + 1) % 10 : digit) }],
    });
    const p = await published;
    return { sent, serverMs: p.elapsedMs, roundTripMs: p.at - sent };
  };

  const before = { ...counts };
  const serverMs = [];
  const roundTripMs = [];
  let last;
  for (let n = 0; n < EDITS; n++) {
    last = await edit();
    serverMs.push(last.serverMs);
    roundTripMs.push(last.roundTripMs);
  }
  const duringTyping = { rootsPublished: counts.rootsPublished - before.rootsPublished, diagnostics: counts.diagnostics - before.diagnostics, published: counts.published - before.published };
  const rssAfterEditsMb = rssMb(child.pid);

  const refreshed = allRootsPublished();
  const refreshStart = { ...counts };
  const rootsRefreshMs = (await refreshed) - last.sent;
  const duringRefresh = { rootsPublished: counts.rootsPublished - refreshStart.rootsPublished, diagnostics: counts.diagnostics - refreshStart.diagnostics };
  const rssAfterRefreshMb = rssMb(child.pid);

  // A user who pauses, then types on: the next keystroke lands while the roots are being checked.
  const pausedMs = [];
  for (let i = 0; i < PAUSED_KEYSTROKES; i++) {
    await edit();
    await new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
    const settled = allRootsPublished();
    pausedMs.push((await edit()).roundTripMs);
    await settled;
  }

  let trim;
  server.connection.onNotification('aksNetlint/trimmed', (report) => (trim = report));
  await new Promise((resolve) => setTimeout(resolve, REST_MS));
  const rssAtRestMb = rssMb(child.pid);
  await server.stop();

  const failures = server.logs.filter((l) => /fail|error|exception/i.test(l));
  process.stdout.write(
    `${JSON.stringify({
      workspace: { files: marker.files, lines: marker.lines, roots: marker.roots, children: marker.children, callersOfChild: roots.size, editedFileLines: lines.length - 1, editedLine: line + 1 },
      edits: EDITS,
      nodeBootMs: { min: Math.min(...boot), median: median(boot) },
      coldStart,
      open,
      keystrokeServer: stats(serverMs),
      keystrokeRoundTrip: stats(roundTripMs),
      duringTyping,
      rootsRefreshMs,
      duringRefresh,
      pausedKeystroke: { pauseMs: PAUSE_MS, ...stats(pausedMs) },
      rssAfterOpenMb,
      rssAfterEditsMb,
      rssAfterRefreshMb,
      rssAtRestMb,
      trim: trim && { durationMs: trim.durationMs, rssBeforeMb: trim.rssBefore / 1048576, rssAfterMb: trim.rssAfter / 1048576 },
      logs: { lines: server.logs.length, failures: failures.slice(0, 5), failureCount: failures.length, stderr: server.stderr().slice(0, 2000) },
    })}\n`,
  );
}

main().catch((error) => {
  process.stderr.write(`lsp-module-tree-session: ${error.stack ?? error.message}\n`);
  process.exit(1);
});
