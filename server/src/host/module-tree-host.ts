/**
 * What the engine's module tree needs from disk, for the CLI: the modules a call's source names
 * (config and override files only: Terraform reads var files and the lock file of the root
 * alone), `.terraform/modules/modules.json` of the root (under `TF_DATA_DIR` when set), and the
 * git checkout the root is in (its directory and remote names, for registry addresses that name
 * the module repository being checked).
 *
 * The files of called modules are parsed once for the whole run (per worker thread), keyed by
 * path and text, however many roots call them.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { TreeInput } from '../engine/analyze/analyze-module.js';
import { parseFile, type Parsers } from '../engine/syntax/parse-file.js';
import type { SyntaxFile } from '../engine/syntax/syntax-tree.js';
import { buildModule, fileRole, isConfigurationFile, type ModuleInput, type SourceFile, type TfModule } from '../engine/terraform/module.js';
import { parseModulesManifest, repositoryOf, type Checkout } from '../engine/terraform/module-sources.js';
import type { ModuleLoader } from '../engine/terraform/module-tree.js';
import { readTextFile } from './read-module.js';
import { readRegularFile } from './read-regular-file.js';

/** The largest modules.json or .git/config read. */
const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;
/** Parsed files kept, by total text size: enough for large repositories, bounded for huge ones. */
const MAX_CACHED_CHARACTERS = 64 * 1024 * 1024;

/** Parsed files by path, reused while the text is the same. */
export class ParseCache {
  private readonly files = new Map<string, SyntaxFile>();
  private characters = 0;

  constructor(readonly parsers: Parsers) {}

  parse(uri: string, text: string): SyntaxFile {
    const cached = this.files.get(uri);
    if (cached && cached.text === text) return cached;
    const file = parseFile(uri, text, this.parsers);
    if (cached) this.forget(uri);
    this.files.set(uri, file);
    this.characters += text.length;
    // Oldest first: Map keeps insertion order.
    for (const [oldest] of this.files) {
      if (this.characters <= MAX_CACHED_CHARACTERS) break;
      this.forget(oldest);
    }
    return file;
  }

  /**
   * The module input of a root with each file's parsed tree attached: from the cache when a
   * module already called it, else parsed and not kept (a root's files are seldom needed again,
   * and keeping every tree of a large run costs more in garbage collection than the rare second
   * parse of a directory that is both checked as a root and called).
   */
  attach(input: ModuleInput): ModuleInput {
    const parse = (uri: string, text: string) => {
      const cached = this.files.get(uri);
      return cached && cached.text === text ? cached : parseFile(uri, text, this.parsers);
    };
    return { ...input, files: input.files.map((file) => (fileRole(file.uri, input.varFiles) === 'other' ? file : { ...file, syntax: parse(file.uri, file.text) })) };
  }

  private forget(uri: string): void {
    const file = this.files.get(uri);
    if (!file) return;
    this.characters -= file.text.length;
    this.files.delete(uri);
  }
}

/** Loads called modules from disk, each directory once per loader. */
export class DiskModuleLoader implements ModuleLoader {
  private readonly modules = new Map<string, TfModule | undefined>();

  constructor(private readonly cache: ParseCache) {}

  load(dir: string): TfModule | undefined {
    const key = resolve(dir);
    if (!this.modules.has(key)) this.modules.set(key, this.read(key));
    return this.modules.get(key);
  }

  private read(dir: string): TfModule | undefined {
    let names: string[];
    try {
      names = readdirSync(dir, { withFileTypes: true })
        .filter((entry) => !entry.isDirectory())
        .map((entry) => entry.name)
        .sort();
    } catch {
      return undefined;
    }
    const files: SourceFile[] = [];
    const skipped: ModuleInput['skipped'] = [];
    for (const name of names) {
      const path = join(dir, name);
      if (!isConfigurationFile(path)) continue;
      const read = readTextFile(path);
      if ('text' in read) files.push({ uri: path, text: read.text, syntax: this.cache.parse(path, read.text) });
      else skipped.push({ uri: path, ...read });
    }
    if (files.length === 0 && skipped.length === 0) return undefined;
    return buildModule({ dir, files, skipped }, this.cache.parsers);
  }
}

/** The tree input of a root directory: the loader, modules.json and the checkout. */
export function treeInputFor(
  rootDir: string,
  loader: ModuleLoader,
  env: { TF_DATA_DIR?: string },
  /** The checkout lookup, when the caller keeps one (the server asks for it at every keystroke in a root). */
  checkoutLookup: (dir: string) => Checkout | undefined = checkoutOf,
): TreeInput {
  const installed = installedModulesOf(rootDir, env.TF_DATA_DIR);
  const checkout = checkoutLookup(rootDir);
  return { loader, options: { ...(installed.size > 0 ? { installed } : {}), ...(checkout ? { checkout } : {}) } };
}

/** Manifests read, by root and path (an absolute TF_DATA_DIR is shared), kept while their size and modification time stay the same. */
const manifests = new Map<string, { mtimeMs: number; size: number; installed: Map<string, string> }>();

/**
 * What `terraform init` installed for a root: modules.json's directories by module key (empty
 * when none). Read again only when the file changed: one stat per call.
 */
export function installedModulesOf(rootDir: string, dataDir?: string): Map<string, string> {
  const manifestPath = join(resolve(rootDir, dataDir || '.terraform'), 'modules', 'modules.json');
  const key = `${rootDir}\0${manifestPath}`;
  let stat;
  try {
    stat = statSync(manifestPath);
  } catch {
    manifests.delete(key);
    return new Map();
  }
  const kept = manifests.get(key);
  if (kept && kept.mtimeMs === stat.mtimeMs && kept.size === stat.size) return kept.installed;
  const read = readRegularFile(manifestPath, MAX_MANIFEST_BYTES);
  const installed = ('bytes' in read ? parseModulesManifest(read.bytes.toString('utf8'), rootDir) : undefined) ?? new Map<string, string>();
  manifests.set(key, { mtimeMs: stat.mtimeMs, size: stat.size, installed });
  return installed;
}

/** The git checkout a directory is in: the nearest ancestor with `.git`, and its names. */
export function checkoutOf(dir: string): Checkout | undefined {
  for (let at = resolve(dir); ; at = dirname(at)) {
    const git = join(at, '.git');
    if (existsSync(git)) return { root: at, names: [basename(at), ...remoteNames(git)] };
    if (dirname(at) === at) return undefined;
  }
}

/** Repository names of a checkout's remotes (`url = git@github.com:Azure/terraform-azurerm-aks.git`). */
function remoteNames(git: string): string[] {
  try {
    const config = statSync(git).isDirectory() ? join(git, 'config') : undefined;
    if (!config || !existsSync(config)) return [];
    const read = readRegularFile(config, MAX_MANIFEST_BYTES);
    if (!('bytes' in read)) return [];
    const names: string[] = [];
    for (const match of read.bytes.toString('utf8').matchAll(/^\s*url\s*=\s*(\S+)\s*$/gm)) {
      const name = repositoryOf(match[1]);
      if (name) names.push(name);
    }
    return names;
  } catch {
    return [];
  }
}
