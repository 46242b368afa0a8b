// The module the language-server benchmark types into (DESIGN.md §6): about 5,000 lines with 20
// clusters and 40 node pools, written the way platform teams write them: clusters in main.tf, pools
// in pools.tf, the network in network.tf, variables with defaults, locals and tfvars. Deterministic,
// valid HCL, with a few real findings so that publishing has work to do.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const CLUSTERS = 20;
export const POOLS_PER_CLUSTER = 2;

function cluster(i) {
  const mode = i % 4;
  const plugin = mode === 3 ? 'kubenet' : 'azure';
  const overlay = mode === 0 || mode === 1;
  const cilium = mode === 0;
  const lines = [
    `# ---------------------------------------------------------------------------`,
    `# Owner: platform team. Changes to network_profile need a change request:`,
    `# most of them replace the cluster (see the aks-netlint hover on each attribute).`,
    `# ---------------------------------------------------------------------------`,
    ``,
    `# Cluster ${i}: ${overlay ? 'Azure CNI Overlay' : plugin === 'kubenet' ? 'kubenet (migrating)' : 'Azure CNI node subnet'}${cilium ? ' with Cilium' : ''}.`,
    `resource "azurerm_kubernetes_cluster" "c${i}" {`,
    `  name                = "aks-\${var.environment}-${i}"`,
    `  location            = var.location`,
    `  resource_group_name = azurerm_resource_group.aks.name`,
    `  dns_prefix          = "aks\${var.environment}${i}"`,
    `  kubernetes_version  = var.kubernetes_version`,
    `  sku_tier            = "Standard"`,
    `  oidc_issuer_enabled       = true`,
    `  workload_identity_enabled = true`,
    `  local_account_disabled    = true`,
    ``,
    `  default_node_pool {`,
    `    name                         = "system"`,
    `    vm_size                      = var.system_vm_size`,
    `    vnet_subnet_id               = azurerm_subnet.nodes["c${i}"].id`,
    `    auto_scaling_enabled         = true`,
    `    min_count                    = 2`,
    `    max_count                    = ${3 + (i % 4)}`,
    `    max_pods                     = ${overlay ? 110 : 30}`,
    `    only_critical_addons_enabled = true`,
    `    zones                        = ["1", "2", "3"]`,
    `    os_disk_type                 = "Ephemeral"`,
    `    temporary_name_for_rotation  = "systemtmp"`,
    ``,
    `    upgrade_settings {`,
    `      max_surge = "10%"`,
    `    }`,
    ``,
    `    node_labels = {`,
    `      "nodepool-type" = "system"`,
    `      "environment"   = var.environment`,
    `    }`,
    `  }`,
    ``,
    `  identity {`,
    `    type         = "UserAssigned"`,
    `    identity_ids = [azurerm_user_assigned_identity.aks.id]`,
    `  }`,
    ``,
    `  network_profile {`,
    `    network_plugin      = "${plugin}"`,
    ...(overlay ? [`    network_plugin_mode = "overlay"`, `    pod_cidr            = local.pod_cidrs[${i}]`] : []),
    ...(plugin === 'kubenet' ? [`    pod_cidr            = "10.${100 + i}.0.0/16"`] : []),
    ...(cilium ? [`    network_data_plane  = "cilium"`, `    network_policy      = var.cilium_policy`] : plugin === 'azure' ? [`    network_policy      = "calico"`] : []),
    `    service_cidr        = "172.16.0.0/16"`,
    `    dns_service_ip      = "172.16.0.10"`,
    `    load_balancer_sku   = "standard"`,
    `    outbound_type       = "loadBalancer"`,
    ``,
    `    load_balancer_profile {`,
    `      managed_outbound_ip_count = 2`,
    `      idle_timeout_in_minutes   = 10`,
    `    }`,
    `  }`,
    ``,
    `  azure_active_directory_role_based_access_control {`,
    `    azure_rbac_enabled = true`,
    `    tenant_id          = var.tenant_id`,
    `  }`,
    ``,
    `  auto_scaler_profile {`,
    `    balance_similar_node_groups      = true`,
    `    expander                         = "least-waste"`,
    `    max_graceful_termination_sec     = 600`,
    `    scale_down_delay_after_add       = "10m"`,
    `    scale_down_unneeded              = "10m"`,
    `    skip_nodes_with_local_storage    = false`,
    `  }`,
    ``,
    `  key_vault_secrets_provider {`,
    `    secret_rotation_enabled = true`,
    `  }`,
    ``,
    `  maintenance_window {`,
    `    allowed {`,
    `      day   = "Sunday"`,
    `      hours = [1, 2, 3]`,
    `    }`,
    `  }`,
    ``,
    `  tags = merge(local.tags, {`,
    `    cluster = "c${i}"`,
    `  })`,
    ``,
    `  lifecycle {`,
    `    ignore_changes = [default_node_pool[0].node_count, kubernetes_version]`,
    `  }`,
    `}`,
    ``,
  ];
  return lines;
}

function pool(i, j) {
  const windows = j === 1 && i % 5 === 4;
  return [
    `resource "azurerm_kubernetes_cluster_node_pool" "c${i}_p${j}" {`,
    `  name                  = "${windows ? 'win' : 'user'}${j}"`,
    `  kubernetes_cluster_id = azurerm_kubernetes_cluster.c${i}.id`,
    `  vm_size               = var.user_vm_size`,
    `  vnet_subnet_id        = azurerm_subnet.nodes["c${i}"].id`,
    `  os_type               = "${windows ? 'Windows' : 'Linux'}"`,
    `  auto_scaling_enabled  = true`,
    `  min_count             = 1`,
    `  max_count             = ${2 + ((i + j) % 5)}`,
    `  max_pods              = ${i % 4 <= 1 ? 110 : 30}`,
    `  zones                 = ["1", "2", "3"]`,
    `  mode                  = "User"`,
    ``,
    `  upgrade_settings {`,
    `    max_surge                     = "33%"`,
    `    drain_timeout_in_minutes      = 30`,
    `    node_soak_duration_in_minutes = 0`,
    `  }`,
    ``,
    `  node_labels = {`,
    `    "workload" = "general"`,
    `    "pool"     = "user${j}"`,
    `  }`,
    ``,
    `  node_taints = ${windows ? '["os=windows:NoSchedule"]' : '[]'}`,
    ``,
    ...(windows
      ? []
      : [
          `  linux_os_config {`,
          `    swap_file_size_mb = 0`,
          ``,
          `    sysctl_config {`,
          `      net_core_somaxconn           = 16384`,
          `      net_ipv4_tcp_max_syn_backlog = 16384`,
          `      vm_max_map_count             = 262144`,
          `    }`,
          `  }`,
          ``,
        ]),
    `  tags = local.tags`,
    `}`,
    ``,
  ];
}

function network() {
  const lines = [
    `resource "azurerm_resource_group" "aks" {`,
    `  name     = "rg-aks-\${var.environment}"`,
    `  location = var.location`,
    `}`,
    ``,
    `resource "azurerm_user_assigned_identity" "aks" {`,
    `  name                = "id-aks-\${var.environment}"`,
    `  location            = var.location`,
    `  resource_group_name = azurerm_resource_group.aks.name`,
    `}`,
    ``,
    `resource "azurerm_virtual_network" "aks" {`,
    `  name                = "vnet-aks-\${var.environment}"`,
    `  location            = var.location`,
    `  resource_group_name = azurerm_resource_group.aks.name`,
    `  address_space       = [var.vnet_cidr]`,
    `  tags                = local.tags`,
    `}`,
    ``,
    `# One node subnet per cluster, carved from the VNet.`,
    `resource "azurerm_subnet" "nodes" {`,
    `  for_each             = local.node_subnets`,
    `  name                 = "snet-\${each.key}"`,
    `  resource_group_name  = azurerm_resource_group.aks.name`,
    `  virtual_network_name = azurerm_virtual_network.aks.name`,
    `  address_prefixes     = [each.value]`,
    `}`,
    ``,
  ];
  for (let i = 0; i < CLUSTERS; i++) {
    lines.push(
      `resource "azurerm_public_ip" "c${i}_ingress" {`,
      `  name                = "pip-aks-c${i}-ingress"`,
      `  location            = var.location`,
      `  resource_group_name = azurerm_resource_group.aks.name`,
      `  allocation_method   = "Static"`,
      `  sku                 = "Standard"`,
      `  zones               = ["1", "2", "3"]`,
      `  tags                = local.tags`,
      `}`,
      ``,
      `resource "azurerm_network_security_group" "c${i}" {`,
      `  name                = "nsg-aks-c${i}"`,
      `  location            = var.location`,
      `  resource_group_name = azurerm_resource_group.aks.name`,
      ``,
      `  security_rule {`,
      `    name                       = "allow-https"`,
      `    priority                   = 100`,
      `    direction                  = "Inbound"`,
      `    access                     = "Allow"`,
      `    protocol                   = "Tcp"`,
      `    source_port_range          = "*"`,
      `    destination_port_range     = "443"`,
      `    source_address_prefix      = "Internet"`,
      `    destination_address_prefix = "*"`,
      `  }`,
      `}`,
      ``,
      `resource "azurerm_subnet_network_security_group_association" "c${i}" {`,
      `  subnet_id                 = azurerm_subnet.nodes["c${i}"].id`,
      `  network_security_group_id = azurerm_network_security_group.c${i}.id`,
      `}`,
      ``,
    );
  }
  return lines;
}

function monitoring() {
  const lines = [];
  for (let i = 0; i < CLUSTERS; i++) {
    lines.push(
      `resource "azurerm_role_assignment" "c${i}_network" {`,
      `  scope                = azurerm_subnet.nodes["c${i}"].id`,
      `  role_definition_name = "Network Contributor"`,
      `  principal_id         = azurerm_user_assigned_identity.aks.principal_id`,
      `}`,
      ``,
      `resource "azurerm_monitor_diagnostic_setting" "c${i}" {`,
      `  name                       = "diag-aks-c${i}"`,
      `  target_resource_id         = azurerm_kubernetes_cluster.c${i}.id`,
      `  log_analytics_workspace_id = var.log_analytics_workspace_id`,
      ``,
      `  enabled_log {`,
      `    category = "kube-apiserver"`,
      `  }`,
      ``,
      `  enabled_log {`,
      `    category = "kube-audit-admin"`,
      `  }`,
      ``,
      `  enabled_log {`,
      `    category = "cluster-autoscaler"`,
      `  }`,
      ``,
      `  metric {`,
      `    category = "AllMetrics"`,
      `  }`,
      `}`,
      ``,
      `output "c${i}_id" {`,
      `  description = "Resource id of cluster c${i}."`,
      `  value       = azurerm_kubernetes_cluster.c${i}.id`,
      `}`,
      ``,
      `output "c${i}_oidc_issuer" {`,
      `  description = "OIDC issuer URL of cluster c${i}."`,
      `  value       = azurerm_kubernetes_cluster.c${i}.oidc_issuer_url`,
      `}`,
      ``,
    );
  }
  return lines;
}

function variables() {
  const vars = [
    ['environment', 'string', '"prod"', 'Environment name, part of every resource name.'],
    ['location', 'string', '"westeurope"', 'Azure region.'],
    ['kubernetes_version', 'string', '"1.31"', 'AKS Kubernetes version.'],
    ['system_vm_size', 'string', '"Standard_D4s_v5"', 'VM size of system pools.'],
    ['user_vm_size', 'string', '"Standard_D8s_v5"', 'VM size of user pools.'],
    ['vnet_cidr', 'string', '"10.0.0.0/8"', 'Address space of the cluster VNet.'],
    ['cilium_policy', 'string', '"cilium"', 'Network policy of Cilium clusters.'],
    ['log_analytics_workspace_id', 'string', '"/subscriptions/0/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/law"', 'Workspace for diagnostics.'],
    ['tenant_id', 'string', '"00000000-0000-0000-0000-000000000000"', 'Entra tenant.'],
  ];
  const lines = [];
  for (const [name, type, def, description] of vars) {
    lines.push(`variable "${name}" {`, `  description = "${description}"`, `  type        = ${type}`, `  default     = ${def}`, ``, `  validation {`, `    condition     = length(var.${name}) > 0`, `    error_message = "${name} must not be empty."`, `  }`, `}`, ``);
  }
  lines.push(
    `locals {`,
    `  tags = {`,
    `    owner       = "platform"`,
    `    environment = var.environment`,
    `    managed_by  = "terraform"`,
    `  }`,
    ``,
    `  # A /20 per cluster for nodes; overlay pod CIDRs outside the VNet.`,
    `  node_subnets = { for i in range(${CLUSTERS}) : "c\${i}" => cidrsubnet(var.vnet_cidr, 12, i) }`,
    `  pod_cidrs    = [for i in range(${CLUSTERS}) : "192.168.\${i}.0/24"]`,
    `}`,
    ``,
  );
  return lines;
}

/** Writes the module; returns its files and line counts. */
export function generateLspModule(dir) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const files = {
    'main.tf': Array.from({ length: CLUSTERS }, (_, i) => cluster(i)).flat(),
    'pools.tf': Array.from({ length: CLUSTERS }, (_, i) => [pool(i, 0), pool(i, 1)]).flat(2),
    'network.tf': network(),
    'monitoring.tf': monitoring(),
    'variables.tf': variables(),
    'versions.tf': [`terraform {`, `  required_providers {`, `    azurerm = {`, `      source  = "hashicorp/azurerm"`, `      version = "~> 4.40"`, `    }`, `  }`, `}`, ``],
    'terraform.tfvars': [`environment   = "prod"`, `cilium_policy = "cilium"`, ``],
  };
  const summary = {};
  for (const [name, lines] of Object.entries(files)) {
    writeFileSync(join(dir, name), lines.join('\n'));
    summary[name] = lines.length;
  }
  return summary;
}
