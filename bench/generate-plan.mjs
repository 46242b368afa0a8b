// Writes the plan benchmark input (issue 12): one `terraform show -json` plan (format_version 1.2)
// of 200 AKS clusters, each in its own instance of a module (`module.aks["env-007"]`) with a VNet,
// a node subnet and a user node pool, as an estate-wide CI plan holds them. As in a real plan,
// ids are known only after apply (after_unknown), and the configuration's references link pools
// and subnets. About one cluster in eight carries a mistake the rules report (Cilium policy on the
// Azure data plane; a /27 node subnet for 5 + 4 nodes).
//
// Deterministic: a seeded PRNG (the tree generator's Rng); never Math.random.
//
//   node bench/generate-plan.mjs [outDir] [--seed N]      (default .bench/plan, seed 20250601)
//
// run.mjs imports generatePlan() and regenerates when the marker's generator hash differs.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_SEED, Rng } from './generate-tree.mjs';

export { DEFAULT_SEED };

export const CLUSTER_COUNT = 200;
export const MARKER = '.generated.json';
export const PLAN_FILE = 'plan.json';
const AZURERM = 'registry.terraform.io/hashicorp/azurerm';
const SELF = fileURLToPath(import.meta.url);

/** A hash of this file: the plan is regenerated when the generator changes. */
export function generatorHash() {
  return createHash('sha256').update(readFileSync(SELF)).digest('hex').slice(0, 16);
}

const lit = (value) => ({ constant_value: value });
const refs = (...references) => ({ references });

/** One resource instance: its resource_changes entry and its planned_values entry. */
function instance(moduleAddress, index, type, name, after, afterUnknown) {
  const address = `${moduleAddress}.${type}.${name}`;
  const head = { address, mode: 'managed', type, name };
  return {
    change: { ...head, module_address: moduleAddress, provider_name: AZURERM, change: { actions: ['create'], before: null, after, after_unknown: afterUnknown, before_sensitive: false, after_sensitive: {} } },
    planned: { ...head, provider_name: AZURERM, schema_version: 0, values: after, sensitive_values: {} },
  };
}

function clusterResources(rng, i, planted) {
  const env = `env-${String(i).padStart(3, '0')}`;
  const module = `module.aks["${env}"]`;
  const second = i % 250;
  const vnetSpace = `10.${second}.0.0/16`;
  const subnet = planted === 'tooSmall' ? `10.${second}.1.0/27` : `10.${second}.0.0/22`;
  const overlay = planted === 'tooSmall' ? false : rng.chance(0.6);
  const policy = planted === 'cilium' ? 'cilium' : overlay ? rng.pick(['cilium', 'none']) : 'azure';
  const dataPlane = planted === 'cilium' ? 'azure' : policy === 'cilium' ? 'cilium' : 'azure';
  const network = {
    network_plugin: 'azure',
    network_plugin_mode: overlay ? 'overlay' : null,
    network_data_plane: dataPlane,
    network_policy: policy === 'none' ? null : policy,
    network_mode: null,
    pod_cidr: overlay ? '192.168.0.0/16' : null,
    service_cidr: '172.16.0.0/16',
    dns_service_ip: '172.16.0.10',
    outbound_type: 'loadBalancer',
    load_balancer_sku: 'standard',
    load_balancer_profile: [],
    nat_gateway_profile: [],
    advanced_networking: [],
  };
  const nodes = planted === 'tooSmall' ? 5 : rng.int(2, 6);
  return [
    instance(module, env, 'azurerm_virtual_network', 'vnet', { name: `vnet-${env}`, location: 'westeurope', resource_group_name: `rg-${env}`, address_space: [vnetSpace], tags: null }, { id: true, guid: true, subnet: true, address_space: [false] }),
    instance(module, env, 'azurerm_subnet', 'nodes', { name: 'nodes', resource_group_name: `rg-${env}`, virtual_network_name: `vnet-${env}`, address_prefixes: [subnet], delegation: [] }, { id: true, address_prefixes: [false], delegation: [] }),
    instance(
      module,
      env,
      'azurerm_kubernetes_cluster',
      'this',
      {
        name: `aks-${env}`,
        location: 'westeurope',
        resource_group_name: `rg-${env}`,
        dns_prefix: `aks${i}`,
        default_node_pool: [{ name: 'system', vm_size: 'Standard_D4s_v5', node_count: nodes, max_pods: 30, auto_scaling_enabled: false, min_count: null, max_count: null, node_public_ip_enabled: false, upgrade_settings: [] }],
        identity: [{ type: 'SystemAssigned', identity_ids: null }],
        network_profile: [network],
        bootstrap_profile: [],
        tags: { env },
      },
      {
        id: true,
        fqdn: true,
        kube_config: true,
        kubelet_identity: true,
        node_resource_group: true,
        default_node_pool: [{ vnet_subnet_id: true, orchestrator_version: true, upgrade_settings: [] }],
        identity: [{ principal_id: true, tenant_id: true }],
        network_profile: [{ ip_versions: true, pod_cidrs: true, service_cidrs: true, load_balancer_profile: [], nat_gateway_profile: [], advanced_networking: [] }],
      },
    ),
    instance(
      module,
      env,
      'azurerm_kubernetes_cluster_node_pool',
      'user',
      { name: 'user', vm_size: 'Standard_D8s_v5', node_count: planted === 'tooSmall' ? 4 : rng.int(1, 5), max_pods: 30, auto_scaling_enabled: false, min_count: null, max_count: null, priority: 'Regular', os_type: 'Linux', node_public_ip_enabled: false, upgrade_settings: [] },
      { id: true, kubernetes_cluster_id: true, vnet_subnet_id: true, orchestrator_version: true, upgrade_settings: [] },
    ),
  ];
}

/** The configuration of the cluster module, as plan JSON writes it (expressions per attribute). */
function moduleConfiguration() {
  const subnetId = refs('azurerm_subnet.nodes.id', 'azurerm_subnet.nodes');
  const resource = (type, name, expressions) => ({ address: `${type}.${name}`, mode: 'managed', type, name, provider_config_key: 'azurerm', expressions, schema_version: 0 });
  return {
    resources: [
      resource('azurerm_virtual_network', 'vnet', { name: refs('var.name'), address_space: refs('var.address_space') }),
      resource('azurerm_subnet', 'nodes', { virtual_network_name: refs('azurerm_virtual_network.vnet.name', 'azurerm_virtual_network.vnet'), address_prefixes: refs('var.node_prefixes') }),
      resource('azurerm_kubernetes_cluster', 'this', {
        name: refs('var.name'),
        default_node_pool: [{ name: lit('system'), vnet_subnet_id: subnetId, node_count: refs('var.nodes'), max_pods: lit(30) }],
        network_profile: [{ network_plugin: lit('azure'), network_policy: refs('var.policy'), network_data_plane: refs('var.data_plane') }],
      }),
      resource('azurerm_kubernetes_cluster_node_pool', 'user', { kubernetes_cluster_id: refs('azurerm_kubernetes_cluster.this.id', 'azurerm_kubernetes_cluster.this'), vnet_subnet_id: subnetId, max_pods: lit(30) }),
    ],
    variables: { name: {}, address_space: {}, node_prefixes: {}, nodes: {}, policy: {}, data_plane: {} },
  };
}

/** Writes the plan into outDir; returns its summary (also written as the marker). */
export function generatePlan(outDir, { seed = DEFAULT_SEED } = {}) {
  const rng = new Rng(seed);
  const changes = [];
  const childModules = [];
  const planted = [];
  for (let i = 0; i < CLUSTER_COUNT; i++) {
    const mistake = rng.chance(1 / 8) ? rng.pick(['cilium', 'tooSmall']) : undefined;
    if (mistake) planted.push(mistake);
    const resources = clusterResources(rng, i, mistake);
    changes.push(...resources.map((r) => r.change));
    childModules.push({ address: resources[0].change.module_address, resources: resources.map((r) => r.planned) });
  }
  const plan = {
    format_version: '1.2',
    terraform_version: '1.9.5',
    planned_values: { root_module: { child_modules: childModules } },
    resource_changes: changes,
    configuration: {
      provider_config: { azurerm: { name: 'azurerm', full_name: AZURERM, version_constraint: '~> 4.0' } },
      root_module: { module_calls: { aks: { source: './modules/aks', for_each_expression: refs('local.clusters'), module: moduleConfiguration() } } },
    },
    timestamp: '2026-12-07T09:00:00Z',
    applyable: true,
    complete: true,
    errored: false,
  };
  mkdirSync(outDir, { recursive: true });
  const text = JSON.stringify(plan, null, 2);
  writeFileSync(join(outDir, PLAN_FILE), `${text}\n`);
  const summary = { generator: generatorHash(), seed, files: 1, clusters: CLUSTER_COUNT, planted: planted.length, plantedCilium: planted.filter((p) => p === 'cilium').length, plantedTooSmall: planted.filter((p) => p === 'tooSmall').length, bytes: text.length + 1 };
  writeFileSync(join(outDir, MARKER), JSON.stringify(summary, null, 2));
  return summary;
}

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
  const positional = args.filter((a, i) => a !== '--seed' && args[i - 1] !== '--seed');
  console.log(generatePlan(positional[0] ?? join(dirname(SELF), '..', '.bench', 'plan'), { seed }));
}
