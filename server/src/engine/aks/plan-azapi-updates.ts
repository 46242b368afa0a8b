/**
 * An `azapi_update_resource` of a plan updates the body of the AKS cluster (or agent pool) whose id
 * its `resource_id` is, as with the files (read-azapi.ts): each field it writes wins over the
 * resource's own, later updates over earlier ones. The id is known in the plan when the resource
 * exists already; for one created in the same plan, the configuration's reference names it
 * (`azapi_resource.aks.id`). An update whose target neither says is left out, as with the files.
 */
import { addressOfRef, formatAddress } from '../terraform/addresses.js';
import type { PlanResource } from '../terraform/plan-json.js';
import { isKnown, knownString, type Value } from '../terraform/values.js';
import { isAzapiCluster, isAzapiPool } from './azapi-naming.js';
import { valueAt } from './value-block-source.js';

/** The plan's resources, each azapi AKS resource with the bodies of the updates that target it merged in. */
export function applyAzapiUpdates(resources: readonly PlanResource[]): PlanResource[] {
  const updates = resources.filter((r) => r.mode === 'managed' && r.type === 'azapi_update_resource');
  if (updates.length === 0) return [...resources];
  const kindOf = (r: PlanResource) => {
    const type = knownString(valueAt(r.values, ['type']));
    return type === undefined ? undefined : isAzapiCluster(type) ? 'cluster' : isAzapiPool(type) ? 'pool' : undefined;
  };
  const targets = resources.filter((r) => r.mode === 'managed' && r.type === 'azapi_resource' && kindOf(r) !== undefined);
  const byAddress = new Map(targets.map((r) => [addressOf(r), r]));
  const byId = new Map<string, PlanResource>();
  for (const r of targets) {
    const id = knownString(valueAt(r.values, ['id']));
    if (id) byId.set(id.toLowerCase(), r);
  }
  const merged = new Map<PlanResource, Value>();
  for (const update of updates) {
    const id = valueAt(update.values, ['resource_id']);
    const target = id === undefined ? undefined : isKnown(id) ? byId.get(knownString(id)?.toLowerCase() ?? '') : id.ref?.type === 'azapi_resource' && id.ref.attribute === 'id' ? byAddress.get(addressOfRef(id.ref)) : undefined;
    const body = valueAt(update.values, ['body']);
    if (!target || !body || kindOf(update) !== kindOf(target)) continue;
    const values = merged.get(target) ?? target.values;
    const base = valueAt(values, ['body']);
    merged.set(target, withField(values, 'body', base ? mergeValues(base, body) : body));
  }
  return resources.map((r) => {
    const values = merged.get(r);
    return values ? { ...r, values } : r;
  });
}

function addressOf(r: PlanResource): string {
  return formatAddress({ modulePath: r.modulePath, mode: r.mode, type: r.type, name: r.name, key: r.key });
}

/** `update` written over `base`: objects field by field, lists entry by entry, else `update`. */
function mergeValues(base: Value, update: Value): Value {
  if (!isKnown(base) || !isKnown(update)) return update;
  const [a, b] = [base.value, update.value];
  if (Array.isArray(a) && Array.isArray(b)) {
    const out = a.map((item, i) => (i < b.length ? mergeValues(item, b[i]) : item));
    return { ...update, value: [...out, ...b.slice(a.length)] };
  }
  if (isObject(a) && isObject(b)) {
    const out: { [key: string]: Value } = { ...a };
    for (const [key, value] of Object.entries(b)) out[key] = key in a ? mergeValues(a[key], value) : value;
    return { ...update, value: out };
  }
  return update;
}

function withField(values: Value, key: string, value: Value): Value {
  if (!isKnown(values) || !isObject(values.value)) return values;
  return { ...values, value: { ...values.value, [key]: value } };
}

function isObject(value: unknown): value is { [key: string]: Value } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
