/**
 * A change the AKS API cannot apply to a running cluster, sent as an in-place update: an azapi
 * body change is always a PUT (input-forms.md §4.2), and azurerm updates in place what it does
 * not replace. The API then refuses it at terraform apply: the service range, the DNS service IP,
 * the IP families, the load balancer SKU, the network mode, a network plugin change other than
 * kubenet → Azure CNI Overlay, leaving overlay, and overlay for a cluster whose pools use pod
 * subnets (domain/rp-rules.md §I, "RP supports in place?").
 */
import { clusterFate, describeValue, networkChanges, replacesOn } from '../aks/change-facts.js';
import { settingRange } from '../aks/network-facts.js';
import { defineRule } from './define-rule.js';
import { priorRelated, RESTORE_MESSAGES, restoreSuggestion } from './shared/change-suggestions.js';

export default defineRule({
  id: 'change-refused-by-api',
  title: 'A change the AKS API cannot make to a running cluster',
  severity: 'error',
  messages: {
    refused:
      '{{attribute}} changes from {{before}} to {{after}} on an existing cluster: {{how}}, and the AKS API cannot change {{attribute}} of a running cluster{{why}}, so terraform apply fails. Keep the old value, or create a new cluster for the new one.',
    mayRefuse:
      '{{attribute}} changes from {{before}} to {{after}} on an existing cluster: with azurerm {{from}} and later the cluster is updated in place, and the AKS API cannot change {{attribute}} of a running cluster{{why}}, so terraform apply fails (before {{from}} the cluster is replaced). The release is not pinned (azurerm {{version}}).',
    ...RESTORE_MESSAGES,
  },
  checkCluster({ cluster, model }, report) {
    const baseline = model.baseline;
    if (!baseline || !cluster.prior) return;
    const changes = networkChanges(cluster);
    const fate = clusterFate(cluster, changes);
    if (fate.fate !== 'updated') return;
    for (const change of changes) {
      if (change.api !== 'no' || replacesOn(cluster, change) === true) continue;
      const { after } = change;
      const uri = after.site?.uri ?? cluster.network.site?.uri ?? cluster.uri;
      const range = settingRange(after, cluster.network, cluster);
      const restore = restoreSuggestion(change, baseline, cluster.network.site);
      report({
        messageId: fate.unlessBefore ? 'mayRefuse' : 'refused',
        ...(fate.unlessBefore ? { severity: 'warning' as const } : {}),
        data: {
          attribute: change.attribute,
          before: describeValue(change.from),
          after: describeValue(change.to),
          how: cluster.form === 'azapi' ? 'azapi sends the new body as an in-place update' : `azurerm ${cluster.provider.detail} updates the cluster in place`,
          why: change.refusal ? ` (${change.refusal})` : '',
          from: fate.unlessBefore ?? '',
          version: cluster.provider.detail,
        },
        uri,
        range,
        related: [priorRelated(change, baseline, uri, range)],
        source: after,
        // Whether azurerm updates the cluster in place depends on its release: on an assumed one, a warning.
        majorSpecific: cluster.form === 'azurerm',
        ...(restore ? { suggest: [restore] } : {}),
      });
    }
  },
});

