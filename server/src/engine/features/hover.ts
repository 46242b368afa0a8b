/**
 * Hover on a network attribute of a cluster or node pool: what it means, its allowed values and
 * default for the detected azurerm major, what a change does to the cluster, a Microsoft Learn
 * link; for a value that is not a literal, the effective value and where it came from (or why it
 * is unknown); and the findings at that place, with links to their pages. On an argument of a
 * module call that feeds such an attribute in the called module, the same docs and, per instance
 * of the call, what it feeds and the value it takes there.
 */
import type { AnalysisResult } from '../analyze/analyze-module.js';
import type { Finding } from '../analyze/findings.js';
import { toApiNames } from '../analyze/form-names.js';
import { baseName, describeOrigin, isKnown, knownList, toPlainJson, type AksCluster, type AksModel, type AksNodePool, type PoolNetwork, type ProviderVersion, type Setting, type Subnet, type Value } from '../aks/model.js';
import { attributeSchema, type AttributeSchema } from '../aks/schema/network-schema.js';
import type { SyntaxAttribute, SyntaxBlock } from '../syntax/syntax-tree.js';
import { escapeMarkdownText } from '../text/escape-markdown.js';
import { comparePositions, containsRange, rangesMeet, type Position, type Range } from '../text/positions.js';
import { bodySettingAt, describeBodySetting } from './azapi-body.js';
import { baselineNote } from './baseline-note.js';
import { settingsOf, type HeldSetting } from './instance-settings.js';
import { contains, instancesOf, locate } from './locate.js';
import { argumentTargets, locateArgument, memberAt, type ArgumentTarget } from './module-arguments.js';
import { schemaFacts } from './schema-facts.js';

export interface HoverResult {
  markdown: string;
  range: Range;
}

/**
 * `callers`: for a file of a module other modules call, the analyses of the roots it is called
 * through (the language server's), each named (`envs/prod`): the effective value is then shown
 * per caller, since the module's own defaults are not what is deployed.
 */
export function hoverAt(
  result: AnalysisResult,
  path: string,
  position: Position,
  extra: { findings: readonly Finding[]; callers?: readonly { name: string; result: AnalysisResult }[] },
): HoverResult | undefined {
  const file = result.module.files.get(path);
  if (!file) return undefined;
  const location = locate(file, position);
  if (!location) return bodyHover(result, path, position, extra.findings) ?? argumentHover(result, path, position, extra.findings);
  if (!location.attribute || !location.schemaBlock) return undefined;
  const { attribute } = location;
  const schema = attributeSchema(result.model.provider.major, location.schemaBlock, attribute.name);
  if (!schema) return undefined;
  const effective = extra.callers
    ? extra.callers.flatMap((caller) => effectiveValues(caller.result.model, path, location.resource, attribute, caller.name))
    : effectiveValues(result.model, path, location.resource, attribute);
  const since = extra.callers
    ? extra.callers.flatMap((caller) => baselineNotes(caller.result.model, path, location.resource, attribute, caller.name))
    : baselineNotes(result.model, path, location.resource, attribute);
  const values = effective.length > 0 ? ['**Effective value**', '', ...effective] : [];
  if (since.length > 0) values.push(...(values.length > 0 ? [''] : []), ...since);
  const lines = describeAttribute(schema, result.model.provider, values);
  lines.push(...findingsHere(extra.findings, attribute.range));
  return { markdown: lines.join('\n'), range: hoverRange(attribute, position) };
}

/** Hover on a setting written in an azapi body: its JSON name, the API's values and default, the effective value. */
function bodyHover(result: AnalysisResult, path: string, position: Position, findings: readonly Finding[]): HoverResult | undefined {
  const found = bodySettingAt(result.model, path, position);
  if (!found) return undefined;
  const { setting } = found;
  const site = setting.site!;
  const literal = setting.value.known && setting.value.origin.via.length === 0 && comparePositions(setting.value.origin.range.start, site.valueRange.start) === 0;
  const subnet = subnetOf(setting, 'pool' in found.instance ? found.instance.pool : found.instance.defaultPool);
  const effective = subnet ? `- ${describeSubnet(subnet)}` : literal ? undefined : `- ${describeValue(setting.value)}`;
  const settingPath = settingsOf(found.instance).find((held) => held.setting === setting)?.path;
  const note = settingPath === undefined ? undefined : baselineNote(result.model, found.instance, settingPath, setting);
  const lines = describeBodySetting(found, effective, note);
  if (!lines) return undefined;
  lines.push(...findingsHere(findings, site.range));
  return { markdown: lines.join('\n'), range: found.range };
}

/**
 * Hover on a module argument that feeds settings of the called module: each setting's docs, as
 * for the attribute itself, and per instance of the call what it feeds and the effective value.
 */
function argumentHover(result: AnalysisResult, path: string, position: Position, findings: readonly Finding[]): HoverResult | undefined {
  const file = result.module.files.get(path)!;
  const argument = locateArgument(file, position);
  if (!argument) return undefined;
  const { attribute } = argument;
  let targets = argumentTargets(result, path, attribute.range);
  // On a member of an object argument, the settings that member's value feeds.
  const member = memberAt(attribute.expr, position);
  const fedByMember = member ? targets.filter(({ setting: { value } }) => value.known && value.origin.uri === path && containsRange(member.value.range, value.origin.range)) : [];
  if (fedByMember.length > 0) targets = fedByMember;
  if (targets.length === 0) return undefined;
  // One section per attribute fed (usually one), its rows in the model's order of instances.
  const bySchema = new Map<string, ArgumentTarget[]>();
  for (const target of targets) {
    const key = `${target.instance.form}|${target.schema.block}|${target.schema.name}`;
    bySchema.set(key, [...(bySchema.get(key) ?? []), target]);
  }
  const sections = [...bySchema.values()].map((group) => {
    const rows = [...new Set(group.map((target) => `- feeds \`${target.setting.name}\` of \`${target.instance.address}\`: ${describeFed(target, path, attribute)}${fedNote(result.model, target)}`))];
    const [{ instance, setting, schemaBlock }] = group;
    // A registry module that writes an azapi body: the API field, its values and default.
    const body = instance.form === 'azapi' ? describeBodySetting({ instance, setting, schemaBlock, range: attribute.range }, toApiNames(rows.join('\n'))) : undefined;
    return (body ?? describeAttribute(group[0].schema, result.model.provider, rows)).join('\n');
  });
  const at = fedByMember.length > 0 && member ? member : undefined;
  const lines = [sections.join('\n\n---\n\n'), ...findingsHere(findings, at?.range ?? attribute.range)];
  return { markdown: lines.join('\n'), range: at ? (contains(at.key.range, position) ? at.key.range : at.range) : hoverRange(attribute, position) };
}

/** Title, meaning, facts, then `values` (the effective value part), then the Microsoft Learn link. */
function describeAttribute(schema: AttributeSchema, provider: ProviderVersion, values: string[]): string[] {
  const lines: string[] = [];
  lines.push(`**${schema.name}** · \`${schema.block}\` · azurerm ${provider.major}.x${provider.source === 'assumed' ? ' (assumed)' : ''}`);
  lines.push('', schema.description);
  if (schema.deprecated) lines.push('', `**Deprecated:** ${schema.deprecated.note}`);
  lines.push('', ...schemaFacts(schema, { noteExactCase: true }));
  if (values.length > 0) lines.push('', ...values);
  if (schema.learnUrl) lines.push('', `[Microsoft Learn](${schema.learnUrl})`);
  return lines;
}

/** The findings at a place, with links to their pages, after a rule. */
function findingsHere(findings: readonly Finding[], range: Range): string[] {
  const here = findings.filter((f) => rangesMeet(f.range, range)).sort((a, b) => comparePositions(a.range.start, b.range.start));
  if (here.length === 0) return [];
  return ['', '---', '', '**Findings here**', '', ...here.map((f) => `- ${f.severity} [${f.ruleId}](${f.docsUrl}): ${escapeMarkdownText(f.message)}`)];
}

const hoverRange = (attribute: SyntaxAttribute, position: Position) => (contains(attribute.nameRange, position) ? attribute.nameRange : attribute.range);

/**
 * The value a setting takes from the argument: the subnet an id names; the value alone when it
 * is written in the argument; else also where the caller took it from (its var file, a for_each).
 */
function describeFed({ setting, holder, step }: ArgumentTarget, path: string, argument: SyntaxAttribute): string {
  const subnet = subnetOf(setting, holder);
  if (subnet) return describeSubnet(subnet);
  const { value } = setting;
  if (!value.known) return `unknown: ${escapeMarkdownText(value.reason)}`;
  const json = JSON.stringify(toPlainJson(value)) ?? 'a partly unknown value';
  const { origin } = value;
  if (origin.uri === path && containsRange(argument.expr.range, origin.range)) return `\`${json}\``;
  return `\`${json}\` from ${escapeMarkdownText(describeOrigin({ ...origin, via: origin.via.slice(step + 1) }, baseName))}`;
}

/** The effective value per instance, when the value is not a literal written right there. */
function effectiveValues(model: AksModel, uri: string, resource: SyntaxBlock, attribute: SyntaxAttribute, caller?: string): string[] {
  const instances = instancesOf(model, uri, resource);
  const rows: string[] = [];
  for (const instance of instances) {
    const found = findSetting(instance, uri, attribute);
    if (!found || isLiteralHere(found.setting.value, attribute)) continue;
    const { setting, holder } = found;
    // In a called module, each instance by its address from the root, and the root.
    const label = caller
      ? `\`${instance.address}\` of ${escapeMarkdownText(caller)}: `
      : instances.length > 1
        ? `\`${instance.address.slice(instance.address.indexOf('['))}\` `
        : '';
    const subnet = subnetOf(setting, holder);
    rows.push(`- ${label}${subnet ? describeSubnet(subnet) : describeValue(setting.value)}`);
  }
  return [...new Set(rows)];
}

/**
 * What the baseline says about the setting of this attribute, per instance (labelled as the
 * effective values are); one unlabelled sentence when every instance says the same.
 */
function baselineNotes(model: AksModel, uri: string, resource: SyntaxBlock, attribute: SyntaxAttribute, caller?: string): string[] {
  if (!model.baseline) return [];
  const instances = instancesOf(model, uri, resource);
  const notes = instances.map((instance) => {
    const found = findSetting(instance, uri, attribute);
    return found && { instance, found, plain: baselineNote(model, instance, found.path, found.setting) };
  });
  const said = notes.filter((note) => note?.plain !== undefined);
  if (said.length === 0) return [];
  if (!caller && said.length === instances.length && said.every((note) => note!.plain === said[0]!.plain)) return [said[0]!.plain!];
  const rows = said.map((note) => {
    const { instance, found } = note!;
    const label = caller ? `\`${instance.address}\` of ${escapeMarkdownText(caller)}: ` : `\`${instance.address.slice(instance.address.indexOf('['))}\` `;
    return `- ${baselineNote(model, instance, found.path, found.setting, label)}`;
  });
  return [...new Set(rows)];
}

/** After the value a module argument feeds, what it was at the baseline. */
function fedNote(model: AksModel, { instance, setting, path }: ArgumentTarget): string {
  const note = baselineNote(model, instance, path, setting);
  return note ? `. ${note}` : '';
}

/** The subnet a pool's subnet id names, when the model knows it. */
function subnetOf(setting: Setting, holder: object): Subnet | undefined {
  if (setting.name === 'vnet_subnet_id') return (holder as PoolNetwork).vnetSubnet;
  if (setting.name === 'pod_subnet_id') return (holder as PoolNetwork).podSubnet;
  return undefined;
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

/** The model's setting for this attribute of the file `uri` (the one whose site is the attribute), and the object that holds it. */
function findSetting(instance: AksCluster | AksNodePool, uri: string, attribute: SyntaxAttribute): HeldSetting | undefined {
  return settingsOf(instance).find(({ setting }) => setting.site && setting.site.uri === uri && sameRange(setting.site.range, attribute.range));
}

const sameRange = (a: Range, b: Range) => comparePositions(a.start, b.start) === 0 && comparePositions(a.end, b.end) === 0;
