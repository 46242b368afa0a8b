/**
 * analyzeModule: the engine's one entry point for diagnostics. Files in, findings out: parse,
 * index the module, detect the provider, read the closed AKS model, run every enabled rule over
 * it (each isolated, so one throwing rule never hides the others) and every file check over the
 * files, apply severities and suppressions.
 */
import type { AksCluster, AksModel, AksNodePool, Setting } from '../aks/model.js';
import { attachBaseline, type Baseline } from '../aks/prior-settings.js';
import { formatMessage, type Report } from '../rules/define-rule.js';
import { inFormOf } from './form-names.js';
import { RULES } from '../rules/index.js';
import type { Parsers } from '../syntax/parse-file.js';
import type { HclError, SyntaxFile } from '../syntax/syntax-tree.js';
import type { ModuleInput, TfModule } from '../terraform/module.js';
import type { ModuleTree } from '../terraform/module-tree.js';
import { dirOf, mergeFindings, placeAtCaller, placeOutsideBuiltin, withCalls } from './place-findings.js';
import { isBuiltinUri } from '../terraform/builtin-modules.js';
import { readModuleModel, type TreeInput } from './read-module-model.js';
import { baseName, describeOrigin, isKnown } from '../terraform/values.js';
import { compareRanges, containsRange, type Range } from '../text/positions.js';
import type { AnalysisMemo } from './analysis-memo.js';
import { CHECK_IDS, type CheckInfo } from './checks.js';
import { INTERNAL_ERROR } from './internal-error.js';
import { EditBuilder } from './edit-builder.js';
import { FILE_CHECKS } from './file-checks/index.js';
import type { CodeFix, Finding, RelatedInformation, SeveritySetting } from './findings.js';
import { isSuppressed, parseSuppressions } from './suppressions.js';

/** User settings the engine applies (config file, CLI flags, editor settings). */
export interface AnalysisSettings {
  /** Per-rule severity overrides. */
  rules?: Record<string, SeveritySetting>;
  /** Report "not checked" notes for Unknown values. */
  reportUnknown?: boolean;
  /**
   * Today's date, YYYY-MM-DD, from the adapter (the engine has no clock): a suppression with
   * `(until <date>)` stops suppressing after that date. Without it, none expires.
   */
  today?: string;
  /** How messages name a file or directory of another module (the CLI: relative to the working directory). */
  displayPath?: (path: string) => string;
  /**
   * What the change is compared with (the last commit, a ref, a plan's prior state): the rules
   * about changes (change-replaces-cluster, ...) read it; without it they say nothing.
   */
  baseline?: Baseline;
}

export type { TreeInput } from './read-module-model.js';

export interface AnalysisResult {
  findings: Finding[];
  /** The closed model the rules read. */
  model: AksModel;
  /** The module as parsed and indexed, for hover, completion and the diagram. */
  module: TfModule;
  /** Rules that threw, for the adapters to log; their other findings are unaffected. */
  ruleFailures: { ruleId: string; message: string }[];
  /** With a tree: the module tree, and the directories of the modules it calls. */
  tree?: ModuleTree;
  calledDirs: string[];
}

/** Where a check that threw is reported, and how the message names it. */
interface FailureSite {
  uri: string;
  range: Range;
  name: string;
}

const START: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };


/** Analyses one module. */
export function analyzeModule(
  input: ModuleInput,
  parsers: Parsers,
  settings: AnalysisSettings = {},
  hclErrors: ReadonlyMap<string, HclError[]> = new Map(),
  /** What the previous analysis of this module may lend this one (the language server keeps one). */
  memo?: AnalysisMemo,
  /** Follow the module's calls (the CLI, and the server once it indexes them). */
  treeInput?: TreeInput,
): AnalysisResult {
  const { module, tree, reading, modules, limitsReached, builtinCalls, unreadCalls } = readModuleModel(
    input,
    parsers,
    JSON.stringify([input.varFiles, input.cliVars, input.envVars, input.skipped, settings]),
    memo,
    treeInput,
  );
  const { provider } = reading.model;
  if (settings.baseline) attachBaseline(reading.model, settings.baseline);
  const { model, readingOf } = reading;
  memo?.beginRules(readingOf);
  const reportUnknown = settings.reportUnknown ?? false;
  const rootDir = dirOf(module.configFiles[0]?.uri ?? `${module.dir}/`);
  // A file of this module is named as before (`variables.tf:3`); one of another module by its path.
  const display = (path: string) => (settings.displayPath && dirOf(path) !== rootDir ? settings.displayPath(path) : baseName(path));
  const fileOf = (uri: string) => {
    for (const m of modules) {
      const file = m.files.get(uri);
      if (file) return file;
    }
    return undefined;
  };
  const findings: Finding[] = [];
  const ruleFailures: AnalysisResult['ruleFailures'] = [];
  /**
   * Runs one check, isolated: a throw becomes an internal-error finding on what was checked (and
   * a failure the adapters log); the other checks report as usual.
   */
  const run = (check: CheckInfo, subject: FailureSite, body: (report: (r: Report<string>) => void) => void, instance?: AksCluster | AksNodePool) => {
    const configured = settings.rules?.[check.id];
    try {
      body((report) => {
        let finding = inFormOf(toFinding(check, report, subject.uri, configured, fileOf, display), instance);
        const assumed = report.majorSpecific === true && provider.source === 'assumed';
        if (assumed) finding = softenForAssumedVersion(finding, provider.major, configured);
        if (instance && instance.modulePath.length > 0) {
          finding = placeAtCaller(finding, report.source, instance, instance.address);
          const builtin = builtinCalls.get(instance.modulePath.join('.'));
          if (builtin) finding = placeOutsideBuiltin(finding, report.source, instance, builtin);
          if (dirOf(finding.uri) !== rootDir) finding = withCalls(finding, [`${instance.modulePath.join('.')} of ${display(rootDir)}`]);
        }
        findings.push(finding);
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      ruleFailures.push({ ruleId: check.id, message });
      const reported = settings.rules?.[INTERNAL_ERROR.id];
      if (reported === 'off') return;
      const data = { subject: subject.name, rule: check.id, error: message.split('\n')[0] };
      findings.push(toFinding(INTERNAL_ERROR, { messageId: 'ruleFailed', data, range: subject.range }, subject.uri, reported, fileOf, display));
    }
  };
  const moduleSite: FailureSite = { uri: module.configFiles[0]?.uri ?? module.dir, range: START, name: 'this module' };
  const siteOf = (instance: AksCluster | AksNodePool): FailureSite => ({ uri: instance.uri, range: instance.site.labelRange, name: instance.address });
  for (const rule of RULES) {
    if (settings.rules?.[rule.id] === 'off') continue;
    /** A cluster or pool rule: an instance-scoped one through the memo (see analysis-memo.ts). */
    const runFor = (instance: AksCluster | AksNodePool, check: (report: (r: Report<string>) => void) => void) => {
      if (!memo || rule.scope === 'module') return run(rule, siteOf(instance), check, instance);
      const stored = memo.reuse(instance, rule.id);
      if (stored) {
        findings.push(...stored.findings);
        if (stored.failure) ruleFailures.push({ ruleId: rule.id, message: stored.failure });
        return;
      }
      const firstFinding = findings.length;
      const firstFailure = ruleFailures.length;
      run(rule, siteOf(instance), check, instance);
      memo.record(instance, rule.id, { findings: findings.slice(firstFinding), failure: ruleFailures[firstFailure]?.message });
    };
    if (rule.checkCluster) for (const cluster of model.clusters) runFor(cluster, (report) => rule.checkCluster!({ cluster, model, reportUnknown }, report));
    if (rule.checkNodePool) for (const nodePool of model.nodePools) runFor(nodePool, (report) => rule.checkNodePool!({ nodePool, model, reportUnknown }, report));
  }
  for (const check of FILE_CHECKS) {
    if (settings.rules?.[check.id] === 'off') continue;
    run(check, moduleSite, (report) => check.check({ module, model, hclErrors, knownIds: CHECK_IDS, limitsReached, unreadCalls, reportUnknown, today: settings.today }, report));
  }
  memo?.end();
  const suppressions = [...modules].flatMap((m) => [...m.files.values()].flatMap((file: SyntaxFile) => parseSuppressions(file)));
  const kept = mergeFindings(findings).filter((f) => !isSuppressed(f, suppressions, settings.today));
  kept.sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : compareRanges(a.range, b.range) || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0)));
  // A registry module's input map is no directory of the user's.
  const calledDirs = [...new Set([...modules].filter((m) => m !== module && !isBuiltinUri(m.dir)).map((m) => m.dir))];
  return { findings: kept, model, module, ruleFailures, ...(tree ? { tree } : {}), calledDirs };
}

function toFinding(
  rule: CheckInfo,
  report: Report<string>,
  defaultUri: string,
  configured: SeveritySetting | undefined,
  fileOf: (uri: string) => SyntaxFile | undefined,
  display: (path: string) => string,
): Finding {
  const build = (messageId: string, data: Record<string, string | number> | undefined, edit: (e: EditBuilder) => boolean, replacesCluster?: boolean): CodeFix | undefined => {
    const builder = new EditBuilder(fileOf);
    if (!edit(builder) || builder.edits.length === 0) return undefined;
    return { title: formatMessage(rule.messages[messageId], data), edits: builder.edits, ...(replacesCluster ? { replacesCluster } : {}) };
  };
  const source = describeSource(report.source, display);
  const fix = report.fix ? build(report.fix.messageId, report.fix.data, report.fix.edit) : undefined;
  const suggestions = (report.suggest ?? []).flatMap((s) => build(s.messageId, s.data, s.edit, s.replacesCluster) ?? []);
  return {
    ruleId: rule.id,
    messageId: report.messageId,
    severity: configured && configured !== 'off' ? configured : (report.severity ?? rule.severity),
    message: formatMessage(rule.messages[report.messageId], report.data) + (source ? ` The value comes from ${source.text}.` : ''),
    uri: report.uri ?? defaultUri,
    range: report.range,
    related: [...(report.related ?? []), ...(source ? [source.related] : [])],
    ...(fix ? { fix } : {}),
    suggestions,
    docsUrl: rule.docsUrl,
    ...(report.tags ? { tags: report.tags } : {}),
  };
}

/**
 * A provider-major finding on an assumed major: a warning that says so, its fix a suggestion
 * (a rename for 4.x breaks a module that really runs 3.x).
 */
function softenForAssumedVersion(finding: Finding, major: number, configured: SeveritySetting | undefined): Finding {
  const { fix, ...rest } = finding;
  return {
    ...rest,
    severity: configured && configured !== 'off' ? configured : finding.severity === 'error' ? 'warning' : finding.severity,
    message: `${finding.message} (This holds if the module runs azurerm ${major}.x, which aks-netlint assumed: no version is pinned.)`,
    suggestions: fix ? [{ ...fix, title: `${fix.title} (for azurerm ${major}.x)` }, ...finding.suggestions] : finding.suggestions,
  };
}

/** Where a setting's value is written, when that is not the attribute itself. */
function describeSource(setting: Setting | undefined, display: (path: string) => string): { text: string; related: RelatedInformation } | undefined {
  if (!setting?.site || !isKnown(setting.value)) return undefined;
  let { origin } = setting.value;
  // A literal written in the attribute itself; one elsewhere in the file (a for_each map) is a source.
  if (origin.via.length === 0 && origin.uri === setting.site.uri && containsRange(setting.site.valueRange, origin.range)) return undefined;
  if (isBuiltinUri(setting.site.uri) && !isBuiltinUri(origin.uri)) {
    // A value a caller passed into a registry module's input map: the finding moves onto it, and
    // how the map passes it on inside (its own variables and calls) is nobody's to read.
    const via = origin.via.filter((step) => !step.uri || !isBuiltinUri(step.uri));
    if (via.length === 0) return undefined;
    origin = { ...origin, via };
  }
  if (!origin.uri) return { text: describeOrigin(origin, display), related: { uri: setting.uri, range: setting.site.valueRange, message: 'Set on the command line.' } };
  return {
    text: describeOrigin(origin, display),
    related: { uri: origin.uri, range: origin.range, message: `The value of ${setting.name} is written here.` },
  };
}
