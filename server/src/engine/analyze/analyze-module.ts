/**
 * analyzeModule: the engine's one entry point for diagnostics. Files in, findings out: parse,
 * index the module, detect the provider, build the domain model, run every enabled rule (each
 * isolated, so one throwing rule never hides the others), apply severities and suppressions.
 */
import { extractClusters, isAksResourceType } from '../aks/extract-clusters.js';
import type { AksCluster, AksNodePool } from '../aks/model.js';
import type { AnalysisMemo } from './analysis-memo.js';
import { NetworkResolver } from '../aks/resolve-network.js';
import { RULES } from '../rules/index.js';
import { formatMessage, type HclError, type ModuleModel, type Report, type Rule } from '../rules/define-rule.js';
import type { Parsers } from '../syntax/parse-file.js';
import type { SyntaxFile } from '../syntax/syntax-tree.js';
import { Evaluator } from '../terraform/evaluate.js';
import { buildModule, type ModuleInput } from '../terraform/module.js';
import { detectProviderVersion } from '../terraform/provider-version.js';
import { compareRanges } from '../text/positions.js';
import { EditBuilder } from './edit-builder.js';
import type { CodeFix, Finding, RelatedInformation, SeveritySetting } from './findings.js';
import type { Setting } from '../aks/model.js';
import { baseName, describeOrigin, isKnown } from '../terraform/values.js';
import { isSuppressed, parseSuppressions } from './suppressions.js';

/** User settings the engine applies (config file, CLI flags, editor settings). */
export interface AnalysisSettings {
  /** Per-rule severity overrides. */
  rules?: Record<string, SeveritySetting>;
  /** Report "not checked" notes for Unknown values. */
  reportUnknown?: boolean;
}

export interface AnalysisResult {
  findings: Finding[];
  model: ModuleModel;
  /** Rules that threw, for the adapters to log; their other findings are unaffected. */
  ruleFailures: { ruleId: string; message: string }[];
}

const KNOWN_RULE_IDS: ReadonlySet<string> = new Set(RULES.map((r) => r.id));

/** Analyses one module. */
export function analyzeModule(
  input: ModuleInput,
  parsers: Parsers,
  settings: AnalysisSettings = {},
  hclErrors: Map<string, HclError[]> = new Map(),
  /** What the previous analysis of this module may lend this one (the language server keeps one). */
  memo?: AnalysisMemo,
): AnalysisResult {
  const module = buildModule(input, parsers);
  const evaluator = new Evaluator(module);
  const provider = detectProviderVersion(module, evaluator);
  memo?.begin(module, JSON.stringify([input.varFiles, input.cliVars, input.envVars, input.skipped, input.inheritedProvider, settings, [...hclErrors]]));
  const { clusters, nodePools } = extractClusters(evaluator, provider, memo?.extraction);
  const model: ModuleModel = {
    module,
    evaluator,
    provider,
    clusters,
    nodePools,
    network: new NetworkResolver(evaluator),
    hclErrors,
    reportUnknown: settings.reportUnknown ?? false,
    knownRuleIds: KNOWN_RULE_IDS,
  };
  const fileOf = (uri: string) => module.files.get(uri);
  const findings: Finding[] = [];
  const ruleFailures: AnalysisResult['ruleFailures'] = [];
  for (const rule of RULES) {
    const configured = settings.rules?.[rule.id];
    if (configured === 'off') continue;
    const run = (defaultUri: string, check: (report: (r: Report<string>) => void) => void) => {
      try {
        check((report) => {
          const finding = toFinding(rule, report, defaultUri, configured, fileOf);
          const assumed = report.majorSpecific === true && provider.source === 'assumed';
          findings.push(assumed ? softenForAssumedVersion(finding, provider.major, configured) : finding);
        });
      } catch (error) {
        ruleFailures.push({ ruleId: rule.id, message: error instanceof Error ? error.message : String(error) });
      }
    };
    /**
     * A cluster or pool rule, through the memo: reused when its group is unchanged, recorded when
     * the run looked only at its own group (see analysis-memo.ts).
     */
    const runFor = (instance: AksCluster | AksNodePool, check: (model: ModuleModel, report: (r: Report<string>) => void) => void) => {
      if (!memo) return run(instance.uri, (report) => check(model, report));
      const stored = memo.reuse(instance, rule.id);
      if (stored) {
        findings.push(...stored.findings);
        if (stored.failure) ruleFailures.push({ ruleId: rule.id, message: stored.failure });
        return;
      }
      memo.ran();
      let global = false;
      const tracked: ModuleModel = Object.create(model, {
        clusters: { get: () => ((global = true), model.clusters) },
        nodePools: { get: () => ((global = true), model.nodePools) },
      });
      evaluator.onResourceRead = (decl) => {
        if (isAksResourceType(decl.type)) global = true;
      };
      const firstFinding = findings.length;
      const firstFailure = ruleFailures.length;
      run(instance.uri, (report) => check(tracked, report));
      evaluator.onResourceRead = undefined;
      if (!global) memo.record(instance, rule.id, { findings: findings.slice(firstFinding), failure: ruleFailures[firstFailure]?.message });
    };
    if (rule.checkModule) run(module.dir, (report) => rule.checkModule!({ model, fileOf }, report));
    if (rule.checkCluster) for (const cluster of clusters) runFor(cluster, (m, report) => rule.checkCluster!({ cluster, model: m }, report));
    if (rule.checkNodePool) for (const nodePool of nodePools) runFor(nodePool, (m, report) => rule.checkNodePool!({ nodePool, model: m }, report));
  }
  memo?.end();
  const suppressions = [...module.files.values()].flatMap((file: SyntaxFile) => parseSuppressions(file));
  const kept = dedupe(findings).filter((f) => !isSuppressed(f, suppressions));
  kept.sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : compareRanges(a.range, b.range) || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0)));
  return { findings: kept, model, ruleFailures };
}

function toFinding(
  rule: Rule,
  report: Report<string>,
  defaultUri: string,
  configured: SeveritySetting | undefined,
  fileOf: (uri: string) => SyntaxFile | undefined,
): Finding {
  const build = (messageId: string, data: Record<string, string | number> | undefined, edit: (e: EditBuilder) => boolean, replacesCluster?: boolean): CodeFix | undefined => {
    const builder = new EditBuilder(fileOf);
    if (!edit(builder) || builder.edits.length === 0) return undefined;
    return { title: formatMessage(rule.messages[messageId], data), edits: builder.edits, ...(replacesCluster ? { replacesCluster } : {}) };
  };
  const source = describeSource(report.source);
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
function describeSource(setting: Setting | undefined): { text: string; related: RelatedInformation } | undefined {
  if (!setting?.attribute || !isKnown(setting.value)) return undefined;
  const { origin } = setting.value;
  if (origin.via.length === 0 && origin.uri === setting.uri) return undefined;
  if (!origin.uri) return { text: describeOrigin(origin, baseName), related: { uri: setting.uri, range: setting.attribute.expr.range, message: 'Set on the command line.' } };
  return {
    text: describeOrigin(origin, baseName),
    related: { uri: origin.uri, range: origin.range, message: `The value of ${setting.name} is written here.` },
  };
}

/** Instances of one `for_each` cluster share their source: report each finding once. */
function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.ruleId}|${f.uri}|${JSON.stringify(f.range)}|${f.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
