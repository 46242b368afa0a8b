/**
 * Runs the engine and, for files the error-tolerant parse found broken, asks HashiCorp's HCL
 * parser for the authoritative syntax errors (DESIGN.md §4). Healthy files never pay for hcl2json.
 */
import { analyzeModule, type AnalysisResult, type AnalysisSettings, type TreeInput } from '../engine/analyze/analyze-module.js';
import type { HclError } from '../engine/syntax/syntax-tree.js';
import type { Parsers } from '../engine/syntax/parse-file.js';
import type { ModuleInput } from '../engine/terraform/module.js';
import { hclSyntaxErrors } from './hcl-syntax-errors.js';

/** analyzeModule, with hcl2json's messages for broken HCL files. */
export async function analyzeWithHclErrors(input: ModuleInput, parsers: Parsers, settings: AnalysisSettings, tree?: TreeInput): Promise<AnalysisResult> {
  const first = analyzeModule(input, parsers, settings, undefined, undefined, tree);
  const broken = [...first.module.files.values()].filter((f) => f.format === 'hcl' && f.problems.length > 0);
  if (broken.length === 0) return first;
  const hclErrors = new Map<string, HclError[]>();
  for (const file of broken) hclErrors.set(file.uri, await hclSyntaxErrors(file.text));
  return analyzeModule(input, parsers, settings, hclErrors, undefined, tree);
}
