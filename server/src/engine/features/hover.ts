/**
 * Hover on a network attribute of a cluster or node pool: what it means, its allowed values and
 * default for the detected azurerm major, what a change does to the cluster, a Microsoft Learn
 * link; for a value that is not a literal, the effective value and where it came from (or why it
 * is unknown); and the findings at that place, with links to their pages.
 */
import type { AnalysisResult } from '../analyze/analyze-module.js';
import type { Finding } from '../analyze/findings.js';
import { baseName, describeOrigin, isKnown, knownList, toPlainJson, type AksCluster, type AksModel, type AksNodePool, type PoolNetwork, type Setting, type Subnet, type Value } from '../aks/model.js';
import { attributeSchema } from '../aks/schema/network-schema.js';
import type { SyntaxAttribute, SyntaxBlock } from '../syntax/syntax-tree.js';
import { escapeMarkdownText } from '../text/escape-markdown.js';
import { comparePositions, rangesMeet, type Position, type Range } from '../text/positions.js';
import { contains, instancesOf, locate } from './locate.js';
import { schemaFacts } from './schema-facts.js';

export interface HoverResult {
  markdown: string;
  range: Range;
}

export function hoverAt(result: AnalysisResult, path: string, position: Position, extra: { findings: readonly Finding[] }): HoverResult | undefined {
  const file = result.module.files.get(path);
  if (!file) return undefined;
  const location = locate(file, position);
  if (!location?.attribute || !location.schemaBlock) return undefined;
  const { attribute } = location;
  const provider = result.model.provider;
  const schema = attributeSchema(provider.major, location.schemaBlock, attribute.name);
  if (!schema) return undefined;
  const lines: string[] = [];
  lines.push(`**${schema.name}** · \`${location.schemaBlock}\` · azurerm ${provider.major}.x${provider.source === 'assumed' ? ' (assumed)' : ''}`);
  lines.push('', schema.description);
  if (schema.deprecated) lines.push('', `**Deprecated:** ${schema.deprecated.note}`);
  lines.push('', ...schemaFacts(schema, { noteExactCase: true }));
  const effective = effectiveValues(result.model, path, location.resource, attribute);
  if (effective.length > 0) lines.push('', ...effective);
  if (schema.learnUrl) lines.push('', `[Microsoft Learn](${schema.learnUrl})`);
  const here = extra.findings.filter((f) => rangesMeet(f.range, attribute.range)).sort((a, b) => comparePositions(a.range.start, b.range.start));
  if (here.length > 0) {
    lines.push('', '---', '', '**Findings here**', '');
    for (const finding of here) lines.push(`- ${finding.severity} [${finding.ruleId}](${finding.docsUrl}): ${escapeMarkdownText(finding.message)}`);
  }
  return { markdown: lines.join('\n'), range: contains(attribute.nameRange, position) ? attribute.nameRange : attribute.range };
}

/** The effective value per instance, when the value is not a literal written right there. */
function effectiveValues(model: AksModel, uri: string, resource: SyntaxBlock, attribute: SyntaxAttribute): string[] {
  const instances = instancesOf(model, uri, resource);
  const rows: string[] = [];
  for (const instance of instances) {
    const found = findSetting(instance, attribute);
    if (!found || isLiteralHere(found.setting.value, attribute)) continue;
    const { setting, holder } = found;
    const label = instances.length > 1 ? `\`${instance.address.slice(instance.address.indexOf('['))}\` ` : '';
    const subnet = setting.name === 'vnet_subnet_id' ? (holder as PoolNetwork).vnetSubnet : setting.name === 'pod_subnet_id' ? (holder as PoolNetwork).podSubnet : undefined;
    rows.push(`- ${label}${subnet ? describeSubnet(subnet) : describeValue(setting.value)}`);
  }
  if (rows.length === 0) return [];
  return ['**Effective value**', '', ...new Set(rows)];
}

/** A subnet id is known only after apply; the subnet it names is what matters. */
function describeSubnet(subnet: Subnet): string {
  const prefixes = isKnown(subnet.addressPrefixes) ? knownList(subnet.addressPrefixes)?.map((p) => (isKnown(p) ? String(p.value) : 'unknown')) : undefined;
  const where = `${baseName(subnet.uri)}:${subnet.site.range.start.line + 1}`;
  const vnet = subnet.vnet ? `, in VNet \`${subnet.vnet.address}\`` : '';
  const ranges = prefixes ? `address prefixes ${prefixes.map((p) => `\`${p}\``).join(', ')}` : `address prefixes unknown: ${escapeMarkdownText(subnet.addressPrefixes.known ? 'not a list' : subnet.addressPrefixes.reason)}`;
  return `the subnet \`${subnet.address}\` (${where}${vnet}): ${ranges}`;
}

function describeValue(value: Value): string {
  if (!value.known) return `unknown: ${escapeMarkdownText(value.reason)}`;
  const json = JSON.stringify(toPlainJson(value));
  return `\`${json ?? 'a partly unknown value'}\` from ${escapeMarkdownText(describeOrigin(value.origin, baseName))}`;
}

/** A literal value at the attribute itself needs no "effective value": the user sees it. */
function isLiteralHere(value: Value, attribute: SyntaxAttribute): boolean {
  if (!value.known || value.origin.via.length > 0) return false;
  return value.origin.range.start.line === attribute.expr.range.start.line && value.origin.range.start.character === attribute.expr.range.start.character;
}

/** The model's setting for this attribute (the one whose site is the attribute), and the object that holds it. */
function findSetting(instance: AksCluster | AksNodePool, attribute: SyntaxAttribute): { setting: Setting; holder: object } | undefined {
  const seen = new Set<unknown>();
  const visit = (node: unknown, holder: object): { setting: Setting; holder: object } | undefined => {
    if (!node || typeof node !== 'object' || seen.has(node)) return undefined;
    seen.add(node);
    if (isSetting(node) && node.site && node.uri === instance.uri && sameRange(node.site.range, attribute.range)) return { setting: node, holder };
    for (const [key, child] of Object.entries(node)) {
      // Do not wander into other resources or the network around them.
      if (SKIPPED_KEYS.has(key)) continue;
      const found = visit(child, node);
      if (found) return found;
    }
    return undefined;
  };
  return visit(instance, instance);
}

const SKIPPED_KEYS = new Set(['site', 'cluster', 'nodePools', 'provider', 'value', 'vnetSubnet', 'podSubnet']);

const sameRange = (a: Range, b: Range) => comparePositions(a.start, b.start) === 0 && comparePositions(a.end, b.end) === 0;

function isSetting(node: object): node is Setting {
  return 'state' in node && 'value' in node && 'name' in node && 'uri' in node;
}

