// The root files that call the shared children: main.tf (network, cluster), pools.tf, identity.tf,
// registry.tf, keyvault.tf and dns.tf (private-dns with for_each). Module outputs feed other calls.
import { block, comment, file, raw } from '../../generate-tree.mjs';
import { moduleCall } from '../hcl.mjs';
import { setting } from './plan.mjs';

export function rootMainTf(r) {
  const n = r.net;
  const netArgs = [
    ['network_plugin', r.style === 'literal' || n.plugin === 'azure' ? n.plugin : setting(r, 'network_plugin', n.plugin, 'CNI plugin of the cluster.')],
    ['network_plugin_mode', setting(r, 'network_plugin_mode', n.mode, 'overlay, or "" for a flat network.')],
    ['network_data_plane', setting(r, 'network_data_plane', n.dataPlane, 'Data plane: azure or cilium.')],
    ['network_policy', setting(r, 'network_policy', n.policy, 'Network policy engine.')],
    ['pod_cidr', setting(r, 'pod_cidr', n.podCidr, 'Pod range of the overlay.')],
    ['service_cidr', setting(r, 'service_cidr', n.serviceCidr, 'Kubernetes service range.')],
    ['dns_service_ip', setting(r, 'dns_service_ip', n.dnsIp, 'Cluster DNS address.')],
    ['outbound_type', raw('var.firewall_private_ip == "" ? "loadBalancer" : "userDefinedRouting"')],
    ['vnet_subnet_id', raw('module.network.subnet_ids["aks"]')],
    ['pod_subnet_id', n.podSubnet ? raw('module.network.subnet_ids["pods"]') : undefined],
  ];
  const lbProfile = r.rng.chance(0.3) ? { managed_outbound_ip_count: r.rng.int(1, 4), idle_timeout_in_minutes: r.rng.pick([4, 10, 30]) } : undefined;
  return file(
    comment(`${r.name}: the ${r.workload} workload (${r.area}, ${r.env}) in ${r.location}.`, 'The cluster and its network come from the shared modules; node pools are in pools.tf.'),
    block('', 'resource "azurerm_resource_group" "this"', [
      ['name', raw('"rg-${local.name_prefix}"')],
      ['location', raw('var.location')],
      ['tags', raw('local.tags')],
    ]),
    moduleCall(
      'network',
      '../../modules/network',
      [],
      [
        ['name', raw('"vnet-${local.name_prefix}"')],
        ['resource_group_name', raw('azurerm_resource_group.this.name')],
        ['location', raw('azurerm_resource_group.this.location')],
        ['address_space', [raw('var.vnet_address_space')]],
        ['dns_servers', raw('var.dns_servers')],
        ['subnets', raw(r.style === 'vars' ? 'var.subnets' : 'local.subnets')],
      ],
      [
        ['firewall_private_ip', raw('var.firewall_private_ip')],
        ['hub_vnet_id', raw('var.hub_vnet_id')],
        ['lock', r.prod ? { kind: 'CanNotDelete' } : undefined],
        ['tags', raw('local.tags')],
      ],
    ),
    moduleCall(
      'cluster',
      '../../modules/cluster',
      [],
      [
        ['name', raw('"aks-${local.name_prefix}"')],
        ['resource_group_name', raw('azurerm_resource_group.this.name')],
        ['location', raw('azurerm_resource_group.this.location')],
        ['dns_prefix', raw('local.name_prefix')],
        ['kubernetes_version', raw('var.kubernetes_version')],
        ['sku_tier', raw('local.is_production ? "Standard" : "Free"')],
        ['private_cluster_enabled', r.privateCluster ? true : undefined],
        ['authorized_ip_ranges', r.privateCluster ? undefined : raw('local.authorized_ip_ranges')],
        ['admin_group_object_ids', raw('var.admin_group_object_ids')],
        ['tenant_id', raw('data.azurerm_client_config.current.tenant_id')],
      ],
      netArgs,
      [['load_balancer_profile', lbProfile]],
      [
        [
          'default_node_pool',
          {
            vm_size: raw('var.system_node_vm_size'),
            min_count: raw('var.system_min_count'),
            max_count: raw('var.system_max_count'),
            max_pods: r.maxPods,
          },
        ],
      ],
      [
        ['log_analytics_workspace_id', raw('azurerm_log_analytics_workspace.this.id')],
        ['alert_action_group_id', raw('azurerm_monitor_action_group.platform.id')],
        ['keda_enabled', r.rng.chance(0.4) ? true : undefined],
        ['maintenance_window', { day_of_week: raw('var.maintenance_day'), start_time: r.rng.pick(['00:00', '02:00', '22:00']) }],
        ['lock', r.prod ? { kind: 'CanNotDelete' } : undefined],
        ['tags', raw('local.tags')],
      ],
    ),
  );
}

export function rootPoolsTf(r) {
  return file(
    comment('User node pools, on the node subnet of the cluster.'),
    moduleCall(
      'pools',
      '../../modules/pools',
      [],
      [
        ['kubernetes_cluster_id', raw('module.cluster.resource_id')],
        ['kubernetes_version', raw('var.kubernetes_version')],
        ['vnet_subnet_id', raw('module.network.subnet_ids["aks"]')],
        ['pod_subnet_id', r.net.podSubnet ? raw('module.network.subnet_ids["pods"]') : undefined],
        ['node_pools', raw(r.style === 'vars' ? 'var.node_pools' : 'local.node_pools')],
      ],
      [
        [
          'pool_defaults',
          {
            max_pods: r.maxPods,
            max_surge: raw('local.is_production ? "33%" : "10%"'),
          },
        ],
        ['tags', raw('local.tags')],
      ],
    ),
  );
}

export function rootIdentityTf(r) {
  const workloads = {};
  for (const [i, [namespace, sa]] of r.workloads.entries()) {
    const w = { namespace, service_account: sa };
    if (i === 0) w.role_assignments = { secrets: { scope: raw('module.keyvault.resource_id'), role_definition_name: 'Key Vault Secrets User' } };
    if (namespace === 'ingest') w.role_assignments = { images: { scope: raw('module.acr.resource_id'), role_definition_name: 'AcrPull' } };
    workloads[sa] = w;
  }
  return file(
    comment('Workload identities federated with the cluster OIDC issuer.'),
    moduleCall(
      'workload_identity',
      '../../modules/identity',
      [],
      [
        ['name_prefix', raw('local.name_prefix')],
        ['resource_group_name', raw('azurerm_resource_group.this.name')],
        ['location', raw('azurerm_resource_group.this.location')],
        ['oidc_issuer_url', raw('module.cluster.oidc_issuer_url')],
      ],
      [['workloads', workloads]],
      [['tags', raw('local.tags')]],
    ),
  );
}

export function rootRegistryTf(r) {
  return file(
    comment('Container registry behind a private endpoint; the kubelet pulls with AcrPull.'),
    moduleCall(
      'acr',
      '../../modules/acr',
      [],
      [
        ['name', raw('"acr${var.workload}${var.environment}"')],
        ['resource_group_name', raw('azurerm_resource_group.this.name')],
        ['location', raw('azurerm_resource_group.this.location')],
        ['zone_redundancy_enabled', raw('local.is_production')],
        ['georeplication_locations', raw('local.is_production ? [var.secondary_location] : []')],
        ['retention_days', r.prod ? 30 : undefined],
      ],
      [
        ['private_endpoint_subnet_id', raw('module.network.subnet_ids["endpoints"]')],
        ['private_dns_zone_ids', [raw('module.private_dns["acr"].resource_id')]],
        ['pull_principal_ids', { kubelet: raw('module.cluster.kubelet_object_id') }],
      ],
      [['tags', raw('local.tags')]],
    ),
  );
}

export function rootKeyvaultTf(r) {
  return file(
    comment('Key Vault for workload secrets, read through the Secrets Store CSI driver.'),
    moduleCall(
      'keyvault',
      '../../modules/keyvault',
      [],
      [
        ['name', raw('"kv-${var.workload}-${var.environment}"')],
        ['resource_group_name', raw('azurerm_resource_group.this.name')],
        ['location', raw('azurerm_resource_group.this.location')],
        ['tenant_id', raw('data.azurerm_client_config.current.tenant_id')],
        ['purge_protection_enabled', raw('local.is_production')],
        ['soft_delete_retention_days', r.prod ? 90 : 7],
      ],
      [
        ['network_acls', { virtual_network_subnet_ids: [raw('module.network.subnet_ids["aks"]')] }],
        ['private_endpoint_subnet_id', raw('module.network.subnet_ids["endpoints"]')],
        ['private_dns_zone_ids', [raw('module.private_dns["vault"].resource_id')]],
      ],
      [
        ['secrets', Object.fromEntries(r.secrets.map((s) => [s.replace(/-/g, '_'), {}]))],
        ['secret_reader_principal_ids', { csi_driver: raw('module.cluster.key_vault_secrets_provider_object_id') }],
        [
          'role_assignments',
          {
            pipeline_admin: {
              role_definition_id_or_name: 'Key Vault Administrator',
              principal_id: raw('data.azurerm_client_config.current.object_id'),
            },
          },
        ],
        ['tags', raw('local.tags')],
      ],
    ),
  );
}

export function rootDnsTf(r) {
  const records = Object.fromEntries(r.rng.sample(['api', 'web', 'grafana', 'argocd'], r.rng.int(1, 3)).map((host, i) => [host, { records: [raw(`cidrhost(module.network.subnet_prefixes["ingress"], ${10 + i})`)] }]));
  return file(
    comment('Private DNS: one zone per private-link service (for_each on the module), and the internal zone of the ingress.'),
    moduleCall(
      'private_dns',
      '../../modules/private-dns',
      [['for_each', raw('local.private_dns_zones')]],
      [
        ['domain_name', raw('each.value')],
        ['resource_group_name', raw('azurerm_resource_group.this.name')],
        ['virtual_network_links', raw('merge({ spoke = module.network.resource_id }, var.hub_vnet_id == "" ? {} : { hub = var.hub_vnet_id })')],
        ['tags', raw('local.tags')],
      ],
    ),
    moduleCall(
      'internal_dns',
      '../../modules/private-dns',
      [],
      [
        ['domain_name', `${r.workload}.${r.env}.internal.example.com`],
        ['resource_group_name', raw('azurerm_resource_group.this.name')],
        ['virtual_network_links', { spoke: raw('module.network.resource_id') }],
        ['a_records', records],
        ['tags', raw('local.tags')],
      ],
    ),
  );
}
