/**
 * Rule messages and fix titles name settings as azurerm writes them; on a cluster or pool written
 * as an azapi body they are renamed here, in one place, to the AKS API's JSON names the body uses
 * (`network_data_plane` → `networkDataplane`), from the same schema-derived map the reader uses.
 */
import { azapiNameMap } from '../aks/azapi-naming.js';
import type { ResourceInstance } from '../aks/model.js';
import type { Finding } from './findings.js';

let pattern: RegExp | undefined;

/** A text with every azurerm setting name replaced by its JSON name (qualified names first; a name without `_`, such as `priority`, is also an English word and is left). */
export function toApiNames(text: string): string {
  const names = azapiNameMap();
  pattern ??= new RegExp(`(?<![\\w.])(${[...names.keys()].filter((n) => n.includes('_')).sort((a, b) => b.length - a.length).map((n) => n.replace(/\./g, '\\.')).join('|')})(?![\\w])`, 'g');
  return text.replace(pattern, (name: string) => names.get(name) ?? name);
}

/** A finding as the form of its instance names settings. */
export function inFormOf(finding: Finding, instance: Pick<ResourceInstance, 'form'> | undefined): Finding {
  if (instance?.form !== 'azapi') return finding;
  const { fix, ...rest } = finding;
  return {
    ...rest,
    message: toApiNames(finding.message),
    related: finding.related.map((r) => ({ ...r, message: toApiNames(r.message) })),
    ...(fix ? { fix: { ...fix, title: toApiNames(fix.title) } } : {}),
    suggestions: finding.suggestions.map((s) => ({ ...s, title: toApiNames(s.title) })),
  };
}
