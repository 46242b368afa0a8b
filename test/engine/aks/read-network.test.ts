/**
 * The network reader on a VNet's inline subnets: which subnet a pool's id picks, what each inline
 * subnet holds, and when the VNet's list of subnets is complete.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AksModel, Subnet } from '../../../server/src/engine/aks/model.js';
import { toPlainJson } from '../../../server/src/engine/terraform/values.js';
import { analyzeFiles } from '../../support/engine.js';

async function modelOf(text: string, name = 'main.tf'): Promise<AksModel> {
  return (await analyzeFiles([{ uri: `/fixture/${name}`, text }])).model;
}

const cluster = (subnetId: string) => `
resource "azurerm_kubernetes_cluster" "aks" {
  name                = "aks"
  location            = "westeurope"
  resource_group_name = "rg"
  dns_prefix          = "aks"

  default_node_pool {
    name           = "system"
    vm_size        = "Standard_D4s_v5"
    node_count     = 3
    vnet_subnet_id = ${subnetId}
  }

  identity {
    type = "SystemAssigned"
  }
}
`;

const vnet = (body: string) => `
resource "azurerm_virtual_network" "vnet" {
  name                = "vnet"
  location            = "westeurope"
  resource_group_name = "rg"
  address_space       = ["10.0.0.0/16"]
${body}}
`;

const subnetBlock = (name: string, prefix: string, extra = '') => `
  subnet {
    name             = "${name}"
    address_prefixes = ["${prefix}"]
${extra}  }
`;

const FILTER = (name: string) => `[for s in azurerm_virtual_network.vnet.subnet : s.id if s.name == "${name}"][0]`;

const summary = (subnet: Subnet | undefined) => subnet && { address: subnet.address, kind: subnet.kind, prefixes: toPlainJson(subnet.addressPrefixes), delegated: subnet.delegated };

describe('network reader: inline subnets', () => {
  it('links a pool to the inline subnet its id picks', async () => {
    const model = await modelOf(vnet(subnetBlock('nodes', '10.0.1.0/24') + subnetBlock('other', '10.0.2.0/24')) + cluster(FILTER('other')));
    assert.deepEqual(summary(model.clusters[0].defaultPool.vnetSubnet), {
      address: 'azurerm_virtual_network.vnet.subnet["other"]',
      kind: 'inline',
      prefixes: ['10.0.2.0/24'],
      delegated: false,
    });
    assert.equal(model.clusters[0].defaultPool.vnetSubnet?.vnet, model.network.vnets[0]);
  });

  it('links none when two inline subnets share the name (Azure refuses it)', async () => {
    const model = await modelOf(vnet(subnetBlock('nodes', '10.0.1.0/24') + subnetBlock('nodes', '10.0.2.0/24')) + cluster(FILTER('nodes')));
    assert.equal(model.clusters[0].defaultPool.vnetSubnet, undefined);
  });

  it('reads dynamic "subnet" blocks and the delegations inside them', async () => {
    const body = `
  dynamic "subnet" {
    for_each = { nodes = "10.0.1.0/24", aci = "10.0.8.0/24" }
    content {
      name             = subnet.key
      address_prefixes = [subnet.value]

      dynamic "delegation" {
        for_each = subnet.key == "aci" ? ["aci"] : []
        content {
          name = "aci"
          service_delegation {
            name = "Microsoft.ContainerInstance/containerGroups"
          }
        }
      }
    }
  }
`;
    const model = await modelOf(vnet(body) + cluster(FILTER('aci')));
    assert.deepEqual(model.network.vnets[0].subnets.subnets.map(summary), [
      { address: 'azurerm_virtual_network.vnet.subnet["aci"]', kind: 'inline', prefixes: ['10.0.8.0/24'], delegated: true },
      { address: 'azurerm_virtual_network.vnet.subnet["nodes"]', kind: 'inline', prefixes: ['10.0.1.0/24'], delegated: false },
    ]);
    assert.equal(model.network.vnets[0].subnets.complete, true);
    assert.equal(model.clusters[0].defaultPool.vnetSubnet?.address, 'azurerm_virtual_network.vnet.subnet["aci"]');
  });

  it('says the subnets are not complete when a dynamic block\'s for_each is not known', async () => {
    const body = '\n  dynamic "subnet" {\n    for_each = var.subnets\n    content {\n      name = subnet.key\n    }\n  }\n';
    const model = await modelOf(`variable "subnets" {}\n${vnet(body)}`);
    assert.deepEqual(model.network.vnets[0].subnets, { subnets: [], complete: false });
  });

  it('reads the attribute form: a 3.x address_prefix, a delegation, and where each element is written', async () => {
    const body = `
  subnet = [
    { name = "nodes", address_prefix = "10.0.1.0/24", security_group = null },
    { name = "aci", address_prefixes = ["10.0.8.0/24"], delegation = [{ name = "aci" }] },
  ]
`;
    const text = vnet(body) + cluster(FILTER('nodes'));
    const model = await modelOf(text);
    assert.deepEqual(model.network.vnets[0].subnets.subnets.map(summary), [
      { address: 'azurerm_virtual_network.vnet.subnet["nodes"]', kind: 'inline', prefixes: ['10.0.1.0/24'], delegated: false },
      { address: 'azurerm_virtual_network.vnet.subnet["aci"]', kind: 'inline', prefixes: ['10.0.8.0/24'], delegated: true },
    ]);
    const site = model.clusters[0].defaultPool.vnetSubnet!.site;
    const lines = text.split('\n');
    assert.equal(lines[site.range.start.line].slice(site.range.start.character, site.range.end.character), '{ name = "nodes", address_prefix = "10.0.1.0/24", security_group = null }');
    assert.equal(site.edit, undefined);
  });

  it('reads a .tf.json VNet once: its subnet property is both a list of blocks and an attribute', async () => {
    const json = JSON.stringify({
      resource: {
        azurerm_virtual_network: {
          vnet: { name: 'vnet', address_space: ['10.0.0.0/16'], subnet: [{ name: 'nodes', address_prefixes: ['10.0.1.0/24'] }] },
        },
      },
    });
    const model = await modelOf(json, 'main.tf.json');
    assert.deepEqual(model.network.vnets[0].subnets.subnets.map(summary), [
      { address: 'azurerm_virtual_network.vnet.subnet["nodes"]', kind: 'inline', prefixes: ['10.0.1.0/24'], delegated: false },
    ]);
  });

  it('keeps route table and NAT gateway of an inline subnet unknown: it may set route_table_id itself', async () => {
    const model = await modelOf(vnet(subnetBlock('nodes', '10.0.1.0/24', '    route_table_id   = azurerm_route_table.rt.id\n')) + cluster(FILTER('nodes')) + '\nresource "azurerm_route_table" "rt" {\n  name = "rt"\n}\n');
    const subnet = model.clusters[0].defaultPool.vnetSubnet!;
    assert.deepEqual([subnet.routeTable, subnet.natGateway], [{ state: 'unknown' }, { state: 'unknown' }]);
  });

  it('reads the inline subnets of each instance of a VNet with for_each in that instance\'s scope', async () => {
    const text = `
resource "azurerm_virtual_network" "vnet" {
  for_each            = { a = "10.1.1.0/24", b = "10.2.1.0/24" }
  name                = "vnet-\${each.key}"
  location            = "westeurope"
  resource_group_name = "rg"
  address_space       = ["10.0.0.0/8"]

  subnet {
    name             = "nodes"
    address_prefixes = [each.value]
  }
}
${cluster('one(azurerm_virtual_network.vnet["b"].subnet[*].id)')}`;
    const model = await modelOf(text);
    assert.deepEqual(summary(model.clusters[0].defaultPool.vnetSubnet), {
      address: 'azurerm_virtual_network.vnet["b"].subnet["nodes"]',
      kind: 'inline',
      prefixes: ['10.2.1.0/24'],
      delegated: false,
    });
  });
});
