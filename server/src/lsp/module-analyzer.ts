/**
 * Analyses modules for the editor and publishes their diagnostics.
 *
 * - Work is per module directory: editing variables.tf re-checks main.tf (DESIGN.md §3).
 * - Edits are debounced per module; an analysis runs only for the newest state, and a result
 *   that a newer edit made stale is dropped before it is published.
 * - Diagnostics are published for every file of the module, empty lists included, so a file
 *   that became clean loses its squiggles; unchanged lists are not sent again.
 * - The result is cached by the versions of its inputs, and hover, code actions and completion
 *   reuse it.
 * - HashiCorp's parser runs only for files tree-sitter found broken, after the first publish,
 *   so typing never waits for it; its messages replace tree-sitter's once they arrive.
 * - Module trees (module-index.ts): a directory no one calls is checked alone, or as the root
 *   of the tree of modules it calls; a directory some module calls keeps only its file findings
 *   of its own, and gets the rest from the roots it is called through ("via module.aks of
 *   envs/prod"). A file's diagnostics are every unit's findings for it, merged; an edit in a
 *   called module re-checks its roots after a longer pause, one at a time.
 */
import { dirname, relative } from 'node:path';
import { AnalysisMemo } from '../engine/analyze/analysis-memo.js';
import { analyzeModule, type AnalysisResult, type TreeInput } from '../engine/analyze/analyze-module.js';
import { FILE_ONLY_CHECK_IDS } from '../engine/analyze/checks.js';
import type { Finding } from '../engine/analyze/findings.js';
import type { Baseline } from '../engine/aks/prior-settings.js';
import { mergeFindings } from '../engine/analyze/place-findings.js';
import { buildModule, isConfigurationFile } from '../engine/terraform/module.js';
import type { ModuleLoader } from '../engine/terraform/module-tree.js';
import { treeInputFor } from '../host/module-tree-host.js';
import type { ModuleIndex } from './module-index.js';
import type { HclError } from '../engine/syntax/syntax-tree.js';
import type { Parsers } from '../engine/syntax/parse-file.js';
import { hclSyntaxErrors } from '../host/hcl-syntax-errors.js';
import { localToday } from '../host/today.js';
import type { ModuleSettings } from './module-settings.js';
import type { ModuleSources, ModuleSnapshot, OpenBuffer } from './module-sources.js';

/** How long typing must pause before HashiCorp's parser checks a broken file. */
const SYNTAX_CHECK_DELAY_MS = 300;

/** How much longer than the debounce the roots of an edited called module wait. */
const ROOT_REFRESH_DELAY_MS = 250;

/** How a directory is checked (see the file comment). */
export type UnitKind = 'alone' | 'root' | 'called';

export interface ModuleAnalysis {
  dir: string;
  kind: UnitKind;
  snapshot: ModuleSnapshot;
  /** For a root: the fingerprints of the directories its tree read, by directory. */
  treeFingerprints?: Map<string, string>;
  settings: ModuleSettings;
  result: AnalysisResult;
  /** Findings per file path, ignored files left out. */
  findingsByPath: Map<string, Finding[]>;
  /** What the change was compared with (module-baselines.ts), when its baseline was known. */
  baseline?: Baseline;
}

export interface AnalyzerHost {
  parsers: Parsers;
  sources: ModuleSources;
  index: ModuleIndex;
  buffers(): Iterable<OpenBuffer>;
  settingsFor(dir: string): Promise<ModuleSettings>;
  /** Publishes one file's findings (an empty list clears it). */
  publish(path: string, findings: readonly Finding[]): void;
  log(message: string): void;
  /** How messages name a file or directory of another module (relative to its workspace folder). */
  displayPath?(path: string): string;
  /** `TF_DATA_DIR` of the server's environment: where `terraform init` put modules.json. */
  dataDir?: string;
  /**
   * The baseline of a module checked on its own or as a root, when it is known now (never
   * waited for: module-baselines.ts reads it in the background, then has the module checked again).
   */
  baselineFor?(dir: string, settings: ModuleSettings): Baseline | undefined;
  /** Called after each publish of a module, for the benchmark and tests. */
  onPublished?(dir: string, elapsedMs: number): void;
}

export class ModuleAnalyzer {
  private readonly cache = new Map<string, ModuleAnalysis>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** Bumped by every schedule: work started under an older number is stale. */
  private readonly generations = new Map<string, number>();
  /** Per path: what was published last (serialized), to skip unchanged lists. */
  private readonly published = new Map<string, string>();
  /** Per module: the paths published, to clear those no longer in it. */
  private readonly publishedPaths = new Map<string, Set<string>>();
  /** Per module: what the next analysis may reuse from the last one. */
  private readonly memos = new Map<string, AnalysisMemo>();
  /** hcl2json's errors for a file's exact text. */
  private readonly hclErrors = new Map<string, { text: string; errors: HclError[] }>();
  /** Called modules as indexed for the fingerprint of their files (module-tree.ts reads them, never changes them). */
  private readonly calledModules = new Map<string, { fingerprint: string; module: ReturnType<ModuleLoader['load']> }>();
  /** Per root: the directories its last tree check read (kept when its analysis is dropped). */
  private readonly treeDirs = new Map<string, ReadonlySet<string>>();
  /** Per path: the findings each unit (a checked directory) has for it; published merged. */
  private readonly contributions = new Map<string, Map<string, readonly Finding[]>>();
  /** The tree check last queued: tree checks take turns (see inTreeTurn). */
  private lastTreeCheck: Promise<void> = Promise.resolve();

  constructor(
    private readonly host: AnalyzerHost,
    private readonly debounceMs: number,
  ) {}

  /** Re-checks a module after the debounce delay; a later call restarts the wait. */
  schedule(dir: string, delayMs = this.debounceMs): void {
    const generation = (this.generations.get(dir) ?? 0) + 1;
    this.generations.set(dir, generation);
    clearTimeout(this.timers.get(dir));
    clearTimeout(this.timers.get(`${dir}\0hcl2json`));
    this.timers.set(
      dir,
      setTimeout(() => {
        this.timers.delete(dir);
        const run = () => this.runAndPublish(dir, generation);
        (this.kindOf(dir) === 'root' ? this.inTreeTurn(run) : run()).catch((error) => this.host.log(`aks-netlint: checking ${dir} failed: ${describe(error)}`));
      }, delayMs),
    );
  }

  /**
   * Runs a tree check once the one queued before it is done and the event loop has turned: the
   * roots of an edited module are due together, and run back to back they would keep the next
   * keystroke unread until all 50 were checked. Taking turns, that keystroke is read after one
   * of them, and makes the rest stale.
   */
  private inTreeTurn(check: () => Promise<void>): Promise<void> {
    const turn = this.lastTreeCheck.then(() => new Promise<void>((resolve) => setImmediate(resolve))).then(check);
    this.lastTreeCheck = turn.catch(() => undefined);
    return turn;
  }

  /** How a directory is checked now. */
  kindOf(dir: string): UnitKind {
    const { index } = this.host;
    return index.isCalled(dir) ? 'called' : index.callsModules(dir) ? 'root' : 'alone';
  }

  /** The analysis of a module's current state (cached while nothing changed). */
  async analysis(dir: string): Promise<ModuleAnalysis> {
    const settings = await this.host.settingsFor(dir);
    const snapshot = this.host.sources.snapshot(dir, this.host.buffers(), settings.varFiles);
    const kind = this.kindOf(dir);
    // A called module's settings are checked through its roots, which compare with their baselines.
    const baseline = kind === 'called' ? undefined : this.host.baselineFor?.(dir, settings);
    const cached = this.cache.get(dir);
    if (cached && cached.kind === kind && cached.snapshot.fingerprint === snapshot.fingerprint && cached.settings.key === settings.key && cached.baseline === baseline && this.treeUnchanged(cached)) return cached;
    const hclErrors = new Map<string, HclError[]>();
    for (const file of snapshot.input.files) {
      const known = this.hclErrors.get(file.uri);
      if (known && known.text === file.text) hclErrors.set(file.uri, known.errors);
    }
    let memo = this.memos.get(dir);
    if (!memo) {
      memo = new AnalysisMemo();
      this.memos.set(dir, memo);
    }
    const treeFingerprints = new Map<string, string>();
    const tree: TreeInput | undefined = kind === 'root' ? treeInputFor(dir, this.loader(treeFingerprints), { TF_DATA_DIR: this.host.dataDir }, (at) => this.host.index.checkoutOf(at)) : undefined;
    const displayPath = this.host.displayPath ?? ((path: string) => relative(dir, path) || '.');
    const result = analyzeModule(snapshot.input, this.host.parsers, { ...settings.analysis, displayPath, today: localToday(), ...(baseline ? { baseline } : {}) }, hclErrors, tree ? undefined : memo, tree);
    for (const failure of result.ruleFailures) this.host.log(`aks-netlint: rule ${failure.ruleId} failed on ${dir}; its findings are left out: ${failure.message}`);
    const findingsByPath = new Map<string, Finding[]>();
    for (const finding of result.findings) {
      if (settings.isIgnored(finding.uri)) continue;
      // A called module's settings are checked through its roots.
      if (kind === 'called' && !FILE_ONLY_CHECK_IDS.has(finding.ruleId)) continue;
      findingsByPath.set(finding.uri, [...(findingsByPath.get(finding.uri) ?? []), finding]);
    }
    const analysis: ModuleAnalysis = { dir, kind, snapshot, settings, result, findingsByPath, ...(tree ? { treeFingerprints } : {}), ...(baseline ? { baseline } : {}) };
    this.cache.set(dir, analysis);
    if (tree) this.treeDirs.set(dir, new Set(treeFingerprints.keys()));
    else this.treeDirs.delete(dir);
    return analysis;
  }

  /** Called modules read from the open buffers and disk; each directory read records its fingerprint. */
  private loader(fingerprints: Map<string, string>): ModuleLoader {
    const modules = new Map<string, ReturnType<ModuleLoader['load']>>();
    return {
      load: (dir) => {
        if (!modules.has(dir)) {
          const snapshot = this.host.sources.snapshot(dir, this.host.buffers(), []);
          fingerprints.set(dir, snapshot.fingerprint);
          // Indexed once per state of its files, however many roots and analyses read it.
          const kept = this.calledModules.get(dir);
          if (kept?.fingerprint === snapshot.fingerprint) modules.set(dir, kept.module);
          else {
            const files = snapshot.input.files.filter((f) => isConfigurationFile(f.uri));
            const module = files.length > 0 ? buildModule({ dir, files }, this.host.parsers) : undefined;
            this.calledModules.set(dir, { fingerprint: snapshot.fingerprint, module });
            modules.set(dir, module);
          }
        }
        return modules.get(dir);
      },
    };
  }

  /** Whether no directory a root's tree read has changed since. */
  private treeUnchanged(analysis: ModuleAnalysis): boolean {
    for (const [dir, fingerprint] of analysis.treeFingerprints ?? []) {
      if (this.host.sources.snapshot(dir, this.host.buffers(), []).fingerprint !== fingerprint) return false;
    }
    return true;
  }

  /**
   * Keeps the index current as module blocks are typed: only a module that has or had calls is
   * scanned again (a text search for "module" is all a module without calls pays).
   */
  private reindexIfCalls(dir: string, snapshot: ModuleSnapshot): boolean {
    if (!this.host.index.callsModules(dir) && !snapshot.input.files.some((f) => f.text.includes('module'))) return false;
    this.reindex(dir, snapshot);
    return true;
  }

  /**
   * Forgets the cached analyses of units without an open buffer (the roots a called module is
   * checked through): their diagnostics stay published, and the next change checks them again.
   * True when something was dropped.
   */
  dropUnopened(open: ReadonlySet<string>): boolean {
    let dropped = false;
    const readByOpen = new Set<string>();
    for (const dir of open) for (const read of this.treeDirs.get(dir) ?? []) readByOpen.add(read);
    for (const dir of [...this.cache.keys()]) {
      if (open.has(dir)) continue;
      this.cache.delete(dir);
      this.memos.delete(dir);
      // Its files' parsed trees too, unless an open module reads them.
      for (const read of [dir, ...(this.treeDirs.get(dir) ?? [])]) {
        if (open.has(read) || readByOpen.has(read)) continue;
        this.host.sources.forgetModule(read);
        this.calledModules.delete(read);
      }
      dropped = true;
    }
    return dropped;
  }

  /** The analyses of the roots a called directory is checked through, each named for messages. */
  async callerAnalyses(dir: string): Promise<{ name: string; result: AnalysisResult }[]> {
    const out: { name: string; result: AnalysisResult }[] = [];
    for (const root of this.host.index.rootsOf(dir)) {
      if (root === dir) continue;
      out.push({ name: this.host.displayPath?.(root) ?? root, result: (await this.analysis(root)).result });
    }
    return out;
  }

  /**
   * The findings a file shows, for hover and code actions: a called module's are what its roots
   * published for it (every unit's findings merged); another module's, its own analysis's.
   */
  findingsShown(analysis: ModuleAnalysis, path: string): Finding[] {
    if (analysis.kind !== 'called') return analysis.findingsByPath.get(path) ?? [];
    const units = this.contributions.get(path);
    return units ? mergeFindings([...units.values()].flat()) : [];
  }

  /** Reads a directory's module calls again into the index, from its current files. */
  reindex(dir: string, snapshot = this.host.sources.snapshot(dir, this.host.buffers(), [])): void {
    const { input } = snapshot;
    this.host.index.update(dir, input.files.filter((f) => isConfigurationFile(f.uri)).map((f) => ({ path: f.uri, text: f.text })));
  }

  /** Whether the last analysis of `unit` read a module in one of `dirs`. */
  reads(unit: string, dirs: ReadonlySet<string>): boolean {
    for (const dir of this.treeDirs.get(unit) ?? []) if (dirs.has(dir)) return true;
    return false;
  }

  /**
   * Re-checks what an edit in `dir` changes: the directory itself after the debounce delay, and
   * the roots it is called through after a longer one (typing in a module that 50 roots call
   * must not wait for 50 trees).
   */
  touch(dir: string, delayMs = this.debounceMs): void {
    this.schedule(dir, delayMs);
    for (const root of this.host.index.rootsOf(dir)) if (root !== dir) this.schedule(root, delayMs + ROOT_REFRESH_DELAY_MS);
  }

  /** Removes a module's diagnostics (its last buffer closed, or checking was disabled). */
  clear(dir: string): void {
    for (const key of [dir, `${dir}\0hcl2json`]) {
      clearTimeout(this.timers.get(key));
      this.timers.delete(key);
    }
    this.generations.set(dir, (this.generations.get(dir) ?? 0) + 1);
    this.cache.delete(dir);
    this.memos.delete(dir);
    this.treeDirs.delete(dir);
    this.calledModules.delete(dir);
    this.host.sources.forgetModule(dir);
    this.host.index.forgetTexts(dir);
    for (const path of this.hclErrors.keys()) if (dirname(path) === dir) this.hclErrors.delete(path);
    for (const path of this.publishedPaths.get(dir) ?? []) this.contribute(path, dir, undefined);
    this.publishedPaths.delete(dir);
  }

  /** Every module that has been published. */
  get modules(): string[] {
    return [...this.publishedPaths.keys()];
  }

  private async runAndPublish(dir: string, generation: number): Promise<void> {
    const started = performance.now();
    const settings = await this.host.settingsFor(dir);
    if (this.generations.get(dir) !== generation) return;
    if (!settings.enable) {
      this.clear(dir);
      return;
    }
    const analysis = await this.analysis(dir);
    if (this.generations.get(dir) !== generation) return;
    // Module blocks typed or removed change how the directory is checked: check it again if so.
    if (this.reindexIfCalls(dir, analysis.snapshot) && this.kindOf(dir) !== analysis.kind) {
      this.schedule(dir, 0);
      return;
    }
    this.publishModule(analysis);
    this.host.onPublished?.(dir, performance.now() - started);
    if (this.needsHclErrors(analysis).length > 0) {
      // hcl2json reparses whole files: wait until typing pauses rather than run it per keystroke.
      const timer = setTimeout(() => {
        this.refineSyntaxErrors(dir, generation).catch((error) => this.host.log(`aks-netlint: syntax check of ${dir} failed: ${describe(error)}`));
      }, SYNTAX_CHECK_DELAY_MS);
      this.timers.set(`${dir}\0hcl2json`, timer);
    }
  }

  private publishModule(analysis: ModuleAnalysis): void {
    const { input } = analysis.snapshot;
    const paths = new Set<string>([...input.files.map((f) => f.uri), ...(input.skipped ?? []).map((s) => s.uri)].filter((p) => dirname(p) === analysis.dir || analysis.findingsByPath.has(p)));
    for (const path of analysis.findingsByPath.keys()) paths.add(path);
    const before = this.publishedPaths.get(analysis.dir) ?? new Set();
    for (const path of before) if (!paths.has(path)) this.contribute(path, analysis.dir, undefined);
    for (const path of paths) this.contribute(path, analysis.dir, analysis.findingsByPath.get(path) ?? []);
    this.publishedPaths.set(analysis.dir, paths);
  }

  /** Records a unit's findings for a path (undefined: none any more) and publishes the path's merged findings. */
  private contribute(path: string, unit: string, findings: readonly Finding[] | undefined): void {
    let units = this.contributions.get(path);
    if (!units) this.contributions.set(path, (units = new Map()));
    if (findings) units.set(unit, findings);
    else units.delete(unit);
    if (units.size === 0) this.contributions.delete(path);
    // One unit (the common case) is published as it is; several are merged, naming every call.
    const all = [...units.values()];
    this.publishIfChanged(path, all.length <= 1 ? (all[0] ?? []) : sortFindings(mergeFindings(all.flat())));
  }

  private publishIfChanged(path: string, findings: readonly Finding[]): void {
    const key = JSON.stringify(findings);
    if (this.published.get(path) === key) return;
    this.published.set(path, key);
    this.host.publish(path, findings);
  }

  /** Broken HCL files whose current text hcl2json has not seen. */
  private needsHclErrors(analysis: ModuleAnalysis) {
    return [...analysis.result.module.files.values()].filter((f) => f.format === 'hcl' && f.problems.length > 0 && this.hclErrors.get(f.uri)?.text !== f.text);
  }

  /** Asks hcl2json about broken HCL files, then republishes with its messages if still current. */
  private async refineSyntaxErrors(dir: string, generation: number): Promise<void> {
    this.timers.delete(`${dir}\0hcl2json`);
    if (this.generations.get(dir) !== generation) return;
    const analysis = await this.analysis(dir);
    for (const file of this.needsHclErrors(analysis)) this.hclErrors.set(file.uri, { text: file.text, errors: await hclSyntaxErrors(file.text) });
    if (this.generations.get(dir) !== generation) return;
    // The cached analysis predates these messages and its key (texts, settings) has not changed.
    this.cache.delete(dir);
    this.publishModule(await this.analysis(dir));
  }
}

function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0));
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
