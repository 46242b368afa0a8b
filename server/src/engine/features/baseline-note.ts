/**
 * What hover says about a setting when the analysis has a baseline (issue 13, item 3): the value
 * it had there when it changed ("Was `"kubenet"` at HEAD (3f2a1bc)."), or that the instance is
 * new. Nothing when the setting did not change or either side cannot be known: a hover that
 * guessed would contradict the rules, which stay silent then too.
 */
import type { AksCluster, AksModel, AksNodePool, PriorSetting, Setting } from '../aks/model.js';
import { changeOf, describePrior } from '../aks/setting-change.js';
import { escapeMarkdownText } from '../text/escape-markdown.js';

/**
 * The sentence for the setting at `path` of an instance, or undefined. `label` prefixes it when
 * the hover speaks for several instances (`` `["prod"]` ``); the sentence then starts in lower case.
 */
export function baselineNote(model: AksModel, instance: AksCluster | AksNodePool, path: string, setting: Setting, label = ''): string | undefined {
  const baseline = model.baseline;
  if (!baseline || instance.prior === undefined) return undefined;
  const at = escapeMarkdownText(baseline.label);
  const sentence = (text: string) => (label ? `${label}${text}` : `${text.charAt(0).toUpperCase()}${text.slice(1)}`);
  if (instance.prior === null) return sentence(`new since ${at}: this change creates it.`);
  const change = changeOf(instance, path, setting);
  return change ? sentence(`${describeWas(change.before)} at ${at}.`) : undefined;
}

/** `was "kubenet"` as a code span; `was not set` in words. */
function describeWas(before: PriorSetting): string {
  if (before.value === null) return 'was not set';
  return `was ${codeSpan(describePrior(before))}`;
}

/** A CommonMark code span that holds any text: its fence is longer than any run of backticks inside. */
export function codeSpan(text: string): string {
  const flat = text.replace(/[\r\n]+/g, ' ');
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}
