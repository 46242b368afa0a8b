/**
 * The baseline of a change: each instance's prior settings by address, and what changed since,
 * with Unknown on either side making the change unknown (never a guess).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { changeOf, describePrior } from '../../../server/src/engine/aks/setting-change.js';
import { analyzeFiles } from '../../support/engine.js';

const cluster = (name: string, network: string, pool = '') => `
resource "azurerm_kubernetes_cluster" "${name}" {
  name                = "${name}"
  location            = "westeurope"
  resource_group_name = "rg"
  dns_prefix          = "${name}"
  default_node_pool {
    name       = "system"
    vm_size    = "Standard_D4s_v5"
    node_count = 3
    ${pool}
  }
  identity {
    type = "SystemAssigned"
  }
  network_profile {
    ${network}
  }
}
`;
const subnets = `
resource "azurerm_subnet" "a" {
  name                 = "a"
  resource_group_name  = "rg"
  virtual_network_name = "vnet"
  address_prefixes     = ["10.1.0.0/24"]
}
resource "azurerm_subnet" "b" {
  name                 = "b"
  resource_group_name  = "rg"
  virtual_network_name = "vnet"
  address_prefixes     = ["10.1.1.0/24"]
}
variable "policy" {
  type = string
}
`;

async function analyzeChange(before: string, after: string) {
  const uri = '/fixture/main.tf';
  return (await analyzeFiles([{ uri, text: after }], { rules: {} }, { baseline: [{ uri, text: before }] })).model;
}

describe('the baseline of a change', () => {
  it('gives each instance its prior settings and says what changed', async () => {
    const model = await analyzeChange(
      subnets + cluster('aks', 'network_plugin = "kubenet"', 'vnet_subnet_id = azurerm_subnet.a.id'),
      subnets + cluster('aks', 'network_plugin = "azure"\n    network_plugin_mode = "overlay"', 'vnet_subnet_id = azurerm_subnet.b.id') + cluster('new', 'network_plugin = "azure"'),
    );
    assert.deepEqual(model.baseline, { kind: 'git', label: 'HEAD (0c0ffee)' });
    const [aks, created] = model.clusters;
    assert.equal(created.prior, null, 'a cluster the baseline lacks is created by the change');
    const plugin = changeOf(aks, 'network.plugin', aks.network.plugin);
    assert.equal(plugin && describePrior(plugin.before), '"kubenet"');
    const mode = changeOf(aks, 'network.pluginMode', aks.network.pluginMode);
    assert.deepEqual(mode?.before, { state: 'absent', value: null });
    const subnet = changeOf(aks, 'defaultPool.vnetSubnetId', aks.defaultPool.vnetSubnetId);
    assert.equal(subnet && describePrior(subnet.before), 'azurerm_subnet.a.id');
    assert.equal(changeOf(aks, 'identityType', aks.identityType), undefined, 'unchanged');
    assert.equal(changeOf(created, 'network.plugin', created.network.plugin), undefined, 'nothing to compare with');
  });

  it('knows no change where either side is not known', async () => {
    const model = await analyzeChange(subnets + cluster('aks', 'network_plugin = "azure"\n    network_policy = "azure"'), subnets + cluster('aks', 'network_plugin = "azure"\n    network_policy = var.policy'));
    const [aks] = model.clusters;
    assert.equal(changeOf(aks, 'network.policy', aks.network.policy), undefined);
  });

  it('has no prior without a baseline', async () => {
    const { model } = await analyzeFiles([{ uri: '/fixture/main.tf', text: cluster('aks', 'network_plugin = "azure"') }], { rules: {} });
    assert.equal(model.baseline, undefined);
    assert.equal(model.clusters[0].prior, undefined);
  });
});
