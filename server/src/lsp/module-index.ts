/**
 * Which module directory of the workspace calls which (DESIGN.md §3): built at startup from the
 * workspace folders by scanning, not parsing, every `.tf`/`.tf.json` file for `module` sources
 * (scan-module-calls.ts), and kept current as buffers change and files change on disk. The
 * analyzer asks it whether a directory is checked alone, as the root of a tree, or through the
 * roots that call it.
 *
 * Calls are local sources, the modules a root's `.terraform/modules/modules.json` lists, and
 * registry or git addresses that name the checkout itself (module-sources.ts).
 */
import { readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { isKnownModuleSource } from '../engine/aks/registry-modules/known-modules.js';
import { isConfigurationFile } from '../engine/terraform/module.js';
import { parseModuleSource, repositoryNames, type Checkout } from '../engine/terraform/module-sources.js';
import { scanModuleSources } from '../engine/terraform/scan-module-calls.js';
import { checkoutOf, installedModulesOf } from '../host/module-tree-host.js';
import { MAX_FILE_BYTES, SKIPPED_DIRS } from '../host/read-module.js';
import { readRegularFile } from '../host/read-regular-file.js';

/** Directories a workspace scan visits at most: a home directory opened as a folder stays bounded. */
const MAX_SCANNED_DIRS = 20_000;
/** Callers followed up from a directory to find its roots. */
const MAX_ROOT_SEARCH = 1_000;

/**
 * A file's text when it may hold a module block: most files of a workspace do not say "module",
 * and those are not decoded (the startup scan reads every file of the workspace).
 */
function moduleText(path: string): string | undefined {
  const read = readRegularFile(path, MAX_FILE_BYTES);
  if (!('bytes' in read) || !read.bytes.includes('module')) return undefined;
  try {
    return utf8.decode(read.bytes);
  } catch {
    return undefined; // not text: checking the module says so
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

export class ModuleIndex {
  /** `dataDir`: TF_DATA_DIR, where `terraform init` put modules.json (default `.terraform`). */
  constructor(private readonly dataDir?: string) {}

  /** Directory → the directories its module blocks call. */
  private readonly calls = new Map<string, Set<string>>();
  /** Directories that call a registry module aks-netlint reads through its input map (a tree of their own without a called directory). */
  private readonly callsKnownModule = new Set<string>();
  /** Directory → the directories that call it. */
  private readonly callers = new Map<string, Set<string>>();
  /** The sources last scanned per file, with the text they came from: a keystroke rescans one file. */
  private readonly scanned = new Map<string, { text: string; sources: string[] }>();
  /** The checkout of each directory (looked up once: it walks up to the `.git` directory). */
  private readonly checkouts = new Map<string, Checkout | undefined>();

  /**
   * Scans the folders, a chunk of directories at a time (`yieldEvery`), so that requests are
   * served meanwhile; `onProgress` is told how many directories were scanned.
   */
  async scan(folders: readonly string[], onProgress?: (scanned: number) => void, yieldEvery = 200): Promise<void> {
    let scanned = 0;
    const queue = [...folders];
    while (queue.length > 0 && scanned < MAX_SCANNED_DIRS) {
      const dir = queue.shift()!;
      let entries;
      try {
        entries = readdirSync(dir, { withFileTypes: true });
      } catch {
        continue;
      }
      const texts: { path: string; text: string }[] = [];
      for (const entry of entries) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) {
          if (!SKIPPED_DIRS.has(entry.name)) queue.push(path);
        } else if (isConfigurationFile(path)) {
          const text = moduleText(path);
          if (text !== undefined) texts.push({ path, text });
        }
      }
      if (texts.length > 0) this.update(dir, texts, false);
      if (++scanned % yieldEvery === 0) {
        onProgress?.(scanned);
        await new Promise((done) => setImmediate(done));
      }
    }
  }

  /**
   * Re-reads one directory's calls from its files' current texts (open buffers laid over disk).
   * `remember`: keep each file's scan with its text, so that the next update rescans only the
   * files that changed (the texts are the analyzer's, kept anyway; the startup scan keeps none).
   */
  update(dir: string, files: readonly { path: string; text: string }[], remember = true): void {
    const called = new Set<string>();
    let knownModule = false;
    const checkout = this.checkoutOf(dir);
    for (const { path, text } of files) {
      let entry = this.scanned.get(path);
      if (entry?.text !== text) {
        entry = { text, sources: scanModuleSources(text, path.endsWith('.json') ? 'json' : 'hcl') };
        if (remember) this.scanned.set(path, entry);
      }
      for (const source of entry.sources) {
        const parsed = parseModuleSource(source);
        if (isKnownModuleSource(source)) knownModule = true;
        if (parsed.kind === 'local') called.add(resolve(dir, parsed.path));
        else if (checkout && repositoryNames(parsed).some((name) => checkout.names.includes(name))) called.add(parsed.subdir ? resolve(checkout.root, parsed.subdir) : checkout.root);
      }
    }
    for (const installed of installedModulesOf(dir, this.dataDir).values()) if (resolve(installed) !== resolve(dir)) called.add(resolve(installed));
    called.delete(dir);
    if (knownModule) this.callsKnownModule.add(dir);
    else this.callsKnownModule.delete(dir);
    for (const old of this.calls.get(dir) ?? []) this.callers.get(old)?.delete(dir);
    if (called.size > 0) this.calls.set(dir, called);
    else this.calls.delete(dir);
    for (const child of called) {
      let set = this.callers.get(child);
      if (!set) this.callers.set(child, (set = new Set()));
      set.add(dir);
    }
  }

  /** The checkout a directory is in, looked up once (it walks up to the `.git` directory). */
  checkoutOf(dir: string): Checkout | undefined {
    if (!this.checkouts.has(dir)) this.checkouts.set(dir, checkoutOf(dir));
    return this.checkouts.get(dir);
  }

  /** Drops the texts kept for a directory's files (nobody has it open any more); its calls stay indexed. */
  forgetTexts(dir: string): void {
    for (const path of this.scanned.keys()) if (dirname(path) === dir) this.scanned.delete(path);
  }

  /** Whether some indexed module calls this directory. */
  isCalled(dir: string): boolean {
    return (this.callers.get(dir)?.size ?? 0) > 0;
  }

  /** Whether this directory calls a module. */
  callsModules(dir: string): boolean {
    return (this.calls.get(dir)?.size ?? 0) > 0 || this.callsKnownModule.has(dir);
  }

  /**
   * The roots a directory is checked through: the callers of its callers, up to directories no
   * one calls. A directory no one calls is its own root; a cycle of calls has no root.
   */
  rootsOf(dir: string): string[] {
    if (!this.isCalled(dir)) return [dir];
    const roots = new Set<string>();
    const seen = new Set<string>([dir]);
    const queue = [dir];
    while (queue.length > 0 && seen.size < MAX_ROOT_SEARCH) {
      const at = queue.shift()!;
      for (const caller of this.callers.get(at) ?? []) {
        if (seen.has(caller)) continue;
        seen.add(caller);
        if (this.isCalled(caller)) queue.push(caller);
        else roots.add(caller);
      }
    }
    return [...roots].sort();
  }

  /** How many directories call modules (for the log). */
  get size(): number {
    return this.calls.size;
  }
}
