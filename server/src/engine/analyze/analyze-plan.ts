/**
 * analyzePlan: the findings of a `terraform show -json` plan (issue 12, point 3). The rules read
 * the plan's model (read-plan-model.ts), which is what will be applied; when the configuration
 * the plan was made from is given, it is read as a module tree as usual and lends the plan's
 * instances its sites (place-plan-model.ts), so findings point at the lines that produced the
 * values, through module calls; without it, they point into the plan file. The plan's prior state
 * is the baseline of the change (read-plan-baseline.ts): rules about changes see each instance's
 * prior settings and what Terraform plans for it.
 */
import type { ModelReading } from '../aks/read-model.js';
import { placePlanModel } from '../aks/place-plan-model.js';
import { attachBaseline } from '../aks/prior-settings.js';
import { readPlanBaseline } from '../aks/read-plan-baseline.js';
import { planProviderVersion, readPlanModel } from '../aks/read-plan-model.js';
import type { Parsers } from '../syntax/parse-file.js';
import type { HclError } from '../syntax/syntax-tree.js';
import type { ModuleInput } from '../terraform/module.js';
import type { PlanDocument } from '../terraform/plan-json.js';
import type { ProviderVersion } from '../terraform/provider-version.js';
import { analyzeModule, type AnalysisResult, type AnalysisSettings, type TreeInput } from './analyze-module.js';

/** The configuration a plan was made from: its root module and how to load what it calls. */
export interface PlanConfiguration {
  input: ModuleInput;
  tree: TreeInput;
}

/**
 * Analyses a plan. `configuration` absent: the plan alone (its directory stands for the module,
 * for display).
 */
export function analyzePlan(plan: PlanDocument, parsers: Parsers, settings: AnalysisSettings = {}, configuration?: PlanConfiguration, hclErrors?: ReadonlyMap<string, HclError[]>): AnalysisResult {
  const dir = plan.uri.slice(0, Math.max(plan.uri.lastIndexOf('/'), 0));
  const input = configuration?.input ?? { dir, files: [] };
  const tree = configuration?.tree ?? { loader: { load: () => undefined } };
  const replaceModel = (read: ModelReading, provider: ProviderVersion): ModelReading => {
    const version = planProviderVersion(plan, provider);
    const planned = readPlanModel(plan, version);
    const model = configuration ? placePlanModel(planned, read.model) : planned;
    // The plan's prior state is what Terraform compares with, so it wins over a git ref's files;
    // it is read here, with the provider version the plan is read with.
    const baseline = readPlanBaseline(plan, version) ?? settings.baseline;
    if (baseline) attachBaseline(model, baseline);
    return { model, readingOf: new Map() };
  };
  // replaceModel attaches the baseline; analyzeModule must not attach a git ref's over it.
  return analyzeModule(input, parsers, { ...settings, baseline: undefined }, hclErrors, undefined, { ...tree, replaceModel });
}
