/**
 * The plan reader: planned values Known at their JSON node, after_unknown leaves Unknown with the
 * resource the configuration references, sensitive values kept, module addresses split, and a
 * file that is not a plan refused with a reason.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { modulePathOf, PlanFormatError, readPlanJson } from '../../../server/src/engine/terraform/plan-json.js';
import { isKnown, type Value } from '../../../server/src/engine/terraform/values.js';
import { valueAt } from '../../../server/src/engine/aks/value-block-source.js';

const pool = (after: object, afterUnknown: object, extra: object = {}) => ({
  address: 'module.aks.module.pools["u1"].azurerm_kubernetes_cluster_node_pool.this[0]',
  module_address: 'module.aks.module.pools["u1"]',
  mode: 'managed',
  type: 'azurerm_kubernetes_cluster_node_pool',
  name: 'this',
  index: 0,
  provider_name: 'registry.terraform.io/hashicorp/azurerm',
  change: { actions: ['create'], before: null, after, after_unknown: afterUnknown, before_sensitive: false, after_sensitive: { node_taints: true } },
  ...extra,
});

const planText = (changes: object[], configuration: object = {}) =>
  JSON.stringify({ format_version: '1.2', terraform_version: '1.9.5', planned_values: { root_module: {} }, resource_changes: changes, configuration }, null, 2);

const configuration = {
  provider_config: { azurerm: { name: 'azurerm', full_name: 'registry.terraform.io/hashicorp/azurerm', version_constraint: '~> 3.110' } },
  root_module: {
    module_calls: {
      aks: {
        source: './aks',
        module: {
          module_calls: {
            pools: {
              source: './pools',
              module: {
                resources: [
                  {
                    address: 'azurerm_kubernetes_cluster_node_pool.this',
                    mode: 'managed',
                    type: 'azurerm_kubernetes_cluster_node_pool',
                    name: 'this',
                    expressions: { kubernetes_cluster_id: { references: ['var.cluster_id'] }, vnet_subnet_id: { references: ['azurerm_subnet.pods["u1"].id', 'azurerm_subnet.pods["u1"]', 'azurerm_subnet.pods'] } },
                  },
                ],
              },
            },
          },
        },
      },
    },
  },
};

const at = (value: Value, ...path: (string | number)[]) => valueAt(value, path);

describe('readPlanJson', () => {
  it('reads a pool in nested module instances: address, module path, key, known values at their JSON node', () => {
    const text = planText([pool({ name: 'u1', max_pods: 50, node_taints: ['a=b:NoSchedule'] }, { id: true })], configuration);
    const plan = readPlanJson('/p/plan.json', text);
    assert.equal(plan.resources.length, 1);
    const [r] = plan.resources;
    assert.deepEqual(r.modulePath, ['module.aks', 'module.pools["u1"]']);
    assert.equal(r.key, 0);
    assert.deepEqual(r.actions, ['create']);
    const maxPods = at(r.values, 'max_pods')!;
    assert.ok(isKnown(maxPods) && maxPods.value === 50);
    const line = text.split('\n').findIndex((l) => l.includes('"max_pods": 50'));
    assert.deepEqual(maxPods.origin!.range, { start: { line, character: text.split('\n')[line].indexOf('50') }, end: { line, character: text.split('\n')[line].indexOf('50') + 2 } });
    // A sensitive value is hidden in the output, not unknown.
    assert.ok(isKnown(at(r.values, 'node_taints', 0)));
    assert.equal(plan.providerConstraints[0].text, '~> 3.110');
  });

  it('makes after_unknown leaves Unknown, with the resource the configuration references (not a variable)', () => {
    const plan = readPlanJson('/p/plan.json', planText([pool({ name: 'u1' }, { id: true, kubernetes_cluster_id: true, vnet_subnet_id: true })], configuration));
    const [r] = plan.resources;
    const id = at(r.values, 'kubernetes_cluster_id')!;
    assert.equal(id.known, false);
    assert.match((id as { reason: string }).reason, /kubernetes_cluster_node_pool\.this\[0\]\.kubernetes_cluster_id is known only after apply/);
    assert.equal((id as { ref?: unknown }).ref, undefined, 'var.cluster_id names no resource');
    const subnet = at(r.values, 'vnet_subnet_id')!;
    assert.deepEqual((subnet as { ref?: unknown }).ref, { module: ['module.aks', 'module.pools["u1"]'], mode: 'managed', type: 'azurerm_subnet', name: 'pods', key: 'u1', attribute: 'id' });
  });

  it('leaves out what a plan deletes, keeps what it replaces', () => {
    const gone = pool(null as unknown as object, {}, { change: { actions: ['delete'], before: {}, after: null, after_unknown: {} } });
    const replaced = { ...pool({ name: 'u2' }, {}), address: 'azurerm_kubernetes_cluster_node_pool.b', module_address: undefined, index: undefined, name: 'b', change: { actions: ['delete', 'create'], before: {}, after: { name: 'u2' }, after_unknown: {} } };
    const plan = readPlanJson('/p/plan.json', planText([gone, replaced]));
    assert.deepEqual(plan.resources.map((r) => r.address), ['azurerm_kubernetes_cluster_node_pool.b']);
  });

  it('records each change: before (kept where before_sensitive marks it), replace_paths, action_reason; no before for a create', () => {
    const before = { name: 'u1', vnet_subnet_id: '/subnets/a', node_taints: ['a=b:NoSchedule'] };
    const base = pool({ name: 'u1', vnet_subnet_id: '/subnets/b' }, { id: true });
    const replaced = { ...base, action_reason: 'replace_because_cannot_update', change: { ...base.change, actions: ['delete', 'create'], before, before_sensitive: { node_taints: true }, replace_paths: [['vnet_subnet_id']] } };
    const created = { ...pool({ name: 'u2' }, { id: true }), address: 'azurerm_kubernetes_cluster_node_pool.b', module_address: undefined, index: undefined, name: 'b' };
    const text = planText([replaced, created]);
    const [r, c] = readPlanJson('/p/plan.json', text).resources;
    assert.deepEqual([r.change?.replacePaths, r.change?.actionReason], [[['vnet_subnet_id']], 'replace_because_cannot_update']);
    const subnet = at(r.change!.before!, 'vnet_subnet_id')!;
    assert.ok(isKnown(subnet) && subnet.value === '/subnets/a');
    assert.ok(isKnown(at(r.change!.before!, 'node_taints', 0)!), 'a sensitive value is known');
    const line = text.split('\n').findIndex((l) => l.includes('"change": {'));
    assert.deepEqual(r.change?.range.start, { line, character: text.split('\n')[line].indexOf('{') });
    assert.deepEqual([c.change?.before, c.change?.replacePaths, c.change?.actionReason], [undefined, [], undefined]);
  });

  it('splits module addresses with quoted keys', () => {
    assert.deepEqual(modulePathOf('module.a["x.y]"].module.b[2].azurerm_subnet.s'), ['module.a["x.y]"]', 'module.b[2]']);
    assert.deepEqual(modulePathOf('azurerm_subnet.s'), []);
    assert.equal(modulePathOf('module.a["x'), undefined);
  });

  it('refuses what is not a plan, saying why', () => {
    assert.throws(() => readPlanJson('/p/x', 'resource "a" "b" {}'), (error) => error instanceof PlanFormatError && error.message === 'not JSON (InvalidSymbol at line 1)');
    assert.throws(() => readPlanJson('/p/x', '{"values": {}}'), { message: /has no format_version/ });
    assert.throws(() => readPlanJson('/p/x', '{"format_version": "2.0", "resource_changes": []}'), { message: 'plan format_version 2.0 is not supported (1.x is)' });
    assert.throws(() => readPlanJson('/p/x', '{"format_version": "1.0"}'), { message: /neither resource_changes nor planned_values/ });
  });
});
