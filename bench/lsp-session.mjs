// One language-server session for `npm run bench` (DESIGN.md §6), run as its own process so that
// run.mjs stays synchronous. It generates the 5,000-line module, starts dist/server.js over stdio,
// and prints one JSON object:
//   nodeBootMs         spawn to exit of `node -e 0`: the part of any cold start that is Node's (and
//                      with NODE_EXTRA_CA_CERTS, when this machine sets it: servers start without it)
//   coldStartTypical   spawn to the first diagnostics of main.tf, fresh server each time (5 runs),
//                      on examples/address-planning (a module of usual size)
//   coldStartLarge     the same on the 5,000-line module (3 runs); coldStartMs: the session's own
//   keystroke          per edit: the server's own time from the end of the debounce to the publish
//                      (`aksNetlint/published`, debounce set to 0), and the client's round trip
//   rss*Mb             the server's resident memory after opening, right after the last edit, and
//                      at rest (30 s after it: the server and V8 give memory back once typing stops)
//
//   node bench/lsp-session.mjs [edits]    (default 10,000)
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
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
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';
import { CLUSTERS, generateLspModule, POOLS_PER_CLUSTER } from './generate-lsp-module.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const MODULE = join(ROOT, '.bench', 'lsp-module');
/** A module of the size most are: the address-planning example (5 files, ~150 lines). */
const TYPICAL = join(ROOT, 'examples', 'address-planning');
const EDITS = Number(process.argv[2] ?? 10000);
/** How long after the last edit memory is read "at rest". */
const REST_MS = 30000;

function rssMb(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
    return Number.isFinite(kb) ? kb / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The typing replayed: in a loop, extend a comment by a word and delete it again (nothing to
 * re-report), then retype a network_policy value character by character as VS Code does it
 * (`""`, `"c"`, ... `"calico"`: a finding appears, the value is unknown on the way) and paste the
 * original back.
 */
function* typing(lines) {
  const commentLine = lines.findIndex((l) => l.startsWith('# Cluster 10:'));
  const policyLine = lines.findIndex((l, i) => i > commentLine && l.includes('network_policy'));
  const policyText = lines[policyLine];
  const valueStart = policyText.indexOf('=') + 2;
  const original = policyText.slice(valueStart);
  for (;;) {
    const end = lines[commentLine].length;
    const word = ' tuned';
    for (let k = 0; k < word.length; k++) yield { line: commentLine, start: end + k, end: end + k, text: word[k] };
    for (let k = word.length; k > 0; k--) yield { line: commentLine, start: end + k - 1, end: end + k, text: '' };
    yield { line: policyLine, start: valueStart, end: valueStart + original.length, text: '' };
    // VS Code closes the quote as it is typed (editor.autoClosingQuotes), so "" comes first.
    yield { line: policyLine, start: valueStart, end: valueStart, text: '""' };
    const typed = 'calico';
    for (let k = 0; k < typed.length; k++) yield { line: policyLine, start: valueStart + 1 + k, end: valueStart + 1 + k, text: typed[k] };
    yield { line: policyLine, start: valueStart, end: valueStart + typed.length + 2, text: original };
  }
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Starts dist/server.js over stdio on `dir`, opens `file` and waits for its first diagnostics. */
async function startSession(dir, file, text, extraInit = {}) {
  const uri = pathToFileURL(join(dir, file)).href;
  const started = performance.now();
  const child = spawn(process.execPath, [...(process.env.LSP_NODE_FLAGS ? process.env.LSP_NODE_FLAGS.split(' ') : []), ...(process.env.LSP_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.LSP_PROFILE}`] : []), join(ROOT, 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'], env: SERVER_ENV });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  let firstDiagnostics;
  const firstDiagnosticsAt = new Promise((resolve) => {
    firstDiagnostics = resolve;
  });
  connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
    if (params.uri === uri) firstDiagnostics(performance.now());
  });
  connection.onRequest('workspace/configuration', (params) => params.items.map(() => null));
  connection.onRequest('client/registerCapability', () => null);
  connection.listen();
  await connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: pathToFileURL(dir).href,
    workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'bench' }],
    capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true } } },
    initializationOptions: { debounceMs: 0, reportTimings: true, ...extraInit },
  });
  await connection.sendNotification(InitializedNotification.type, {});
  await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'terraform', version: 1, text } });
  const coldStartMs = (await firstDiagnosticsAt) - started;
  const stop = async () => {
    await connection.sendRequest(ShutdownRequest.type);
    await connection.sendNotification(ExitNotification.type);
    await new Promise((resolve) => (child.exitCode === null ? child.once('exit', resolve) : resolve()));
    connection.dispose();
  };
  return { child, connection, uri, coldStartMs, stop };
}

/**
 * The server's environment as the VS Code client makes it: without NODE_EXTRA_CA_CERTS, whose
 * certificates Node would parse at every start (server/src/protocol/server-environment.ts).
 */
const { NODE_EXTRA_CA_CERTS, ...SERVER_ENV } = process.env;

/** Spawn to exit of `node -e 0` in `env`: what any Node.js server pays before its first line runs. */
function nodeBootMs(env) {
  const started = performance.now();
  spawnSync(process.execPath, ['-e', '0'], { env });
  return performance.now() - started;
}

const median = (xs) => percentile([...xs].sort((a, b) => a - b), 50);

/** Cold starts of a fresh server on a module: `runs` of them, first diagnostics of `file`. */
async function coldStarts(dir, file, runs) {
  const text = readFileSync(join(dir, file), 'utf8');
  const times = [];
  for (let i = 0; i < runs; i++) {
    const session = await startSession(dir, file, text);
    times.push(session.coldStartMs);
    await session.stop();
  }
  return { min: Math.min(...times), median: median(times), runs };
}

async function main() {
  const summary = generateLspModule(MODULE);
  const lines = readFileSync(join(MODULE, 'main.tf'), 'utf8').split('\n');

  const boot = Array.from({ length: 5 }, () => nodeBootMs(SERVER_ENV));
  const bootWithCerts = NODE_EXTRA_CA_CERTS ? Array.from({ length: 5 }, () => nodeBootMs(process.env)) : undefined;
  const coldStartTypical = await coldStarts(TYPICAL, 'main.tf', 5);
  const coldStartLarge = await coldStarts(MODULE, 'main.tf', 3);

  const serverMs = [];
  let lastMemory;
  let onPublished = () => {};
  const session = await startSession(MODULE, 'main.tf', lines.join('\n'));
  const { connection, child, uri: mainUri, coldStartMs } = session;
  connection.onNotification('aksNetlint/published', ({ elapsedMs, memory }) => {
    serverMs.push(elapsedMs);
    lastMemory = memory;
    onPublished();
  });
  // The notification for the open may still be on its way: count from the first edit on.
  await new Promise((resolve) => setTimeout(resolve, 50));
  const rssAfterOpenMb = rssMb(child.pid);
  serverMs.length = 0;

  const roundTripMs = [];
  let version = 1;
  const edits = typing(lines);
  for (let n = 0; n < EDITS; n++) {
    const edit = edits.next().value;
    const published = new Promise((resolve) => {
      onPublished = resolve;
    });
    const sent = performance.now();
    await connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri: mainUri, version: ++version },
      contentChanges: [{ range: { start: { line: edit.line, character: edit.start }, end: { line: edit.line, character: edit.end } }, text: edit.text }],
    });
    await published;
    roundTripMs.push(performance.now() - sent);
  }
  const rssAfterEditsMb = rssMb(child.pid);
  // The server gives memory back once typing stops (server/src/lsp/memory-policy.ts), and V8
  // shrinks its heap some seconds later: read the memory as a user who stopped typing sees it.
  let trim;
  connection.onNotification('aksNetlint/trimmed', (report) => (trim = report));
  await new Promise((resolve) => setTimeout(resolve, REST_MS));
  const rssAtRestMb = rssMb(child.pid);
  await session.stop();

  const stats = (xs) => {
    const sorted = [...xs].sort((a, b) => a - b);
    return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), max: sorted[sorted.length - 1], n: sorted.length };
  };
  process.stdout.write(
    `${JSON.stringify({
      module: { lines: Object.values(summary).reduce((a, b) => a + b, 0), files: Object.keys(summary).length, clusters: CLUSTERS, nodePools: CLUSTERS * POOLS_PER_CLUSTER, editedFileLines: summary['main.tf'] },
      edits: EDITS,
      nodeBootMs: { min: Math.min(...boot), median: median(boot) },
      nodeBootWithExtraCaCertsMs: bootWithCerts && { min: Math.min(...bootWithCerts), median: median(bootWithCerts) },
      coldStartTypical,
      coldStartLarge,
      coldStartMs,
      keystrokeServer: stats(serverMs),
      keystrokeRoundTrip: stats(roundTripMs),
      rssAfterOpenMb,
      rssAfterEditsMb,
      rssAtRestMb,
      trim: trim && { durationMs: trim.durationMs, rssBeforeMb: trim.rssBefore / 1048576, rssAfterMb: trim.rssAfter / 1048576 },
      memoryAfterEdits: lastMemory && Object.fromEntries(Object.entries(lastMemory).map(([k, v]) => [k, Math.round(v / 1048576)])),
    })}\n`,
  );
}

main().catch((error) => {
  process.stderr.write(`lsp-session: ${error.stack ?? error.message}\n`);
  process.exit(1);
});
