/**
 * Hover and completion inside the body of an azapi AKS resource. The body's settings are found
 * through the model (each written setting has a Site at its key and value), so hover works in
 * HCL objects, `jsonencode(…)` and .tf.json alike; completion, asked while a value is being typed
 * and the body may not parse, goes by the JSON name before the cursor.
 */
import { azapiDefaults } from '../aks/azapi-naming.js';
import type { AksCluster, AksModel, AksNodePool, Setting } from '../aks/model.js';
import { apiFieldOf, attributeSchema, schemaBlocks, type AttributeSchema, type SchemaBlock } from '../aks/schema/network-schema.js';
import { toApiNames } from '../analyze/form-names.js';
import type { SyntaxFile } from '../syntax/syntax-tree.js';
import type { Position, Range } from '../text/positions.js';
import { schemaBlockOf, settingsOf } from './instance-settings.js';
import { contains } from './locate.js';

/** A setting written in an azapi body, at a position. */
export interface BodySetting {
  instance: AksCluster | AksNodePool;
  setting: Setting;
  schemaBlock: SchemaBlock;
  /** Where the hover applies: the key, or the whole item. */
  range: Range;
}

/** The setting of an azapi body whose key or value holds the position. */
export function bodySettingAt(model: AksModel, uri: string, position: Position): BodySetting | undefined {
  for (const instance of [...model.clusters, ...model.nodePools]) {
    if (instance.form !== 'azapi') continue;
    for (const { setting, holder } of settingsOf(instance)) {
      const site = setting.site;
      if (!site || site.uri !== uri || !contains(site.range, position)) continue;
      const schemaBlock = schemaBlockOf(instance, setting, holder);
      if (!schemaBlock) continue;
      return { instance, setting, schemaBlock, range: contains(site.nameRange, position) ? site.nameRange : site.range };
    }
  }
  return undefined;
}

/** The hover of a body setting: JSON name and path, meaning, values and default of the API, the effective value, what it was at the baseline. */
export function describeBodySetting({ instance, setting, schemaBlock }: BodySetting, effective: string | undefined, baselineNote?: string): string[] | undefined {
  const schema = attributeSchema(5, schemaBlock, setting.name);
  const field = apiFieldOf(schemaBlock, setting.name);
  if (!schema || !field) return undefined;
  const jsonName = field.split('.').at(-1)!;
  const path = schemaBlock === 'node_pool' ? `properties.${field}` : schema.apiPath;
  const lines = [`**${jsonName}** · \`${path}\` · AKS API ${instance.apiVersion ?? ''}`.trimEnd(), '', toApiNames(schema.description)];
  const values = apiValues(schemaBlock, setting.name, schema);
  if (values) lines.push('', `- Allowed values: ${values.map((v) => `\`${v}\``).join(' · ')} (exact JSON strings)`);
  else lines.push('');
  lines.push(`- ${apiDefaultLine(instance, schemaBlock, setting.name, jsonName)}`);
  lines.push('- Changing it: azapi updates the resource in place (a PUT of the body); the AKS API accepts or refuses the change');
  if (effective) lines.push('', '**Effective value**', '', effective);
  // What it was at the baseline, next to the value (baseline-note.ts).
  if (baselineNote) lines.push('', baselineNote);
  if (schema.learnUrl) lines.push('', `[Microsoft Learn](${schema.learnUrl})`);
  return lines;
}

/** What the AKS API uses when the body leaves the field out, in words. */
function apiDefaultLine(instance: AksCluster | AksNodePool, schemaBlock: SchemaBlock, name: string, jsonName: string): string {
  const value = azapiDefaults(instance.apiVersion)(schemaBlock, name, { uri: instance.uri, presence: { state: 'present' } });
  if (!value.known) return `Default: not known to aks-netlint (the AKS API chooses when ${jsonName} is left out)`;
  if (value.value !== null) return `Default: \`${String(value.value)}\` (the AKS API's)`;
  const aks = attributeSchema(5, schemaBlock, name)?.apiDefault;
  return aks ? `Default: the AKS API chooses ${toApiNames(aks)}` : 'Default: none; the AKS API chooses';
}

/** Values the AKS API documents beyond azurerm's (input-forms.md §4.1: networkPolicy "none"). */
const API_ONLY_VALUES: Readonly<Partial<Record<SchemaBlock, Readonly<Record<string, readonly string[]>>>>> = {
  network_profile: { network_policy: ['none'] },
};

/** The exact JSON values of an enum field (azurerm's newest major, whose values are the API's, and the API's own additions). */
export function apiValues(schemaBlock: SchemaBlock, name: string, schema = attributeSchema(5, schemaBlock, name)): readonly string[] | undefined {
  if (!schema?.allowed) return undefined;
  return [...schema.allowed, ...(API_ONLY_VALUES[schemaBlock]?.[name] ?? [])];
}

/** The enum field a JSON name written in a body stands for, when only one block has it. */
export function enumFieldOfJsonName(jsonName: string): { schemaBlock: SchemaBlock; name: string; schema: AttributeSchema } | undefined {
  jsonFields ??= indexJsonFields();
  return jsonFields.get(jsonName);
}

let jsonFields: Map<string, { schemaBlock: SchemaBlock; name: string; schema: AttributeSchema }> | undefined;

function indexJsonFields() {
  const out = new Map<string, { schemaBlock: SchemaBlock; name: string; schema: AttributeSchema }>();
  const ambiguous = new Set<string>();
  for (const schemaBlock of schemaBlocks()) {
    for (const name of ['network_plugin', 'network_plugin_mode', 'network_policy', 'network_data_plane', 'network_mode', 'outbound_type', 'load_balancer_sku', 'os_type', 'priority', 'backend_pool_type', 'artifact_source']) {
      const field = apiFieldOf(schemaBlock, name);
      const schema = attributeSchema(5, schemaBlock, name);
      if (!field || !schema?.allowed) continue;
      const jsonName = field.split('.').at(-1)!;
      const seen = out.get(jsonName);
      // The same azurerm name in two blocks (a pool's os_type) is one field; two names are not.
      if (seen && seen.name !== name) ambiguous.add(jsonName);
      if (!seen) out.set(jsonName, { schemaBlock, name, schema });
    }
  }
  for (const name of ambiguous) out.delete(name);
  return out;
}

/** Whether a position is inside an `azapi_resource` block of a file. */
export function inAzapiResource(file: SyntaxFile, position: Position): boolean {
  return file.body.blocks.some((b) => b.type === 'resource' && (b.labels[0]?.value === 'azapi_resource' || b.labels[0]?.value === 'azapi_update_resource') && contains(b.range, position));
}
