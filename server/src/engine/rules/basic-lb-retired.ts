/**
 * The Basic load balancer is retired on AKS: no new cluster since 2025-03-31, no support for
 * existing ones since 2025-09-30 (domain/rp-rules.md §G `basic-lb-retired`;
 * upgrade-basic-load-balancer-on-aks).
 */
import { settingIs } from '../aks/network-facts.js';
import { defineRule } from './define-rule.js';

export default defineRule({
  id: 'basic-lb-retired',
  title: 'The Basic load balancer is retired',
  severity: 'error',
  messages: {
    retired:
      'load_balancer_sku "basic" is retired: AKS has refused to create clusters with the Basic load balancer since 31 March 2025 and stopped supporting existing ones on 30 September 2025.',
    useStandard: 'Set load_balancer_sku = "standard" (replaces an existing cluster)',
  },
  checkCluster({ cluster }, report) {
    const sku = cluster.network.loadBalancerSku;
    if (!settingIs(sku, 'basic') || !sku.site) return;
    report({
      messageId: 'retired',
      uri: sku.site.uri,
      range: sku.site.valueRange,
      source: sku,
      suggest: [{ messageId: 'useStandard', replacesCluster: true, edit: (e) => e.replaceSettingValue(sku, 'standard') }],
    });
  },
});
