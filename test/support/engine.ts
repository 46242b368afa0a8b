/**
 * Runs the real engine on fixture text, with the real tree-sitter parser loaded the way the CLI
 * loads it.
 */
import { analyzeModule, type AnalysisResult, type AnalysisSettings } from '../../server/src/engine/analyze/analyze-module.js';
import type { SourceFile } from '../../server/src/engine/terraform/module.js';
import { loadParsers } from '../../server/src/host/load-parsers.js';

/** Analyses files as one module. */
export async function analyzeFiles(files: SourceFile[], settings: AnalysisSettings = {}, extra: { varFiles?: string[]; cliVars?: { name: string; value: string }[] } = {}): Promise<AnalysisResult> {
  const parsers = await loadParsers();
  return analyzeModule({ dir: '/fixture', files, ...extra }, parsers, settings);
}

/** Settings that enable one rule and turn every other off. */
export function onlyRule(ruleId: string, allRuleIds: readonly string[]): AnalysisSettings {
  return { rules: Object.fromEntries(allRuleIds.map((id) => [id, id === ruleId ? undefined : 'off']).filter(([, v]) => v !== undefined)) as AnalysisSettings['rules'] };
}
