const unknownBecause = (reason: string) => ({ value: 'unknown' as const, reason });

/**
 * The effective network choices the diagram draws, each with the reason when it cannot be known:
 * the IPAM mode, the data plane, the policy engine and the outbound type. Decided from the domain
 * model only; a value that is not Known is never replaced by a guess (DESIGN.md §4).
 */
import type { AksCluster, BlockPresence, Setting } from '../../aks/model.js';
import { effectiveDataPlane, reasonOf, settingRange, type Decided } from '../../aks/network-facts.js';
import { isKnown, knownList, knownString, type Value } from '../../aks/model.js';
import type { DataPlaneKind, SourceLocation } from './packet-flow-graph.js';

export { ipamModeOf, reasonOf, type Decided } from '../../aks/network-facts.js';

/** The data plane: `network_data_plane` (3.x: `ebpf_data_plane`); unset on 3.x is AKS's default, azure. */
export function dataPlaneOf(cluster: AksCluster): Decided<Exclude<DataPlaneKind, 'unknown'>> {
  const { setting, value } = effectiveDataPlane(cluster);
  if (value === 'azure' || value === 'cilium') return { value };
  if (value !== undefined) return unknownBecause(`network_data_plane "${value}" is not a value AKS accepts`);
  // 3.x sends nothing when the attribute is absent; the AKS API then uses the Azure data plane.
  if (setting.state === 'absent' && cluster.network.state === 'present' && isKnown(setting.value) && setting.value.value === null) return { value: 'azure' };
  if (cluster.network.state === 'absent') return unknownBecause('network_profile is not set: AKS chooses the data plane');
  return unknownBecause(reasonOf(setting));
}

/** The network policy engines AKS offers, and none. */
export type PolicyEngine = 'none' | 'azure' | 'calico' | 'cilium';

/** The network policy engine; unset means none, except with Cilium, where AKS does not document what it stores. */
export function policyOf(cluster: AksCluster, dataPlane: Decided<Exclude<DataPlaneKind, 'unknown'>>): Decided<PolicyEngine> {
  const { policy } = cluster.network;
  const value = knownString(policy.value);
  if (value === 'azure' || value === 'calico' || value === 'cilium') return { value };
  if (value !== undefined) return unknownBecause(`network_policy "${value}" is not a value AKS accepts`);
  if (policy.state === 'absent' && isKnown(policy.value)) {
    if (cluster.network.state === 'absent') return unknownBecause('network_profile is not set: AKS chooses the policy engine');
    if (dataPlane.value === 'cilium') return unknownBecause('network_policy is not set with the Cilium data plane: AKS does not document which engine it stores');
    if (dataPlane.value === 'unknown') return unknownBecause('network_policy is not set and the data plane is not known');
    return { value: 'none' };
  }
  return unknownBecause(reasonOf(policy));
}

/** The outbound types the provider accepts. */
export type OutboundType = 'loadBalancer' | 'managedNATGateway' | 'userAssignedNATGateway' | 'userDefinedRouting' | 'none';
const OUTBOUND_TYPES: readonly string[] = ['loadBalancer', 'managedNATGateway', 'userAssignedNATGateway', 'userDefinedRouting', 'none'];

/** How egress leaves the cluster (`outbound_type`, schema default `loadBalancer` inside network_profile). */
export function outboundTypeOf(cluster: AksCluster): Decided<OutboundType> {
  const { outboundType } = cluster.network;
  if (cluster.network.state === 'absent') return unknownBecause('network_profile is not set: AKS chooses the outbound type');
  const value = knownString(outboundType.value);
  if (value !== undefined && OUTBOUND_TYPES.includes(value)) return { value: value as OutboundType };
  if (value !== undefined) return unknownBecause(`outbound_type "${value}" is not a value the provider accepts`);
  return unknownBecause(reasonOf(outboundType));
}

/** A value as the diagram shows it: `"azure"`, `["a", "b"]`, `not set`, or `unknown (<reason>)`. */
export function showValue(value: Value): string {
  if (!isKnown(value)) return `unknown (${value.reason})`;
  const v = value.value;
  if (v === null) return 'not set';
  if (typeof v === 'string') return `"${v}"`;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  const list = knownList(value);
  if (list) return `[${list.map(showValue).join(', ')}]`;
  return 'an object';
}

/** A list of prefixes as shown: `10.1.0.0/24, 10.2.0.0/24`, or `unknown (<reason>)`. */
export function showPrefixes(value: Value): string {
  const list = knownList(value);
  if (!isKnown(value)) return `unknown (${value.reason})`;
  if (!list) return showValue(value);
  return list.map((item) => knownString(item) ?? showValue(item)).join(', ');
}

/** Where an editor jumps for a setting: the attribute, or the block that lacks it. */
export function locate(setting: Setting, holder: BlockPresence, cluster: AksCluster): SourceLocation {
  // A setting's uri is the file of its attribute, or of the block that lacks it.
  return { uri: setting.uri, range: settingRange(setting, holder, cluster) };
}
