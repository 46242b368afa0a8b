/**
 * A resource's lifecycle ignore_changes, read as Terraform reads it: attribute paths (HCL
 * traversals, or strings in .tf.json), `all`, and anything else taken as "may ignore anything".
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ignoredChangesOf, isChangeIgnored } from '../../../server/src/engine/terraform/ignore-changes.js';
import { buildModule } from '../../../server/src/engine/terraform/module.js';
import { loadParsers } from '../../../server/src/host/load-parsers.js';

async function ignoredOf(lifecycle: string, name = 'main.tf') {
  const text = name.endsWith('.json')
    ? JSON.stringify({ resource: { azurerm_kubernetes_cluster: { aks: { name: 'aks', lifecycle: JSON.parse(lifecycle) } } } })
    : `resource "azurerm_kubernetes_cluster" "aks" {\n  name = "aks"\n${lifecycle}\n}\n`;
  const module = buildModule({ dir: '/m', files: [{ uri: `/m/${name}`, text }] }, await loadParsers());
  return ignoredChangesOf([...module.resources.values()][0].block);
}

describe('ignore_changes', () => {
  it('reads attribute paths, with list indexes and nested blocks', async () => {
    const ignored = await ignoredOf('  lifecycle {\n    ignore_changes = [tags, default_node_pool[0].max_pods, body.properties.agentPoolProfiles]\n  }');
    assert.deepEqual(ignored, { all: false, paths: [['tags'], ['default_node_pool', '0', 'max_pods'], ['body', 'properties', 'agentPoolProfiles']] });
    assert.equal(isChangeIgnored(ignored, ['default_node_pool', '0', 'max_pods']), true);
    assert.equal(isChangeIgnored(ignored, ['default_node_pool', '0', 'vnet_subnet_id']), false);
    assert.equal(isChangeIgnored(ignored, ['body', 'properties', 'agentPoolProfiles', '1', 'maxPods']), true, 'a parent is ignored with its children');
    assert.equal(isChangeIgnored(ignored, ['max_pods']), false);
  });

  it('reads `all`, and takes what it cannot read for everything', async () => {
    assert.deepEqual(await ignoredOf('  lifecycle {\n    ignore_changes = all\n  }'), { all: true });
    assert.deepEqual(await ignoredOf('  lifecycle {\n    ignore_changes = [for k in local.keys : k]\n  }'), { all: true });
    assert.equal(isChangeIgnored({ all: true }, ['max_pods']), true);
  });

  it('has nothing to ignore without a lifecycle block or with an empty list', async () => {
    assert.deepEqual(await ignoredOf(''), { all: false, paths: [] });
    assert.deepEqual(await ignoredOf('  lifecycle {\n    ignore_changes = []\n  }'), { all: false, paths: [] });
    assert.equal(isChangeIgnored(undefined, ['max_pods']), false);
  });

  it('reads the strings of .tf.json, in either index notation', async () => {
    const ignored = await ignoredOf('{ "ignore_changes": ["default_node_pool[0].vnet_subnet_id", "default_node_pool.0.max_pods"] }', 'main.tf.json');
    assert.deepEqual(ignored, { all: false, paths: [['default_node_pool', '0', 'vnet_subnet_id'], ['default_node_pool', '0', 'max_pods']] });
    assert.deepEqual(await ignoredOf('{ "ignore_changes": "all" }', 'main.tf.json'), { all: true });
  });
});
