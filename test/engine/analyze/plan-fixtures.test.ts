/**
 * The hand-written plan fixtures follow the documented `terraform show -json` format (issue 12,
 * point 3: Terraform cannot run here, so their structure is checked instead): the required keys,
 * every change's address made of its module address, type, name and index, the same resource in
 * planned_values with the `after` values, after_unknown of the same shape, and a configuration
 * resource for each; `before` null exactly for a create, replace_paths only on a replacement, and
 * the prior state holding each `before` (issue 13: the plan as the baseline).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';

const PLANS = resolve(__dirname, '../../fixtures/plans');
const ACTIONS = new Set(['no-op', 'create', 'read', 'update', 'delete', 'forget']);
/** The action lists Terraform writes (jsonplan/plan.go). */
const ACTION_LISTS = new Set(['no-op', 'create', 'read', 'update', 'delete,create', 'create,delete', 'delete', 'forget', 'create,forget']);
const REASONS = new Set(['replace_because_cannot_update', 'replace_because_tainted', 'replace_by_request', 'replace_by_triggers', 'delete_because_no_resource_config', 'delete_because_no_module', 'delete_because_wrong_repetition', 'delete_because_count_index', 'delete_because_each_key', 'delete_because_no_move_target']);

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
      'avm-module-update',
      'azapi-cluster',
      'azapi-service-cidr',
      'azapi-unknown-after-apply',
      'azapi-update',
      'child-module',
      'create-and-delete',
      'data-source-subnet',
      'module-outputs',
      'module-subnet',
      'pool-and-subnet',
      'remote-module-value',
      'replace-cluster',
      'replace-node-pool',
      'root-cluster',
      'unknown-after-apply',
      'update-in-place',
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
      const prior = plan.prior_state === undefined ? new Map<string, Obj>() : plannedResources(((plan.prior_state as Obj).values as Obj).root_module as Obj, '');
      const changes = plan.resource_changes as Obj[];
      assert.ok(changes.length > 0);
      let deleted = 0;
      for (const rc of changes) {
        for (const key of ['address', 'mode', 'type', 'name', 'provider_name', 'change']) assert.ok(key in rc, `${rc.address} has ${key}`);
        const moduleAddress = rc.module_address as string | undefined;
        const own = `${rc.mode === 'data' ? 'data.' : ''}${rc.type}.${rc.name}${formatKey(rc.index)}`;
        assert.equal(rc.address, moduleAddress ? `${moduleAddress}.${own}` : own);
        const change = rc.change as Obj;
        for (const key of ['actions', 'before', 'after', 'after_unknown', 'before_sensitive', 'after_sensitive']) assert.ok(key in change, `${rc.address} change has ${key}`);
        const actions = change.actions as string[];
        assert.ok(actions.every((a) => ACTIONS.has(a)) && ACTION_LISTS.has(actions.join(',')), `${rc.address}: actions ${actions.join(',')}`);
        const creates = actions.length === 1 && actions[0] === 'create';
        assert.equal(change.before === null, creates, `${rc.address}: before is null exactly when it is created`);
        if (!creates) assert.ok(isObject(change.before) && 'id' in change.before, `${rc.address}: before is the prior state's object, with its id`);
        const replaces = actions.includes('delete') && actions.includes('create');
        assert.equal('replace_paths' in change, replaces, `${rc.address}: replace_paths only on a replacement`);
        if (replaces) assert.ok((change.replace_paths as Json[]).every((path) => Array.isArray(path) && path.length > 0 && path.every((step) => typeof step === 'string' || typeof step === 'number')));
        if ('action_reason' in rc) assert.ok(REASONS.has(rc.action_reason as string), `${rc.address}: action_reason ${rc.action_reason}`);
        if (rc.mode === 'managed' && change.before !== null) {
          assert.ok(plan.prior_state !== undefined, `${rc.address}: a plan of existing resources has a prior state`);
          assert.deepEqual(prior.get(rc.address as string)?.values, change.before, `${rc.address}: the prior state has the values of before`);
        }
        if (actions.length === 1 && actions[0] === 'delete') {
          // Only deleted: its configuration is gone, and it plans no values.
          assert.equal(change.after, null);
          assert.equal(planned.get(rc.address as string), undefined, `${rc.address} is deleted, so not in planned_values`);
          deleted++;
          continue;
        }
        checkUnknownShape(change.after, change.after_unknown, rc.address as string);
        const inPlan = planned.get(rc.address as string);
        assert.ok(inPlan, `${rc.address} is in planned_values`);
        assert.deepEqual(inPlan.values, change.after, `${rc.address}: planned_values has the values of after`);
        assert.deepEqual([inPlan.mode, inPlan.type, inPlan.name, inPlan.index], [rc.mode, rc.type, rc.name, rc.index]);
        const module = configModule(configuration.root_module as Obj, moduleAddress);
        const configured = ((module?.resources ?? []) as Obj[]).find((r) => r.address === `${rc.type}.${rc.name}`);
        assert.ok(configured && isObject(configured.expressions), `${rc.address} has its configuration`);
      }
      assert.equal(planned.size, changes.length - deleted, 'planned_values holds only the changed resources');
      // The prior state: what the managed resources were (each a change's before), and the data
      // sources read while planning, each with its configuration.
      for (const [address, r] of prior) {
        const moduleAddress = address.match(/^((?:module\.[\w-]+(?:\[[^\]]*\])?\.)*)/)?.[1].replace(/\.$/, '');
        assert.equal(address, `${moduleAddress ? `${moduleAddress}.` : ''}${r.mode === 'data' ? 'data.' : ''}${r.type}.${r.name}${formatKey(r.index)}`);
        assert.ok(isObject(r.values) && 'id' in r.values, `${address} has its id`);
        if (r.mode === 'managed') {
          assert.ok(changes.some((rc) => rc.address === address), `${address} of the prior state has its change`);
          continue;
        }
        const module = configModule(configuration.root_module as Obj, moduleAddress);
        const configured = ((module?.resources ?? []) as Obj[]).find((c) => c.address === `data.${r.type}.${r.name}`);
        assert.ok(configured, `${address} has its configuration`);
      }
    });
  }
});
