// What one root (envs/envNNN) is made of: its network profile, the style its settings are written
// in (literal, variables in the tfvars files, locals), node pools, and the mistake planted in one
// root in ten. Values come from a seeded PRNG per root; what changes the shape of the files
// rotates by index, so the first few roots hold every shape.
import { AREAS, ENVS, LOCATIONS, raw, Rng, VM_SIZES } from '../../generate-tree.mjs';
import { objType } from '../hcl.mjs';

const SERVICE_CIDRS = ['172.16.0.0/16', '172.17.0.0/16', '172.20.0.0/16', '192.168.0.0/20'];
const POD_CIDRS = ['10.244.0.0/16', '10.244.0.0/14', '100.64.0.0/16', '10.240.0.0/14'];
const K8S_VERSIONS = ['1.31', '1.32', '1.33'];
const STYLES = ['literal', 'vars', 'locals'];

/** Clean network profiles and how often each appears. */
const CLEAN_KINDS = [
  [50, 'overlay-cilium'],
  [15, 'overlay-calico'],
  [10, 'overlay-no-policy'],
  [15, 'podsubnet-cilium'],
  [10, 'nodesubnet-calico'],
];

/**
 * Mistakes planted in one root in ten (envNN3), with the rule expected to report each once the
 * module calls are followed. Each is written in the root, but the cluster, its subnets and the VNet
 * are in the children: today's per-directory check cannot see any of them.
 */
export const PLANTED = {
  'service-cidr-overlaps-vnet': 'service-cidr-overlaps-subnet, service-cidr-overlaps-network',
  'calico-on-cilium': 'cilium-requires-cilium-policy',
  'dns-outside-service-cidr': 'dns-ip-outside-service-cidr',
  'pod-cidr-overlaps-vnet': 'pod-cidr-overlaps-network',
  'windows-pool-with-cilium': 'windows-pool-with-cilium',
  kubenet: 'kubenet-retiring',
};
const PLANTED_KINDS = Object.keys(PLANTED);

/** The planted mistake of root `index`, or undefined for a clean root. */
export function plantedKind(index) {
  return index % 10 === 3 ? PLANTED_KINDS[Math.floor(index / 10) % PLANTED_KINDS.length] : undefined;
}

function networkSettings(r) {
  const rng = r.rng;
  const kind = r.planted ?? rng.weighted(CLEAN_KINDS);
  const serviceCidr = rng.pick(SERVICE_CIDRS);
  const n = { plugin: 'azure', mode: 'overlay', podSubnet: false };
  // About one clean root in ten leaves service_cidr and dns_service_ip to the child's "" placeholders.
  if (r.planted || !rng.chance(0.1)) Object.assign(n, { serviceCidr, dnsIp: serviceCidr.replace(/\.0\/\d+$/, '.10') });
  const overlay = (dataPlane, policy) => Object.assign(n, { podCidr: rng.pick(POD_CIDRS), dataPlane, policy });
  switch (kind) {
    case 'overlay-cilium':
    case 'windows-pool-with-cilium':
      overlay('cilium', 'cilium');
      break;
    case 'overlay-calico':
      overlay(undefined, 'calico');
      break;
    case 'overlay-no-policy':
      overlay(undefined, undefined);
      break;
    case 'podsubnet-cilium':
      Object.assign(n, { mode: '', podSubnet: true, dataPlane: 'cilium', policy: 'cilium' });
      break;
    case 'nodesubnet-calico':
      Object.assign(n, { mode: '', policy: 'calico' });
      break;
    case 'service-cidr-overlaps-vnet':
      overlay('cilium', 'cilium');
      Object.assign(n, { serviceCidr: r.vnet, dnsIp: `10.${r.octet}.0.10` });
      break;
    case 'calico-on-cilium':
      overlay('cilium', 'calico');
      break;
    case 'dns-outside-service-cidr':
      overlay('cilium', 'cilium');
      Object.assign(n, { serviceCidr: '172.16.0.0/16', dnsIp: '172.18.0.10' });
      break;
    case 'pod-cidr-overlaps-vnet':
      overlay('cilium', 'cilium');
      n.podCidr = r.vnet;
      break;
    case 'kubenet':
      Object.assign(n, { plugin: 'kubenet', mode: '', policy: 'calico', podCidr: '10.244.0.0/16' });
      break;
    default:
      throw new Error(`unknown network kind ${kind}`);
  }
  n.kind = kind;
  return n;
}

const WORKLOADS = [
  ['orders', 'orders-api'],
  ['billing', 'invoice-worker'],
  ['search', 'indexer'],
  ['ingest', 'collector'],
  ['web', 'frontend'],
];
const POOLS = ['apps', 'general', 'batch', 'memory', 'spot'];

export function planRoot(seed, index) {
  const rng = new Rng((seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0);
  const [location, locationShort] = rng.pick(LOCATIONS);
  const env = ENVS[index % ENVS.length];
  const r = {
    rng,
    index,
    name: `env${String(index).padStart(3, '0')}`,
    area: AREAS[index % AREAS.length],
    env,
    prod: env === 'prod',
    location,
    locationShort,
    octet: 100 + index,
    style: STYLES[index % STYLES.length],
    planted: plantedKind(index),
  };
  r.vnet = `10.${r.octet}.0.0/16`;
  r.workload = `${r.area.slice(0, 4)}${String(index).padStart(3, '0')}`;
  r.net = networkSettings(r);
  // What changes the shape of the files (not only values) rotates by index, so that the first
  // few roots, which the test parses, hold every shape: env003 is in prod, with the firewall, a
  // private API server and a planted mistake.
  r.firewall = r.prod && r.net.plugin === 'azure' && Math.floor(index / 4) % 2 === 0 ? '10.255.1.4' : '';
  r.privateCluster = r.prod && Math.floor(index / 4) % 3 !== 1;
  r.hub = rng.chance(0.7);
  r.k8s = rng.pick(K8S_VERSIONS);
  r.systemVmSize = rng.pick(['Standard_D4ds_v5', 'Standard_D4as_v5', 'Standard_D8ds_v5']);
  r.workloads = rng.sample(WORKLOADS, rng.int(2, 4));
  r.secrets = rng.sample(['db-password', 'storage-key', 'api-token', 'queue-connection'], rng.int(1, 3));
  const maxPods = r.net.mode === 'overlay' || r.net.plugin === 'kubenet' ? 110 : 30;
  r.maxPods = maxPods;
  r.pools = {};
  for (const name of rng.sample(POOLS, rng.int(1, 3))) {
    const spot = name === 'spot';
    r.pools[name] = {
      vm_size: rng.pick(VM_SIZES),
      min_count: spot ? 0 : rng.int(1, 3),
      max_count: rng.int(5, 20),
      labels: { workload: name },
      taints: name === 'batch' ? ['workload=batch:NoSchedule'] : undefined,
      priority: spot ? 'Spot' : undefined,
    };
  }
  if (r.planted === 'windows-pool-with-cilium') r.pools.win1 = { vm_size: 'Standard_D4ds_v5', os_type: 'Windows', min_count: 1, max_count: 3, labels: { workload: 'windows' } };
  r.zones = { acr: 'privatelink.azurecr.io', vault: 'privatelink.vaultcore.azure.net', blob: 'privatelink.blob.core.windows.net' };
  if (r.privateCluster) r.zones.aks = raw('"privatelink.${var.location}.azmk8s.io"');
  r.vars = []; // [name, spec] declared in variables.network.tf in the order used
  r.netTfvars = []; // [name, value] for network.auto.tfvars
  r.netLocals = []; // [name, value] for locals.tf
  return r;
}

/** How a network setting reaches the cluster call in this root: literal, variable or local. */
export function setting(r, name, value, description) {
  if (value === undefined) return undefined;
  if (r.style === 'literal') return value;
  if (r.style === 'vars') {
    r.vars.push([name, { type: 'string', default: '', description, nullable: false }]);
    r.netTfvars.push([name, value]);
    return raw(`var.${name}`);
  }
  if (name === 'dns_service_ip' && r.net.dnsIp === r.net.serviceCidr?.replace(/\.0\/\d+$/, '.10')) r.netLocals.push([name, raw('cidrhost(local.service_cidr, 10)')]);
  else r.netLocals.push([name, value]);
  return raw(`local.${name}`);
}

/** The subnets map: literal prefixes, cidrsubnet() of the VNet variable, or var.subnets from network.auto.tfvars. */
export function subnets(r) {
  const o = r.octet;
  const computed = r.style === 'locals';
  const prefix = (literal, expr) => [computed ? raw(expr) : literal];
  const out = {
    aks: {
      address_prefixes: prefix(`10.${o}.0.0/22`, 'cidrsubnet(var.vnet_address_space, 6, 0)'),
      service_endpoints: ['Microsoft.Storage', 'Microsoft.KeyVault', 'Microsoft.ContainerRegistry'],
      route_table_enabled: r.style === 'vars' ? r.firewall !== '' : raw('var.firewall_private_ip != ""'),
    },
  };
  if (r.net.podSubnet) {
    out.pods = {
      address_prefixes: prefix(`10.${o}.64.0/18`, 'cidrsubnet(var.vnet_address_space, 2, 1)'),
      delegation: 'Microsoft.ContainerService/managedClusters',
    };
  }
  out.ingress = { address_prefixes: prefix(`10.${o}.8.0/24`, 'cidrsubnet(var.vnet_address_space, 8, 8)') };
  out.endpoints = { address_prefixes: prefix(`10.${o}.9.0/24`, 'cidrsubnet(var.vnet_address_space, 8, 9)'), nsg_enabled: false };
  return out;
}

export const subnetsType = `map(${objType({
  address_prefixes: 'list(string)',
  service_endpoints: 'optional(list(string), [])',
  delegation: 'optional(string, "")',
  nsg_enabled: 'optional(bool, true)',
  route_table_enabled: 'optional(bool, false)',
})})`;

/** Pool objects without the settings a pool leaves out. */
export const poolValues = (pools) => Object.fromEntries(Object.entries(pools).map(([k, p]) => [k, Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined))]));
