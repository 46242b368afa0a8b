/**
 * Proposed ranges overlap nothing the module declares, prefer Microsoft's defaults when free, and
 * are not proposed at all when some address in the module is unknown.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { freePodRange, freeServiceRange } from '../../../server/src/engine/aks/free-ranges.js';
import { analyzeFiles } from '../../support/engine.js';

const network = (space: string, subnet: string, extra = '') =>
  `resource "azurerm_virtual_network" "vnet" {\n  name          = "vnet"\n  address_space = ["${space}"]\n}\nresource "azurerm_subnet" "nodes" {\n  name                 = "nodes"\n  virtual_network_name = azurerm_virtual_network.vnet.name\n  address_prefixes     = ["${subnet}"]\n}\n${extra}`;
const cluster = (profile: string) =>
  `resource "azurerm_kubernetes_cluster" "aks" {\n  default_node_pool {\n    name           = "system"\n    vnet_subnet_id = azurerm_subnet.nodes.id\n  }\n  network_profile {\n${profile}  }\n}\n`;

async function proposals(text: string) {
  const { model } = await analyzeFiles([{ uri: '/m/main.tf', text }]);
  const [aks] = model.clusters;
  return { service: freeServiceRange(model, aks), pod: freePodRange(model, aks) };
}

describe('free ranges', () => {
  it("prefers AKS's own defaults when they are free", async () => {
    const p = await proposals(network('10.1.0.0/16', '10.1.1.0/24') + cluster('    network_plugin      = "azure"\n    network_plugin_mode = "overlay"\n'));
    assert.deepEqual(p, { service: { cidr: '10.0.0.0/16', dns: '10.0.0.10' }, pod: '10.244.0.0/16' });
  });

  it('skips ranges the VNet, its subnets, the other range and reserved ranges use', async () => {
    const p = await proposals(
      network('10.0.0.0/8', '10.1.0.0/16') + cluster('    network_plugin      = "azure"\n    network_plugin_mode = "overlay"\n    pod_cidr            = "172.16.0.0/16"\n'),
    );
    assert.deepEqual(p.service, { cidr: '172.17.0.0/16', dns: '172.17.0.10' });
    assert.equal(p.pod, '192.168.0.0/16');
  });

  it('skips the ranges of peered VNets and on-premises networks', async () => {
    const hub = 'resource "azurerm_virtual_network" "hub" {\n  name          = "hub"\n  address_space = ["10.0.0.0/16", "10.244.0.0/16"]\n}\n';
    const peering = 'resource "azurerm_virtual_network_peering" "to_hub" {\n  virtual_network_name      = azurerm_virtual_network.vnet.name\n  remote_virtual_network_id = azurerm_virtual_network.hub.id\n}\n';
    const office = 'resource "azurerm_local_network_gateway" "office" {\n  address_space = ["172.16.0.0/12", "192.168.0.0/16"]\n}\n';
    const p = await proposals(network('10.1.0.0/16', '10.1.1.0/24', hub + peering + office) + cluster('    network_plugin      = "azure"\n    network_plugin_mode = "overlay"\n'));
    assert.deepEqual(p, { service: { cidr: '10.100.0.0/16', dns: '10.100.0.10' }, pod: '100.64.0.0/16' });
  });

  it('proposes nothing when a peering leaves the module or on-premises ranges come from BGP', async () => {
    const outside = 'variable "hub_id" {}\nresource "azurerm_virtual_network_peering" "to_hub" {\n  virtual_network_name      = azurerm_virtual_network.vnet.name\n  remote_virtual_network_id = var.hub_id\n}\n';
    assert.deepEqual(await proposals(network('10.1.0.0/16', '10.1.1.0/24', outside) + cluster('    network_plugin = "azure"\n')), { service: undefined, pod: undefined });
    const bgp = 'resource "azurerm_local_network_gateway" "office" {\n  gateway_address = "203.0.113.10"\n}\n';
    assert.deepEqual(await proposals(network('10.1.0.0/16', '10.1.1.0/24', bgp) + cluster('    network_plugin = "azure"\n')), { service: undefined, pod: undefined });
  });

  it('proposes nothing when an address of the module cannot be known', async () => {
    const peered = network('10.1.0.0/16', '10.1.1.0/24', 'resource "azurerm_virtual_network_peering" "hub" {\n  name = "to-hub"\n}\n');
    assert.deepEqual(await proposals(peered + cluster('    network_plugin = "azure"\n')), { service: undefined, pod: undefined });
    const unknownSpace = 'variable "space" {}\n' + network('10.1.0.0/16', '10.1.1.0/24').replace('["10.1.0.0/16"]', '[var.space]');
    assert.equal((await proposals(unknownSpace + cluster('    network_plugin = "azure"\n'))).service, undefined);
  });
});
