/**
 * Indexes the module calls of the workspace folders at startup, reporting progress through
 * `window/workDoneProgress` when the client supports it and the scan takes more than a moment.
 */
import type { Connection, WorkDoneProgressServerReporter } from 'vscode-languageserver/node';
import type { ModuleIndex } from './module-index.js';

/** How long the scan may take before progress is shown. */
const PROGRESS_AFTER_MS = 200;

export async function startIndexing(connection: Connection, index: ModuleIndex, folders: readonly string[], progressSupported: boolean, log: (message: string) => void): Promise<void> {
  const started = performance.now();
  let reporter: WorkDoneProgressServerReporter | undefined;
  let creating: Promise<void> | undefined;
  try {
    await index.scan(folders, (scanned) => {
      if (!progressSupported || creating || performance.now() - started < PROGRESS_AFTER_MS) {
        reporter?.report(`${scanned} directories`);
        return;
      }
      creating = connection.window.createWorkDoneProgress().then(
        (created) => {
          reporter = created;
          reporter.begin('aks-netlint: indexing module calls', undefined, `${scanned} directories`);
        },
        () => undefined,
      );
    });
  } catch (error) {
    log(`aks-netlint: indexing module calls failed: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    await creating;
    reporter?.done();
  }
  log(`aks-netlint: indexed module calls of ${folders.length} folder(s) in ${Math.round(performance.now() - started)} ms: ${index.size} module(s) call others`);
}
