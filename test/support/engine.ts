/**
 * Runs the real engine on fixture text, with the real tree-sitter parser loaded the way the CLI
 * loads it. Files under subdirectories of `/fixture` are modules the root (`/fixture`) may call
 * with a local source (`source = "./modules/aks"`): the analysis follows the module tree, as
 * the CLI does.
 */
import { analyzeModule, type AnalysisResult, type AnalysisSettings } from '../../server/src/engine/analyze/analyze-module.js';
import { readBaseline } from '../../server/src/engine/analyze/read-baseline.js';
import type { Parsers } from '../../server/src/engine/syntax/parse-file.js';
import { buildModule, isConfigurationFile, type SourceFile, type TfModule } from '../../server/src/engine/terraform/module.js';
import type { ModuleLoader } from '../../server/src/engine/terraform/module-tree.js';
import { loadParsers } from '../../server/src/host/load-parsers.js';

const dirOf = (uri: string) => uri.slice(0, uri.lastIndexOf('/'));

/** Analyses files as one module, the root of a tree when some files are in subdirectories. */
export async function analyzeFiles(
  files: SourceFile[],
  settings: AnalysisSettings = {},
  extra: { varFiles?: string[]; cliVars?: { name: string; value: string }[]; baseline?: SourceFile[] } = {},
): Promise<AnalysisResult> {
  const parsers = await loadParsers();
  const { baseline, ...inputs } = extra;
  const moduleOf = (of: SourceFile[]) => {
    // The root is the shallowest directory (`/fixture`); deeper ones are modules it may call.
    const root = of.map((f) => dirOf(f.uri)).sort((a, b) => a.length - b.length)[0] ?? '/fixture';
    return { dir: root, files: of.filter((f) => dirOf(f.uri) === root || inputs.varFiles?.includes(f.uri)), ...inputs };
  };
  const withBaseline: AnalysisSettings = baseline
    ? { ...settings, baseline: readBaseline(moduleOf(baseline), parsers, { kind: 'git', label: 'HEAD (0c0ffee)' }, '0c0ffee', { loader: filesLoader(baseline, parsers) }) }
    : settings;
  return analyzeModule(moduleOf(files), parsers, withBaseline, undefined, undefined, { loader: filesLoader(files, parsers) });
}

/** Modules of in-memory files by directory: what a call's `source` names, parsed once. */
export function filesLoader(files: readonly SourceFile[], parsers: Parsers): ModuleLoader {
  const modules = new Map<string, TfModule | undefined>();
  return {
    load(dir) {
      if (!modules.has(dir)) {
        const own = files.filter((f) => dirOf(f.uri) === dir && isConfigurationFile(f.uri));
        modules.set(dir, own.length > 0 ? buildModule({ dir, files: own }, parsers) : undefined);
      }
      return modules.get(dir);
    },
  };
}

/** Settings that enable one rule and turn every other off. */
export function onlyRule(ruleId: string, allRuleIds: readonly string[]): AnalysisSettings {
  return { rules: Object.fromEntries(allRuleIds.map((id) => [id, id === ruleId ? undefined : 'off']).filter(([, v]) => v !== undefined)) as AnalysisSettings['rules'] };
}
