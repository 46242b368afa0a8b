/**
 * Indexes the module calls of the workspace folders at startup, reporting progress through
 * `window/workDoneProgress` when the client supports it and the scan takes more than a moment.
 */
import type { Connection, WorkDoneProgressServerReporter } from 'vscode-languageserver/node';
import type { ModuleIndex } from './module-index.js';

/** How long the scan may take before progress is shown (a test may ask for 0: from the start). */
export const PROGRESS_AFTER_MS = 200;

export async function startIndexing(
  connection: Connection,
  index: ModuleIndex,
  folders: readonly string[],
  progress: { supported: boolean; afterMs: number },
  log: (message: string) => void,
): Promise<void> {
  const started = performance.now();
  let reporter: WorkDoneProgressServerReporter | undefined;
  let creating: Promise<void> | undefined;
  let scanned = 0;
  const begin = () => {
    creating ??= connection.window.createWorkDoneProgress().then(
      (created) => {
        reporter = created;
        reporter.begin('aks-netlint: indexing module calls', undefined, `${scanned} directories`);
      },
      () => undefined, // the client refused: index without showing progress
    );
  };
  if (progress.supported && progress.afterMs === 0) begin();
  try {
    await index.scan(folders, (count) => {
      scanned = count;
      if (reporter) reporter.report(`${count} directories`);
      else if (progress.supported && performance.now() - started >= progress.afterMs) begin();
    });
  } catch (error) {
    log(`aks-netlint: indexing module calls failed: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    await creating;
    reporter?.done();
  }
  log(`aks-netlint: indexed module calls of ${folders.length} folder(s) in ${Math.round(performance.now() - started)} ms: ${index.size} module(s) call others`);
}
