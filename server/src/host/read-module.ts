/**
 * Reads one module directory from disk for the engine: its configuration files, automatic var
 * files, lock file and explicit var files. Binary, non-UTF-8, unreadable and oversized files are
 * handed over as skipped, with the reason, so the engine reports them and checks the rest.
 */
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileRole, isConfigurationFile, type ModuleInput, type SkippedFile, type SourceFile } from '../engine/terraform/module.js';
import { readRegularFile } from './read-regular-file.js';

export { describeIoError } from './read-regular-file.js';

/** Directories no search for modules enters: Terraform's working data, git's, npm's. */
export const SKIPPED_DIRS: ReadonlySet<string> = new Set(['.terraform', '.git', 'node_modules']);

/** Files larger than this are not analysed (DESIGN: huge files get one clear finding). */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Whether a directory holds Terraform configuration. */
export function isModuleDir(dir: string): boolean {
  try {
    return readdirSync(dir, { withFileTypes: true }).some((entry) => !entry.isDirectory() && isConfigurationFile(join(dir, entry.name)));
  } catch {
    return false;
  }
}

/** Reads a module; `varFiles` and `cliVars` come from the command line or the config file. */
export function readModule(dir: string, varFiles: string[] = [], cliVars: ModuleInput['cliVars'] = [], envVars: ModuleInput['envVars'] = []): ModuleInput {
  const files: SourceFile[] = [];
  const skipped: SkippedFile[] = [];
  const explicit = varFiles.map((f) => resolve(f));
  // Directories named like files (modules/x.tf/) are not files to Terraform.
  const entries = readdirSync(dir, { withFileTypes: true })
    .filter((entry) => !entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  const paths = entries.map((name) => join(dir, name)).filter((path) => fileRole(path) !== 'other');
  for (const path of [...paths, ...explicit.filter((p) => !paths.includes(p))]) {
    const result = readTextFile(path);
    if ('text' in result) files.push({ uri: path, text: result.text });
    else skipped.push({ uri: path, ...result });
  }
  return { dir, files, varFiles: explicit, cliVars, envVars, skipped };
}

/** A file's text, or why it cannot be analysed (a FIFO or device is refused before any read). */
export function readTextFile(path: string): { text: string } | Omit<SkippedFile, 'uri'> {
  const read = readRegularFile(path, MAX_FILE_BYTES);
  if ('refused' in read) return { reason: 'unreadable', detail: read.refused };
  if ('error' in read) return { reason: 'unreadable', detail: read.error };
  if ('tooLarge' in read) return { reason: 'too-large', size: read.tooLarge };
  return decodeTextFile(read.bytes);
}

/** A file's bytes as text, or why they are not text (the same rules on disk and at a commit). */
export function decodeTextFile(buffer: Uint8Array): { text: string } | Omit<SkippedFile, 'uri'> {
  if (buffer.length > MAX_FILE_BYTES) return { reason: 'too-large', size: buffer.length };
  if (buffer.subarray(0, 8192).includes(0)) return { reason: 'binary', size: buffer.length };
  try {
    return { text: utf8.decode(buffer).replace(/^\uFEFF/, '') };
  } catch {
    return { reason: 'invalid-utf8', size: buffer.length };
  }
}
