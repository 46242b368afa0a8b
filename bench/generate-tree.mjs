// Writes the benchmark input of DESIGN.md §6: a tree of 200 Terraform modules, 10 files each
// (2,000 files), shaped like a real AKS estate: per module a main.tf with one cluster (or a
// blue/green pair), network.tf, variables.tf, pools.tf, locals.tf, outputs.tf, versions.tf
// (azurerm ~> 4.0), terraform.tfvars and two filler files (monitoring, ACR, Key Vault, identities,
// private DNS, RBAC). Every file is 50–300 lines of valid HCL. Most clusters are clean; about one
// in eight carries a mistake the rules report (calico policy on the Cilium data plane, pod_cidr
// without overlay, a DNS IP outside the service range, ...). Network settings are written as
// literals, variables (defaults and tfvars overrides) or locals, so the evaluator does real work.
//
// Deterministic: a seeded PRNG (mulberry32), one stream per module; never Math.random.
//
//   node bench/generate-tree.mjs [outDir] [--seed N]      (default .bench/tree, seed 20250601)
//
// run.mjs imports generateTree() and regenerates when the marker's generator hash differs. The HCL
// text helpers are exported for generate-module-tree.mjs, whose hash covers this file too.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const DEFAULT_SEED = 20250601;
export const MODULE_COUNT = 200;
export const FILES_PER_MODULE = 10;
export const MARKER = '.generated.json';
const MIN_LINES = 50;
const MAX_LINES = 300;

const SELF = fileURLToPath(import.meta.url);

/** A hash of this file: the tree is regenerated when the generator changes. */
export function generatorHash() {
  return createHash('sha256').update(readFileSync(SELF)).digest('hex').slice(0, 16);
}

// ---------------------------------------------------------------------------------------------
// Randomness

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Rng {
  constructor(seed) {
    this.next = mulberry32(seed);
  }
  int(min, max) {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p) {
    return this.next() < p;
  }
  pick(list) {
    return list[Math.floor(this.next() * list.length)];
  }
  weighted(entries) {
    const total = entries.reduce((sum, [w]) => sum + w, 0);
    let r = this.next() * total;
    for (const [w, value] of entries) {
      if ((r -= w) < 0) return value;
    }
    return entries[entries.length - 1][1];
  }
  sample(list, n) {
    const copy = [...list];
    const out = [];
    while (out.length < n && copy.length > 0) out.push(copy.splice(Math.floor(this.next() * copy.length), 1)[0]);
    return out;
  }
}

// ---------------------------------------------------------------------------------------------
// HCL text

/** An expression written as is (a reference, a function call). */
class Raw {
  constructor(text) {
    this.text = text;
  }
}
export const raw = (text) => new Raw(text);
/** A list written one element per line. */
export const lines = (list) => Object.assign([...list], { multiline: true });

const quote = (s) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
const IDENT = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const key = (k) => (IDENT.test(k) ? k : quote(k));

/** A JS value (or Raw) as HCL expression text; multi-line values are indented under `ind`. */
export function hv(value, ind = '') {
  if (value instanceof Raw) return value.text;
  if (value === null) return 'null';
  if (typeof value === 'string') return quote(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const flat = value.every((v) => v === null || v instanceof Raw || typeof v !== 'object');
    const one = `[${value.map((v) => hv(v)).join(', ')}]`;
    if (flat && !value.multiline && one.length + ind.length <= 90) return one;
    return `[\n${value.map((v) => `${ind}  ${hv(v, `${ind}  `)},`).join('\n')}\n${ind}]`;
  }
  const entries = Object.entries(value);
  if (entries.length === 0) return '{}';
  return `{\n${attrs(`${ind}  `, entries.map(([k, v]) => [key(k), v])).join('\n')}\n${ind}}`;
}

/** Attribute lines, `=` aligned within runs of single-line values, as `terraform fmt` does (a
 * multi-line value ends the run and is not aligned). */
export function attrs(ind, pairs) {
  const rendered = pairs.filter(([, v]) => v !== undefined).map(([k, v]) => [k, hv(v, ind)]);
  const out = [];
  let run = [];
  const flush = () => {
    const width = Math.max(0, ...run.map(([k]) => k.length));
    for (const [k, text] of run) out.push(`${ind}${k.padEnd(width)} = ${text}`);
    run = [];
  };
  for (const [k, text] of rendered) {
    if (text.includes('\n')) {
      flush();
      out.push(`${ind}${k} = ${text}`);
    } else run.push([k, text]);
  }
  flush();
  return out;
}

/** A block: `header {`, attributes, nested parts (arrays of lines, blank-line separated), `}`. */
export function block(ind, header, pairs = [], ...parts) {
  const lines = [`${ind}${header} {`, ...attrs(`${ind}  `, pairs)];
  for (const part of parts.filter((p) => p && p.length > 0)) {
    if (lines.length > 1) lines.push('');
    lines.push(...part);
  }
  lines.push(`${ind}}`);
  return lines;
}

export const comment = (...lines) => lines.map((l) => `# ${l}`);

export function file(...sections) {
  const out = [];
  for (const section of sections.filter((s) => s && s.length > 0)) {
    if (out.length > 0) out.push('');
    out.push(...section);
  }
  return `${out.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------
// The estate

export const AREAS = ['payments', 'identity', 'search', 'data', 'platform', 'checkout', 'analytics', 'messaging', 'catalog', 'shipping'];
export const ENVS = ['dev', 'test', 'stage', 'prod'];
const SERVICES = ['core', 'api', 'batch', 'edge', 'ml'];
export const LOCATIONS = [
  ['westeurope', 'weu'],
  ['northeurope', 'neu'],
  ['swedencentral', 'sec'],
  ['germanywestcentral', 'gwc'],
  ['uksouth', 'uks'],
  ['eastus2', 'eus2'],
  ['centralus', 'cus'],
];
export const VM_SIZES = ['Standard_D4ds_v5', 'Standard_D8ds_v5', 'Standard_D4as_v5', 'Standard_D8as_v5', 'Standard_E8ds_v5', 'Standard_F8s_v2', 'Standard_D16ds_v5'];
const SERVICE_CIDRS = ['172.16.0.0/16', '172.17.0.0/16', '172.20.0.0/16', '172.24.0.0/16', '192.168.0.0/20', '10.250.0.0/16'];
const POD_CIDRS = ['10.244.0.0/16', '10.244.0.0/14', '100.64.0.0/16', '192.168.64.0/18', '100.112.0.0/16'];
const K8S_VERSIONS = ['1.31', '1.32', '1.33'];
const FILLERS = ['monitoring', 'acr', 'keyvault', 'identity', 'dns', 'rbac'];

/** Clean network profiles and how often each appears. */
const CLEAN_KINDS = [
  [34, 'overlay-cilium'],
  [12, 'overlay-calico'],
  [10, 'overlay-no-policy'],
  [12, 'podsubnet-cilium'],
  [6, 'podsubnet-calico'],
  [8, 'nodesubnet-calico'],
  [5, 'nodesubnet-cilium'],
];

/** Mistakes the rules report (errors unless noted). */
const FINDING_KINDS = [
  'calico-on-cilium', // cilium-requires-cilium-policy
  'cilium-policy-on-azure-data-plane', // cilium-policy-requires-cilium-dataplane
  'pod-cidr-without-overlay', // pod-cidr-requires-overlay-or-kubenet
  'kubenet', // kubenet-retiring (warning)
  'npm', // npm-retiring (warning)
  'dns-outside-service-cidr', // dns-ip-outside-service-cidr
  'service-cidr-too-large', // service-cidr-too-large
  'reserved-pod-cidr', // reserved-range
  'tfvars-calico-on-cilium', // cilium-requires-cilium-policy, through a terraform.tfvars override
  'managed-nat-with-subnet', // nat-gateway-misconfig
];
const FINDING_RATE = 0.12;

const tenthHost = (cidr) => cidr.replace(/\.0\/\d+$/, '.10');

function profileFor(rng, kind) {
  const p = { kind, plugin: 'azure', podSubnet: false };
  const serviceCidr = rng.pick(SERVICE_CIDRS);
  if (!rng.chance(0.1)) Object.assign(p, { serviceCidr, dnsIp: tenthHost(serviceCidr) });
  const overlay = () => Object.assign(p, { mode: 'overlay', podCidr: rng.pick(POD_CIDRS) });
  switch (kind) {
    case 'overlay-cilium':
      overlay();
      Object.assign(p, { dataPlane: 'cilium', policy: 'cilium' });
      break;
    case 'overlay-calico':
      overlay();
      Object.assign(p, { dataPlane: rng.chance(0.5) ? 'azure' : undefined, policy: 'calico' });
      break;
    case 'overlay-no-policy':
      overlay();
      break;
    case 'podsubnet-cilium':
      Object.assign(p, { podSubnet: true, dataPlane: 'cilium', policy: 'cilium' });
      break;
    case 'podsubnet-calico':
      Object.assign(p, { podSubnet: true, dataPlane: rng.chance(0.5) ? 'azure' : undefined, policy: 'calico' });
      break;
    case 'nodesubnet-calico':
      Object.assign(p, { policy: 'calico' });
      break;
    case 'nodesubnet-cilium':
      Object.assign(p, { dataPlane: 'cilium', policy: 'cilium' });
      break;
    case 'calico-on-cilium':
    case 'tfvars-calico-on-cilium':
      overlay();
      Object.assign(p, { dataPlane: 'cilium', policy: 'calico' });
      break;
    case 'cilium-policy-on-azure-data-plane':
      overlay();
      Object.assign(p, { dataPlane: rng.chance(0.5) ? 'azure' : undefined, policy: 'cilium' });
      break;
    case 'pod-cidr-without-overlay':
      Object.assign(p, { policy: 'calico', podCidr: rng.pick(POD_CIDRS) });
      break;
    case 'kubenet':
      Object.assign(p, { plugin: 'kubenet', policy: 'calico', podCidr: rng.pick(POD_CIDRS) });
      break;
    case 'npm':
      Object.assign(p, { policy: 'azure' });
      break;
    case 'dns-outside-service-cidr':
      overlay();
      Object.assign(p, { dataPlane: 'cilium', policy: 'cilium', serviceCidr: '172.16.0.0/16', dnsIp: '172.18.0.10' });
      break;
    case 'service-cidr-too-large':
      overlay();
      Object.assign(p, { dataPlane: 'cilium', policy: 'cilium', serviceCidr: '100.64.0.0/11', dnsIp: '100.64.0.10', podCidr: '10.244.0.0/16' });
      break;
    case 'reserved-pod-cidr':
      overlay();
      Object.assign(p, { dataPlane: 'cilium', policy: 'cilium', podCidr: '172.30.0.0/16' });
      break;
    case 'managed-nat-with-subnet':
      overlay();
      Object.assign(p, { dataPlane: 'cilium', policy: 'cilium', outbound: 'managedNATGateway' });
      break;
    default:
      throw new Error(`unknown profile kind ${kind}`);
  }
  if (p.serviceCidr === '192.168.0.0/20' && p.podCidr === '192.168.64.0/18') p.podCidr = '10.244.0.0/16';
  if (!p.outbound) {
    p.outbound = rng.weighted([
      [40, 'loadBalancer'],
      [35, undefined],
      [15, 'userDefinedRouting'],
      [10, 'userAssignedNATGateway'],
    ]);
  }
  if (p.outbound === undefined || p.outbound === 'loadBalancer') {
    if (rng.chance(0.4)) p.lbProfile = { ips: rng.int(1, 4), idle: rng.pick([4, 10, 30]) };
    if (rng.chance(0.3)) p.lbSku = 'standard';
  }
  if (p.outbound === 'managedNATGateway') p.natProfile = { ips: rng.int(1, 4), idle: 10 };
  return p;
}

function planModule(seed, index) {
  const rng = new Rng((seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0);
  const area = AREAS[Math.floor(index / 20)];
  const env = ENVS[Math.floor(index / 5) % 4];
  const service = SERVICES[index % 5];
  const [location, locationShort] = rng.pick(LOCATIONS);
  const pair = rng.chance(0.25) ? rng.pick([['blue', 'green'], ['primary', 'secondary']]) : ['this'];
  const m = {
    rng,
    index,
    dir: join(area, env, service),
    area,
    env,
    service,
    workload: `${area.slice(0, 4)}-${service}`,
    location,
    locationShort,
    vnet: `10.${index}.0.0/16`,
    octet: index,
    style: rng.weighted([
      [40, 'literal'],
      [40, 'vars'],
      [20, 'locals'],
    ]),
    fillers: rng.sample(FILLERS, 2),
    k8s: rng.pick(K8S_VERSIONS),
    vars: new Map(),
    tfvars: [],
    localLines: [],
  };
  m.clusters = pair.map((name, i) => {
    const finding = rng.chance(FINDING_RATE) ? rng.pick(FINDING_KINDS) : undefined;
    const profile = profileFor(rng, finding ?? rng.weighted(CLEAN_KINDS));
    const single = pair.length === 1;
    return {
      name,
      i,
      sfx: single ? '' : `_${name}`,
      dash: single ? '' : `-${name}`,
      varPrefix: single ? '' : `${name}_`,
      finding,
      p: profile,
      windows: profile.plugin === 'azure' && profile.dataPlane !== 'cilium' && profile.policy !== 'azure' && rng.chance(0.2),
      pools: rng.int(single ? 2 : 1, single ? 4 : 2),
    };
  });
  m.hasMonitoring = m.fillers.includes('monitoring');
  m.hasIdentity = m.fillers.includes('identity');
  m.udr = m.clusters.some((c) => c.p.outbound === 'userDefinedRouting' || c.p.plugin === 'kubenet');
  m.nat = m.clusters.some((c) => c.p.outbound === 'userAssignedNATGateway');
  m.forEachPool = rng.chance(0.5);
  return m;
}

/** Declares a variable once; `spec` holds type (HCL text), description, default, ... */
function declare(m, name, spec) {
  if (!m.vars.has(name)) m.vars.set(name, spec);
  return raw(`var.${name}`);
}

function setTfvar(m, name, value) {
  const existing = m.tfvars.findIndex(([n]) => n === name);
  if (existing >= 0) m.tfvars.splice(existing, 1);
  m.tfvars.push([name, value]);
}

// Subnet layout inside the module's /16 (literal text and the cidrsubnet() that yields it).
const subnetOf = (m, which, i = 0) => {
  const o = m.octet;
  switch (which) {
    case 'nodes':
      return [`10.${o}.${4 * i}.0/22`, `cidrsubnet(var.vnet_address_space, 6, ${i})`];
    case 'pods':
      return [`10.${o}.${64 * (i + 1)}.0/18`, `cidrsubnet(var.vnet_address_space, 2, ${i + 1})`];
    case 'ingress':
      return [`10.${o}.8.0/24`, 'cidrsubnet(var.vnet_address_space, 8, 8)'];
    case 'endpoints':
      return [`10.${o}.9.0/24`, 'cidrsubnet(var.vnet_address_space, 8, 9)'];
    case 'bastion':
      return [`10.${o}.10.0/26`, 'cidrsubnet(var.vnet_address_space, 10, 40)'];
    default:
      throw new Error(which);
  }
};

// ---------------------------------------------------------------------------------------------
// main.tf

/** How one network setting is written: literal, variable (maybe overridden in tfvars) or local. */
function networkExpr(m, c, attr, value) {
  if (value === undefined) return undefined;
  const name = `${c.varPrefix}${attr}`;
  if (c.finding === 'tfvars-calico-on-cilium' && attr === 'network_policy') {
    declare(m, name, { type: 'string', description: `Network policy engine of the ${c.name} cluster.`, default: 'cilium' });
    setTfvar(m, name, value); // the override the rule must see through
    return raw(`var.${name}`);
  }
  if (m.style === 'vars' && attr !== 'network_plugin' && m.rng.chance(0.65)) {
    declare(m, name, { type: 'string', description: `${attr.replace(/_/g, ' ')} of the ${c.name === 'this' ? 'AKS' : c.name} cluster.`, default: value });
    if (m.rng.chance(0.3)) setTfvar(m, name, value);
    return raw(`var.${name}`);
  }
  if (m.style === 'locals') {
    c.localNetwork ??= [];
    c.localNetwork.push([attr.replace(/^network_/, ''), value]);
    return raw(`local.aks_network${c.sfx}.${attr.replace(/^network_/, '')}`);
  }
  return value;
}

function networkProfile(m, c) {
  const p = c.p;
  const ind = '    ';
  const pairs = [
    ['network_plugin', networkExpr(m, c, 'network_plugin', p.plugin)],
    ['network_plugin_mode', networkExpr(m, c, 'network_plugin_mode', p.mode)],
    ['network_data_plane', networkExpr(m, c, 'network_data_plane', p.dataPlane)],
    ['network_policy', networkExpr(m, c, 'network_policy', p.policy)],
    ['pod_cidr', networkExpr(m, c, 'pod_cidr', p.podCidr)],
    ['service_cidr', networkExpr(m, c, 'service_cidr', p.serviceCidr)],
  ];
  if (p.dnsIp !== undefined) {
    const clean = p.dnsIp === tenthHost(p.serviceCidr);
    if (m.style === 'locals' && clean) pairs.push(['dns_service_ip', raw(`cidrhost(local.aks_network${c.sfx}.service_cidr, 10)`)]);
    else pairs.push(['dns_service_ip', networkExpr(m, c, 'dns_service_ip', p.dnsIp)]);
  }
  pairs.push(['load_balancer_sku', p.lbSku], ['outbound_type', p.outbound]);
  const nested = [];
  if (p.lbProfile) {
    nested.push(
      block(ind, 'load_balancer_profile', [
        ['managed_outbound_ip_count', p.lbProfile.ips],
        ['idle_timeout_in_minutes', p.lbProfile.idle],
        ['outbound_ports_allocated', m.rng.pick([0, 1024, 2048])],
      ]),
    );
  }
  if (p.natProfile) {
    nested.push(
      block(ind, 'nat_gateway_profile', [
        ['managed_outbound_ip_count', p.natProfile.ips],
        ['idle_timeout_in_minutes', p.natProfile.idle],
      ]),
    );
  }
  return block('  ', 'network_profile', pairs, ...nested);
}

function defaultNodePool(m, c) {
  const rng = m.rng;
  const p = c.p;
  const maxPods = p.mode === 'overlay' || p.plugin === 'kubenet' ? rng.pick([110, 150, 250]) : rng.pick([30, 50, 60]);
  const pairs = [
    ['name', 'system'],
    ['vm_size', declare(m, 'system_node_vm_size', { type: 'string', description: 'VM size of the system node pool.', default: 'Standard_D4ds_v5' })],
    ['orchestrator_version', raw('var.kubernetes_version')],
    ['auto_scaling_enabled', true],
    ['min_count', declare(m, 'system_min_count', { type: 'number', description: 'Minimum node count of the system pool.', default: 1 })],
    ['max_count', declare(m, 'system_max_count', { type: 'number', description: 'Maximum node count of the system pool.', default: 3 })],
    ['max_pods', maxPods],
    ['os_sku', rng.pick(['AzureLinux', 'Ubuntu'])],
    ['os_disk_size_gb', rng.pick([64, 128])],
    ['os_disk_type', 'Ephemeral'],
    ['vnet_subnet_id', p.outbound === 'managedNATGateway' && c.finding !== 'managed-nat-with-subnet' ? undefined : raw(`azurerm_subnet.aks_nodes${c.sfx}.id`)],
    ['pod_subnet_id', p.podSubnet ? raw(`azurerm_subnet.aks_pods${c.sfx}.id`) : undefined],
    ['zones', ['1', '2', '3']],
    ['only_critical_addons_enabled', true],
    ['temporary_name_for_rotation', 'systemtmp'],
  ];
  const labels = { 'nodepool-type': 'system', environment: m.env };
  return block(
    '  ',
    'default_node_pool',
    pairs,
    attrs('    ', [['node_labels', labels]]),
    attrs('    ', [['tags', raw('local.tags')]]),
    block('    ', 'upgrade_settings', [
      ['max_surge', rng.pick(['10%', '33%', '1'])],
      ['drain_timeout_in_minutes', 30],
      ['node_soak_duration_in_minutes', 0],
    ]),
  );
}

function clusterBlock(m, c, budget) {
  const rng = m.rng;
  const privateCluster = m.env === 'prod' && rng.chance(0.4);
  const top = [
    ['name', raw(`"\${local.name_prefix}-aks${c.dash}"`)],
    ['location', raw('azurerm_resource_group.this.location')],
    ['resource_group_name', raw('azurerm_resource_group.this.name')],
    ['dns_prefix', raw(c.dash ? `"\${local.name_prefix}${c.dash}"` : 'local.name_prefix')],
    ['kubernetes_version', raw('var.kubernetes_version')],
    ['sku_tier', raw('var.environment == "prod" ? "Standard" : "Free"')],
    ['node_resource_group', raw(`"\${azurerm_resource_group.this.name}-nodes${c.dash}"`)],
    ['private_cluster_enabled', privateCluster ? true : undefined],
    ['oidc_issuer_enabled', true],
    ['workload_identity_enabled', true],
    ['local_account_disabled', true],
    ['role_based_access_control_enabled', true],
    ['azure_policy_enabled', rng.chance(0.5) ? true : undefined],
    ['automatic_upgrade_channel', declare(m, 'automatic_upgrade_channel', { type: 'string', description: 'Automatic upgrade channel of the control plane.', default: 'patch' })],
    ['node_os_upgrade_channel', declare(m, 'node_os_upgrade_channel', { type: 'string', description: 'How node images are kept up to date.', default: 'NodeImage' })],
    ['image_cleaner_enabled', true],
    ['image_cleaner_interval_hours', declare(m, 'image_cleaner_interval_hours', { type: 'number', description: 'Interval of the image cleaner, in hours.', default: 48 })],
  ];
  const parts = [defaultNodePool(m, c)];
  parts.push(
    m.hasIdentity
      ? block('  ', 'identity', [
          ['type', 'UserAssigned'],
          ['identity_ids', [raw(`azurerm_user_assigned_identity.aks${c.sfx}.id`)]],
        ])
      : block('  ', 'identity', [['type', 'SystemAssigned']]),
  );
  parts.push(networkProfile(m, c));
  parts.push(
    block('  ', 'azure_active_directory_role_based_access_control', [
      ['azure_rbac_enabled', true],
      ['tenant_id', raw('data.azurerm_client_config.current.tenant_id')],
      ['admin_group_object_ids', raw('var.admin_group_object_ids')],
    ]),
  );
  if (!privateCluster) parts.push(block('  ', 'api_server_access_profile', [['authorized_ip_ranges', raw('local.authorized_ip_ranges')]]));
  parts.push(
    block('  ', 'oms_agent', [
      ['log_analytics_workspace_id', raw(m.hasMonitoring ? 'azurerm_log_analytics_workspace.this.id' : 'var.log_analytics_workspace_id')],
      ['msi_auth_for_monitoring_enabled', true],
    ]),
  );
  parts.push(
    block('  ', 'key_vault_secrets_provider', [
      ['secret_rotation_enabled', true],
      ['secret_rotation_interval', '2m'],
    ]),
  );
  const optional = [
    () => block('  ', 'workload_autoscaler_profile', [['keda_enabled', true], ['vertical_pod_autoscaler_enabled', rng.chance(0.5)]]),
    () =>
      block('  ', 'maintenance_window_auto_upgrade', [
        ['frequency', 'Weekly'],
        ['interval', 1],
        ['duration', 4],
        ['day_of_week', rng.pick(['Saturday', 'Sunday'])],
        ['start_time', rng.pick(['00:00', '02:00', '22:00'])],
        ['utc_offset', '+00:00'],
      ]),
    () =>
      block('  ', 'maintenance_window_node_os', [
        ['frequency', 'Weekly'],
        ['interval', 1],
        ['duration', 4],
        ['day_of_week', 'Sunday'],
        ['start_time', '04:00'],
        ['utc_offset', '+00:00'],
      ]),
    () =>
      block('  ', 'auto_scaler_profile', [
        ['balance_similar_node_groups', true],
        ['expander', rng.pick(['least-waste', 'random', 'priority'])],
        ['max_graceful_termination_sec', '600'],
        ['scale_down_delay_after_add', '10m'],
        ['scale_down_unneeded', rng.pick(['10m', '20m'])],
        ['scale_down_utilization_threshold', '0.5'],
        ['skip_nodes_with_local_storage', false],
      ]),
    () => block('  ', 'storage_profile', [['blob_driver_enabled', rng.chance(0.5)], ['disk_driver_enabled', true], ['file_driver_enabled', true], ['snapshot_controller_enabled', true]]),
    () => block('  ', 'microsoft_defender', [['log_analytics_workspace_id', raw(m.hasMonitoring ? 'azurerm_log_analytics_workspace.this.id' : 'var.log_analytics_workspace_id')]]),
  ];
  for (const make of rng.sample(optional, budget)) parts.push(make());
  parts.push(attrs('  ', [['tags', raw('local.tags')]]));
  parts.push(
    block(
      '  ',
      'lifecycle',
      [['ignore_changes', [raw('default_node_pool[0].node_count'), raw('kubernetes_version'), raw('tags["last-reviewed"]')]]],
    ),
  );
  return block('', `resource "azurerm_kubernetes_cluster" "${c.name}"`, top, ...parts);
}

function mainTf(m) {
  const two = m.clusters.length > 1;
  const header = comment(
    `${m.area}/${m.env}/${m.service}: AKS ${two ? `clusters (${m.clusters.map((c) => c.name).join(' and ')})` : 'cluster'} for the ${m.workload} workload.`,
    'Node pools are in pools.tf, the virtual network in network.tf.',
  );
  const rg = block('', 'resource "azurerm_resource_group" "this"', [
    ['name', raw('"rg-${local.name_prefix}"')],
    ['location', raw('var.location')],
    ['tags', raw('local.tags')],
  ]);
  const current = ['data "azurerm_client_config" "current" {}'];
  const clusters = m.clusters.map((c) => clusterBlock(m, c, two ? m.rng.int(0, 2) : m.rng.int(1, 6)));
  return file(header, rg, current, ...clusters);
}

// ---------------------------------------------------------------------------------------------
// network.tf

function subnet(m, name, which, i, extra = [], ...parts) {
  const [literal, computed] = subnetOf(m, which, i);
  const prefix = m.style === 'literal' ? literal : raw(computed);
  const subnetName = name.replace(/_/g, '-');
  return block(
    '',
    `resource "azurerm_subnet" "${name}"`,
    [
      ['name', which === 'bastion' ? 'AzureBastionSubnet' : raw(`"snet-${subnetName}-\${local.name_prefix}"`)],
      ['resource_group_name', raw('azurerm_resource_group.this.name')],
      ['virtual_network_name', raw('azurerm_virtual_network.this.name')],
      ['address_prefixes', [prefix]],
      ...extra,
    ],
    ...parts,
  );
}

function networkTf(m) {
  const rng = m.rng;
  declare(m, 'vnet_address_space', { type: 'string', description: 'Address space of the spoke virtual network.', default: m.vnet });
  const customDns = rng.chance(0.3);
  if (customDns) declare(m, 'dns_servers', { type: 'list(string)', description: 'Custom DNS servers of the VNet (the hub resolvers).', default: ['10.255.0.4', '10.255.0.5'] });
  const sections = [
    comment('Spoke virtual network of the cluster(s): node, pod, ingress and private endpoint subnets.'),
    block('', 'resource "azurerm_virtual_network" "this"', [
      ['name', raw('"vnet-${local.name_prefix}"')],
      ['location', raw('azurerm_resource_group.this.location')],
      ['resource_group_name', raw('azurerm_resource_group.this.name')],
      ['address_space', [raw('var.vnet_address_space')]],
      ['dns_servers', customDns ? raw('var.dns_servers') : undefined],
      ['tags', raw('local.tags')],
    ]),
  ];
  const nodeSubnets = [];
  for (const c of m.clusters) {
    nodeSubnets.push(`aks_nodes${c.sfx}`);
    sections.push(subnet(m, `aks_nodes${c.sfx}`, 'nodes', c.i, [['service_endpoints', ['Microsoft.Storage', 'Microsoft.KeyVault', 'Microsoft.ContainerRegistry']]]));
    if (c.p.podSubnet) {
      sections.push(
        subnet(
          m,
          `aks_pods${c.sfx}`,
          'pods',
          c.i,
          [],
          block('  ', 'delegation', [['name', 'aks-delegation']], block('    ', 'service_delegation', [
            ['name', 'Microsoft.ContainerService/managedClusters'],
            ['actions', ['Microsoft.Network/virtualNetworks/subnets/join/action']],
          ])),
        ),
      );
    }
  }
  sections.push(subnet(m, 'ingress', 'ingress', 0));
  sections.push(subnet(m, 'private_endpoints', 'endpoints', 0, [['private_endpoint_network_policies', 'Disabled']]));
  if (rng.chance(0.4)) sections.push(subnet(m, 'bastion', 'bastion', 0));

  const rules = [
    ['AllowHttpsFromInternet', 'Inbound', 'Allow', 'Tcp', '443', 'Internet', 'VirtualNetwork'],
    ['AllowHttpFromInternet', 'Inbound', 'Allow', 'Tcp', '80', 'Internet', 'VirtualNetwork'],
    ['AllowLoadBalancer', 'Inbound', 'Allow', '*', '*', 'AzureLoadBalancer', '*'],
    ['AllowVnetInbound', 'Inbound', 'Allow', '*', '*', 'VirtualNetwork', 'VirtualNetwork'],
    ['DenySshFromInternet', 'Inbound', 'Deny', 'Tcp', '22', 'Internet', '*'],
  ];
  const chosen = rules.slice(0, rng.int(2, rules.length));
  sections.push(
    block(
      '',
      'resource "azurerm_network_security_group" "aks"',
      [
        ['name', raw('"nsg-aks-${local.name_prefix}"')],
        ['location', raw('azurerm_resource_group.this.location')],
        ['resource_group_name', raw('azurerm_resource_group.this.name')],
        ['tags', raw('local.tags')],
      ],
      ...chosen.map(([name, direction, access, protocol, port, source, destination], i) =>
        block('  ', 'security_rule', [
          ['name', name],
          ['priority', 100 + i * 10],
          ['direction', direction],
          ['access', access],
          ['protocol', protocol],
          ['source_port_range', '*'],
          ['destination_port_range', port],
          ['source_address_prefix', source],
          ['destination_address_prefix', destination],
        ]),
      ),
    ),
  );
  for (const s of nodeSubnets) {
    sections.push(
      block('', `resource "azurerm_subnet_network_security_group_association" "${s}"`, [
        ['subnet_id', raw(`azurerm_subnet.${s}.id`)],
        ['network_security_group_id', raw('azurerm_network_security_group.aks.id')],
      ]),
    );
  }
  if (m.udr) {
    declare(m, 'firewall_private_ip', { type: 'string', description: 'Private IP of the hub firewall that egress traffic is routed through.', default: '10.255.1.4' });
    sections.push(
      block(
        '',
        'resource "azurerm_route_table" "aks"',
        [
          ['name', raw('"rt-aks-${local.name_prefix}"')],
          ['location', raw('azurerm_resource_group.this.location')],
          ['resource_group_name', raw('azurerm_resource_group.this.name')],
          ['bgp_route_propagation_enabled', false],
          ['tags', raw('local.tags')],
        ],
        block('  ', 'route', [
          ['name', 'default-to-firewall'],
          ['address_prefix', '0.0.0.0/0'],
          ['next_hop_type', 'VirtualAppliance'],
          ['next_hop_in_ip_address', raw('var.firewall_private_ip')],
        ]),
      ),
    );
    for (const s of nodeSubnets) {
      sections.push(
        block('', `resource "azurerm_subnet_route_table_association" "${s}"`, [
          ['subnet_id', raw(`azurerm_subnet.${s}.id`)],
          ['route_table_id', raw('azurerm_route_table.aks.id')],
        ]),
      );
    }
  }
  if (m.nat) {
    sections.push(
      block('', 'resource "azurerm_public_ip" "nat"', [
        ['name', raw('"pip-nat-${local.name_prefix}"')],
        ['location', raw('azurerm_resource_group.this.location')],
        ['resource_group_name', raw('azurerm_resource_group.this.name')],
        ['allocation_method', 'Static'],
        ['sku', 'Standard'],
        ['zones', ['1']],
        ['tags', raw('local.tags')],
      ]),
      block('', 'resource "azurerm_nat_gateway" "this"', [
        ['name', raw('"ng-${local.name_prefix}"')],
        ['location', raw('azurerm_resource_group.this.location')],
        ['resource_group_name', raw('azurerm_resource_group.this.name')],
        ['sku_name', 'Standard'],
        ['idle_timeout_in_minutes', 10],
        ['zones', ['1']],
        ['tags', raw('local.tags')],
      ]),
      block('', 'resource "azurerm_nat_gateway_public_ip_association" "this"', [
        ['nat_gateway_id', raw('azurerm_nat_gateway.this.id')],
        ['public_ip_address_id', raw('azurerm_public_ip.nat.id')],
      ]),
    );
    for (const c of m.clusters.filter((x) => x.p.outbound === 'userAssignedNATGateway')) {
      sections.push(
        block('', `resource "azurerm_subnet_nat_gateway_association" "aks_nodes${c.sfx}"`, [
          ['subnet_id', raw(`azurerm_subnet.aks_nodes${c.sfx}.id`)],
          ['nat_gateway_id', raw('azurerm_nat_gateway.this.id')],
        ]),
      );
    }
  }
  if (rng.chance(0.6)) {
    declare(m, 'hub_vnet_id', { type: 'string', description: 'Resource ID of the hub virtual network to peer with.', default: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-hub/providers/Microsoft.Network/virtualNetworks/vnet-hub' });
    sections.push(
      block('', 'resource "azurerm_virtual_network_peering" "to_hub"', [
        ['name', 'peer-to-hub'],
        ['resource_group_name', raw('azurerm_resource_group.this.name')],
        ['virtual_network_name', raw('azurerm_virtual_network.this.name')],
        ['remote_virtual_network_id', raw('var.hub_vnet_id')],
        ['allow_forwarded_traffic', true],
        ['allow_virtual_network_access', true],
        ['use_remote_gateways', false],
      ]),
    );
  }
  return file(...sections);
}

// ---------------------------------------------------------------------------------------------
// pools.tf

const POOL_NAMES = ['apps', 'general', 'compute', 'memory', 'batch', 'spot', 'gpu', 'ingress', 'jobs'];

function poolsTf(m) {
  const rng = m.rng;
  const sections = [comment('User node pools. The system pool is the default_node_pool in main.tf.')];
  for (const c of m.clusters) {
    const names = rng.sample(POOL_NAMES, c.pools);
    if (c.windows) names.push('win1');
    for (const name of names) {
      const windows = name === 'win1';
      const spot = name === 'spot';
      const maxPods = c.p.mode === 'overlay' || c.p.plugin === 'kubenet' ? rng.pick([110, 250]) : rng.pick([30, 50]);
      const pairs = [
        ['name', name],
        ['kubernetes_cluster_id', raw(`azurerm_kubernetes_cluster.${c.name}.id`)],
        ['vm_size', name === 'gpu' ? 'Standard_NC6s_v3' : rng.pick(VM_SIZES)],
        ['mode', 'User'],
        ['os_type', windows ? 'Windows' : 'Linux'],
        ['os_sku', windows ? 'Windows2022' : rng.pick(['AzureLinux', 'Ubuntu'])],
        ['orchestrator_version', raw('var.kubernetes_version')],
        ['auto_scaling_enabled', true],
        ['min_count', spot ? 0 : rng.int(1, 3)],
        ['max_count', rng.int(5, 30)],
        ['max_pods', maxPods],
        ['os_disk_size_gb', rng.pick([128, 256])],
        ['priority', spot ? 'Spot' : undefined],
        ['eviction_policy', spot ? 'Delete' : undefined],
        ['spot_max_price', spot ? -1 : undefined],
        ['vnet_subnet_id', c.p.outbound === 'managedNATGateway' && c.finding !== 'managed-nat-with-subnet' ? undefined : raw(`azurerm_subnet.aks_nodes${c.sfx}.id`)],
        ['pod_subnet_id', c.p.podSubnet ? raw(`azurerm_subnet.aks_pods${c.sfx}.id`) : undefined],
        ['zones', ['1', '2', '3']],
      ];
      const labels = { workload: name, environment: m.env };
      if (spot) labels['kubernetes.azure.com/scalesetpriority'] = 'spot';
      const taints = spot ? ['kubernetes.azure.com/scalesetpriority=spot:NoSchedule'] : name === 'gpu' ? ['sku=gpu:NoSchedule'] : name === 'batch' ? ['workload=batch:NoSchedule'] : undefined;
      sections.push(
        block(
          '',
          `resource "azurerm_kubernetes_cluster_node_pool" "${name}${c.sfx}"`,
          pairs,
          attrs('  ', [['node_labels', labels]]),
          taints ? attrs('  ', [['node_taints', taints]]) : [],
          attrs('  ', [['tags', raw('local.tags')]]),
          spot ? [] : block('  ', 'upgrade_settings', [['max_surge', rng.pick(['10%', '33%'])], ['drain_timeout_in_minutes', 30]]),
          block('  ', 'lifecycle', [['ignore_changes', [raw('node_count')]]]),
        ),
      );
    }
  }
  if (m.forEachPool) {
    const c = m.clusters[0];
    declare(m, 'user_pools', {
      type: 'map(object({\n    vm_size   = string\n    min_count = number\n    max_count = number\n    max_pods  = number\n    labels    = map(string)\n    taints    = list(string)\n  }))',
      description: 'Extra user node pools, by pool name (at most 12 lowercase letters and digits).',
      default: {},
    });
    const pools = {};
    for (const name of rng.sample(['tenanta', 'tenantb', 'reports', 'etl', 'search'], rng.int(1, 3))) {
      pools[name] = {
        vm_size: rng.pick(VM_SIZES),
        min_count: rng.int(0, 2),
        max_count: rng.int(3, 12),
        max_pods: c.p.mode === 'overlay' ? 110 : 30,
        labels: { team: name },
        taints: [],
      };
    }
    setTfvar(m, 'user_pools', pools);
    sections.push(
      block(
        '',
        'resource "azurerm_kubernetes_cluster_node_pool" "extra"',
        [['for_each', raw('var.user_pools')]],
        attrs('  ', [
          ['name', raw('each.key')],
          ['kubernetes_cluster_id', raw(`azurerm_kubernetes_cluster.${c.name}.id`)],
          ['vm_size', raw('each.value.vm_size')],
          ['mode', 'User'],
          ['orchestrator_version', raw('var.kubernetes_version')],
          ['auto_scaling_enabled', true],
          ['min_count', raw('each.value.min_count')],
          ['max_count', raw('each.value.max_count')],
          ['max_pods', raw('each.value.max_pods')],
          ['vnet_subnet_id', c.p.outbound === 'managedNATGateway' && c.finding !== 'managed-nat-with-subnet' ? undefined : raw(`azurerm_subnet.aks_nodes${c.sfx}.id`)],
          ['pod_subnet_id', c.p.podSubnet ? raw(`azurerm_subnet.aks_pods${c.sfx}.id`) : undefined],
          ['node_labels', raw('merge(each.value.labels, { environment = var.environment })')],
          ['node_taints', raw('each.value.taints')],
          ['zones', ['1', '2', '3']],
          ['tags', raw('local.tags')],
        ]),
        block('  ', 'lifecycle', [['ignore_changes', [raw('node_count')]]]),
      ),
    );
  }
  return file(...sections);
}

// ---------------------------------------------------------------------------------------------
// locals.tf, outputs.tf, versions.tf

function localsTf(m) {
  const shorts = Object.fromEntries(LOCATIONS);
  const pairs = [
    ['name_prefix', raw('"${var.workload}-${var.environment}-${local.location_short}"')],
    ['location_short', raw('lookup(local.location_short_names, var.location, "xx")')],
    ['location_short_names', shorts],
    [
      'tags',
      raw(
        `merge(var.tags, {\n    environment = var.environment\n    workload    = var.workload\n    managed_by  = "terraform"\n    repository  = "platform-infra"\n    module      = "${m.area}/${m.env}/${m.service}"\n  })`,
      ),
    ],
    ['authorized_ip_ranges', raw('concat(var.authorized_ip_ranges, var.build_agent_ip_ranges)')],
    ['diagnostic_categories', ['kube-apiserver', 'kube-audit-admin', 'kube-controller-manager', 'kube-scheduler', 'cluster-autoscaler', 'guard']],
    [
      'subnet_names',
      Object.fromEntries([
        ...m.clusters.map((c) => [`nodes${c.sfx}`, raw(`"snet-aks-nodes${c.dash}-\${var.environment}"`)]),
        ['ingress', raw('"snet-ingress-${var.environment}"')],
        ['private_endpoints', raw('"snet-pe-${var.environment}"')],
      ]),
    ],
    ['is_production', raw('var.environment == "prod"')],
    [
      'pool_defaults',
      {
        os_disk_type: 'Ephemeral',
        max_surge: m.env === 'prod' ? '33%' : '10%',
        drain_timeout: 30,
        zones: ['1', '2', '3'],
      },
    ],
    ['allowed_vm_sizes', VM_SIZES],
    [
      'maintenance',
      {
        day_of_week: raw('var.maintenance_day'),
        start_time: '02:00',
        duration: 4,
        utc_offset: '+00:00',
      },
    ],
  ];
  for (const c of m.clusters) {
    if (c.localNetwork) pairs.push([`aks_network${c.sfx}`, Object.fromEntries(c.localNetwork)]);
  }
  return file(
    comment('Names, tags and shared values. Keep naming in one place: the platform team greps for it.'),
    block('', 'locals', pairs),
  );
}

function output(name, description, value, sensitive) {
  return block('', `output "${name}"`, [
    ['description', description],
    ['value', raw(value)],
    ['sensitive', sensitive ? true : undefined],
  ]);
}

function outputsTf(m) {
  const sections = [comment('Values read by the application pipelines and the platform catalogue.')];
  sections.push(output('resource_group_name', 'Name of the resource group that holds the cluster(s).', 'azurerm_resource_group.this.name'));
  sections.push(output('vnet_id', 'Resource ID of the spoke virtual network.', 'azurerm_virtual_network.this.id'));
  for (const c of m.clusters) {
    const r = `azurerm_kubernetes_cluster.${c.name}`;
    const who = c.name === 'this' ? 'the AKS cluster' : `the ${c.name} AKS cluster`;
    sections.push(output(`${c.varPrefix}cluster_id`, `Resource ID of ${who}.`, `${r}.id`));
    sections.push(output(`${c.varPrefix}cluster_name`, `Name of ${who}.`, `${r}.name`));
    sections.push(output(`${c.varPrefix}oidc_issuer_url`, `OIDC issuer URL of ${who}, for workload identity federation.`, `${r}.oidc_issuer_url`));
    sections.push(output(`${c.varPrefix}kubelet_object_id`, `Object ID of the kubelet identity of ${who}.`, `${r}.kubelet_identity[0].object_id`));
    sections.push(output(`${c.varPrefix}node_resource_group`, `Resource group of the nodes of ${who}.`, `${r}.node_resource_group`));
    sections.push(output(`${c.varPrefix}kube_config_raw`, `Raw kubeconfig of ${who} (Entra ID login).`, `${r}.kube_config_raw`, true));
    sections.push(output(`${c.varPrefix}aks_nodes_subnet_id`, `Subnet of the nodes of ${who}.`, `azurerm_subnet.aks_nodes${c.sfx}.id`));
  }
  sections.push(output('ingress_subnet_id', 'Subnet for internal ingress load balancers.', 'azurerm_subnet.ingress.id'));
  sections.push(output('private_endpoints_subnet_id', 'Subnet for private endpoints.', 'azurerm_subnet.private_endpoints.id'));
  if (m.hasMonitoring) sections.push(output('log_analytics_workspace_id', 'Log Analytics workspace of the cluster(s).', 'azurerm_log_analytics_workspace.this.id'));
  if (m.fillers.includes('acr')) sections.push(output('acr_login_server', 'Login server of the container registry.', 'azurerm_container_registry.this.login_server'));
  if (m.fillers.includes('keyvault')) sections.push(output('key_vault_uri', 'URI of the workload Key Vault.', 'azurerm_key_vault.this.vault_uri'));
  return file(...sections);
}

function versionsTf(m) {
  return file(
    comment('Provider and Terraform versions, state backend and provider configuration.', 'Bump azurerm deliberately: the AKS network attributes change between majors.'),
    block(
      '',
      'terraform',
      [['required_version', '>= 1.6.0']],
      block('  ', 'required_providers', [
        ['azurerm', { source: 'hashicorp/azurerm', version: '~> 4.0' }],
        ['azuread', { source: 'hashicorp/azuread', version: '~> 3.0' }],
        ['azapi', { source: 'Azure/azapi', version: '~> 2.0' }],
        ['random', { source: 'hashicorp/random', version: '~> 3.6' }],
        ['time', { source: 'hashicorp/time', version: '~> 0.12' }],
      ]),
      block('  ', 'backend "azurerm"', [
        ['resource_group_name', 'rg-tfstate'],
        ['storage_account_name', `sttfstate${m.area.slice(0, 6)}${m.env}`],
        ['container_name', 'tfstate'],
        ['key', `${m.area}/${m.env}/${m.service}.tfstate`],
        ['use_azuread_auth', true],
      ]),
    ),
    block(
      '',
      'provider "azurerm"',
      [
        ['subscription_id', raw('var.subscription_id')],
        ['storage_use_azuread', true],
      ],
      block(
        '  ',
        'features',
        [],
        block('    ', 'resource_group', [['prevent_deletion_if_contains_resources', true]]),
        block('    ', 'key_vault', [
          ['purge_soft_delete_on_destroy', false],
          ['recover_soft_deleted_key_vaults', true],
        ]),
        block('    ', 'log_analytics_workspace', [['permanently_delete_on_destroy', false]]),
      ),
    ),
    ['provider "azuread" {}'],
    ['provider "azapi" {}'],
  );
}

// ---------------------------------------------------------------------------------------------
// Filler files

function monitoringTf(m) {
  const rng = m.rng;
  declare(m, 'log_retention_days', { type: 'number', description: 'Retention of the Log Analytics workspace, in days.', default: 30 });
  declare(m, 'alert_email', { type: 'string', description: 'Address that receives platform alerts.', default: 'platform-oncall@example.com' });
  const sections = [
    comment('Container insights, diagnostic settings and the alerts the on-call rota relies on.'),
    block('', 'resource "azurerm_log_analytics_workspace" "this"', [
      ['name', raw('"log-${local.name_prefix}"')],
      ['location', raw('azurerm_resource_group.this.location')],
      ['resource_group_name', raw('azurerm_resource_group.this.name')],
      ['sku', 'PerGB2018'],
      ['retention_in_days', raw('var.log_retention_days')],
      ['daily_quota_gb', m.env === 'prod' ? -1 : 5],
      ['tags', raw('local.tags')],
    ]),
    block(
      '',
      'resource "azurerm_monitor_action_group" "platform"',
      [
        ['name', raw('"ag-platform-${local.name_prefix}"')],
        ['resource_group_name', raw('azurerm_resource_group.this.name')],
        ['short_name', 'platform'],
        ['tags', raw('local.tags')],
      ],
      block('  ', 'email_receiver', [
        ['name', 'oncall'],
        ['email_address', raw('var.alert_email')],
        ['use_common_alert_schema', true],
      ]),
    ),
  ];
  for (const c of m.clusters) {
    sections.push(
      block(
        '',
        `resource "azurerm_monitor_diagnostic_setting" "aks${c.sfx}"`,
        [
          ['name', 'diag-aks'],
          ['target_resource_id', raw(`azurerm_kubernetes_cluster.${c.name}.id`)],
          ['log_analytics_workspace_id', raw('azurerm_log_analytics_workspace.this.id')],
          ['log_analytics_destination_type', 'Dedicated'],
        ],
        block('  ', 'dynamic "enabled_log"', [['for_each', raw('local.diagnostic_categories')]], block('    ', 'content', [['category', raw('enabled_log.value')]])),
        block('  ', 'metric', [['category', 'AllMetrics']]),
      ),
    );
    const alerts = [
      ['node_cpu', 'node_cpu_usage_percentage', 'Average', 'GreaterThan', 85, 'Node CPU above 85% for 15 minutes.'],
      ['node_memory', 'node_memory_working_set_percentage', 'Average', 'GreaterThan', 90, 'Node memory working set above 90%.'],
      ['node_disk', 'node_disk_usage_percentage', 'Average', 'GreaterThan', 80, 'Node OS disk above 80%.'],
      ['pods_failed', 'kube_pod_status_phase', 'Average', 'GreaterThan', 0, 'Pods in the Failed phase.'],
      ['nodes_not_ready', 'kube_node_status_condition', 'Average', 'GreaterThan', 0, 'Nodes not ready.'],
    ];
    for (const [name, metric, aggregation, operator, threshold, description] of rng.sample(alerts, rng.int(m.clusters.length > 1 ? 1 : 2, m.clusters.length > 1 ? 2 : 5))) {
      sections.push(
        block(
          '',
          `resource "azurerm_monitor_metric_alert" "${name}${c.sfx}"`,
          [
            ['name', raw(`"alert-${name.replace(/_/g, '-')}-\${local.name_prefix}${c.dash}"`)],
            ['resource_group_name', raw('azurerm_resource_group.this.name')],
            ['scopes', [raw(`azurerm_kubernetes_cluster.${c.name}.id`)]],
            ['description', description],
            ['severity', m.env === 'prod' ? 2 : 3],
            ['frequency', 'PT5M'],
            ['window_size', 'PT15M'],
            ['tags', raw('local.tags')],
          ],
          block('  ', 'criteria', [
            ['metric_namespace', 'Microsoft.ContainerService/managedClusters'],
            ['metric_name', metric],
            ['aggregation', aggregation],
            ['operator', operator],
            ['threshold', threshold],
          ]),
          block('  ', 'action', [['action_group_id', raw('azurerm_monitor_action_group.platform.id')]]),
        ),
      );
    }
  }
  return file(...sections);
}

function privateEndpoint(name, target, subresource, zone) {
  return block(
    '',
    `resource "azurerm_private_endpoint" "${name}"`,
    [
      ['name', raw(`"pe-${name}-\${local.name_prefix}"`)],
      ['location', raw('azurerm_resource_group.this.location')],
      ['resource_group_name', raw('azurerm_resource_group.this.name')],
      ['subnet_id', raw('azurerm_subnet.private_endpoints.id')],
      ['tags', raw('local.tags')],
    ],
    block('  ', 'private_service_connection', [
      ['name', `psc-${name}`],
      ['private_connection_resource_id', raw(`${target}.id`)],
      ['subresource_names', [subresource]],
      ['is_manual_connection', false],
    ]),
    block('  ', 'private_dns_zone_group', [
      ['name', 'default'],
      ['private_dns_zone_ids', [raw(zone)]],
    ]),
  );
}

function dnsZone(name, zone) {
  return [
    block('', `resource "azurerm_private_dns_zone" "${name}"`, [
      ['name', zone],
      ['resource_group_name', raw('azurerm_resource_group.this.name')],
      ['tags', raw('local.tags')],
    ]),
    block('', `resource "azurerm_private_dns_zone_virtual_network_link" "${name}"`, [
      ['name', raw(`"link-${name}-\${local.name_prefix}"`)],
      ['resource_group_name', raw('azurerm_resource_group.this.name')],
      ['private_dns_zone_name', raw(`azurerm_private_dns_zone.${name}.name`)],
      ['virtual_network_id', raw('azurerm_virtual_network.this.id')],
      ['registration_enabled', false],
      ['tags', raw('local.tags')],
    ]),
  ];
}

function acrTf(m) {
  const sections = [
    comment('Container registry, reachable only through its private endpoint; the kubelets pull with AcrPull.'),
    block(
      '',
      'resource "azurerm_container_registry" "this"',
      [
        ['name', raw('replace("acr${var.workload}${var.environment}", "-", "")')],
        ['location', raw('azurerm_resource_group.this.location')],
        ['resource_group_name', raw('azurerm_resource_group.this.name')],
        ['sku', 'Premium'],
        ['admin_enabled', false],
        ['public_network_access_enabled', false],
        ['zone_redundancy_enabled', m.env === 'prod'],
        ['data_endpoint_enabled', true],
        ['retention_policy_in_days', 7],
        ['tags', raw('local.tags')],
      ],
      m.env === 'prod'
        ? block('  ', 'georeplications', [
            ['location', m.location === 'westeurope' ? 'northeurope' : 'westeurope'],
            ['zone_redundancy_enabled', true],
            ['tags', raw('local.tags')],
          ])
        : [],
    ),
    ...dnsZone('acr', 'privatelink.azurecr.io'),
    privateEndpoint('acr', 'azurerm_container_registry.this', 'registry', 'azurerm_private_dns_zone.acr.id'),
  ];
  for (const c of m.clusters) {
    sections.push(
      block('', `resource "azurerm_role_assignment" "acr_pull${c.sfx}"`, [
        ['scope', raw('azurerm_container_registry.this.id')],
        ['role_definition_name', 'AcrPull'],
        ['principal_id', raw(`azurerm_kubernetes_cluster.${c.name}.kubelet_identity[0].object_id`)],
        ['skip_service_principal_aad_check', true],
      ]),
    );
  }
  return file(...sections);
}

function keyvaultTf(m) {
  const rng = m.rng;
  const sections = [
    comment('Key Vault for workload secrets, read by the Secrets Store CSI driver.'),
    block(
      '',
      'resource "azurerm_key_vault" "this"',
      [
        ['name', raw('"kv-${var.workload}-${var.environment}"')],
        ['location', raw('azurerm_resource_group.this.location')],
        ['resource_group_name', raw('azurerm_resource_group.this.name')],
        ['tenant_id', raw('data.azurerm_client_config.current.tenant_id')],
        ['sku_name', 'standard'],
        ['enable_rbac_authorization', true],
        ['purge_protection_enabled', m.env === 'prod'],
        ['soft_delete_retention_days', 30],
        ['public_network_access_enabled', false],
        ['tags', raw('local.tags')],
      ],
      block('  ', 'network_acls', [
        ['bypass', 'AzureServices'],
        ['default_action', 'Deny'],
        ['virtual_network_subnet_ids', m.clusters.map((c) => raw(`azurerm_subnet.aks_nodes${c.sfx}.id`))],
      ]),
    ),
    ...dnsZone('vault', 'privatelink.vaultcore.azure.net'),
    privateEndpoint('vault', 'azurerm_key_vault.this', 'vault', 'azurerm_private_dns_zone.vault.id'),
    block('', 'resource "azurerm_role_assignment" "kv_admin_pipeline"', [
      ['scope', raw('azurerm_key_vault.this.id')],
      ['role_definition_name', 'Key Vault Administrator'],
      ['principal_id', raw('data.azurerm_client_config.current.object_id')],
    ]),
  ];
  for (const c of m.clusters) {
    sections.push(
      block('', `resource "azurerm_role_assignment" "kv_secrets${c.sfx}"`, [
        ['scope', raw('azurerm_key_vault.this.id')],
        ['role_definition_name', 'Key Vault Secrets User'],
        ['principal_id', raw(`azurerm_kubernetes_cluster.${c.name}.key_vault_secrets_provider[0].secret_identity[0].object_id`)],
      ]),
    );
  }
  for (const name of rng.sample(['db-password', 'storage-key', 'api-token', 'tls-cert-password', 'queue-connection'], rng.int(1, 4))) {
    sections.push(
      block(
        '',
        `resource "azurerm_key_vault_secret" "${name.replace(/-/g, '_')}"`,
        [
          ['name', name],
          ['value', 'placeholder-rotated-by-pipeline'],
          ['key_vault_id', raw('azurerm_key_vault.this.id')],
          ['content_type', 'text/plain'],
        ],
        block('  ', 'lifecycle', [['ignore_changes', [raw('value')]]]),
      ),
    );
  }
  return file(...sections);
}

function identityTf(m) {
  const rng = m.rng;
  const sections = [comment('Control-plane identities of the cluster(s) and workload identities federated with them.')];
  for (const c of m.clusters) {
    sections.push(
      block('', `resource "azurerm_user_assigned_identity" "aks${c.sfx}"`, [
        ['name', raw(`"id-aks-\${local.name_prefix}${c.dash}"`)],
        ['location', raw('azurerm_resource_group.this.location')],
        ['resource_group_name', raw('azurerm_resource_group.this.name')],
        ['tags', raw('local.tags')],
      ]),
      block('', `resource "azurerm_role_assignment" "aks_network${c.sfx}"`, [
        ['scope', raw('azurerm_virtual_network.this.id')],
        ['role_definition_name', 'Network Contributor'],
        ['principal_id', raw(`azurerm_user_assigned_identity.aks${c.sfx}.principal_id`)],
      ]),
    );
  }
  const c = m.clusters[0];
  for (const [ns, sa] of rng.sample([['orders', 'orders-api'], ['billing', 'invoice-worker'], ['search', 'indexer'], ['ingest', 'collector'], ['web', 'frontend'], ['jobs', 'scheduler']], rng.int(3, 5))) {
    const id = `${sa.replace(/-/g, '_')}`;
    sections.push(
      block('', `resource "azurerm_user_assigned_identity" "${id}"`, [
        ['name', raw(`"id-${sa}-\${local.name_prefix}"`)],
        ['location', raw('azurerm_resource_group.this.location')],
        ['resource_group_name', raw('azurerm_resource_group.this.name')],
        ['tags', raw('local.tags')],
      ]),
      block('', `resource "azurerm_federated_identity_credential" "${id}"`, [
        ['name', `fic-${sa}`],
        ['resource_group_name', raw('azurerm_resource_group.this.name')],
        ['parent_id', raw(`azurerm_user_assigned_identity.${id}.id`)],
        ['audience', ['api://AzureADTokenExchange']],
        ['issuer', raw(`azurerm_kubernetes_cluster.${c.name}.oidc_issuer_url`)],
        ['subject', `system:serviceaccount:${ns}:${sa}`],
      ]),
    );
  }
  return file(...sections);
}

function dnsTf(m) {
  const rng = m.rng;
  const zone = `${m.service}.${m.env}.${m.area}.internal.example.com`;
  const sections = [comment('Private DNS for internal ingress and for the private endpoints of the platform services.')];
  sections.push(...dnsZone('internal', zone));
  sections.push(...dnsZone('blob', 'privatelink.blob.core.windows.net'));
  if (rng.chance(0.5)) sections.push(...dnsZone('aks_api', `privatelink.${m.location}.azmk8s.io`));
  for (const [i, host] of rng.sample(['api', 'web', 'grafana', 'argocd', 'jobs', 'admin'], rng.int(3, 6)).entries()) {
    const [ingress] = subnetOf(m, 'ingress');
    sections.push(
      block('', `resource "azurerm_private_dns_a_record" "${host}"`, [
        ['name', host],
        ['zone_name', raw('azurerm_private_dns_zone.internal.name')],
        ['resource_group_name', raw('azurerm_resource_group.this.name')],
        ['ttl', 300],
        ['records', m.style === 'literal' ? [ingress.replace(/\.0\/24$/, `.${10 + i}`)] : [raw(`cidrhost(azurerm_subnet.ingress.address_prefixes[0], ${10 + i})`)]],
        ['tags', raw('local.tags')],
      ]),
    );
  }
  return file(...sections);
}

function rbacTf(m) {
  const rng = m.rng;
  declare(m, 'reader_group_object_ids', { type: 'list(string)', description: 'Entra ID groups with read access to the cluster(s).', default: [] });
  declare(m, 'writer_group_object_ids', { type: 'list(string)', description: 'Entra ID groups that may deploy to the cluster(s).', default: [] });
  const sections = [comment('Who may do what on the cluster(s) (Azure RBAC for Kubernetes), and the locks that stop accidents.')];
  for (const c of m.clusters) {
    for (const [role, list, name] of [
      ['Azure Kubernetes Service RBAC Reader', 'reader_group_object_ids', 'readers'],
      ['Azure Kubernetes Service RBAC Writer', 'writer_group_object_ids', 'writers'],
      ['Azure Kubernetes Service Cluster User Role', 'reader_group_object_ids', 'cluster_users'],
      ['Azure Kubernetes Service RBAC Cluster Admin', 'admin_group_object_ids', 'cluster_admins'],
    ]) {
      sections.push(
        block('', `resource "azurerm_role_assignment" "${name}${c.sfx}"`, [
          ['for_each', raw(`toset(var.${list})`)],
          ['scope', raw(`azurerm_kubernetes_cluster.${c.name}.id`)],
          ['role_definition_name', role],
          ['principal_id', raw('each.value')],
        ]),
      );
    }
    sections.push(
      block('', `resource "azurerm_role_assignment" "monitoring_metrics${c.sfx}"`, [
        ['scope', raw(`azurerm_kubernetes_cluster.${c.name}.id`)],
        ['role_definition_name', 'Monitoring Metrics Publisher'],
        ['principal_id', raw(`azurerm_kubernetes_cluster.${c.name}.oms_agent[0].oms_agent_identity[0].object_id`)],
      ]),
    );
  }
  sections.push(
    block('', 'resource "azurerm_management_lock" "rg"', [
      ['count', raw('local.is_production ? 1 : 0')],
      ['name', 'do-not-delete'],
      ['scope', raw('azurerm_resource_group.this.id')],
      ['lock_level', 'CanNotDelete'],
      ['notes', 'Production resource group: remove the lock through a reviewed change only.'],
    ]),
  );
  sections.push(
    block('', 'resource "azurerm_management_lock" "vnet"', [
      ['count', raw('local.is_production ? 1 : 0')],
      ['name', 'do-not-delete'],
      ['scope', raw('azurerm_virtual_network.this.id')],
      ['lock_level', 'CanNotDelete'],
      ['notes', 'Peered spoke network: deleting it cuts the hub routes.'],
    ]),
  );
  if (rng.chance(0.5)) {
    sections.push(
      block('', 'resource "azurerm_role_assignment" "pipeline_cluster_admin"', [
        ['scope', raw(`azurerm_kubernetes_cluster.${m.clusters[0].name}.id`)],
        ['role_definition_name', 'Azure Kubernetes Service RBAC Cluster Admin'],
        ['principal_id', raw('data.azurerm_client_config.current.object_id')],
      ]),
    );
  }
  return file(...sections);
}

const FILLER_WRITERS = { monitoring: monitoringTf, acr: acrTf, keyvault: keyvaultTf, identity: identityTf, dns: dnsTf, rbac: rbacTf };

// ---------------------------------------------------------------------------------------------
// variables.tf and terraform.tfvars (written last: the other files declare what they use)

function declareCommon(m) {
  declare(m, 'subscription_id', { type: 'string', description: 'Subscription the module deploys into.' });
  declare(m, 'location', {
    type: 'string',
    description: 'Azure region of every resource in the module.',
    default: 'westeurope',
  });
  declare(m, 'environment', {
    type: 'string',
    description: 'Deployment environment.',
    validation: ['contains(["dev", "test", "stage", "prod"], var.environment)', 'environment must be one of dev, test, stage, prod.'],
  });
  declare(m, 'workload', { type: 'string', description: 'Short workload name used in resource names.' });
  declare(m, 'kubernetes_version', { type: 'string', description: 'Kubernetes minor version of the control plane and node pools.', default: '1.32' });
  declare(m, 'admin_group_object_ids', { type: 'list(string)', description: 'Entra ID groups that are cluster administrators.', default: [] });
  declare(m, 'authorized_ip_ranges', { type: 'list(string)', description: 'Public ranges allowed to reach the API server.', default: [] });
  declare(m, 'build_agent_ip_ranges', { type: 'list(string)', description: 'Egress ranges of the build agents.', default: ['20.50.0.0/28'] });
  declare(m, 'tags', { type: 'map(string)', description: 'Tags added to every resource.', default: {} });
  declare(m, 'maintenance_day', { type: 'string', description: 'Day of the weekly maintenance window.', default: 'Sunday' });
  if (!m.hasMonitoring) {
    declare(m, 'log_analytics_workspace_id', { type: 'string', description: 'Central Log Analytics workspace that receives container insights.' });
  }
}

function variablesTf(m) {
  const sections = [comment('Inputs of the module. Values per environment live in terraform.tfvars.')];
  for (const [name, spec] of m.vars) {
    const pairs = [
      ['description', spec.description],
      ['type', raw(spec.type)],
      ['default', spec.default],
      ['sensitive', spec.sensitive],
      ['nullable', spec.default === undefined ? false : undefined],
    ];
    const parts = [];
    if (spec.validation) {
      parts.push(block('  ', 'validation', [['condition', raw(spec.validation[0])], ['error_message', spec.validation[1]]]));
    } else if (/cidr|address_space/.test(name) && spec.type === 'string') {
      parts.push(block('  ', 'validation', [['condition', raw(`can(cidrhost(var.${name}, 0))`)], ['error_message', `${name} must be a CIDR range.`]]));
    }
    sections.push(block('', `variable "${name}"`, pairs, ...parts));
  }
  return file(...sections);
}

function tfvars(m) {
  const rng = m.rng;
  const id = (group, n) => `${String(m.index).padStart(8, '0')}-${group}-${String(n).padStart(12, '0')}`;
  const section = (title, pairs) => ['', `# ${title}`, ...attrs('', pairs)];
  const out = [
    ...comment(`${m.area}/${m.env}/${m.service}`, 'Reviewed by the platform team; secrets never go here.'),
    ...section('Deployment', [
      ['subscription_id', `0000000${m.index % 10}-aaaa-bbbb-cccc-00000000${String(1000 + m.index).slice(-4)}`],
      ['location', m.location],
      ['environment', m.env],
      ['workload', m.workload],
      ['kubernetes_version', m.k8s],
    ]),
    ...section('Network', [
      ['vnet_address_space', m.vnet],
      ['dns_servers', m.vars.has('dns_servers') ? lines(['10.255.0.4', '10.255.0.5']) : undefined],
      ['hub_vnet_id', m.vars.has('hub_vnet_id') ? `/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-hub-${m.location}/providers/Microsoft.Network/virtualNetworks/vnet-hub-${m.location}` : undefined],
      ['firewall_private_ip', m.vars.has('firewall_private_ip') ? '10.255.1.4' : undefined],
    ]),
    ...section('System node pool', [
      ['system_node_vm_size', rng.pick(['Standard_D4ds_v5', 'Standard_D4as_v5', 'Standard_D8ds_v5'])],
      ['system_min_count', m.env === 'prod' ? 3 : 1],
      ['system_max_count', m.env === 'prod' ? rng.int(5, 9) : rng.int(2, 4)],
    ]),
    ...section('Cluster features', [
      ['automatic_upgrade_channel', rng.pick(['patch', 'stable', 'node-image'])],
      ['node_os_upgrade_channel', rng.pick(['NodeImage', 'SecurityPatch'])],
      ['image_cleaner_interval_hours', rng.pick([24, 48, 168])],
      ['maintenance_day', rng.pick(['Saturday', 'Sunday'])],
    ]),
    ...section('Access', [
      ['admin_group_object_ids', lines(Array.from({ length: rng.int(1, 3) }, (_, i) => id('1111-2222-3333', i + 1)))],
      ['authorized_ip_ranges', lines(rng.sample(['203.0.113.0/24', '198.51.100.0/24', '192.0.2.64/27', '20.61.10.0/28', '52.174.0.0/28', '40.74.28.0/28'], rng.int(2, 5)))],
      ['build_agent_ip_ranges', lines(['20.50.0.0/28', '20.50.1.0/28'])],
      ['reader_group_object_ids', m.vars.has('reader_group_object_ids') ? lines([id('4444-5555-6666', 1)]) : undefined],
      ['writer_group_object_ids', m.vars.has('writer_group_object_ids') ? lines([id('4444-5555-6666', 2)]) : undefined],
    ]),
  ];
  if (m.vars.has('log_retention_days') || m.vars.has('log_analytics_workspace_id')) {
    out.push(
      ...section('Monitoring', [
        ['log_analytics_workspace_id', m.vars.has('log_analytics_workspace_id') ? `/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-monitoring/providers/Microsoft.OperationalInsights/workspaces/log-central-${m.env}` : undefined],
        ['log_retention_days', m.vars.has('log_retention_days') ? (m.env === 'prod' ? 90 : 30) : undefined],
        ['alert_email', m.vars.has('alert_email') ? `${m.area}-oncall@example.com` : undefined],
      ]),
    );
  }
  if (m.tfvars.length > 0) out.push(...section('Cluster network and node pools', m.tfvars));
  out.push(
    ...section('Tags', [
      [
        'tags',
        {
          'cost-center': `cc-${1000 + (m.index % 37)}`,
          owner: `${m.area}-team@example.com`,
          criticality: m.env === 'prod' ? 'high' : 'low',
          'data-classification': rng.pick(['internal', 'confidential', 'public']),
          'business-unit': m.area,
          'last-reviewed': `2025-0${1 + (m.index % 9)}-15`,
          'support-hours': m.env === 'prod' ? '24x7' : 'business',
          'review-ticket': `PLAT-${4000 + m.index}`,
        },
      ],
    ]),
  );
  return `${out.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------
// Putting it together

/** The files of one module, name -> text (deterministic for a seed and index). */
export function moduleFiles(seed, index) {
  const m = planModule(seed, index);
  declareCommon(m);
  const out = {};
  // Order matters only for the PRNG stream and for declarations; files are independent texts.
  out['main.tf'] = mainTf(m);
  out['network.tf'] = networkTf(m);
  out['pools.tf'] = poolsTf(m);
  for (const filler of m.fillers) out[`${filler}.tf`] = FILLER_WRITERS[filler](m);
  out['locals.tf'] = localsTf(m);
  out['outputs.tf'] = outputsTf(m);
  out['versions.tf'] = versionsTf(m);
  out['variables.tf'] = variablesTf(m);
  out['terraform.tfvars'] = tfvars(m);
  const names = Object.keys(out);
  if (names.length !== FILES_PER_MODULE) throw new Error(`module ${m.dir}: ${names.length} files, expected ${FILES_PER_MODULE}`);
  for (const [name, text] of Object.entries(out)) {
    const lines = text.split('\n').length - 1;
    if (!process.env.NO_LINE_CHECK && (lines < MIN_LINES || lines > MAX_LINES)) throw new Error(`module ${m.dir}: ${name} has ${lines} lines, outside ${MIN_LINES}-${MAX_LINES}`);
  }
  return {
    dir: m.dir,
    files: out,
    clusters: m.clusters.map((c) => ({ name: c.name, kind: c.p.kind, finding: c.finding ?? null })),
  };
}

/** Writes the tree; refuses to delete a non-empty directory it did not generate. */
export function generateTree(outDir, { seed = DEFAULT_SEED } = {}) {
  const root = resolve(outDir);
  if (existsSync(root) && readdirSync(root).length > 0) {
    if (!existsSync(join(root, MARKER))) throw new Error(`${root} exists, is not empty and was not written by generate-tree.mjs; refusing to replace it`);
    rmSync(root, { recursive: true, force: true });
  }
  let files = 0;
  let lines = 0;
  let bytes = 0;
  const clusters = [];
  for (let i = 0; i < MODULE_COUNT; i++) {
    const mod = moduleFiles(seed, i);
    const dir = join(root, mod.dir);
    mkdirSync(dir, { recursive: true });
    for (const [name, text] of Object.entries(mod.files)) {
      writeFileSync(join(dir, name), text);
      files++;
      lines += text.split('\n').length - 1;
      bytes += Buffer.byteLength(text);
    }
    for (const c of mod.clusters) clusters.push({ module: mod.dir, ...c });
  }
  const summary = {
    generator: generatorHash(),
    seed,
    modules: MODULE_COUNT,
    files,
    lines,
    bytes,
    clusters: clusters.length,
    clustersWithPlantedFindings: clusters.filter((c) => c.finding).length,
    planted: clusters.filter((c) => c.finding),
  };
  writeFileSync(join(root, MARKER), `${JSON.stringify(summary, null, 2)}\n`);
  return summary;
}

/** The marker of an existing tree, or undefined. */
export function readMarker(outDir) {
  try {
    return JSON.parse(readFileSync(join(resolve(outDir), MARKER), 'utf8'));
  } catch {
    return undefined;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === SELF) {
  const args = process.argv.slice(2);
  const seedAt = args.indexOf('--seed');
  const seed = seedAt >= 0 ? Number(args[seedAt + 1]) : DEFAULT_SEED;
  if (!Number.isInteger(seed)) {
    console.error('usage: node bench/generate-tree.mjs [outDir] [--seed N]');
    process.exit(2);
  }
  const positional = args.filter((a, i) => a !== '--seed' && args[i - 1] !== '--seed');
  const outDir = positional[0] ?? join(dirname(SELF), '..', '.bench', 'tree');
  const started = performance.now();
  let s;
  try {
    s = generateTree(outDir, { seed });
  } catch (error) {
    console.error(`generate-tree: ${error.message}`);
    process.exit(1);
  }
  console.log(
    `wrote ${s.files} files (${s.lines} lines, ${(s.bytes / 1048576).toFixed(1)} MB) in ${s.modules} modules to ${resolve(outDir)}: ` +
      `${s.clusters} clusters, ${s.clustersWithPlantedFindings} with a planted mistake (seed ${s.seed}, ${Math.round(performance.now() - started)} ms)`,
  );
}
