/**
 * Reads one module directory from disk for the engine: its configuration files, automatic var
 * files, lock file and explicit var files. Binary, non-UTF-8, unreadable and oversized files are
 * handed over as skipped, with the reason, so the engine reports them and checks the rest.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileRole, type ModuleInput, type SkippedFile, type SourceFile } from '../engine/terraform/module.js';

/** Files larger than this are not analysed (DESIGN: huge files get one clear finding). */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Whether a directory holds Terraform configuration. */
export function isModuleDir(dir: string): boolean {
  try {
    return readdirSync(dir, { withFileTypes: true }).some((entry) => !entry.isDirectory() && ['config', 'override'].includes(fileRole(join(dir, entry.name))));
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

/** A file's text, or why it cannot be analysed. */
export function readTextFile(path: string): { text: string } | Omit<SkippedFile, 'uri'> {
  let size: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) return { reason: 'unreadable', detail: 'not a regular file' };
    size = stat.size;
  } catch (error) {
    return { reason: 'unreadable', detail: describeIoError(error) };
  }
  if (size > MAX_FILE_BYTES) return { reason: 'too-large', size };
  let buffer: Buffer;
  try {
    buffer = readFileSync(path);
  } catch (error) {
    return { reason: 'unreadable', detail: describeIoError(error) };
  }
  if (buffer.subarray(0, 8192).includes(0)) return { reason: 'binary', size };
  try {
    return { text: utf8.decode(buffer).replace(/^\uFEFF/, '') };
  } catch {
    return { reason: 'invalid-utf8', size };
  }
}

/** "no such file or directory" rather than a Node error object. */
export function describeIoError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    case 'ENOTDIR':
      return 'not a directory';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
