/**
 * A plan as the baseline of its change (issue 13): what each AKS cluster and node pool was in the
 * prior state (`resource_changes[].change.before`), read by the same reader as what the plan will
 * apply (read-plan-model.ts), and what Terraform plans for it (`actions`, `replace_paths`,
 * `action_reason`). Authoritative where a git ref is only a guess at what is deployed: it is what
 * Terraform compared the configuration with.
 */
import { formatAddress } from '../terraform/addresses.js';
import type { PlanDocument, PlanResource } from '../terraform/plan-json.js';
import type { ProviderVersion } from '../terraform/provider-version.js';
import type { BaselineInfo, PlannedChange, PriorInstance } from './model.js';
import { baselineOf, type Baseline } from './prior-settings.js';
import { readPlanModel } from './read-plan-model.js';

/** How a plan's baseline is named in messages. */
export const PLAN_BASELINE: BaselineInfo = { kind: 'plan', label: "the plan's prior state" };

/**
 * The baseline a plan records: every instance that exists before the change, with its planned
 * change. A created instance is not in it (its prior is null); one the plan only deletes has no
 * instance now and is left out. Undefined for a plan that records no changes (planned_values
 * only), which says nothing of the prior state.
 */
export function readPlanBaseline(plan: PlanDocument, provider: ProviderVersion): Baseline | undefined {
  if (!plan.resources.some((r) => r.change)) return undefined;
  // Data sources keep their values: they are read at plan time and name subnets either way.
  const prior = plan.resources.flatMap((r) => (r.mode === 'data' ? [r] : r.change?.before ? [{ ...r, values: r.change.before }] : []));
  const baseline = baselineOf(readPlanModel({ ...plan, resources: prior }, provider), PLAN_BASELINE, `plan ${plan.digest}`);
  const changes = new Map(plan.resources.filter((r) => r.change).map((r) => [addressOf(r), r]));
  const instances = new Map<string, PriorInstance>();
  for (const [address, instance] of baseline.instances) {
    // A pool of an azapi cluster's body (`azapi_resource.aks.agentPoolProfiles[1]`) changes with the cluster.
    const resource = changes.get(address) ?? changes.get(address.replace(/\.agentPoolProfiles\[\d+\]$/, ''));
    instances.set(address, resource ? { ...instance, planned: plannedOf(resource, plan.uri) } : instance);
  }
  return { ...baseline, instances };
}

function plannedOf(resource: PlanResource, uri: string): PlannedChange {
  const change = resource.change!;
  return {
    actions: resource.actions,
    replacePaths: change.replacePaths,
    ...(change.actionReason !== undefined ? { actionReason: change.actionReason } : {}),
    uri,
    range: change.range,
  };
}

function addressOf(r: PlanResource): string {
  return formatAddress({ modulePath: r.modulePath, mode: r.mode, type: r.type, name: r.name, key: r.key });
}
