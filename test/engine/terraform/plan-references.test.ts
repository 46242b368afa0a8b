/**
 * Following a plan configuration's references across modules (plan-references.ts): a variable to
 * the caller's argument, a module output to its expression in that instance, and every case
 * where the configuration does not say surely which resource a value is, which stays unlinked.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigurationReferences, soleReference, type ConfigModule } from '../../../server/src/engine/terraform/plan-references.js';

const refs = (...references: string[]) => ({ references });

/** root: module.network (subnet output), module.aks (cluster output), module.pools[for_each] (pool). */
const root: ConfigModule = {
  module_calls: {
    network: {
      module: {
        outputs: {
          subnet_id: { expression: refs('azurerm_subnet.nodes.id', 'azurerm_subnet.nodes') },
          subnet_ids: { expression: refs('azurerm_subnet.nodes["a"].id', 'azurerm_subnet.nodes["a"]', 'azurerm_subnet.nodes', 'azurerm_subnet.pods.id', 'azurerm_subnet.pods') },
          from_local: { expression: refs('local.subnet_id') },
          relayed: { expression: refs('module.inner.id', 'module.inner') },
        },
        module_calls: { inner: { module: { outputs: { id: { expression: refs('azurerm_subnet.inner.id', 'azurerm_subnet.inner') } } } } },
      },
    },
    aks: {
      module: { outputs: { cluster_id: { expression: refs('azapi_resource.this.id', 'azapi_resource.this') } } },
    },
    zones: {
      for_each_expression: refs('var.zones'),
      module: { outputs: { subnet_id: { expression: refs('azurerm_subnet.zone.id', 'azurerm_subnet.zone') } } },
    },
    pools: {
      for_each_expression: refs('var.pools'),
      expressions: {
        cluster_id: refs('module.aks.cluster_id', 'module.aks'),
        subnet_id: refs('module.network.subnet_id', 'module.network'),
        zone_subnet_id: refs('module.zones["b"].subnet_id', 'module.zones["b"]', 'module.zones'),
        any_zone: refs('module.zones'),
        either: refs('var.fallback', 'module.network.subnet_id', 'module.network'),
        per_pool: refs('each.value.subnet_id', 'each.value'),
        both_outputs: refs('module.network.subnet_ids', 'module.network'),
        local_one: refs('module.network.from_local', 'module.network'),
        relayed: refs('module.network.relayed', 'module.network'),
        loop: refs('module.loop.out', 'module.loop'),
      },
    },
    loop: {
      expressions: { x: refs('module.loop.out', 'module.loop') },
      module: { outputs: { out: { expression: refs('var.x') } } },
    },
  },
};

const resolver = new ConfigurationReferences(root);
const pool = ['module.pools["u1"]'];

describe('ConfigurationReferences', () => {
  it('follows a variable to the caller argument and a module output to the resource in that module instance', () => {
    assert.deepEqual(resolver.resolve(['var.subnet_id'], pool), { module: ['module.network'], mode: 'managed', type: 'azurerm_subnet', name: 'nodes', attribute: 'id' });
    assert.deepEqual(resolver.resolve(['var.cluster_id'], pool), { module: ['module.aks'], mode: 'managed', type: 'azapi_resource', name: 'this', attribute: 'id' });
    assert.deepEqual(resolver.resolve(['var.relayed'], pool), { module: ['module.network', 'module.inner'], mode: 'managed', type: 'azurerm_subnet', name: 'inner', attribute: 'id' });
  });

  it('follows an output of one instance of a module called with for_each, by its key', () => {
    assert.deepEqual(resolver.resolve(['var.zone_subnet_id'], pool), { module: ['module.zones["b"]'], mode: 'managed', type: 'azurerm_subnet', name: 'zone', attribute: 'id' });
    assert.equal(resolver.resolve(['var.any_zone'], pool), undefined, 'the whole map of instances');
    assert.equal(resolver.resolve(['module.zones.subnet_id', 'module.zones'], []), undefined, 'no key for a repeated module');
    assert.equal(resolver.resolve(['module.network[0].subnet_id', 'module.network[0]', 'module.network'], []), undefined, 'a key for a module called once');
  });

  it('keeps a resource reference as it is, with the module instance it is made in', () => {
    assert.deepEqual(resolver.resolve(['data.azurerm_subnet.x["a"].id', 'data.azurerm_subnet.x["a"]', 'data.azurerm_subnet.x'], ['module.m[2]']), { module: ['module.m[2]'], mode: 'data', type: 'azurerm_subnet', name: 'x', key: 'a', attribute: 'id' });
  });

  it('stays unlinked when the configuration does not say which resource the value is', () => {
    const cases: [string, string[], readonly string[]][] = [
      ['two inputs', ['var.either'], pool],
      ['each.value', ['var.per_pool'], pool],
      ['an output of two resources', ['var.both_outputs'], pool],
      ['a local (not in the configuration)', ['var.local_one'], pool],
      ['an argument the call does not set (the default)', ['var.not_set'], pool],
      ['a root variable', ['var.subnet_id'], []],
      ['a module that is not called', ['module.nowhere.id', 'module.nowhere'], []],
      ['a resource without an attribute', ['azurerm_subnet.nodes'], []],
      ['a splat', ['azurerm_subnet.nodes', 'count.index'], []],
      ['a cycle, bounded', ['var.loop'], pool],
    ];
    for (const [what, references, path] of cases) assert.equal(resolver.resolve(references, path), undefined, what);
    assert.equal(new ConfigurationReferences(undefined).resolve(['var.subnet_id'], pool), undefined, 'no configuration');
  });

  it('takes one reference with its shorter forms, never one of several', () => {
    assert.equal(soleReference(['module.vnet.subnet_ids["aks"]', 'module.vnet.subnet_ids', 'module.vnet']), 'module.vnet.subnet_ids["aks"]');
    assert.equal(soleReference(['module.network.id', 'module.network_b.id']), undefined);
    assert.equal(soleReference(['azurerm_subnet.a.id', 'azurerm_subnet.a', 'azurerm_subnet.a.id']), 'azurerm_subnet.a.id');
    assert.equal(soleReference([]), undefined);
    assert.equal(soleReference('var.x'), undefined);
  });
});
