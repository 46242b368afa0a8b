/**
 * The same clusters written as azurerm resources and as azapi bodies give the same findings of
 * the rules about the AKS API: a rejected network is rejected in either form. Both forms are
 * written out by hand (JSON names as the AKS API spells them), so a wrong name in the schema's
 * `api` column shows as a difference. Rules about the azurerm provider itself (its validation,
 * defaults, renamed attributes) are left out of the comparison: they are silent on azapi.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeFiles } from '../../support/engine.js';

/** Rules whose fact is the azurerm provider's, not the AKS API's. */
const PROVIDER_RULES = new Set(['provider-version-assumed', 'value-not-allowed', 'overlay-mode-case', 'network-plugin-implicit', 'dns-ip-and-service-cidr-together', 'pod-cidr-requires-overlay-or-kubenet', 'acns-security-requires-cilium', 'outbound-none-requires-cache']);

const SUBNETS = `
resource "azurerm_virtual_network" "vnet" {
  name                = "vnet-demo"
  location            = "westeurope"
  resource_group_name = "rg-demo"
  address_space       = ["10.0.0.0/8"]
}

resource "azurerm_subnet" "nodes" {
  name                 = "snet-nodes"
  resource_group_name  = "rg-demo"
  virtual_network_name = azurerm_virtual_network.vnet.name
  address_prefixes     = ["10.240.0.0/16"]
}
`;

function azurerm(network: string, pool = ''): string {
  return `terraform {
  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = "~> 4.60"
    }
  }
}

resource "azurerm_kubernetes_cluster" "aks" {
  name                = "aks-demo"
  location            = "westeurope"
  resource_group_name = "rg-demo"
  dns_prefix          = "aksdemo"

  default_node_pool {
    name           = "system"
    vm_size        = "Standard_D4s_v5"
    node_count     = 3
    vnet_subnet_id = azurerm_subnet.nodes.id
${pool}
  }

  identity {
    type = "SystemAssigned"
  }

  network_profile {
${network}
  }
}
${SUBNETS}`;
}

function azapi(network: string, pool = ''): string {
  return `resource "azapi_resource" "aks" {
  type      = "Microsoft.ContainerService/managedClusters@2025-10-01"
  name      = "aks-demo"
  parent_id = "/subscriptions/0000/resourceGroups/rg-demo"
  location  = "westeurope"

  identity {
    type = "SystemAssigned"
  }

  body = {
    properties = {
      dnsPrefix = "aksdemo"
      agentPoolProfiles = [
        {
          name         = "system"
          mode         = "System"
          vmSize       = "Standard_D4s_v5"
          count        = 3
          vnetSubnetID = azurerm_subnet.nodes.id
${pool}
        },
      ]
      networkProfile = {
${network}
      }
    }
  }
}
${SUBNETS}`;
}

/** Rejected networks from the rule fixtures, in both forms: [case, azurerm network_profile, azapi networkProfile, azurerm pool, azapi pool]. */
const CASES: [string, string, string, string?, string?][] = [
  ['cilium data plane with calico', 'network_plugin = "azure"\nnetwork_plugin_mode = "overlay"\nnetwork_data_plane = "cilium"\nnetwork_policy = "calico"', 'networkPlugin = "azure"\nnetworkPluginMode = "overlay"\nnetworkDataplane = "cilium"\nnetworkPolicy = "calico"'],
  ['cilium policy on the azure data plane', 'network_plugin = "azure"\nnetwork_plugin_mode = "overlay"\nnetwork_data_plane = "azure"\nnetwork_policy = "cilium"', 'networkPlugin = "azure"\nnetworkPluginMode = "overlay"\nnetworkDataplane = "azure"\nnetworkPolicy = "cilium"'],
  ['overlay with kubenet', 'network_plugin = "kubenet"\nnetwork_plugin_mode = "overlay"\nnetwork_data_plane = "azure"', 'networkPlugin = "kubenet"\nnetworkPluginMode = "overlay"\nnetworkDataplane = "azure"'],
  ['cilium with kubenet', 'network_plugin = "kubenet"\nnetwork_data_plane = "cilium"\nnetwork_policy = "cilium"', 'networkPlugin = "kubenet"\nnetworkDataplane = "cilium"\nnetworkPolicy = "cilium"'],
  ['azure network policy with kubenet', 'network_plugin = "kubenet"\nnetwork_data_plane = "azure"\nnetwork_policy = "azure"', 'networkPlugin = "kubenet"\nnetworkDataplane = "azure"\nnetworkPolicy = "azure"'],
  ['DNS IP outside the service range', 'network_plugin = "azure"\nnetwork_plugin_mode = "overlay"\nnetwork_data_plane = "azure"\nservice_cidr = "172.16.0.0/16"\ndns_service_ip = "172.17.0.10"', 'networkPlugin = "azure"\nnetworkPluginMode = "overlay"\nnetworkDataplane = "azure"\nserviceCidr = "172.16.0.0/16"\ndnsServiceIP = "172.17.0.10"'],
  ['service range larger than /12', 'network_plugin = "azure"\nnetwork_plugin_mode = "overlay"\nnetwork_data_plane = "azure"\nservice_cidr = "172.0.0.0/11"\ndns_service_ip = "172.0.0.10"', 'networkPlugin = "azure"\nnetworkPluginMode = "overlay"\nnetworkDataplane = "azure"\nserviceCidr = "172.0.0.0/11"\ndnsServiceIP = "172.0.0.10"'],
  ['pod range in a reserved range', 'network_plugin = "azure"\nnetwork_plugin_mode = "overlay"\nnetwork_data_plane = "azure"\npod_cidr = "172.30.0.0/16"', 'networkPlugin = "azure"\nnetworkPluginMode = "overlay"\nnetworkDataplane = "azure"\npodCidr = "172.30.0.0/16"'],
  ['default service range inside the VNet', 'network_plugin = "azure"\nnetwork_data_plane = "azure"', 'networkPlugin = "azure"\nnetworkDataplane = "azure"'],
  ['pod range over the VNet', 'network_plugin = "azure"\nnetwork_plugin_mode = "overlay"\nnetwork_data_plane = "azure"\npod_cidr = "10.244.0.0/16"\nservice_cidr = "172.16.0.0/16"\ndns_service_ip = "172.16.0.10"', 'networkPlugin = "azure"\nnetworkPluginMode = "overlay"\nnetworkDataplane = "azure"\npodCidr = "10.244.0.0/16"\nserviceCidr = "172.16.0.0/16"\ndnsServiceIP = "172.16.0.10"'],
  ['max pods above 250', 'network_plugin = "azure"\nnetwork_plugin_mode = "overlay"\nnetwork_data_plane = "azure"\nservice_cidr = "172.16.0.0/16"\ndns_service_ip = "172.16.0.10"', 'networkPlugin = "azure"\nnetworkPluginMode = "overlay"\nnetworkDataplane = "azure"\nserviceCidr = "172.16.0.0/16"\ndnsServiceIP = "172.16.0.10"', 'max_pods = 300', 'maxPods = 300'],
];

const ruleIds = async (text: string) => [...new Set((await analyzeFiles([{ uri: '/fixture/main.tf', text }])).findings.map((f) => f.ruleId))].filter((id) => !PROVIDER_RULES.has(id)).sort();

describe('azapi and azurerm give the same API findings', () => {
  for (const [name, rmNetwork, apiNetwork, rmPool, apiPool] of CASES) {
    it(name, async () => {
      const fromAzurerm = await ruleIds(azurerm(rmNetwork, rmPool));
      const fromAzapi = await ruleIds(azapi(apiNetwork, apiPool));
      // Each case is a rejected network: an empty set on both sides would prove nothing.
      assert.ok(fromAzurerm.some((id) => !id.endsWith('-retiring')), `${name}: the azurerm form reports nothing: ${fromAzurerm.join(', ')}`);
      assert.deepEqual(fromAzapi, fromAzurerm);
    });
  }
});
