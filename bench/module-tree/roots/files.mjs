// The 19 files of one root: the module calls (calls.mjs) and the rest (resources, checks, outputs,
// versions, providers, variables, locals, terraform.tfvars, network.auto.tfvars).
import { join } from 'node:path';
import { attrs, block, comment, file, hv, lines, LOCATIONS, raw } from '../../generate-tree.mjs';
import { objType, output, variable } from '../hcl.mjs';
import { rootDnsTf, rootIdentityTf, rootKeyvaultTf, rootMainTf, rootPoolsTf, rootRegistryTf } from './calls.mjs';
import { planRoot, poolValues, subnets, subnetsType } from './plan.mjs';

export const FILES_PER_ROOT = 19;

function rootMonitoringTf(r) {
  return file(
    comment('The workspace the cluster sends container insights and control-plane logs to, and the on-call action group.'),
    block('', 'resource "azurerm_log_analytics_workspace" "this"', [
      ['name', raw('"log-${local.name_prefix}"')],
      ['location', raw('azurerm_resource_group.this.location')],
      ['resource_group_name', raw('azurerm_resource_group.this.name')],
      ['sku', 'PerGB2018'],
      ['retention_in_days', raw('var.log_retention_days')],
      ['daily_quota_gb', r.prod ? -1 : 5],
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
    block(
      '',
      'resource "azurerm_monitor_diagnostic_setting" "keyvault"',
      [
        ['name', 'diag-keyvault'],
        ['target_resource_id', raw('module.keyvault.resource_id')],
        ['log_analytics_workspace_id', raw('azurerm_log_analytics_workspace.this.id')],
      ],
      block('  ', 'enabled_log', [['category_group', 'audit']]),
      block('  ', 'metric', [['category', 'AllMetrics']]),
    ),
  );
}

function rootRbacTf() {
  const assignment = (name, forEach, scope, role) =>
    block('', `resource "azurerm_role_assignment" "${name}"`, [
      ['for_each', raw(forEach)],
      ['scope', raw(scope)],
      ['role_definition_name', role],
      ['principal_id', raw('each.value')],
    ]);
  return file(
    comment('Who may do what on the cluster (Azure RBAC for Kubernetes) and on its logs.'),
    assignment('cluster_admins', 'toset(var.admin_group_object_ids)', 'module.cluster.resource_id', 'Azure Kubernetes Service RBAC Cluster Admin'),
    assignment('cluster_users', 'toset(concat(var.admin_group_object_ids, var.reader_group_object_ids))', 'module.cluster.resource_id', 'Azure Kubernetes Service Cluster User Role'),
    assignment('cluster_readers', 'toset(var.reader_group_object_ids)', 'module.cluster.resource_id', 'Azure Kubernetes Service RBAC Reader'),
    assignment('log_readers', 'toset(var.reader_group_object_ids)', 'azurerm_log_analytics_workspace.this.id', 'Log Analytics Reader'),
  );
}

function rootDataTf() {
  return file(
    ['data "azurerm_client_config" "current" {}'],
    ['data "azurerm_subscription" "current" {}'],
    block('', 'data "azurerm_virtual_network" "hub"', [
      ['count', raw('var.hub_vnet_id == "" ? 0 : 1')],
      ['name', raw('element(split("/", var.hub_vnet_id), 8)')],
      ['resource_group_name', raw('element(split("/", var.hub_vnet_id), 4)')],
    ]),
  );
}

function rootChecksTf(r) {
  const checks = [
    [
      'aks_subnet_size',
      'tonumber(split("/", module.network.subnet_prefixes["aks"])[1]) <= 22',
      'The AKS node subnet is smaller than /22: too few addresses for the nodes and surge upgrades.',
    ],
    ['production_api_restricted', '!local.is_production || length(local.authorized_ip_ranges) > 0', 'A production API server must restrict the ranges that reach it.'],
    ['hub_peered', 'var.hub_vnet_id == "" || length(data.azurerm_virtual_network.hub) == 1', 'The hub virtual network named in hub_vnet_id does not exist.'],
  ];
  return file(
    comment('Checks that Terraform evaluates on every plan; a failure is a warning, not an error.'),
    ...checks.map(([name, condition, message]) =>
      block(
        '',
        `check "${name}"`,
        [],
        block('  ', 'assert', [
          ['condition', raw(condition)],
          ['error_message', message],
        ]),
      ),
    ),
  );
}

function rootOutputsTf() {
  return file(
    comment('Read by the application pipelines and the platform catalogue.'),
    output('resource_group_name', 'Resource group of the environment.', 'azurerm_resource_group.this.name'),
    output('cluster_id', 'Resource ID of the AKS cluster.', 'module.cluster.resource_id'),
    output('cluster_name', 'Name of the AKS cluster.', 'module.cluster.name'),
    output('oidc_issuer_url', 'OIDC issuer URL of the cluster.', 'module.cluster.oidc_issuer_url'),
    output('kubelet_object_id', 'Object ID of the kubelet identity.', 'module.cluster.kubelet_object_id'),
    output('vnet_id', 'Resource ID of the spoke virtual network.', 'module.network.resource_id'),
    output('subnet_ids', 'Subnet IDs by short name.', 'module.network.subnet_ids'),
    output('node_pool_ids', 'User node pool IDs by name.', 'module.pools.ids'),
    output('acr_login_server', 'Login server of the registry.', 'module.acr.login_server'),
    output('key_vault_uri', 'URI of the Key Vault.', 'module.keyvault.vault_uri'),
    output('workload_identity_client_ids', 'Client IDs of the workload identities.', 'module.workload_identity.client_ids'),
    output('kube_config_raw', 'Raw kubeconfig (Entra ID login).', 'module.cluster.kube_config_raw', true),
  );
}

function rootVersionsTf(r) {
  return file(
    comment('Terraform and provider versions, and the state backend.', 'Bump azurerm deliberately: the AKS network attributes change between majors.'),
    block(
      '',
      'terraform',
      [['required_version', '>= 1.9.0']],
      block('  ', 'required_providers', [
        ['azurerm', { source: 'hashicorp/azurerm', version: '~> 4.0' }],
        ['azuread', { source: 'hashicorp/azuread', version: '~> 3.0' }],
        ['modtm', { source: 'azure/modtm', version: '~> 0.3' }],
        ['random', { source: 'hashicorp/random', version: '~> 3.6' }],
      ]),
      block('  ', 'backend "azurerm"', [
        ['resource_group_name', 'rg-tfstate'],
        ['storage_account_name', `sttfstate${r.area.slice(0, 6)}${r.env}`],
        ['container_name', 'tfstate'],
        ['key', `envs/${r.name}.tfstate`],
        ['use_azuread_auth', true],
      ]),
    ),
  );
}

function rootProvidersTf() {
  return file(
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
      ),
    ),
    ['provider "azuread" {}'],
  );
}

function rootVariablesTf(r) {
  return file(
    comment('Inputs of the environment. Values live in terraform.tfvars and network.auto.tfvars.'),
    variable('subscription_id', { type: 'string', description: 'Subscription the environment deploys into.', nullable: false }),
    variable('location', { type: 'string', default: 'westeurope', description: 'Azure region of the environment.' }),
    variable('secondary_location', { type: 'string', default: 'northeurope', description: 'Region the registry replicates to in production.' }),
    variable('environment', {
      type: 'string',
      description: 'Deployment environment.',
      nullable: false,
      validation: [['contains(["dev", "test", "stage", "prod"], var.environment)', 'environment must be one of dev, test, stage, prod.']],
    }),
    variable('workload', { type: 'string', description: 'Short workload name used in resource names.', nullable: false }),
    variable('kubernetes_version', { type: 'string', default: '1.32', description: 'Kubernetes minor version of the control plane and the pools.' }),
    variable('admin_group_object_ids', { type: 'list(string)', default: [], description: 'Entra ID groups that administer the cluster.' }),
    variable('reader_group_object_ids', { type: 'list(string)', default: [], description: 'Entra ID groups with read access.' }),
    variable('authorized_ip_ranges', { type: 'list(string)', default: [], description: 'Public ranges allowed to reach the API server.' }),
    variable('maintenance_day', { type: 'string', default: 'Sunday', description: 'Day of the weekly maintenance window.' }),
    variable('log_retention_days', { type: 'number', default: 30, description: 'Retention of the Log Analytics workspace, in days.' }),
    variable('alert_email', { type: 'string', default: 'platform-oncall@example.com', description: 'Address that receives platform alerts.' }),
    variable('tags', { type: 'map(string)', default: {}, description: 'Tags added to every resource.' }),
  );
}

function rootNetworkVariablesTf(r) {
  const sections = [
    comment('Network inputs. network.auto.tfvars holds the values of this environment.'),
    variable('vnet_address_space', {
      type: 'string',
      description: 'Address space of the spoke virtual network.',
      nullable: false,
      validation: [['can(cidrhost(var.vnet_address_space, 0))', 'vnet_address_space must be a CIDR range.']],
    }),
    variable('dns_servers', { type: 'list(string)', default: [], description: 'Custom DNS servers (the hub resolvers); empty: Azure DNS.' }),
    variable('firewall_private_ip', { type: 'string', default: '', description: 'Hub firewall that egress goes through; empty: egress through the load balancer.', nullable: false }),
    variable('hub_vnet_id', { type: 'string', default: '', description: 'Hub virtual network to peer with; empty: no peering.', nullable: false }),
  ];
  if (r.style === 'vars') sections.push(variable('subnets', { type: subnetsType, description: 'Subnets of the spoke by short name.', nullable: false }));
  for (const [name, spec] of r.vars) sections.push(variable(name, spec));
  return file(...sections);
}

function rootPoolsVariablesTf(r) {
  return file(
    variable('system_node_vm_size', { type: 'string', default: 'Standard_D4ds_v5', description: 'VM size of the system node pool.' }),
    variable('system_min_count', { type: 'number', default: 1, description: 'Minimum node count of the system pool.' }),
    variable('system_max_count', { type: 'number', default: 3, description: 'Maximum node count of the system pool.' }),
    variable('node_pools', {
      type: `map(${objType({
        vm_size: 'string',
        os_type: 'optional(string, "Linux")',
        min_count: 'optional(number, 1)',
        max_count: 'optional(number, 5)',
        labels: 'optional(map(string), {})',
        taints: 'optional(list(string), [])',
        priority: 'optional(string, "Regular")',
      })})`,
      default: {},
      description: r.style === 'vars' ? 'User node pools by name.' : 'Extra user node pools by name, besides the ones in locals.tf.',
      nullable: false,
    }),
  );
}

function rootLocalsTf(r) {
  const pairs = [
    ['name_prefix', raw('"${var.workload}-${var.environment}-${local.location_short}"')],
    ['location_short', raw('lookup(local.location_short_names, var.location, "xx")')],
    ['location_short_names', Object.fromEntries(LOCATIONS)],
    ['is_production', raw('var.environment == "prod"')],
    [
      'tags',
      raw(`merge(var.tags, {\n    environment = var.environment\n    workload    = var.workload\n    managed_by  = "terraform"\n    root        = "envs/${r.name}"\n  })`),
    ],
    ['authorized_ip_ranges', raw('concat(var.authorized_ip_ranges, ["20.50.0.0/28"])')],
    ['private_dns_zones', r.zones],
  ];
  if (r.style !== 'vars') {
    pairs.push(['subnets', subnets(r)]);
    pairs.push(['node_pools', raw(`merge(${hv(poolValues(r.pools), '  ')}, var.node_pools)`)]);
  }
  pairs.push(...r.netLocals);
  return file(comment('Names, tags and shared values.'), block('', 'locals', pairs));
}

function rootTfvars(r) {
  const rng = r.rng;
  const id = (n) => `${String(r.index).padStart(8, '0')}-1111-2222-3333-${String(n).padStart(12, '0')}`;
  const section = (title, pairs) => ['', `# ${title}`, ...attrs('', pairs)];
  const out = [
    ...comment(`envs/${r.name}: ${r.area}, ${r.env}.`, 'Network values are in network.auto.tfvars.'),
    ...section('Deployment', [
      ['subscription_id', `0000000${r.index % 10}-aaaa-bbbb-cccc-00000000${String(1000 + r.index).slice(-4)}`],
      ['location', r.location],
      ['secondary_location', r.location === 'westeurope' ? 'northeurope' : 'westeurope'],
      ['environment', r.env],
      ['workload', r.workload],
      ['kubernetes_version', r.k8s],
    ]),
    ...section('System node pool', [
      ['system_node_vm_size', r.systemVmSize],
      ['system_min_count', r.prod ? 3 : 1],
      ['system_max_count', r.prod ? rng.int(5, 9) : rng.int(2, 4)],
      ['maintenance_day', rng.pick(['Saturday', 'Sunday'])],
    ]),
  ];
  if (r.style === 'vars') out.push(...section('User node pools', [['node_pools', poolValues(r.pools)]]));
  out.push(
    ...section('Access', [
      ['admin_group_object_ids', lines(Array.from({ length: rng.int(1, 2) }, (_, i) => id(i + 1)))],
      ['reader_group_object_ids', lines([id(9)])],
      ['authorized_ip_ranges', lines(rng.sample(['203.0.113.0/24', '198.51.100.0/24', '192.0.2.64/27', '52.174.0.0/28'], rng.int(1, 3)))],
    ]),
    ...section('Monitoring', [
      ['log_retention_days', r.prod ? 90 : 30],
      ['alert_email', `${r.area}-oncall@example.com`],
    ]),
    ...section('Tags', [
      [
        'tags',
        {
          'cost-center': `cc-${1000 + (r.index % 37)}`,
          owner: `${r.area}-team@example.com`,
          criticality: r.prod ? 'high' : 'low',
          'business-unit': r.area,
        },
      ],
    ]),
  );
  return `${out.join('\n')}\n`;
}

function rootNetworkTfvars(r) {
  const pairs = [
    ['vnet_address_space', r.vnet],
    ['dns_servers', r.hub ? ['10.255.0.4', '10.255.0.5'] : []],
    ['firewall_private_ip', r.firewall],
    ['hub_vnet_id', r.hub ? `/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-hub-${r.location}/providers/Microsoft.Network/virtualNetworks/vnet-hub-${r.location}` : ''],
  ];
  const out = [...comment(`Network of envs/${r.name}. The VNet is 10.${r.octet}.0.0/16; the hub is 10.255.0.0/16.`), ...attrs('', pairs)];
  if (r.style === 'vars') out.push('', ...attrs('', [['subnets', subnets(r)]]));
  if (r.netTfvars.length > 0) out.push('', '# Cluster network profile', ...attrs('', r.netTfvars));
  return `${out.join('\n')}\n`;
}

/** The files of one root, name -> text (deterministic for a seed and index). */
export function rootFiles(seed, index) {
  const r = planRoot(seed, index);
  const out = {};
  // main.tf first: it decides which network settings become variables or locals.
  out['main.tf'] = rootMainTf(r);
  out['pools.tf'] = rootPoolsTf(r);
  out['identity.tf'] = rootIdentityTf(r);
  out['registry.tf'] = rootRegistryTf(r);
  out['keyvault.tf'] = rootKeyvaultTf(r);
  out['dns.tf'] = rootDnsTf(r);
  out['monitoring.tf'] = rootMonitoringTf(r);
  out['rbac.tf'] = rootRbacTf(r);
  out['data.tf'] = rootDataTf(r);
  out['checks.tf'] = rootChecksTf(r);
  out['outputs.tf'] = rootOutputsTf(r);
  out['versions.tf'] = rootVersionsTf(r);
  out['providers.tf'] = rootProvidersTf(r);
  out['variables.tf'] = rootVariablesTf(r);
  out['variables.network.tf'] = rootNetworkVariablesTf(r);
  out['variables.pools.tf'] = rootPoolsVariablesTf(r);
  out['locals.tf'] = rootLocalsTf(r);
  out['terraform.tfvars'] = rootTfvars(r);
  out['network.auto.tfvars'] = rootNetworkTfvars(r);
  if (Object.keys(out).length !== FILES_PER_ROOT) throw new Error(`root ${r.name}: ${Object.keys(out).length} files, expected ${FILES_PER_ROOT}`);
  return { dir: join('envs', r.name), files: out, planted: r.planted ?? null, kind: r.net.kind, style: r.style };
}
