/**
 * A baseline from configuration files as they were (at a git ref): the same reading of the module
 * tree as the analysis, without its rules, kept as plain settings by address (prior-settings.ts).
 */
import type { BaselineInfo } from '../aks/model.js';
import { baselineOf, type Baseline } from '../aks/prior-settings.js';
import type { Parsers } from '../syntax/parse-file.js';
import type { ModuleInput } from '../terraform/module.js';
import { readModuleModel, type TreeInput } from './read-module-model.js';

/** Reads the baseline a module's files stand for; `key` identifies their content (a commit). */
export function readBaseline(input: ModuleInput, parsers: Parsers, info: BaselineInfo, key: string, treeInput?: TreeInput): Baseline {
  return baselineOf(readModuleModel(input, parsers, '', undefined, treeInput).reading.model, info, key);
}
