/**
 * Facts derived from several settings that more than one rule needs: the effective data plane
 * (3.x also spelled it `ebpf_data_plane`), whether the cluster is overlay, where to point when an
 * attribute is missing, and whether an edit would replace an existing cluster.
 */
import { parseCidr, type Cidr, type IpAddress } from '../cidr/cidr-math.js';
import { containsRange, type Range } from '../text/positions.js';
import { isKnown, knownList, knownString, type AksCluster, type AttributeSite, type BlockPresence, type ProviderVersion, type Setting, type Value } from './model.js';
import { aksDefault, isAtLeastVersion, type Version } from './schema/network-schema.js';

/** The data plane setting that decides, and its Known value (`network_data_plane` wins). */
export function effectiveDataPlane(cluster: AksCluster): { setting: Setting; value: string | undefined } {
  const { dataPlane, ebpfDataPlane } = cluster.network;
  if (dataPlane.state === 'absent' && ebpfDataPlane.state === 'set') {
    return { setting: ebpfDataPlane, value: knownString(ebpfDataPlane.value) };
  }
  return { setting: dataPlane, value: knownString(dataPlane.value) };
}

/** Whether the cluster uses Azure CNI Overlay: true, false, or undefined when not known. */
export function isOverlay(cluster: AksCluster): boolean | undefined {
  const mode = cluster.network.pluginMode;
  if (mode.state === 'unknown') return undefined;
  if (mode.state === 'absent') return false;
  const value = knownString(mode.value);
  if (value !== undefined) return value.toLowerCase() === 'overlay';
  return isKnown(mode.value) && mode.value.value === null ? false : undefined;
}

/** The range of a setting's value; for an absent setting, the header of its block (or the cluster label). */
export function settingRange(setting: Setting, holder: BlockPresence, cluster: AksCluster): Range {
  if (setting.site) return setting.site.valueRange;
  return holder.site?.typeRange ?? cluster.site.labelRange;
}

/** Whether a Known setting equals one of the values. */
export function settingIs(setting: Setting, ...values: string[]): boolean {
  const value = knownString(setting.value);
  return value !== undefined && values.includes(value);
}

/**
 * How a suggestion that changes a live cluster reads, for a change azurerm makes in place from
 * release `since` on (the schema's `inPlace`; rp-rules.md §I) and replaces the cluster before:
 * the title's note and whether it is marked as replacing. An unknown minor says "may replace";
 * a change the schema never makes in place replaces. azapi plans every body change as an
 * in-place update (input-forms.md §4.2): the AKS API then accepts or refuses it.
 */
export function inPlaceFrom(
  /** The cluster (or just its azurerm provider, for a cluster written as azurerm resources). */
  of: ProviderVersion | { provider: ProviderVersion; form: 'azurerm' | 'azapi' },
  since: Version | undefined,
  inPlaceNote: string,
  what = 'an existing cluster',
): { note: string; replacesCluster: boolean } {
  const provider = 'major' in of ? of : of.provider;
  if ('form' in of && of.form === 'azapi') return { note: ` (azapi updates ${what} in place: the AKS API accepts or refuses the change)`, replacesCluster: false };
  if (since === undefined) return { note: ` (replaces ${what})`, replacesCluster: true };
  const inPlace = isAtLeastVersion(provider, since);
  if (inPlace === true) return { note: ` (${inPlaceNote})`, replacesCluster: false };
  return { note: ` (${inPlace === false ? 'replaces' : 'may replace'} ${what}: in place only from azurerm ${since})`, replacesCluster: true };
}

/**
 * The range to report for one element of a list setting: the element itself when it is written
 * literally in the attribute, otherwise the attribute's whole value (the element then lives in a
 * variable or local, in another place or file).
 */
export function elementRange(setting: Setting, element: Value): Range | undefined {
  const site = setting.site;
  if (!site) return undefined;
  if (isKnown(element) && element.origin.uri === setting.uri && element.origin.via.length === 0 && containsRange(site.valueRange, element.origin.range)) {
    return element.origin.range;
  }
  return site.valueRange;
}

/** The service range a DNS service IP belongs to: service_cidr, or the service_cidrs entry of its IP family. */
export function serviceRangeFor(
  cluster: AksCluster,
  ip: IpAddress,
): { text: string; cidr: Cidr; setting: Setting; uri: string; range: Range | undefined } | undefined {
  const { serviceCidr, serviceCidrs } = cluster.network;
  const single = knownString(serviceCidr.value);
  if (single !== undefined) {
    const cidr = parseCidr(single);
    return cidr ? { text: single, cidr, setting: serviceCidr, uri: serviceCidr.uri, range: serviceCidr.site?.valueRange } : undefined;
  }
  if (serviceCidr.state !== 'absent') return undefined;
  for (const element of knownList(serviceCidrs.value) ?? []) {
    const text = knownString(element);
    const cidr = text ? parseCidr(text) : undefined;
    if (text && cidr?.version === ip.version) return { text, cidr, setting: serviceCidrs, uri: serviceCidrs.uri, range: elementRange(serviceCidrs, element) };
  }
  return undefined;
}

/**
 * Whether an id-like setting is surely set: a Known non-empty string, or a reference to another
 * resource's attribute (known after apply, but never null). A variable that is not known could
 * still be null, so it does not count.
 */
export function isSurelySet(setting: Setting): boolean {
  if (setting.state !== 'set') return false;
  if (isKnown(setting.value)) return typeof setting.value.value === 'string' && setting.value.value !== '';
  return setting.value.ref !== undefined;
}

/** The pod range AKS uses for overlay and kubenet when neither pod_cidr nor pod_cidrs is set. */
export const DEFAULT_POD_CIDR = String(aksDefault('network_profile', 'pod_cidr'));

/**
 * The pod ranges of an overlay or kubenet cluster: pod_cidr, the Known entries of pod_cidrs, or
 * the AKS default when both are unset. Undefined when they cannot be known.
 */
export function podRangesOf(cluster: AksCluster): { text: string; implicit: boolean; setting: Setting; range?: Range }[] | undefined {
  const { podCidr, podCidrs } = cluster.network;
  const single = knownString(podCidr.value);
  if (single !== undefined) return [{ text: single, implicit: false, setting: podCidr, range: podCidr.site?.valueRange }];
  // `pod_cidr = null` is unset to Terraform; the finding still points at what the user wrote.
  if (podCidr.state === 'absent' && podCidrs.state === 'absent') {
    return [{ text: DEFAULT_POD_CIDR, implicit: true, setting: podCidr, range: podCidr.site?.valueRange }];
  }
  if (podCidr.state !== 'absent') return undefined;
  const list = knownList(podCidrs.value);
  if (!list || list.some((v) => knownString(v) === undefined)) return undefined;
  return list.map((v) => ({ text: knownString(v)!, implicit: false, setting: podCidrs, range: elementRange(podCidrs, v) }));
}

/** The service range AKS uses when neither service_cidr nor service_cidrs is set. */
export const DEFAULT_SERVICE_CIDR = String(aksDefault('network_profile', 'service_cidr'));

/**
 * The service ranges of a cluster: service_cidr, the Known entries of service_cidrs, or the AKS
 * default when both are unset. `uri` and `range` are where a finding about that range points.
 */
export function serviceRangesOf(cluster: AksCluster): { text: string; name: string; implicit: boolean; uri: string; range: Range; setting?: Setting }[] {
  const { serviceCidr, serviceCidrs, site } = cluster.network;
  if (cluster.network.state === 'unknown') return [];
  const header = site?.typeRange ?? cluster.site.labelRange;
  const single = knownString(serviceCidr.value);
  if (single !== undefined) {
    return [{ text: single, name: 'service_cidr', implicit: false, uri: serviceCidr.uri, range: serviceCidr.site?.valueRange ?? header, setting: serviceCidr }];
  }
  if (serviceCidr.state === 'absent' && serviceCidrs.state === 'absent') {
    // An unset setting's file is that of the block lacking it, where `header` is.
    return [{ text: DEFAULT_SERVICE_CIDR, name: 'service_cidr', implicit: true, uri: serviceCidr.uri, range: header }];
  }
  if (serviceCidr.state !== 'absent') return [];
  return (knownList(serviceCidrs.value) ?? []).flatMap((item) => {
    const text = knownString(item);
    return text === undefined ? [] : [{ text, name: 'service_cidrs', implicit: false, uri: serviceCidrs.uri, range: elementRange(serviceCidrs, item) ?? header }];
  });
}

/**
 * The places that show a range read from a list attribute of another resource (a VNet's
 * address_space, a subnet's address_prefixes): the element itself when it is written literally
 * there, else the whole attribute; and, when the value is written elsewhere (a tfvars file, a
 * variable default, a local), that literal too.
 */
export function rangeDeclaration(
  item: Value,
  declaration: { uri: string; site?: AttributeSite },
  message: string,
): { uri: string; range: Range; message: string }[] {
  const out: { uri: string; range: Range; message: string }[] = [];
  const declared = declaration.site?.valueRange;
  // The attribute may be written in an override file, not in its resource's file.
  const uri = declaration.site?.uri ?? declaration.uri;
  const literalHere = isKnown(item) && item.origin.uri === uri && item.origin.via.length === 0 && declared !== undefined && containsRange(declared, item.origin.range);
  const range = literalHere ? item.origin.range : declared;
  if (range) out.push({ uri, range, message });
  if (isKnown(item) && !literalHere && item.origin.uri && item.origin.literal === true) {
    out.push({ uri: item.origin.uri, range: item.origin.range, message: `${knownString(item) ?? 'The value'} is written here.` });
  }
  return out;
}

/** How pods get their addresses (domain/network-profile.md §1): the one place the mode is derived. */
export type IpamMode = 'kubenet' | 'nodeSubnet' | 'podSubnet' | 'overlay' | 'byo';

/** A choice, or why it is not known. */
export type Decided<T extends string> = { value: T; reason?: undefined } | { value: 'unknown'; reason: string };

const unknownBecause = (reason: string) => ({ value: 'unknown' as const, reason });

/** Why a value is not a Known string, in words. */
export function reasonOf(setting: Setting): string {
  const value = setting.value;
  if (!isKnown(value)) return value.reason;
  if (value.value === null) return `${setting.name} is not set`;
  return `${setting.name} is not a string`;
}

/** The IPAM mode: which plugin, overlay or not, and for Azure CNI whether pods have their own subnet. */
export function ipamModeOf(cluster: AksCluster): Decided<IpamMode> {
  const { network, defaultPool } = cluster;
  if (network.state === 'absent') return unknownBecause('network_profile is not set: AKS chooses the network plugin');
  const plugin = knownString(network.plugin.value);
  if (plugin === undefined) return unknownBecause(reasonOf(network.plugin));
  if (plugin === 'kubenet') return { value: 'kubenet' };
  if (plugin === 'none') return { value: 'byo' };
  if (plugin !== 'azure') return unknownBecause(`network_plugin "${plugin}" is not a value AKS accepts`);
  const overlay = isOverlay(cluster);
  if (overlay === undefined) return unknownBecause(reasonOf(network.pluginMode));
  if (overlay) return { value: 'overlay' };
  const podSubnet = defaultPool.podSubnetId;
  if (isSurelySet(podSubnet)) return { value: 'podSubnet' };
  if (podSubnet.state === 'absent') return { value: 'nodeSubnet' };
  return unknownBecause(`whether pods have their own subnet is not known: ${reasonOf(podSubnet)}`);
}

/** Whether pods take their addresses from a pod CIDR (overlay and kubenet), surely. */
export function usesPodCidr(cluster: AksCluster): boolean {
  const mode = ipamModeOf(cluster).value;
  return mode === 'overlay' || mode === 'kubenet';
}
