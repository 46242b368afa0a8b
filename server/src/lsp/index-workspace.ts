/**
 * Indexes the module calls of the workspace folders at startup. The scan begins as soon as the
 * folders are known (while the parser is still loading), and its progress is reported through
 * `window/workDoneProgress` once the client may receive requests, when it supports them and the
 * scan takes more than a moment.
 */
import type { Connection, WorkDoneProgressServerReporter } from 'vscode-languageserver/node';
import type { ModuleIndex } from './module-index.js';

/** How long the scan may take before progress is shown (a test may ask for 0: always shown). */
export const PROGRESS_AFTER_MS = 200;

/** A scan under way. */
export interface IndexingRun {
  started: number;
  scanned: number;
  finished: boolean;
  done: Promise<void>;
  /** Told how many directories were scanned, at each pause of the scan. */
  onProgress?: (scanned: number) => void;
}

/** Starts scanning the folders; the part before its first pause runs now. */
export function beginIndexing(index: ModuleIndex, folders: readonly string[], log: (message: string) => void): IndexingRun {
  const run: IndexingRun = { started: performance.now(), scanned: 0, finished: false, done: Promise.resolve() };
  run.done = index
    .scan(folders, (scanned) => {
      run.scanned = scanned;
      run.onProgress?.(scanned);
    })
    .catch((error) => log(`aks-netlint: indexing module calls failed: ${error instanceof Error ? error.message : String(error)}`))
    .finally(() => {
      run.finished = true;
    });
  return run;
}

/** Reports a scan's progress to the client (after `initialized`) and logs when it is done. */
export async function reportIndexing(
  connection: Connection,
  run: IndexingRun,
  index: ModuleIndex,
  folders: readonly string[],
  progress: { supported: boolean; afterMs: number },
  log: (message: string) => void,
): Promise<void> {
  let reporter: WorkDoneProgressServerReporter | undefined;
  let creating: Promise<void> | undefined;
  const begin = () => {
    creating ??= connection.window.createWorkDoneProgress().then(
      (created) => {
        reporter = created;
        reporter.begin('aks-netlint: indexing module calls', undefined, `${run.scanned} directories`);
      },
      () => undefined, // the client refused: index without showing progress
    );
  };
  if (progress.supported && (progress.afterMs === 0 || (!run.finished && performance.now() - run.started >= progress.afterMs))) begin();
  run.onProgress = (scanned) => {
    if (reporter) reporter.report(`${scanned} directories`);
    else if (progress.supported && performance.now() - run.started >= progress.afterMs) begin();
  };
  try {
    await run.done;
  } finally {
    await creating;
    reporter?.done();
  }
  log(`aks-netlint: indexed module calls of ${folders.length} folder(s) in ${Math.round(performance.now() - run.started)} ms: ${index.size} module(s) call others`);
}
