/**
 * Where a finding of a module tree goes (issue "Follow the module tree", point 4): where the
 * user fixes it.
 *
 * - A value passed into a called module (the caller's argument, the root's tfvars line) is fixed
 *   where it is written: the finding moves there, the child's attribute becomes related
 *   information, and only the fixes that edit that place's module stay (a fix of the child's
 *   attribute would change every caller).
 * - A value written in the child itself stays in the child, once, naming the module calls it
 *   was found through ("via module.aks["a"], module.aks["b"] of envs/prod").
 */
import type { Setting } from '../aks/model.js';
import { builtinModuleName, isBuiltinUri } from '../terraform/builtin-modules.js';
import { isKnown } from '../terraform/values.js';
import { compareRanges, type Range } from '../text/positions.js';
import type { CodeFix, Finding } from './findings.js';

/** The directory part of a '/'-separated path. */
export const dirOf = (path: string): string => path.slice(0, Math.max(path.lastIndexOf('/'), 0));

/**
 * A finding on a setting of a called module's instance, moved to where its value was passed in.
 * The setting is the one the rule names as its source, else the one whose value the finding
 * marks.
 */
export function placeAtCaller(finding: Finding, named: Setting | undefined, instance: object, address: string): Finding {
  const source = named ?? settingAt(instance, finding.uri, finding.range);
  if (!source?.site || !isKnown(source.value)) return finding;
  const { origin } = source.value;
  const passedIn = origin.via.some((step) => / set by module\./.test(step.label));
  if (!passedIn || !origin.uri || dirOf(origin.uri) === dirOf(source.uri)) return finding;
  const home = dirOf(origin.uri);
  const keep = (fix: CodeFix) => fix.edits.every((edit) => dirOf(edit.uri) === home);
  const related = finding.related.filter((r) => !(r.uri === origin.uri && compareRanges(r.range, origin.range) === 0));
  const { fix, ...rest } = finding;
  return {
    ...rest,
    uri: origin.uri,
    range: origin.range,
    related: [{ uri: source.site.uri, range: source.site.valueRange, message: `${source.name} of ${address} takes this value.` }, ...related],
    ...(fix && keep(fix) ? { fix } : {}),
    suggestions: finding.suggestions.filter(keep),
  };
}

/**
 * A finding of a registry module read through its input map (engine/aks/registry-modules): that
 * code is nobody's file, so the finding goes where the value is written when the caller wrote it
 * (an element of an object argument), else to the argument the value is read from, else to the
 * call's `version` line (or `source`), where the module's default comes from. Related places in the map go to that line too, and fixes that
 * would edit the map are dropped.
 */
export function placeOutsideBuiltin(
  finding: Finding,
  named: Setting | undefined,
  instance: object,
  call: { uri: string; version?: Range; source?: Range; block: Range; argumentFor: (uri: string, range: Range) => Range | undefined },
): Finding {
  const callRange = call.version ?? call.source ?? call.block;
  const outside = (fix: CodeFix) => fix.edits.every((edit) => !isBuiltinUri(edit.uri));
  const related = finding.related.map((r) => (isBuiltinUri(r.uri) ? { ...r, uri: call.uri, range: callRange } : r));
  const { fix, ...rest } = finding;
  const moved = { ...rest, related, ...(fix && outside(fix) ? { fix } : {}), suggestions: finding.suggestions.filter(outside) };
  if (!isBuiltinUri(finding.uri)) return moved;
  const source = named ?? settingAt(instance, finding.uri, finding.range);
  // Known or not, a value names where it is written (an Unknown subnet id: the caller's reference).
  const origin = source?.value.origin;
  if (origin?.uri && !isBuiltinUri(origin.uri)) return { ...moved, uri: origin.uri, range: origin.range };
  // A value known only after apply: the argument the map's attribute reads, when the call sets it.
  const argument = call.argumentFor(finding.uri, finding.range);
  if (argument) return { ...moved, uri: call.uri, range: argument };
  // The module's own value (a default, or fixed in its code): the message names the release.
  const name = builtinModuleName(finding.uri);
  const message = moved.message.includes(name) ? moved.message : `${moved.message} The module ${name} sets this itself.`;
  return { ...moved, message, uri: call.uri, range: callRange };
}

/** The message of a finding in a called module, naming the calls it was found through. */
export function withCalls(finding: Finding, calls: readonly string[]): Finding {
  if (calls.length === 0) return finding;
  const base = finding.messageWithoutCalls ?? finding.message;
  const unique = [...new Set(calls)];
  return { ...finding, messageWithoutCalls: base, calls: unique, message: `${base} (via ${describeCalls(unique)})` };
}

/** `module.blue, module.green of envs/prod; module.aks of envs/dev`: the calls grouped by root. */
function describeCalls(calls: readonly string[]): string {
  const byRoot = new Map<string, string[]>();
  for (const call of calls) {
    const at = call.lastIndexOf(' of ');
    const root = at < 0 ? '' : call.slice(at + 4);
    byRoot.set(root, [...(byRoot.get(root) ?? []), at < 0 ? call : call.slice(0, at)]);
  }
  return [...byRoot].map(([root, paths]) => `${paths.join(', ')}${root ? ` of ${root}` : ''}`).join('; ');
}

/**
 * One finding per place and message: findings of several instances (or several roots, in the
 * CLI) that differ only in the calls they came through become one that names them all.
 */
export function mergeFindings(findings: readonly Finding[]): Finding[] {
  const byKey = new Map<string, Finding>();
  for (const finding of findings) {
    const key = `${finding.ruleId}|${finding.uri}|${JSON.stringify(finding.range)}|${finding.messageWithoutCalls ?? finding.message}`;
    const seen = byKey.get(key);
    if (!seen) {
      byKey.set(key, finding);
      continue;
    }
    if (finding.calls || seen.calls) byKey.set(key, withCalls(seen, [...(seen.calls ?? []), ...(finding.calls ?? [])]));
  }
  return [...byKey.values()];
}

/** The setting of a cluster or pool (nested profiles included) whose written value is at `range`. */
function settingAt(instance: object, uri: string, range: Finding['range']): Setting | undefined {
  const seen = new Set<object>();
  const visit = (node: unknown, depth: number): Setting | undefined => {
    if (node === null || typeof node !== 'object' || seen.has(node) || depth > 6) return undefined;
    seen.add(node);
    const candidate = node as Partial<Setting>;
    if (candidate.site && 'valueRange' in candidate.site && candidate.value && typeof candidate.name === 'string') {
      return candidate.site.uri === uri && compareRanges(candidate.site.valueRange, range) === 0 ? (candidate as Setting) : undefined;
    }
    for (const [key, child] of Object.entries(node)) {
      // Other resources: their settings are not this instance's.
      if (key === 'cluster' || key === 'nodePools' || key === 'vnetSubnet' || key === 'podSubnet') continue;
      const found = visit(child, depth + 1);
      if (found) return found;
    }
    return undefined;
  };
  return visit(instance, 0);
}
