/**
 * A plan's model placed on its configuration: when the Terraform files the plan was made from
 * are read too, each plan instance is matched to the configuration's instance of the same address
 * (module path, type, name and key) and takes its sites, so a finding points at the line that
 * produced the value (and its fixes can edit it) rather than into the plan file.
 *
 * Which value wins: the plan's, since it is what will be applied; the configuration's when the
 * two agree (its origin says which variable or tfvars line it came from), and when the
 * configuration does not write the attribute while the plan leaves it to the provider (known
 * only after apply): that is the configuration's "not set", read as for the files alone. A value
 * only the plan knows (a data source, a remote module's output) keeps the plan's value, at the
 * configuration's site, with the plan named in its origin.
 */
import { isKnown, toPlainJson, type Value } from '../terraform/values.js';
import type { AksCluster, AksModel, AksNodePool, BlockPresence, Setting, Subnet, Vnet } from './model.js';

/** The plan's model with the configuration's sites (instances the configuration lacks keep the plan's). */
export function placePlanModel(plan: AksModel, configuration: AksModel): AksModel {
  const clusters = new Map(configuration.clusters.map((c) => [c.address, c]));
  const pools = new Map(configuration.nodePools.map((p) => [p.address, p]));
  const planSubnets = new Map(plan.network.subnets.map((s) => [s.address, s]));
  const subnetAt = (address: string) => planSubnets.get(address);
  const placed = new Map<AksCluster, AksCluster>();
  const placedAt = new Map<string, AksCluster>();
  const outClusters = plan.clusters.map((cluster) => {
    const written = clusters.get(cluster.address);
    const out: AksCluster = written ? { ...(placeObject(cluster, written, subnetAt) as AksCluster), ...instanceSites(written), nodePools: [] } : { ...cluster, nodePools: [] };
    placed.set(cluster, out);
    placedAt.set(out.address, out);
    return out;
  });
  const outPools = plan.nodePools.map((pool) => {
    const written = pools.get(pool.address);
    // A pool whose cluster id the plan's own references do not lead to (a module output): the files' link.
    const cluster = pool.cluster ? placed.get(pool.cluster) : written?.cluster ? placedAt.get(written.cluster.address) : undefined;
    const out: AksNodePool = written ? { ...(placeObject(pool, written, subnetAt) as AksNodePool), ...instanceSites(written), cluster } : { ...pool, cluster };
    if (!cluster) delete out.cluster;
    cluster?.nodePools.push(out);
    return out;
  });
  placeNetwork(plan, configuration);
  return { ...plan, clusters: outClusters, nodePools: outPools };
}

function instanceSites(written: AksCluster | AksNodePool): Pick<AksCluster, 'uri' | 'site' | 'label'> {
  return { uri: written.uri, site: written.site, label: written.label };
}

const isSetting = (x: unknown): x is Setting => typeof x === 'object' && x !== null && 'name' in x && 'state' in x && 'value' in x && 'uri' in x;
const isPresence = (x: unknown): x is BlockPresence => typeof x === 'object' && x !== null && 'state' in x && !isSetting(x);

/**
 * Each setting and block presence of a plan instance (or of one of its blocks), placed on the
 * configuration's; other fields (links to subnets and clusters, the address) stay the plan's.
 */
function placeObject(plan: object, written: object, subnetAt: (address: string) => Subnet | undefined): object {
  const out: Record<string, unknown> = { ...plan };
  const from = written as Record<string, unknown>;
  for (const [key, value] of Object.entries(plan)) {
    const other = from[key];
    if (isSetting(value) && isSetting(other)) out[key] = placeSetting(value, other);
    else if (isPresence(value) && isPresence(other)) out[key] = placeObject(value, other, subnetAt);
  }
  // A subnet id passed through module outputs: the plan's configuration records only the output's
  // name, the module tree follows it to the subnet, which the plan holds under the same address.
  for (const key of ['vnetSubnet', 'podSubnet']) {
    const linked = from[key] as Subnet | undefined;
    if (out[key] === undefined && linked) {
      const subnet = subnetAt(linked.address);
      if (subnet) out[key] = subnet;
    }
  }
  if (isPresence(plan) && isPresence(written)) {
    const site = written.site ?? (plan as BlockPresence).site;
    if (site) out.site = site;
  }
  return out;
}

function placeSetting(plan: Setting, written: Setting): Setting {
  if (sameValue(plan.value, written.value)) return written;
  if (!isKnown(plan.value) && written.state === 'absent') return written;
  const value = isKnown(plan.value) ? fromPlan(plan.value) : plan.value;
  const site = written.site ? { site: written.site } : {};
  return { name: plan.name, state: plan.state, value, ...site, uri: written.uri };
}

/** A plan value shown at a configuration site: its origin names the plan. */
function fromPlan(value: Value & { known: true }): Value {
  const { origin } = value;
  return { ...value, origin: { ...origin, via: [{ label: 'the planned value', uri: origin.uri, range: origin.range }] } };
}

function sameValue(a: Value, b: Value): boolean {
  if (!isKnown(a) || !isKnown(b)) return false;
  return JSON.stringify(toPlainJson(a)) === JSON.stringify(toPlainJson(b));
}

/** The plan's VNets and subnets take the sites of the configuration's of the same address. */
function placeNetwork(plan: AksModel, configuration: AksModel): void {
  const subnets = new Map(configuration.network.subnets.map((s) => [s.address, s]));
  const vnets = new Map(configuration.network.vnets.map((v) => [v.address, v]));
  for (const subnet of plan.network.subnets) {
    const written = subnets.get(subnet.address);
    if (written) placeSubnet(subnet, written);
  }
  for (const vnet of plan.network.vnets) {
    const written = vnets.get(vnet.address);
    if (written) placeVnet(vnet, written);
  }
}

function placeSubnet(subnet: Subnet, written: Subnet): void {
  subnet.uri = written.uri;
  subnet.site = written.site;
  if (sameValue(subnet.addressPrefixes, written.addressPrefixes)) subnet.addressPrefixes = written.addressPrefixes;
  else if (isKnown(subnet.addressPrefixes)) subnet.addressPrefixes = fromPlan(subnet.addressPrefixes);
  if (written.prefixesSite) subnet.prefixesSite = written.prefixesSite;
  else delete subnet.prefixesSite;
  if (written.delegationSite) subnet.delegationSite = written.delegationSite;
}

function placeVnet(vnet: Vnet, written: Vnet): void {
  vnet.uri = written.uri;
  vnet.site = written.site;
  if (sameValue(vnet.addressSpace, written.addressSpace)) vnet.addressSpace = written.addressSpace;
  else if (isKnown(vnet.addressSpace)) vnet.addressSpace = fromPlan(vnet.addressSpace);
  if (written.addressSpaceSite) vnet.addressSpaceSite = written.addressSpaceSite;
  else delete vnet.addressSpaceSite;
}
