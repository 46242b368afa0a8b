/**
 * azapi sends a changed body as an in-place PUT (domain/input-forms.md §4.2): a pool of an azapi
 * cluster (an entry of agentPoolProfiles, or an agentPools resource) whose max_pods, subnets,
 * public IPs or OS change is not recreated as azurerm would, and the AKS API has refused such
 * updates of an existing pool: "You can't change this on an agentpool currently" for maxPods
 * (Azure/AKS#1790, 2020), `PropertyChangeNotAllowed` "Changing property
 * 'agentPoolProfile.vnetSubnetID' is not allowed." (Azure/AKS#695, 2018), "Changing property
 * 'agentPoolProfile.enableNodePublicIP' is not allowed" (hashicorp/terraform-provider-azurerm#10951).
 * Observed and dated, not documented: a warning. Messages name settings as azurerm does; the
 * analysis renames them to the body's JSON names.
 */
import type { BaselineInfo } from '../aks/model.js';
import { defaultPoolOf, nodePoolOf, poolFate, type PoolChangeAttribute, type PoolInstance } from '../aks/pool-changes.js';
import { describeNow, describePrior } from '../aks/setting-change.js';
import { defineRule, type ReportFunction } from './define-rule.js';
import { priorRelated, restoreSuggestion, RESTORE_MESSAGES } from './shared/change-suggestions.js';

type Messages = 'refused' | keyof typeof RESTORE_MESSAGES;

/** What is known of the AKS API's answer, per setting. */
const ANSWERS: Record<PoolChangeAttribute, string> = {
  max_pods: `which the AKS API has refused ("You can't change this on an agentpool currently", Azure/AKS#1790)`,
  vnet_subnet_id: `which the AKS API has refused ("Changing property 'agentPoolProfile.vnetSubnetID' is not allowed.", Azure/AKS#695)`,
  node_public_ip: `which the AKS API has refused ("Changing property 'agentPoolProfile.enableNodePublicIP' is not allowed", hashicorp/terraform-provider-azurerm#10951)`,
  pod_subnet_id: "and the AKS API is not known to update it: it has refused a new node subnet (Azure/AKS#695), and azurerm recreates the pool for this change",
  os_type: 'and the AKS API is not known to update it: azurerm recreates the pool for this change on every release',
};

function check(subject: PoolInstance, baseline: BaselineInfo | undefined, report: ReportFunction<Messages>): void {
  if (!baseline) return;
  const fate = poolFate(subject);
  if (fate.fate !== 'sent') return;
  const block = subject.isDefault ? subject.pool.site : subject.instance.site;
  for (const change of fate.by) {
    const restore = restoreSuggestion(change, baseline, block);
    report({
      messageId: 'refused',
      data: { attribute: change.after.name, pool: subject.label, before: describePrior(change.before), after: describeNow(change.after), answer: ANSWERS[change.attribute] },
      uri: change.uri,
      range: change.range,
      source: change.after,
      related: [priorRelated(change, baseline, change.uri, change.range)],
      ...(restore ? { suggest: [restore] } : {}),
    });
  }
}

export default defineRule({
  id: 'pool-change-refused-by-api',
  title: 'A pool change of an azapi cluster that the AKS API refuses',
  severity: 'warning',
  messages: {
    refused:
      '{{attribute}} of {{pool}} changes from {{before}} to {{after}}: azapi sends it as an in-place update of the pool, {{answer}}. Add a pool with the new value and move the workloads to it instead.',
    ...RESTORE_MESSAGES,
  },
  checkCluster({ cluster, model }, report) {
    if (cluster.form !== 'azapi') return;
    check(defaultPoolOf(cluster), model.baseline, report);
  },
  checkNodePool({ nodePool, model }, report) {
    if (nodePool.form !== 'azapi') return;
    check(nodePoolOf(nodePool), model.baseline, report);
  },
});
