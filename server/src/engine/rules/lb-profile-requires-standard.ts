/**
 * Load balancer profiles, NAT gateway profiles and outbound types other than the default need the
 * Standard load balancer: the provider fails at apply with "only load balancer SKU 'Standard'
 * supports load balancer profiles" (domain/rp-rules.md §G `lb-profile-needs-standard`,
 * `outbound-type-needs-standard-lb`).
 */
import { settingIs } from '../aks/network-facts.js';
import { knownString } from '../aks/model.js';
import { defineRule } from './define-rule.js';

export default defineRule({
  id: 'lb-profile-requires-standard',
  title: 'Load balancer and NAT gateway profiles need the Standard load balancer',
  severity: 'error',
  messages: {
    profileNeedsStandard:
      '{{block}} needs load_balancer_sku "standard": the provider fails at apply with "only load balancer SKU \'Standard\' supports {{what}}. Provided load balancer type: basic".',
    outboundNeedsStandard:
      'outbound_type "{{outbound}}" needs load_balancer_sku "standard": AKS supports outbound types only with the Standard load balancer.',
  },
  checkCluster({ cluster }, report) {
    const { loadBalancerSku, loadBalancerProfile, natGatewayProfile, outboundType } = cluster.network;
    if (!settingIs(loadBalancerSku, 'basic') || !loadBalancerSku.site) return;
    const related = [{ uri: loadBalancerSku.site.uri, range: loadBalancerSku.site.valueRange, message: 'load_balancer_sku is "basic" here.' }];
    for (const [profile, block, what] of [
      [loadBalancerProfile, 'load_balancer_profile', 'load balancer profiles'],
      [natGatewayProfile, 'nat_gateway_profile', 'NAT Gateway profiles'],
    ] as const) {
      // The provider refuses the profiles; on an azapi body only the documented outbound-type limit holds.
      if (profile.state === 'present' && profile.site && cluster.form !== 'azapi') {
        report({ messageId: 'profileNeedsStandard', data: { block, what }, uri: profile.site.uri, range: profile.site.typeRange, related });
      }
    }
    const outbound = knownString(outboundType.value);
    if (outboundType.site && outbound && outbound !== 'loadBalancer') {
      report({ messageId: 'outboundNeedsStandard', data: { outbound }, uri: outboundType.site.uri, range: outboundType.site.valueRange, related });
    }
  },
});
