/**
 * The language server: LSP requests and notifications to the engine and back. It owns the open
 * buffers (incremental text and tree), asks ModuleAnalyzer for analyses, and converts results to
 * LSP types. Every handler is guarded: a request that fails answers with an error and the server
 * keeps serving (issue 5, item 6).
 */
import { dirname, relative } from 'node:path';
import {
  CodeActionKind,
  CompletionItemKind,
  MarkupKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  ErrorCodes,
  LSPErrorCodes,
  ResponseError,
  TextDocumentSyncKind,
  type CancellationToken,
  type ClientCapabilities,
  type CodeAction,
  type CompletionItem,
  type Connection,
  type Diagnostic,
  type InitializeParams,
  type InitializeResult,
  type TextDocumentEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import type { TextEdit } from '../engine/analyze/findings.js';
import { compareRanges } from '../engine/text/positions.js';
import { FIX_ALL_KIND, fixAllAction, quickFixes, type EngineCodeAction } from '../engine/features/code-actions.js';
import { completionAt } from '../engine/features/completion.js';
import { hoverAt } from '../engine/features/hover.js';
import { packetFlowFor } from '../engine/features/packet-flow/packet-flow-for.js';
import { readGitBaseline, resolveGitBaseline, type GitCommit } from '../host/git-baseline.js';
import type { TreeSitterRuntime } from '../host/tree-sitter-runtime.js';
import { PACKET_FLOW_REQUEST, type PacketFlowParams, type PacketFlowResult } from '../protocol/packet-flow.js';
import { SETTINGS_SECTION } from '../protocol/settings.js';
import { toDiagnostic, UriMapper, type DiagnosticOptions } from './convert.js';
import { DEFAULT_IDLE_TRIM_MS, fullCollector, IdleMemoryTrimmer } from './memory-policy.js';
import { ModuleAnalyzer, type ModuleAnalysis } from './module-analyzer.js';
import { ModuleBaselines } from './module-baselines.js';
import { ModuleSettingsCache } from './module-settings.js';
import { ModuleSources } from './module-sources.js';
import { ModuleIndex } from './module-index.js';
import { beginIndexing, PROGRESS_AFTER_MS, reportIndexing, type IndexingRun } from './index-workspace.js';
import type { Parsers } from '../engine/syntax/parse-file.js';
import { OpenBuffers } from './open-buffers.js';
import { ParserRenewal } from './parser-renewal.js';

/** Options a client may pass in `initializationOptions` (tests and the benchmark use them). */
interface InitializationOptions {
  /** Milliseconds to wait after an edit before checking (default 150). */
  debounceMs?: number;
  /** Send `aksNetlint/published` after each publish with the time it took, and `aksNetlint/trimmed` (benchmark). */
  reportTimings?: boolean;
  /** Milliseconds of quiet before memory is given back (default DEFAULT_IDLE_TRIM_MS). */
  idleTrimMs?: number;
  /** Milliseconds of indexing module calls before progress is shown (default PROGRESS_AFTER_MS). */
  indexProgressAfterMs?: number;
}

const DEFAULT_DEBOUNCE_MS = 150;

/** A duration in milliseconds from initializationOptions, or `fallback` when it is not one. */
const durationOption = (value: unknown, fallback: number): number => (typeof value === 'number' && value >= 0 ? value : fallback);

/**
 * Starts serving on `connection` at once; the parser (`runtime`) may still be loading: the
 * workspace's module calls are indexed meanwhile, and `initialize` is answered once it is loaded.
 */
export function startServer(connection: Connection, runtime: Promise<TreeSitterRuntime>): void {
  const uris = new UriMapper();
  const log = (message: string) => connection.console.log(message);
  const buffers = new OpenBuffers(uris, (message) => connection.console.warn(message));
  // Set when `initialize` is answered; no other request or notification comes before that.
  let renewal!: ParserRenewal;
  let parsers!: Parsers;
  let sources!: ModuleSources;
  let indexing!: IndexingRun;
  // Terraform's own variable: the editor's environment says where `terraform init` installs modules.
  const dataDir = process.env.TF_DATA_DIR || undefined;
  const index = new ModuleIndex(dataDir);
  let capabilities: ClientCapabilities = {};
  let folders: string[] = [];
  let diagnosticOptions: DiagnosticOptions = { relatedInformation: false, codeDescription: false };
  let analyzer!: ModuleAnalyzer;
  let trimmer: IdleMemoryTrimmer | undefined;
  let initOptions: InitializationOptions = {};
  /** Work that parses happened: the memory trim waits for quiet, then may renew the parser. */
  const noteActivity = () => {
    renewal.markUsed();
    trimmer?.touch();
  };
  const reportedConfigErrors = new Set<string>();
  // The commit each module is compared with: read in the background, then the module is checked again.
  const baselines = new ModuleBaselines<GitCommit>(
    { resolve: (dir, ref) => resolveGitBaseline(dir, ref), read: (at, input) => readGitBaseline(at, input, parsers, { dataDir }) },
    { changed: (dir) => analyzer.schedule(dir, 0), log },
  );

  const settings = new ModuleSettingsCache({
    editorSettings: async (scopeUri) => {
      if (!capabilities.workspace?.configuration) return undefined;
      const [value] = await connection.workspace.getConfiguration([{ scopeUri, section: SETTINGS_SECTION }]);
      return value;
    },
    folderOf: (path) => folders.filter((f) => path === f || path.startsWith(`${f}/`)).sort((a, b) => b.length - a.length)[0],
  });
  const settingsFor = async (dir: string) => {
    const result = await settings.get(dir, uris.toUri(dir));
    if (result.configError && !reportedConfigErrors.has(result.configError)) {
      reportedConfigErrors.add(result.configError);
      void connection.window.showWarningMessage(`aks-netlint: ${result.configError}`);
    }
    return result;
  };

  /** Module directories with an open buffer. */
  const openModules = () => new Set([...buffers.values()].filter((b) => isTerraformFile(b.path)).map((b) => dirname(b.path)));
  /** The directories kept up to date: those with an open buffer, and the roots they are checked through. */
  const activeUnits = () => new Set([...openModules()].flatMap((dir) => [dir, ...index.rootsOf(dir)]));

  connection.onInitialize(async (params: InitializeParams): Promise<InitializeResult> => {
    capabilities = params.capabilities;
    folders = (params.workspaceFolders ?? []).map((f) => uris.toPath(f.uri));
    if (folders.length === 0 && params.rootUri) folders = [uris.toPath(params.rootUri)];
    // The scan needs no parser: it runs while the parser loads.
    indexing = beginIndexing(index, folders, log);
    renewal = new ParserRenewal(await runtime, () => [...buffers.values()].map((b) => b.file), log);
    parsers = renewal.parsers;
    sources = new ModuleSources(parsers);
    const textDocument = capabilities.textDocument;
    diagnosticOptions = {
      relatedInformation: textDocument?.publishDiagnostics?.relatedInformation === true,
      codeDescription: textDocument?.publishDiagnostics?.codeDescriptionSupport === true,
    };
    const options = (params.initializationOptions ?? {}) as InitializationOptions;
    initOptions = options;
    const collect = fullCollector();
    if (collect) {
      trimmer = new IdleMemoryTrimmer(durationOption(options.idleTrimMs, DEFAULT_IDLE_TRIM_MS), collect, {
        // The parser's memory, and the analyses kept only to be re-published (roots of an open
        // called module): they are computed again when next needed.
        release: async () => {
          const dropped = analyzer.dropUnopened(openModules());
          return (await renewal.renew()) || dropped;
        },
        onTrimmed: options.reportTimings ? (report) => void connection.sendNotification('aksNetlint/trimmed', { ...report, memory: process.memoryUsage(), parserBytes: renewal.memoryBytes }) : undefined,
      });
    }
    analyzer = new ModuleAnalyzer(
      {
        parsers,
        sources,
        index,
        dataDir,
        buffers: () => buffers.values(),
        settingsFor,
        baselineFor: (dir, moduleSettings) => baselines.current(dir, moduleSettings.baseline, moduleSettings.varFiles),
        log,
        displayPath: (path) => {
          const folder = folders.filter((f) => path === f || path.startsWith(`${f}/`)).sort((a, b) => b.length - a.length)[0];
          return folder ? relative(folder, path) || '.' : path;
        },
        publish: (path, findings) => {
          const buffer = buffers.get(path);
          void connection.sendDiagnostics({
            uri: uris.toUri(path),
            ...(buffer ? { version: buffer.version } : {}),
            diagnostics: findings.map((f) => toDiagnostic(f, uris, diagnosticOptions)),
          });
        },
        onPublished: (dir, elapsedMs) => {
          noteActivity();
          if (options.reportTimings) void connection.sendNotification('aksNetlint/published', { dir, elapsedMs, memory: process.memoryUsage() });
        },
      },
      durationOption(options.debounceMs, DEFAULT_DEBOUNCE_MS),
    );
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        hoverProvider: true,
        completionProvider: { triggerCharacters: ['"'], resolveProvider: false },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false },
      },
      serverInfo: { name: 'aks-netlint', version: SERVER_VERSION },
    };
  });

  connection.onInitialized(() => {
    if (capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: '**/*.{tf,tf.json,tfvars,tfvars.json}' }, { globPattern: '**/.terraform.lock.hcl' }, { globPattern: '**/.aks-netlint.json' }],
      });
    }
    if (capabilities.workspace?.didChangeConfiguration?.dynamicRegistration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION });
    }
    // Which module calls which: until it is known, each open module is checked alone.
    const progress = { supported: capabilities.window?.workDoneProgress === true, afterMs: durationOption(initOptions.indexProgressAfterMs, PROGRESS_AFTER_MS) };
    void reportIndexing(connection, indexing, index, folders, progress, log).then(() => {
      for (const dir of activeUnits()) analyzer.schedule(dir, 0);
    });
  });

  // Document notifications are checked before they touch a buffer (open-buffers.ts); a malformed
  // one is logged and ignored, and nothing it carried reaches a module.
  connection.onDidOpenTextDocument(
    guardNotification('textDocument/didOpen', (params) => {
      const buffer = buffers.open(params);
      if (!buffer || !isTerraformFile(buffer.path)) return;
      baselines.refresh(dirname(buffer.path));
      analyzer.touch(dirname(buffer.path), 0);
    }),
  );

  connection.onDidChangeTextDocument(
    guardNotification('textDocument/didChange', (params) => {
      const buffer = buffers.change(params);
      if (!buffer) return;
      noteActivity();
      if (isTerraformFile(buffer.path)) analyzer.touch(dirname(buffer.path));
    }),
  );

  connection.onDidCloseTextDocument(
    guardNotification('textDocument/didClose', (params) => {
      const path = buffers.close(params);
      if (path === undefined) return;
      const dir = dirname(path);
      // Diagnostics of a module nobody has open (nor a module it calls) would go stale: clear them.
      const active = activeUnits();
      if (active.has(dir)) analyzer.schedule(dir, 0);
      for (const unit of [dir, ...analyzer.modules]) {
        if (active.has(unit)) continue;
        analyzer.clear(unit);
        baselines.forget(unit);
      }
    }),
  );

  connection.onDidSaveTextDocument(
    guardNotification('textDocument/didSave', ({ textDocument }) => {
      const path = uris.toPath(textDocument.uri);
      sources.invalidate(path);
      // A commit may have moved the ref since it was resolved: resolve it again now.
      if (isTerraformFile(path)) baselines.refresh(dirname(path));
    }),
  );

  connection.onDidChangeWatchedFiles(
    guardNotification('workspace/didChangeWatchedFiles', ({ changes }) => {
      let configChanged = false;
      const dirs = new Set<string>();
      for (const change of changes) {
        const path = uris.toPath(change.uri);
        sources.invalidate(path);
        if (path.endsWith('.aks-netlint.json')) configChanged = true;
        dirs.add(dirname(path));
      }
      if (configChanged) settings.clear();
      for (const dir of dirs) analyzer.reindex(dir);
      // A root reads the modules it calls: a change in any of them re-checks it.
      for (const dir of activeUnits()) if (configChanged || dirs.has(dir) || analyzer.reads(dir, dirs)) analyzer.schedule(dir, 0);
    }),
  );

  connection.onDidChangeConfiguration(() => {
    settings.clear();
    reportedConfigErrors.clear();
    for (const dir of activeUnits()) analyzer.schedule(dir, 0);
  });

  /** The analysis for a request's document, or undefined for files we do not check. */
  const analysisOf = async (uri: string, token: CancellationToken): Promise<{ analysis: ModuleAnalysis; path: string } | undefined> => {
    const path = uris.toPath(uri);
    if (!isTerraformFile(path)) return undefined;
    // Let a pending $/cancelRequest arrive before doing the work.
    await throwIfCancelled(token);
    const dir = dirname(path);
    const analysis = await analyzer.analysis(dir);
    if (!analysis.settings.enable || analysis.settings.isIgnored(path)) return undefined;
    return { analysis, path };
  };

  connection.onCodeAction(
    guard('textDocument/codeAction', async (params, token) => {
      const found = await analysisOf(params.textDocument.uri, token);
      if (!found) return [];
      const { analysis, path } = found;
      // A called module's findings come from its roots: offer the fixes of what is published.
      const findings = analyzer.findingsShown(analysis, path);
      const only = params.context.only;
      const wants = (kind: string) => !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
      const actions: EngineCodeAction[] = [];
      if (wants(CodeActionKind.QuickFix)) {
        const file = analysis.result.module.files.get(path);
        // The request's diagnostics name the findings too: a range that misses them (a click on
        // the light bulb of a multi-line finding) still gets their fixes.
        const requested = findings.filter((f) => params.context.diagnostics.some((d) => d.code === f.ruleId && compareRanges(d.range, f.range) === 0));
        const seen = new Set<EngineCodeAction>();
        for (const action of [...quickFixes(findings, file, params.range), ...requested.flatMap((f) => quickFixes([f], file, f.range))]) {
          if ([...seen].some((a) => a.title === action.title && a.finding === action.finding)) continue;
          seen.add(action);
          actions.push(action);
        }
      }
      // Fix-all only when asked for (on save, or the Source Action menu): a light bulb on a
      // finding shows that finding's fixes, not every fix of the file.
      if (only && wants(FIX_ALL_KIND)) {
        const fixAll = fixAllAction(findings);
        if (fixAll) actions.push(fixAll);
      }
      return actions.map((action) => toCodeAction(action, params.context.diagnostics));
    }),
  );

  connection.onHover(
    guard('textDocument/hover', async (params, token) => {
      const found = await analysisOf(params.textDocument.uri, token);
      if (!found) return null;
      // A module other modules call: its values per caller, and the findings published for it.
      const callers = found.analysis.kind === 'called' ? await analyzer.callerAnalyses(dirname(found.path)) : undefined;
      const findings = analyzer.findingsShown(found.analysis, found.path);
      const hover = hoverAt(found.analysis.result, found.path, params.position, { findings, ...(callers ? { callers } : {}) });
      return hover ? { contents: { kind: 'markdown', value: hover.markdown }, range: hover.range } : null;
    }),
  );

  connection.onCompletion(
    guard('textDocument/completion', async (params, token) => {
      const found = await analysisOf(params.textDocument.uri, token);
      if (!found) return null;
      const buffer = buffers.get(found.path);
      if (!buffer) return null;
      // Completion parses the text with each candidate value.
      noteActivity();
      const items = completionAt(found.analysis.result, found.path, params.position, {
        parsers,
        input: found.analysis.snapshot.input,
        settings: found.analysis.settings.analysis,
        isCancelled: () => token.isCancellationRequested,
      });
      if (!items) return null;
      return {
        isIncomplete: false,
        items: items.map(
          (item): CompletionItem => ({
            label: item.label,
            kind: item.kind === 'value' ? CompletionItemKind.EnumMember : CompletionItemKind.Property,
            detail: item.detail,
            documentation: { kind: MarkupKind.Markdown, value: item.documentation },
            textEdit: { range: item.range, newText: item.newText },
            sortText: item.sortText,
            // Typed text inside quotes is matched against the value, not the quote.
            filterText: item.label,
          }),
        ),
      };
    }),
  );

  connection.onRequest(
    PACKET_FLOW_REQUEST,
    guard(PACKET_FLOW_REQUEST, async (params: PacketFlowParams, token): Promise<PacketFlowResult> => {
      const found = await analysisOf(params.textDocument.uri, token);
      if (!found) return { clusters: [], message: 'aks-netlint does not check this file (or checking is disabled).' };
      return packetFlowFor(found.analysis.result, found.path, (path) => uris.toUri(path), params, found.analysis.result.findings);
    }),
  );

  connection.onShutdown(() => {
    trimmer?.dispose();
    buffers.dispose();
  });

  /** Converts an engine action, with versioned edits for open buffers when the client takes them. */
  function toCodeAction(action: EngineCodeAction, contextDiagnostics: Diagnostic[]): CodeAction {
    const diagnostic = action.finding && contextDiagnostics.find((d) => d.code === action.finding!.ruleId && compareRanges(d.range, action.finding!.range) === 0);
    const finding = action.finding;
    return {
      title: action.title,
      kind: action.kind,
      ...(action.isPreferred ? { isPreferred: true } : {}),
      ...(finding ? { diagnostics: [diagnostic ?? toDiagnostic(finding, uris, diagnosticOptions)] } : {}),
      edit: toWorkspaceEdit(action.edits),
    };
  }

  function toWorkspaceEdit(edits: TextEdit[]): WorkspaceEdit {
    const byPath = new Map<string, TextEdit[]>();
    for (const edit of edits) byPath.set(edit.uri, [...(byPath.get(edit.uri) ?? []), edit]);
    if (capabilities.workspace?.workspaceEdit?.documentChanges) {
      const documentChanges: TextDocumentEdit[] = [...byPath].map(([path, list]) => ({
        textDocument: { uri: uris.toUri(path), version: buffers.get(path)?.version ?? null },
        edits: list.map((e) => ({ range: e.range, newText: e.newText })),
      }));
      return { documentChanges };
    }
    return { changes: Object.fromEntries([...byPath].map(([path, list]) => [uris.toUri(path), list.map((e) => ({ range: e.range, newText: e.newText }))])) };
  }

  /** Wraps a notification handler: a failure is logged with the notification's name, and nothing else happens. */
  function guardNotification<P>(method: string, handler: (params: P) => void): (params: P) => void {
    return (params) => {
      try {
        handler(params);
      } catch (error) {
        log(`aks-netlint: ${method} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      }
    };
  }

  /** Wraps a request handler: a failure becomes an error response and a log line, never a crash. */
  function guard<P, R>(method: string, handler: (params: P, token: CancellationToken) => Promise<R>): (params: P, token: CancellationToken) => Promise<R | ResponseError<void>> {
    return async (params, token) => {
      try {
        const result = await handler(params, token);
        // A cancel that arrived while the work ran: answer as cancelled, not with a stale result.
        await throwIfCancelled(token);
        return result;
      } catch (error) {
        if (error instanceof ResponseError) return error;
        log(`aks-netlint: ${method} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        return new ResponseError(ErrorCodes.InternalError, `aks-netlint could not answer ${method}: ${error instanceof Error ? error.message : String(error)}`);
      }
    };
  }

  connection.listen();
}

/** The server's version, from the build (esbuild defines it). */
declare const __AKS_NETLINT_VERSION__: string | undefined;
const SERVER_VERSION = typeof __AKS_NETLINT_VERSION__ === 'string' ? __AKS_NETLINT_VERSION__ : '0.0.0-dev';

/**
 * Throws RequestCancelled when the client cancelled the request. First lets the messages that
 * arrived meanwhile be processed: vscode-jsonrpc handles each queued message in its own
 * setImmediate, and a timer turn plus an immediate turn runs after it whichever phase we are in.
 */
async function throwIfCancelled(token: CancellationToken): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 0));
  await new Promise((resolve) => setImmediate(resolve));
  if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
}

function isTerraformFile(path: string): boolean {
  return /\.(tf|tf\.json|tfvars|tfvars\.json)$/i.test(path) || path.endsWith('.terraform.lock.hcl');
}
