import type { checkModule } from './check-module.js';

/** What the CLI reads and writes besides files: its streams, environment and where it runs. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
  isTty: boolean;
  env: Record<string, string | undefined>;
  version: string;
  /** Today, YYYY-MM-DD, for suppression expiry; the local date when absent (tests set it). */
  today?: string;
  /** The bundled CLI's own file, to start worker threads from; absent in-process (tests). */
  workerScript?: string;
  /** Worker threads to use for large trees (the number of cores). */
  threads?: number;
  /** For tests: checks one module in place of checkModule (to make one module fail). */
  checkModule?: typeof checkModule;
}
