/**
 * The Microsoft AKS modules read without `terraform init` (engine/aks/registry-modules): which
 * release a constraint selects, and that the input map of a release family and an installed
 * module of the same shape (written here the way the module writes its code: two dynamic
 * default_node_pool blocks, try() over subnet objects, node pools from a map) give the same
 * findings for the same callers.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { selectRelease } from '../../../server/src/engine/aks/registry-modules/known-modules.js';
import { LEGACY_RELEASES } from '../../../server/src/engine/aks/registry-modules/azure-aks.js';
import { analyzeModule } from '../../../server/src/engine/analyze/analyze-module.js';
import { parseModulesManifest } from '../../../server/src/engine/terraform/module-sources.js';
import type { SourceFile } from '../../../server/src/engine/terraform/module.js';
import { loadParsers } from '../../../server/src/host/load-parsers.js';
import { filesLoader } from '../../support/engine.js';

describe('release selection', () => {
  it('takes the newest release a constraint allows, as terraform init does', () => {
    assert.equal(selectRelease(LEGACY_RELEASES, '~> 11.0'), '11.5.0');
    assert.equal(selectRelease(LEGACY_RELEASES, '~> 9.4.0'), '9.4.1');
    assert.equal(selectRelease(LEGACY_RELEASES, '>= 9.0, < 10.0'), '9.4.1');
    assert.equal(selectRelease(LEGACY_RELEASES, '10.1.0'), '10.1.0');
    assert.equal(selectRelease(LEGACY_RELEASES, undefined), '11.5.0');
    assert.equal(selectRelease(LEGACY_RELEASES, '~> 12.0'), undefined, 'a release aks-netlint does not know');
    assert.equal(selectRelease(LEGACY_RELEASES, 'latest'), undefined, 'an unreadable constraint');
  });
});

/** An installed Azure/aks/azurerm 11.x, shaped as the module writes it (network parts only). */
const INSTALLED_LEGACY_11: Record<string, string> = {
  'main.tf': `
locals {
  cluster_name = coalesce(var.cluster_name, "\${var.prefix}-aks")
}

resource "azurerm_kubernetes_cluster" "main" {
  name = local.cluster_name

  dynamic "default_node_pool" {
    for_each = var.auto_scaling_enabled == true ? [] : ["default_node_pool_manually_scaled"]
    content {
      name                 = var.agents_pool_name
      auto_scaling_enabled = var.auto_scaling_enabled
      max_pods             = var.agents_max_pods
      node_count           = var.agents_count
      pod_subnet_id        = try(var.pod_subnet.id, null)
      vnet_subnet_id       = try(var.vnet_subnet.id, null)
    }
  }
  dynamic "default_node_pool" {
    for_each = var.auto_scaling_enabled == true ? ["default_node_pool_auto_scaled"] : []
    content {
      name                 = var.agents_pool_name
      auto_scaling_enabled = var.auto_scaling_enabled
      max_count            = var.agents_max_count
      max_pods             = var.agents_max_pods
      min_count            = var.agents_min_count
      pod_subnet_id        = try(var.pod_subnet.id, null)
      vnet_subnet_id       = try(var.vnet_subnet.id, null)
    }
  }

  network_profile {
    network_plugin      = var.network_plugin
    dns_service_ip      = var.net_profile_dns_service_ip
    load_balancer_sku   = var.load_balancer_sku
    network_data_plane  = var.ebpf_data_plane
    network_plugin_mode = var.network_plugin_mode
    network_policy      = var.network_policy
    outbound_type       = var.net_profile_outbound_type
    pod_cidr            = var.net_profile_pod_cidr
    service_cidr        = var.net_profile_service_cidr
  }

  dynamic "identity" {
    for_each = var.client_id == "" ? ["identity"] : []
    content {
      type = var.identity_type
    }
  }
}
`,
  'extra_node_pool.tf': `
resource "azurerm_kubernetes_cluster_node_pool" "node_pool_create_before_destroy" {
  for_each = var.node_pools

  kubernetes_cluster_id = azurerm_kubernetes_cluster.main.id
  name                  = each.value.name
  max_pods              = each.value.max_pods
  node_count            = each.value.node_count
  os_type               = each.value.os_type
  vnet_subnet_id        = try(each.value.vnet_subnet.id, null)
}
`,
  'variables.tf': `
variable "prefix" {
  type    = string
  default = ""
}
variable "cluster_name" {
  type    = string
  default = null
}
variable "agents_pool_name" {
  type    = string
  default = "nodepool"
}
variable "client_id" {
  type    = string
  default = ""
}
variable "identity_type" {
  type    = string
  default = "SystemAssigned"
}
variable "network_plugin" {
  type     = string
  default  = "kubenet"
  nullable = false
}
variable "network_plugin_mode" {
  type    = string
  default = null
}
variable "network_policy" {
  type    = string
  default = null
}
variable "ebpf_data_plane" {
  type    = string
  default = null
}
variable "net_profile_dns_service_ip" {
  type    = string
  default = null
}
variable "net_profile_outbound_type" {
  type    = string
  default = "loadBalancer"
}
variable "net_profile_pod_cidr" {
  type    = string
  default = null
}
variable "net_profile_service_cidr" {
  type    = string
  default = null
}
variable "load_balancer_sku" {
  type    = string
  default = "standard"
}
variable "vnet_subnet" {
  type    = object({ id = string })
  default = null
}
variable "pod_subnet" {
  type    = object({ id = string })
  default = null
}
variable "agents_max_pods" {
  type    = number
  default = null
}
variable "agents_count" {
  type    = number
  default = 2
}
variable "auto_scaling_enabled" {
  type    = bool
  default = false
}
variable "agents_min_count" {
  type    = number
  default = null
}
variable "agents_max_count" {
  type    = number
  default = null
}
variable "node_pools" {
  type = map(object({
    name        = string
    node_count  = optional(number)
    max_pods    = optional(number)
    os_type     = optional(string, "Linux")
    vnet_subnet = optional(object({ id = string }))
  }))
  default  = {}
  nullable = false
}
`,
};

const NETWORK = `
terraform {
  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = "~> 4.20"
    }
  }
}

resource "azurerm_virtual_network" "vnet" {
  name          = "vnet"
  address_space = ["10.1.0.0/16"]
}

resource "azurerm_subnet" "nodes" {
  name                 = "nodes"
  virtual_network_name = azurerm_virtual_network.vnet.name
  address_prefixes     = ["10.1.0.0/27"]
}
`;

/** Callers of each shape: the module's defaults, values it passes on, subnets, node pools. */
const CALLERS: Record<string, string> = {
  defaults: `module "aks" {\n  source  = "Azure/aks/azurerm"\n  version = "~> 11.0"\n  prefix  = "demo"\n}\n`,
  'cilium policy without the Cilium data plane': `module "aks" {
  source              = "Azure/aks/azurerm"
  version             = "~> 11.0"
  prefix              = "demo"
  network_plugin      = "azure"
  network_plugin_mode = "overlay"
  network_policy      = "cilium"
}
`,
  'a node subnet too small, and a service CIDR over it': `module "aks" {
  source                     = "Azure/aks/azurerm"
  version                    = "~> 11.0"
  prefix                     = "demo"
  network_plugin             = "azure"
  agents_count               = 3
  net_profile_service_cidr   = "10.1.0.0/20"
  net_profile_dns_service_ip = "10.1.0.10"
  vnet_subnet                = { id = azurerm_subnet.nodes.id }
}
`,
  'a Windows pool on kubenet': `module "aks" {
  source  = "Azure/aks/azurerm"
  version = "~> 11.0"
  prefix  = "demo"
  node_pools = {
    win = { name = "win", os_type = "Windows", node_count = 2 }
  }
}
`,
  'an autoscaled pool on a node subnet too small': `module "aks" {
  source               = "Azure/aks/azurerm"
  version              = "~> 11.0"
  prefix               = "demo"
  network_plugin       = "azure"
  auto_scaling_enabled = true
  agents_min_count     = 1
  agents_max_count     = 3
  vnet_subnet          = { id = azurerm_subnet.nodes.id }
}
`,
  'autoscaled Azure CNI Overlay with Cilium': `module "aks" {
  source               = "Azure/aks/azurerm"
  version              = "~> 11.0"
  prefix               = "demo"
  network_plugin       = "azure"
  network_plugin_mode  = "overlay"
  network_policy       = "cilium"
  ebpf_data_plane      = "cilium"
  auto_scaling_enabled = true
  agents_min_count     = 1
  agents_max_count     = 3
  vnet_subnet          = { id = azurerm_subnet.nodes.id }
}
`,
};

/** A registry module installed by terraform init: its files and its modules.json records after the root's. */
interface Installed {
  files: Record<string, string>;
  records: string;
}

const LEGACY_INSTALLED: Installed = {
  files: INSTALLED_LEGACY_11,
  records: '{"Key":"aks","Source":"registry.terraform.io/Azure/aks/azurerm","Version":"11.5.0","Dir":".terraform/modules/aks"}',
};

/** The rule ids a caller gets, with the module read through its input map or installed. */
async function ruleIds(caller: string, module: Installed, installed: boolean): Promise<string[]> {
  const parsers = await loadParsers();
  const root: SourceFile[] = [{ uri: '/r/main.tf', text: NETWORK + caller }];
  const moduleFiles: SourceFile[] = Object.entries(module.files).map(([name, text]) => ({ uri: `/r/.terraform/modules/aks/${name}`, text }));
  const manifest = `{"Modules":[{"Key":"","Source":"","Dir":"."},${module.records}]}`;
  const options = installed ? { installed: parseModulesManifest(manifest, '/r')! } : {};
  const result = analyzeModule({ dir: '/r', files: root }, parsers, {}, undefined, undefined, { loader: filesLoader([...root, ...moduleFiles], parsers), options });
  if (!installed) assert.ok(result.findings.every((f) => f.uri === '/r/main.tf'), "the input map's findings are all placed in the caller");
  return result.findings.map((f) => f.ruleId).sort();
}

/** Each caller gets the same rule ids both ways; only the one named `silent` gets none. */
function agreeOn(callers: Record<string, string>, module: Installed, silent: string): void {
  for (const [name, caller] of Object.entries(callers)) {
    it(name, async () => {
      const fromMap = await ruleIds(caller, module, false);
      assert.deepEqual(fromMap, await ruleIds(caller, module, true));
      assert.ok(name === silent ? fromMap.length === 0 : fromMap.length > 0, `findings: ${fromMap.join(', ')}`);
    });
  }
}

describe('Azure/aks/azurerm 11.x: input map and installed code agree', () => {
  agreeOn(CALLERS, LEGACY_INSTALLED, 'autoscaled Azure CNI Overlay with Cilium');
});

/**
 * An installed Azure Verified Module 0.8, shaped as it writes its code: the network profile built
 * in locals and filtered of nulls, the default pool inline, user pools in a nested local module
 * (`./modules/agentpool`, count-indexed, parent_id passed in).
 */
const INSTALLED_AVM_08: Record<string, string> = {
  'main.tf': `
resource "azapi_resource" "this" {
  type      = "Microsoft.ContainerService/managedClusters@2026-03-01"
  name      = var.name
  parent_id = var.parent_id
  body      = local.resource_body
}

module "nodepools" {
  source   = "./modules/agentpool"
  for_each = var.agent_pools

  name           = each.value.name
  parent_id      = azapi_resource.this.id
  os_type        = each.value.os_type
  count_of       = each.value.count_of
  vnet_subnet_id = each.value.vnet_subnet_id
}
`,
  'locals.tf': `
locals {
  network_profile_full = var.network_profile == null ? null : {
    networkPlugin     = var.network_profile.network_plugin
    networkPluginMode = var.network_profile.network_plugin_mode
    networkPolicy     = var.network_profile.network_policy
    networkDataplane  = var.network_profile.network_dataplane
    podCidr           = var.network_profile.pod_cidr
    serviceCidr       = var.network_profile.service_cidr
    dnsServiceIP      = var.network_profile.dns_service_ip
  }
  network_profile = local.network_profile_full == null ? null : { for k, v in local.network_profile_full : k => v if v != null }
  resource_body = {
    properties = {
      agentPoolProfiles = [{
        name         = var.default_agent_pool.name
        mode         = "System"
        osType       = "Linux"
        count        = var.default_agent_pool.count_of
        vnetSubnetID = var.default_agent_pool.vnet_subnet_id
      }]
      networkProfile = local.network_profile
    }
  }
}
`,
  'variables.tf': `
variable "name" {
  type = string
}
variable "parent_id" {
  type = string
}
variable "network_profile" {
  type = object({
    network_plugin      = optional(string)
    network_plugin_mode = optional(string)
    network_policy      = optional(string)
    network_dataplane   = optional(string)
    pod_cidr            = optional(string)
    service_cidr        = optional(string)
    dns_service_ip      = optional(string)
  })
  default = null
}
variable "default_agent_pool" {
  type = object({
    name           = optional(string, "systempool")
    count_of       = optional(number, 3)
    vnet_subnet_id = optional(string)
  })
  default  = {}
  nullable = false
}
variable "agent_pools" {
  type = map(object({
    name           = string
    os_type        = optional(string)
    count_of       = optional(number)
    vnet_subnet_id = optional(string)
  }))
  default  = {}
  nullable = false
}
`,
  'modules/agentpool/main.tf': `
variable "name" {
  type = string
}
variable "parent_id" {
  type = string
}
variable "os_type" {
  type    = string
  default = null
}
variable "count_of" {
  type    = number
  default = null
}
variable "vnet_subnet_id" {
  type    = string
  default = null
}

resource "azapi_resource" "this" {
  count = 1

  type      = "Microsoft.ContainerService/managedClusters/agentPools@2026-01-02-preview"
  name      = var.name
  parent_id = var.parent_id
  body = {
    properties = {
      osType       = var.os_type
      count        = var.count_of
      vnetSubnetID = var.vnet_subnet_id
    }
  }
}
`,
};

const AVM_CALLERS: Record<string, string> = {
  'the module default: no network profile': `module "aks" {
  source    = "Azure/avm-res-containerservice-managedcluster/azurerm"
  version   = "~> 0.8"
  name      = "aks"
  parent_id = "/subscriptions/s/resourceGroups/rg"
}
`,
  'a pod CIDR over the VNet': `module "aks" {
  source    = "Azure/avm-res-containerservice-managedcluster/azurerm"
  version   = "~> 0.8"
  name      = "aks"
  parent_id = "/subscriptions/s/resourceGroups/rg"
  network_profile = {
    network_plugin      = "azure"
    network_plugin_mode = "overlay"
    pod_cidr            = "10.1.128.0/17"
  }
  default_agent_pool = { vnet_subnet_id = azurerm_subnet.nodes.id }
}
`,
  'the Cilium data plane with Calico, and a Windows pool on it': `module "aks" {
  source    = "Azure/avm-res-containerservice-managedcluster/azurerm"
  version   = "~> 0.8"
  name      = "aks"
  parent_id = "/subscriptions/s/resourceGroups/rg"
  network_profile = {
    network_plugin      = "azure"
    network_plugin_mode = "overlay"
    network_dataplane   = "cilium"
    network_policy      = "calico"
  }
  agent_pools = {
    win = { name = "win", os_type = "Windows", count_of = 2 }
  }
}
`,
  'a node subnet too small for the default and a user pool': `module "aks" {
  source    = "Azure/avm-res-containerservice-managedcluster/azurerm"
  version   = "~> 0.8"
  name      = "aks"
  parent_id = "/subscriptions/s/resourceGroups/rg"
  network_profile = {
    network_plugin = "azure"
  }
  default_agent_pool = { vnet_subnet_id = azurerm_subnet.nodes.id }
  agent_pools = {
    user = { name = "user", count_of = 3, vnet_subnet_id = azurerm_subnet.nodes.id }
  }
}
`,
};

const AVM_INSTALLED: Installed = {
  files: INSTALLED_AVM_08,
  records:
    '{"Key":"aks","Source":"registry.terraform.io/Azure/avm-res-containerservice-managedcluster/azurerm","Version":"0.8.1","Dir":".terraform/modules/aks"},{"Key":"aks.nodepools","Source":"./modules/agentpool","Dir":".terraform/modules/aks/modules/agentpool"}',
};

describe('Azure/avm-res-containerservice-managedcluster 0.8 (azapi): input map and installed code agree', () => {
  agreeOn(AVM_CALLERS, AVM_INSTALLED, 'the module default: no network profile');
});

const AZURERM3 = 'terraform {\n  required_providers {\n    azurerm = {\n      source  = "hashicorp/azurerm"\n      version = "~> 3.110"\n    }\n  }\n}\n';
const AZURERM4 = 'terraform {\n  required_providers {\n    azurerm = {\n      source  = "hashicorp/azurerm"\n      version = "~> 4.46"\n    }\n  }\n}\n';

/**
 * One rejected and one accepted network per release family of every module read without
 * `terraform init`: the rule, and the text of the caller it points at.
 */
const FAMILIES: { module: string; version: string; root: string; rejected: string; finding: [string, string]; accepted: string }[] = [
  {
    module: 'Azure/aks/azurerm',
    version: '5.0.0',
    root: AZURERM3,
    rejected: 'network_plugin = "azure"\n  net_profile_service_cidr = "10.0.0.0/16"\n  net_profile_dns_service_ip = "10.1.0.10"',
    finding: ['dns-ip-outside-service-cidr', '"10.1.0.10"'],
    accepted: 'network_plugin = "azure"\n  net_profile_service_cidr = "10.0.0.0/16"\n  net_profile_dns_service_ip = "10.0.0.10"',
  },
  {
    module: 'Azure/aks/azurerm',
    version: '~> 6.0',
    root: AZURERM3,
    rejected: 'network_plugin = "azure"\n  net_profile_service_cidr = "10.0.0.0/16"\n  net_profile_dns_service_ip = "10.1.0.10"',
    finding: ['dns-ip-outside-service-cidr', '"10.1.0.10"'],
    accepted: 'network_plugin = "azure"\n  load_balancer_sku = "standard"',
  },
  {
    module: 'Azure/aks/azurerm',
    version: '~> 9.0',
    root: AZURERM3,
    rejected: 'network_plugin_mode = "overlay"',
    finding: ['overlay-requires-azure-plugin', '"overlay"'],
    accepted: 'network_plugin = "azure"\n  network_plugin_mode = "overlay"',
  },
  {
    module: 'Azure/aks/azurerm',
    version: '~> 10.0',
    root: AZURERM3,
    rejected: 'network_plugin = "azure"\n  network_plugin_mode = "overlay"\n  network_data_plane = "cilium"\n  network_policy = "calico"',
    finding: ['cilium-requires-cilium-policy', '"calico"'],
    accepted: 'network_plugin = "azure"\n  network_plugin_mode = "overlay"\n  network_data_plane = "cilium"\n  network_policy = "cilium"',
  },
  {
    module: 'Azure/aks/azurerm',
    version: '11.0.0',
    root: AZURERM4,
    rejected: 'network_plugin = "azure"\n  network_plugin_mode = "overlay"\n  ebpf_data_plane = "cilium"\n  network_policy = "calico"',
    finding: ['cilium-requires-cilium-policy', '"calico"'],
    accepted: 'network_plugin = "azure"\n  network_plugin_mode = "overlay"\n  ebpf_data_plane = "cilium"\n  network_policy = "cilium"',
  },
  {
    module: 'Azure/avm-res-containerservice-managedcluster/azurerm',
    version: '0.1.2',
    root: AZURERM3,
    rejected: 'name = "aks"\n  default_node_pool = { name = "system" }\n  network_profile = { network_plugin = "kubenet", network_plugin_mode = "overlay" }',
    finding: ['overlay-requires-azure-plugin', '"overlay"'],
    accepted: 'name = "aks"\n  default_node_pool = { name = "system" }\n  network_profile = { network_plugin = "azure", network_plugin_mode = "overlay", network_data_plane = "cilium", network_policy = "cilium" }',
  },
  {
    module: 'Azure/avm-res-containerservice-managedcluster/azurerm',
    version: '~> 0.4.0',
    root: '',
    rejected: 'name = "aks"\n  parent_id = "/subscriptions/s/resourceGroups/rg"\n  network_profile = { network_plugin = "azure", network_plugin_mode = "overlay", network_dataplane = "cilium", network_policy = "calico" }',
    finding: ['cilium-requires-cilium-policy', '"calico"'],
    accepted: 'name = "aks"\n  parent_id = "/subscriptions/s/resourceGroups/rg"\n  network_profile = { network_plugin = "azure", network_plugin_mode = "overlay", network_dataplane = "cilium", network_policy = "cilium" }',
  },
  {
    module: 'Azure/avm-ptn-aks-production/azurerm',
    version: '0.2.0',
    root: AZURERM4,
    rejected: 'name = "aks"\n  network = { node_subnet_id = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/n", pod_cidr = "172.30.0.0/16" }',
    finding: ['reserved-range', '"172.30.0.0/16"'],
    accepted: 'name = "aks"\n  network = { node_subnet_id = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/n", pod_cidr = "192.168.0.0/16" }',
  },
  {
    module: 'Azure/avm-ptn-aks-production/azurerm',
    version: '0.4.0',
    root: AZURERM4,
    rejected: 'name = "aks"\n  network = { node_subnet_id = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/n", pod_cidr = "192.168.0.0/16", service_cidr = "172.31.0.0/16" }',
    finding: ['reserved-range', '"172.31.0.0/16"'],
    // 0.4.0 sends no dns_service_ip: a service_cidr of the caller fails at apply (0.5.0 computes one).
    accepted: 'name = "aks"\n  network_policy = "calico"\n  network = { node_subnet_id = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/n", pod_cidr = "192.168.0.0/16" }',
  },
];

describe('every release family: a rejected network found at the argument, an accepted one silent', () => {
  for (const family of FAMILIES) {
    it(`${family.module} ${family.version}`, async () => {
      const parsers = await loadParsers();
      const analyse = (args: string) => {
        const text = `${family.root}module "aks" {\n  source  = "${family.module}"\n  version = "${family.version}"\n  ${args}\n}\n`;
        const result = analyzeModule({ dir: '/r', files: [{ uri: '/r/main.tf', text }] }, parsers, {}, undefined, undefined, { loader: filesLoader([], parsers) });
        return { text, findings: result.findings.filter((f) => f.severity !== 'info') };
      };
      const rejected = analyse(family.rejected);
      const [rule, at] = family.finding;
      const finding = rejected.findings.find((f) => f.ruleId === rule);
      assert.ok(finding, `${rule} not found: ${rejected.findings.map((f) => f.ruleId).join(', ')}`);
      const lines = rejected.text.split('\n');
      const { start, end } = finding.range;
      assert.equal(finding.uri, '/r/main.tf');
      assert.equal(start.line, end.line);
      assert.equal(lines[start.line].slice(start.character, end.character), at);
      const accepted = analyse(family.accepted);
      assert.deepEqual(accepted.findings.filter((f) => f.severity === 'error').map((f) => `${f.ruleId}: ${f.message}`), []);
    });
  }
});
