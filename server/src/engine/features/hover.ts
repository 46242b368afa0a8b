/**
 * Hover on a network attribute of a cluster or node pool: what it means, its allowed values and
 * default for the detected azurerm major, what a change does to the cluster, a Microsoft Learn
 * link; for a value that is not a literal, the effective value and where it came from (or why it
 * is unknown); and the findings at that place, with links to their pages.
 */
import type { AnalysisResult } from '../analyze/analyze-module.js';
import type { Finding } from '../analyze/findings.js';
import type { AksCluster, AksNodePool, Setting } from '../aks/model.js';
import { attributeSchema } from '../aks/schema/network-schema.js';
import type { ModuleModel } from '../rules/define-rule.js';
import type { SyntaxAttribute } from '../syntax/syntax-tree.js';
import type { SubnetInfo } from '../aks/resolve-network.js';
import { baseName, describeOrigin, isKnown, knownList, toPlainJson, type Value } from '../terraform/values.js';
import { escapeMarkdownText } from '../text/escape-markdown.js';
import { comparePositions, rangesMeet, type Position, type Range } from '../text/positions.js';
import { contains, instancesOf, locate } from './locate.js';
import { schemaFacts } from './schema-facts.js';

export interface HoverResult {
  markdown: string;
  range: Range;
}

export function hoverAt(result: AnalysisResult, path: string, position: Position, extra: { findings: readonly Finding[] }): HoverResult | undefined {
  const file = result.model.module.files.get(path);
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
  const effective = effectiveValues(result.model, location.resource, attribute);
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
function effectiveValues(model: ModuleModel, resource: AksCluster['block'], attribute: SyntaxAttribute): string[] {
  const instances = instancesOf(model, resource);
  const rows: string[] = [];
  for (const instance of instances) {
    const setting = findSetting(instance, attribute);
    if (!setting || isLiteralHere(setting.value, attribute)) continue;
    const label = instances.length > 1 ? `\`${instance.address.slice(instance.address.indexOf('['))}\` ` : '';
    const subnet = /^(vnet|pod)_subnet_id$/.test(setting.name) ? model.network.subnetOf(setting) : undefined;
    rows.push(`- ${label}${subnet ? describeSubnet(subnet) : describeValue(setting.value)}`);
  }
  if (rows.length === 0) return [];
  return ['**Effective value**', '', ...new Set(rows)];
}

/** A subnet id is known only after apply; the subnet it names is what matters. */
function describeSubnet(subnet: SubnetInfo): string {
  const prefixes = isKnown(subnet.addressPrefixes) ? knownList(subnet.addressPrefixes)?.map((p) => (isKnown(p) ? String(p.value) : 'unknown')) : undefined;
  const where = `${baseName(subnet.uri)}:${subnet.block.range.start.line + 1}`;
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

/** The model's setting for this attribute: the Setting object built from it. */
function findSetting(instance: AksCluster | AksNodePool, attribute: SyntaxAttribute): Setting | undefined {
  const seen = new Set<unknown>();
  const visit = (node: unknown): Setting | undefined => {
    if (!node || typeof node !== 'object' || seen.has(node)) return undefined;
    seen.add(node);
    if (isSetting(node) && node.attribute === attribute) return node;
    for (const [key, child] of Object.entries(node)) {
      // Do not wander into other resources or the syntax tree.
      if (key === 'block' || key === 'attribute' || key === 'cluster' || key === 'nodePools' || key === 'provider' || key === 'value') continue;
      const found = visit(child);
      if (found) return found;
    }
    return undefined;
  };
  return visit(instance);
}

function isSetting(node: object): node is Setting {
  return 'state' in node && 'value' in node && 'name' in node && 'uri' in node;
}

