/**
 * The hand-written plan fixtures follow the documented `terraform show -json` format (issue 12,
 * point 3: Terraform cannot run here, so their structure is checked instead): the required keys,
 * every change's address made of its module address, type, name and index, the same resource in
 * planned_values with the `after` values, after_unknown of the same shape, and a configuration
 * resource for each.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';

const PLANS = resolve(__dirname, '../../fixtures/plans');
const ACTIONS = new Set(['no-op', 'create', 'read', 'update', 'delete', 'forget']);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Obj = { [key: string]: Json };

const isObject = (x: Json | undefined): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);

function formatKey(index: Json | undefined): string {
  return index === undefined ? '' : typeof index === 'string' ? `[${JSON.stringify(index)}]` : `[${String(index)}]`;
}

/** Every resource of planned_values, by address, checking each child module's address nests in its parent's. */
function plannedResources(module: Obj, parent: string, out = new Map<string, Obj>()): Map<string, Obj> {
  for (const r of (module.resources ?? []) as Obj[]) out.set(r.address as string, r);
  for (const child of (module.child_modules ?? []) as Obj[]) {
    assert.ok((child.address as string).startsWith(parent ? `${parent}.module.` : 'module.'), `${child.address} nests in ${parent || 'the root'}`);
    plannedResources(child, child.address as string, out);
  }
  return out;
}

/** after_unknown has the shape of after: true only at leaves after leaves out (or null). */
function checkUnknownShape(after: Json | undefined, unknown: Json, at: string): void {
  if (unknown === true) {
    assert.ok(after === undefined || after === null, `${at} is unknown, so after leaves it out`);
    return;
  }
  if (unknown === false) return;
  if (Array.isArray(unknown)) {
    assert.ok(Array.isArray(after), `${at}: after_unknown is a list where after is one`);
    unknown.forEach((u, i) => checkUnknownShape(after[i], u, `${at}[${i}]`));
    return;
  }
  assert.ok(isObject(unknown), `${at}: after_unknown holds booleans, lists and objects`);
  assert.ok(after === undefined || isObject(after), `${at}: after_unknown is an object where after is one`);
  for (const [key, u] of Object.entries(unknown)) checkUnknownShape(isObject(after) ? after[key] : undefined, u, `${at}.${key}`);
}

/** The configuration module a module address names (keys dropped). */
function configModule(root: Obj, moduleAddress: string | undefined): Obj | undefined {
  let module: Obj | undefined = root;
  for (const step of (moduleAddress ?? '').split(/\.(?=module\.)/).filter(Boolean)) {
    const name = step.replace(/^module\.|\[.*$/g, '');
    const call: Json | undefined = (module?.module_calls as Obj | undefined)?.[name];
    module = isObject(call) ? (call.module as Obj) : undefined;
  }
  return module;
}

describe('plan fixtures follow the terraform show -json format', () => {
  const cases = readdirSync(PLANS, { withFileTypes: true }).filter((d) => d.isDirectory());
  it('covers the cases issue 12 names', () => {
    assert.deepEqual(cases.map((d) => d.name).sort(), [
      'avm-module',
      'azapi-cluster',
      'azapi-unknown-after-apply',
      'azapi-update',
      'child-module',
      'data-source-subnet',
      'module-outputs',
      'module-subnet',
      'pool-and-subnet',
      'remote-module-value',
      'root-cluster',
      'unknown-after-apply',
    ]);
  });
  for (const dir of cases) {
    it(dir.name, () => {
      const plan = JSON.parse(readFileSync(join(PLANS, dir.name, 'plan.json'), 'utf8')) as Obj;
      assert.equal(plan.format_version, '1.2');
      assert.match(plan.terraform_version as string, /^1\.\d+\.\d+$/);
      for (const key of ['planned_values', 'resource_changes', 'configuration']) assert.ok(key in plan, `has ${key}`);
      const configuration = plan.configuration as Obj;
      assert.ok(isObject(configuration.root_module) && isObject(configuration.provider_config));
      const planned = plannedResources((plan.planned_values as Obj).root_module as Obj, '');
      const changes = plan.resource_changes as Obj[];
      assert.ok(changes.length > 0);
      for (const rc of changes) {
        for (const key of ['address', 'mode', 'type', 'name', 'provider_name', 'change']) assert.ok(key in rc, `${rc.address} has ${key}`);
        const moduleAddress = rc.module_address as string | undefined;
        const own = `${rc.mode === 'data' ? 'data.' : ''}${rc.type}.${rc.name}${formatKey(rc.index)}`;
        assert.equal(rc.address, moduleAddress ? `${moduleAddress}.${own}` : own);
        const change = rc.change as Obj;
        for (const key of ['actions', 'before', 'after', 'after_unknown', 'before_sensitive', 'after_sensitive']) assert.ok(key in change, `${rc.address} change has ${key}`);
        assert.ok((change.actions as string[]).every((a) => ACTIONS.has(a)));
        checkUnknownShape(change.after, change.after_unknown, rc.address as string);
        const inPlan = planned.get(rc.address as string);
        assert.ok(inPlan, `${rc.address} is in planned_values`);
        assert.deepEqual(inPlan.values, change.after, `${rc.address}: planned_values has the values of after`);
        assert.deepEqual([inPlan.mode, inPlan.type, inPlan.name, inPlan.index], [rc.mode, rc.type, rc.name, rc.index]);
        const module = configModule(configuration.root_module as Obj, moduleAddress);
        const configured = ((module?.resources ?? []) as Obj[]).find((r) => r.address === `${rc.type}.${rc.name}`);
        assert.ok(configured && isObject(configured.expressions), `${rc.address} has its configuration`);
      }
      assert.equal(planned.size, changes.length, 'planned_values holds only the changed resources');
      // Data sources read while planning: in the prior state, each with its configuration.
      if (plan.prior_state !== undefined) {
        const prior = plannedResources(((plan.prior_state as Obj).values as Obj).root_module as Obj, '');
        for (const [address, r] of prior) {
          assert.equal(address, `${r.mode === 'data' ? 'data.' : ''}${r.type}.${r.name}${formatKey(r.index)}`);
          assert.ok(isObject(r.values) && 'id' in r.values, `${address} has its id`);
          const configured = (((configuration.root_module as Obj).resources ?? []) as Obj[]).find((c) => c.address === address.replace(/\[.*\]$/, ''));
          assert.ok(configured, `${address} has its configuration`);
        }
      }
    });
  }
});
