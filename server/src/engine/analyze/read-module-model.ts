/**
 * The closed model of a module, read without running a rule: the module parsed and indexed, its
 * tree of module calls followed (when the adapter gives a loader), its provider detected and its
 * AKS model read. analyzeModule checks it; a baseline (prior-settings.ts) is the same reading of
 * the files as they were.
 */
import type { ModelReading } from '../aks/read-model.js';
import { readAzurermModel } from '../aks/read-model.js';
import { AKS_RESOURCE_TYPES } from '../aks/read-clusters.js';
import { readTreeModel } from '../aks/read-tree-model.js';
import { isKnownModuleSource } from '../aks/registry-modules/known-modules.js';
import type { Parsers } from '../syntax/parse-file.js';
import { findAttribute, type SyntaxBlock } from '../syntax/syntax-tree.js';
import { detectProviderVersion } from '../terraform/detect-provider-version.js';
import { Evaluator } from '../terraform/evaluate.js';
import { buildModule, type ModuleCallDecl, type ModuleInput, type TfModule } from '../terraform/module.js';
import { ModuleTree, type ModuleInstance, type ModuleLoader, type TreeOptions } from '../terraform/module-tree.js';
import { notInstalled, parseModuleSource } from '../terraform/module-sources.js';
import type { ProviderVersion } from '../terraform/provider-version.js';
import type { Range } from '../text/positions.js';
import type { AnalysisMemo } from './analysis-memo.js';
import { callSite, knownModulesFor, type BuiltinCall } from './builtin-calls.js';

/** Analyse the module as the root of its tree of module calls (module-tree.ts). */
export interface TreeInput {
  loader: ModuleLoader;
  options?: TreeOptions;
  /**
   * The model the rules read, from the one read from the files and their provider version (a
   * plan file's values placed on the files: analyze-plan.ts).
   */
  replaceModel?: (read: ModelReading, provider: ProviderVersion) => ModelReading;
}

/** A module call whose code was not read, placed on its `source`, with why. */
export type UnreadCall = { uri: string; range: Range; reason: string };

/** A module and the model read from it. */
export interface ModuleModel {
  module: TfModule;
  tree?: ModuleTree;
  reading: ModelReading;
  /** Every module the model was read from: the root and the modules its tree reads. */
  modules: Set<TfModule>;
  /** Evaluation budgets that ran out, by reason, with where. */
  limitsReached: Map<string, { uri: string; range: Range }>;
  /** The calls of registry modules read through their input maps, by instance path. */
  builtinCalls: Map<string, BuiltinCall>;
  unreadCalls: UnreadCall[];
}

const isAksBlock = (block: SyntaxBlock) => block.type === 'resource' && AKS_RESOURCE_TYPES.has(block.labels[0]?.value ?? '');

/**
 * Reads a module's model. `memoKey` says what else the reading depends on (var files, settings):
 * the memo reuses nothing across two keys.
 */
export function readModuleModel(input: ModuleInput, parsers: Parsers, memoKey: string, memo?: AnalysisMemo, treeInput?: TreeInput): ModuleModel {
  const module = buildModule(input, parsers);
  let provider: ProviderVersion;
  let reading: ModelReading;
  let tree: ModuleTree | undefined;
  const modules = new Set<TfModule>([module]);
  const limitsReached = new Map<string, { uri: string; range: Range }>();
  /** The calls of registry modules read through their input maps, by instance path. */
  const builtinCalls = new Map<string, BuiltinCall>();
  let unreadCalls: UnreadCall[];
  if (treeInput) {
    tree = new ModuleTree(module, treeInput.loader, { ...treeInput.options, known: knownModulesFor(parsers) });
    const instances = tree.instances();
    for (const instance of instances) {
      const site = callSite(instance);
      if (site) builtinCalls.set(instance.path.join('.'), site);
    }
    provider = detectProviderVersion(module, tree.root.evaluator, instances.slice(1).map((i) => i.evaluator));
    unreadCalls = unreadCallsOf(instances);
    reading = readTreeModel(
      instances.map((i) => i.evaluator),
      provider,
      unreadCalls.length > 0,
    );
    for (const instance of instances) {
      modules.add(instance.module);
      for (const [reason, where] of instance.evaluator.limitsReached) if (!limitsReached.has(reason)) limitsReached.set(reason, where);
    }
  } else {
    const evaluator = new Evaluator(module);
    provider = detectProviderVersion(module, evaluator);
    unreadCalls = notFollowedCalls(module);
    memo?.reading.begin(module, memoKey, isAksBlock);
    reading = readAzurermModel(evaluator, provider, memo?.reading);
    for (const [reason, where] of evaluator.limitsReached) limitsReached.set(reason, where);
  }
  if (treeInput?.replaceModel) {
    reading = treeInput.replaceModel(reading, provider);
    provider = reading.model.provider;
  }
  return { module, ...(tree ? { tree } : {}), reading, modules, limitsReached, builtinCalls, unreadCalls };
}


/** The calls of a tree's instances whose code was not read, once per call block. */
function unreadCallsOf(instances: readonly ModuleInstance[]): UnreadCall[] {
  const out = new Map<SyntaxBlock, UnreadCall>();
  for (const instance of instances) {
    for (const call of instance.calls()) {
      if (call.opaque === undefined || out.has(call.decl.block)) continue;
      out.set(call.decl.block, { uri: call.decl.uri, range: sourceRange(call.decl), reason: call.opaque });
    }
  }
  return [...out.values()];
}

/** Without a tree (a module checked alone), its registry and git calls are not read (the Microsoft modules it knows make a tree). */
function notFollowedCalls(module: TfModule): UnreadCall[] {
  return [...module.calls.values()]
    .filter((call) => call.source !== undefined && parseModuleSource(call.source).kind !== 'local' && !isKnownModuleSource(call.source))
    .map((call) => ({ uri: call.uri, range: sourceRange(call), reason: notInstalled(`module.${call.name}`, call.source!) }));
}

const sourceRange = (call: ModuleCallDecl): Range => findAttribute(call.block.body, 'source')?.expr.range ?? call.block.headerRange;

