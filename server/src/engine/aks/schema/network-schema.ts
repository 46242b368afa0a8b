/**
 * The network schema of `azurerm_kubernetes_cluster` and `azurerm_kubernetes_cluster_node_pool`:
 * lookups over the data of network-attributes.ts, which is nested as the blocks are
 * (hashicorp/hcl-lang style).
 * Every version fact lives here once: when an attribute or value exists (`since`/`until`), which
 * changes azurerm makes in place from which release (`inPlace`), and the provider behaviours rules
 * depend on (`facts`). Each attribute also names its field in the AKS API body (`apiPath`), which
 * readers of azapi bodies and plan files use. Rules, hover, completion and the readers ask here.
 */
import { SUPPORTED_MAJORS, type ProviderMajor, type ProviderVersion } from '../../terraform/provider-version.js';
import { CLUSTER_BLOCKS, NODE_POOL, type AksDefault, type AllowedValue, type AttributeSpec, type BlockSpec, type InPlaceChange, type SchemaBlock } from './network-attributes.js';
import { holdsFor, holdsInMajor, type Version, type VersionSpan } from './versions.js';

export { holdsFor, isAtLeastVersion, type Version, type VersionSpan } from './versions.js';
export type { AksDefault, AllowedValue, InPlaceChange, SchemaBlock } from './network-attributes.js';

/** An attribute as one major of the provider has it: what rules, hover and completion read. */
export interface AttributeSchema extends VersionSpan {
  name: string;
  block: SchemaBlock;
  type: AttributeSpec['type'];
  /** Values some release of this major accepts, exact case. */
  allowed?: readonly string[];
  /** The values of `allowed` that only some releases accept. */
  allowedInSome?: readonly AllowedValue[];
  schemaDefault?: string | number | boolean;
  apiDefault?: string;
  aksDefault?: AksDefault;
  onChange: string;
  inPlace?: readonly InPlaceChange[];
  deprecated?: { replacement?: string; note: string; since?: Version };
  facts?: Readonly<Record<string, VersionSpan>>;
  description: string;
  learnUrl?: string;
  /** `properties.networkProfile.networkPolicy`. */
  apiPath: string;
}

/**
 * How a resource's body maps to schema blocks: a node pool resource's body is the `node_pool`
 * block; a cluster's own top-level attributes are not network attributes, its blocks are.
 */
export function resourceSchema(type: 'azurerm_kubernetes_cluster' | 'azurerm_kubernetes_cluster_node_pool'): { body?: SchemaBlock; blocks: SchemaBlock[] } {
  return type === 'azurerm_kubernetes_cluster' ? { blocks: CLUSTER_BLOCKS.map((b) => b.name) } : { body: 'node_pool', blocks: childBlocks('node_pool') };
}

// ---------------------------------------------------------------------------------------------
// Lookups

const BLOCKS = new Map<SchemaBlock, { spec: BlockSpec; apiPath: string }>();
function index(spec: BlockSpec, parentApi: string): void {
  const apiPath = parentApi ? `${parentApi}.${spec.api}` : spec.api;
  // upgrade_settings sits in both pool kinds; the default pool's path is the one kept.
  if (!BLOCKS.has(spec.name)) BLOCKS.set(spec.name, { spec, apiPath });
  for (const child of spec.blocks) index(child, apiPath);
}
for (const spec of CLUSTER_BLOCKS) index(spec, '');
index(NODE_POOL, '');

const valueOf = (value: string | AllowedValue): AllowedValue => (typeof value === 'string' ? { value } : value);

function withoutInMajor(spec: AttributeSpec): Omit<AttributeSpec, 'inMajor'> {
  const { inMajor: _differences, ...rest } = spec;
  return rest;
}

function resolve(spec: AttributeSpec, block: SchemaBlock, apiPath: string, major: ProviderMajor): AttributeSchema {
  const { api, allowed, ...rest } = { ...withoutInMajor(spec), ...spec.inMajor?.[major] };
  const values = allowed?.map(valueOf).filter((v) => holdsInMajor(major, v));
  const gated = values?.filter((v) => v.since !== undefined || v.until !== undefined);
  return {
    ...rest,
    block,
    ...(values ? { allowed: values.map((v) => v.value) } : {}),
    ...(gated && gated.length > 0 ? { allowedInSome: gated } : {}),
    apiPath: `${apiPath}.${api}`,
  };
}

/** The schema of one attribute in one major, or undefined if no release of that major has it. */
export function attributeSchema(major: ProviderMajor, block: SchemaBlock, name: string): AttributeSchema | undefined {
  const entry = BLOCKS.get(block);
  const spec = entry?.spec.attributes.find((a) => a.name === name && holdsInMajor(major, a));
  return entry && spec ? resolve(spec, block, entry.apiPath, major) : undefined;
}

/** Every attribute of a block in one major. */
export function blockSchema(major: ProviderMajor, block: SchemaBlock): AttributeSchema[] {
  const entry = BLOCKS.get(block);
  if (!entry) return [];
  return entry.spec.attributes.filter((a) => holdsInMajor(major, a)).map((a) => resolve(a, block, entry.apiPath, major));
}

/** The blocks nested directly in a schema block. */
export function childBlocks(block: SchemaBlock): SchemaBlock[] {
  return BLOCKS.get(block)?.spec.blocks.map((b) => b.name) ?? [];
}

/** The releases a block exists in. */
export function blockVersions(block: SchemaBlock): VersionSpan {
  const spec = BLOCKS.get(block)?.spec;
  return { ...(spec?.since ? { since: spec.since } : {}), ...(spec?.until ? { until: spec.until } : {}) };
}

/**
 * Whether a provider behaviour named in the schema holds for the module's provider (of a block,
 * or of one of its attributes): undefined when that depends on a minor that is not known.
 */
export function factHolds(provider: ProviderVersion, block: SchemaBlock, attribute: string | undefined, fact: string): boolean | undefined {
  const spec = BLOCKS.get(block)?.spec;
  const owner = attribute === undefined ? spec : spec?.attributes.find((a) => a.name === attribute);
  const span = owner?.facts?.[fact];
  return span ? holdsFor(provider, span) : false;
}

/** Whether the module's provider has an attribute (by release): undefined when the minor matters and is not known. */
export function attributeExists(provider: ProviderVersion, block: SchemaBlock, name: string): boolean | undefined {
  const spec = BLOCKS.get(block)?.spec.attributes.find((a) => a.name === name);
  return spec ? holdsFor(provider, spec) : false;
}

/** Whether the module's provider accepts a value of an enum attribute: undefined when the minor matters and is not known. */
export function valueAccepted(provider: ProviderVersion, block: SchemaBlock, name: string, value: string): boolean | undefined {
  const spec = BLOCKS.get(block)?.spec.attributes.find((a) => a.name === name);
  const allowed = { ...spec, ...spec?.inMajor?.[provider.major] }.allowed?.map(valueOf).find((v) => v.value === value);
  return allowed ? holdsFor(provider, allowed) : false;
}

/** The release from which azurerm changes an attribute from one value to another in place, if any. */
export function inPlaceSince(block: SchemaBlock, name: string, from: string | undefined, to: string): Version | undefined {
  const spec = BLOCKS.get(block)?.spec.attributes.find((a) => a.name === name);
  return spec?.inPlace?.find((c) => c.to === to && (c.from === undefined || c.from === from))?.since;
}

/** The release from which a value of an attribute is accepted, when only some releases accept it. */
export function valueSince(block: SchemaBlock, name: string, value: string): Version | undefined {
  const spec = BLOCKS.get(block)?.spec.attributes.find((a) => a.name === name);
  return spec?.allowed?.map(valueOf).find((v) => v.value === value)?.since;
}

/** Whether some supported major accepts a value of an enum attribute (a value wrong only on this one). */
export function acceptedInSomeMajor(block: SchemaBlock, name: string, value: string): boolean {
  return SUPPORTED_MAJORS.some((major) => attributeSchema(major, block, name)?.allowed?.includes(value) === true);
}

/**
 * What AKS uses when an attribute is omitted, as a value (for one IPAM mode where it depends on
 * it): undefined when the schema gives none.
 */
export function aksDefault(block: SchemaBlock, name: string, mode?: 'kubenet' | 'nodeSubnet' | 'podSubnet' | 'overlay'): string | number | undefined {
  const value = BLOCKS.get(block)?.spec.attributes.find((a) => a.name === name)?.aksDefault;
  if (value === undefined || typeof value !== 'object') return value;
  return mode === undefined ? undefined : value[mode];
}

/**
 * An attribute's field in the AKS API body, below its block's object (`managedOutboundIPs.count`):
 * undefined for names azurerm has removed (`ebpf_data_plane`, `enable_node_public_ip`...), which
 * are aliases of the provider, not fields of the API.
 */
export function apiFieldOf(block: SchemaBlock, name: string): string | undefined {
  const spec = BLOCKS.get(block)?.spec.attributes.find((a) => a.name === name && a.until === undefined);
  return spec?.api;
}

/** A block's field in the AKS API body, below its parent's object (`properties.agentPoolProfiles[0]` for the default pool). */
export function blockApiField(block: SchemaBlock): string | undefined {
  return BLOCKS.get(block)?.spec.api;
}

/** Every attribute name of a block with its API field (removed aliases left out), for name maps. */
export function apiFieldsOf(block: SchemaBlock): { name: string; api: string }[] {
  return (BLOCKS.get(block)?.spec.attributes ?? []).filter((a) => a.until === undefined).map((a) => ({ name: a.name, api: a.api }));
}

/** Every schema block. */
export function schemaBlocks(): SchemaBlock[] {
  return [...BLOCKS.keys()];
}
