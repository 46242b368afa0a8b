/**
 * A change the azurerm provider plans as `# forces replacement` on an existing cluster: the
 * cluster, its nodes and workloads are destroyed and created again (catalogue row 23; the
 * migration matrix, domain/rp-rules.md §I, as engine/aks/change-facts.ts encodes it). Per
 * provider release: 4.58, 4.59 and 4.66 made some changes in place. With a plan as the baseline,
 * the plan says it (its `replace_paths`), not the matrix.
 */
import { clusterFate, describeValue, networkChanges, replacesOn, type NetworkChange } from '../aks/change-facts.js';
import type { AksCluster, BaselineInfo } from '../aks/model.js';
import { settingRange } from '../aks/network-facts.js';
import { defineRule, type ReportFunction } from './define-rule.js';
import { priorRelated, RESTORE_MESSAGES, restoreSuggestion } from './shared/change-suggestions.js';

const messages = {
  replaces:
    '{{attribute}} changes from {{before}} to {{after}}: azurerm {{version}} cannot update it in place, so Terraform will replace the cluster ("# forces replacement"): it destroys the cluster, with its nodes and workloads, and creates it again.{{inPlace}}',
  mayReplace:
    '{{attribute}} changes from {{before}} to {{after}}: azurerm before {{from}} replaces the cluster for this ("# forces replacement": it destroys the cluster, with its nodes and workloads, and creates it again); {{from}} and later update it in place{{inPlace}}. The release is not pinned (azurerm {{version}}): the lock file Terraform writes decides.',
  planned:
    'terraform plan replaces {{address}}: {{attribute}} changes from {{before}} to {{after}} and forces replacement{{reason}}: Terraform will destroy the cluster, with its nodes and workloads, and create it again.{{inPlace}}',
  triggered:
    '{{attribute}} changes from {{before}} to {{after}}: the resource names it in replace_triggers_refs, so azapi replaces the cluster: Terraform destroys it, with its nodes and workloads, and creates it again.',
  plannedOther: 'terraform plan replaces {{address}}{{reason}}: {{paths}} forces replacement: Terraform will destroy the cluster, with its nodes and workloads, and create it again.',
  ...RESTORE_MESSAGES,
};

export default defineRule({
  id: 'change-replaces-cluster',
  title: 'A change that makes Terraform destroy and recreate the cluster',
  // An error, so that a pull request that would destroy a running cluster fails the run (issue 13);
  // a replacement that depends on a release the module does not pin is a warning.
  severity: 'error',
  messages,
  checkCluster({ cluster, model }, report) {
    const baseline = model.baseline;
    if (!baseline || !cluster.prior) return;
    const changes = networkChanges(cluster);
    const planned = cluster.prior.planned;
    if (planned) {
      const fate = clusterFate(cluster, changes);
      if (fate.fate !== 'replaced') return;
      const reason = planned.actionReason ? ` (${describeReason(planned.actionReason)})` : '';
      const byPath = fate.by.filter((c) => planned.replacePaths.some((path) => path.includes(c.attribute)));
      const named = byPath.length > 0 ? byPath : fate.by;
      if (named.length === 0) {
        const paths = planned.replacePaths.map((p) => p.filter((part) => typeof part === 'string').join('.')).join(', ') || 'the configuration';
        report({ messageId: 'plannedOther', data: { address: cluster.address, reason, paths }, range: cluster.site.labelRange });
        return;
      }
      for (const change of named) reportChange(cluster, baseline, change, report, 'planned', { address: cluster.address, reason, inPlace: inPlaceNote(change, changes, false) });
      return;
    }
    for (const change of changes) {
      const replaces = replacesOn(cluster, change);
      if (replaces === false) continue;
      if (change.triggersReplacement) {
        reportChange(cluster, baseline, change, report, 'triggered', {});
        continue;
      }
      reportChange(cluster, baseline, change, report, replaces ? 'replaces' : 'mayReplace', {
        from: change.provider.replaces === 'before' ? change.provider.inPlaceFrom : '',
        inPlace: inPlaceNote(change, changes, replaces === undefined),
      });
    }
  },
});

/** Reports one change on its value now, with the old value as related information and the suggestion to restore it. */
function reportChange(
  cluster: AksCluster,
  baseline: BaselineInfo,
  change: NetworkChange,
  report: ReportFunction<keyof typeof messages>,
  messageId: 'replaces' | 'mayReplace' | 'planned' | 'triggered',
  data: Record<string, string>,
) {
  // Whether the release replaces the cluster is not known: a warning.
  const severity = messageId === 'mayReplace' ? { severity: 'warning' as const } : {};
  const { after } = change;
  const uri = after.site?.uri ?? cluster.network.site?.uri ?? cluster.uri;
  const range = settingRange(after, cluster.network, cluster);
  const restore = restoreSuggestion(change, baseline, cluster.network.site);
  report({
    messageId,
    ...severity,
    data: { attribute: change.attribute, before: describeValue(change.from), after: describeValue(change.to), version: cluster.provider.detail, ...data },
    uri,
    range,
    related: [priorRelated(change, baseline, uri, range)],
    source: after,
    ...(restore ? { suggest: [restore] } : {}),
  });
}


/**
 * The in-place path, when there is one: a sentence starting with a space for `replaces`; for
 * `mayReplace` (the version not known), only a condition that ends its "update it in place".
 */
function inPlaceNote(change: NetworkChange, changes: readonly NetworkChange[], versionNotKnown: boolean): string {
  const pluginChange = changes.find((c) => c.attribute === 'network_plugin');
  const fromKubenet = pluginChange?.from === 'kubenet' && pluginChange.to === 'azure';
  if (versionNotKnown) return change.attribute === 'network_plugin' && fromKubenet ? ' if pod_cidr stays unchanged' : '';
  if (change.attribute === 'network_plugin' && fromKubenet) {
    if (change.provider.replaces === 'before') return ' azurerm 4.66 and later migrate kubenet → Azure CNI Overlay in place if pod_cidr stays unchanged.';
    return ' Only kubenet → azure with network_plugin_mode = "overlay" is migrated in place (azurerm 4.66 and later).';
  }
  if ((change.attribute === 'pod_cidr' || change.attribute === 'pod_cidrs') && fromKubenet) return ' Keep pod_cidr unchanged: azurerm 4.66 and later then migrate kubenet → Azure CNI Overlay in place.';
  if (change.attribute === 'network_plugin_mode') return ' The move to overlay is one-way.';
  if (change.provider.replaces === 'before') return ` azurerm ${change.provider.inPlaceFrom} and later update it in place.`;
  return '';
}

/** `replace_because_cannot_update` in words. */
function describeReason(reason: string): string {
  const words: Record<string, string> = {
    replace_because_cannot_update: 'it cannot be updated in place',
    replace_because_tainted: 'the resource is tainted',
    replace_by_request: 'replacement was requested with -replace',
    replace_by_triggers: 'a replace_triggered_by reference changed',
  };
  return words[reason] ?? reason;
}
