/**
 * NAT gateway egress: a managed NAT gateway only exists in an AKS-managed VNet; a user-assigned
 * one needs your subnet, with the NAT gateway associated before the cluster is created; a NAT
 * gateway takes at most 16 public IPs, although the provider accepts up to 100
 * (domain/rp-rules.md §G `managed-nat-managed-vnet-only`, `user-nat-needs-associated-nat`,
 * `nat-ip-count`; catalogue row 30). The association is judged only for an azurerm_subnet of the
 * module when nothing else in the module could associate it (`subnetsChangeableElsewhere`).
 */
import { isSurelySet, settingIs } from '../aks/network-facts.js';
import { knownNumber } from '../aks/model.js';
import { defineRule } from './define-rule.js';

export default defineRule({
  id: 'nat-gateway-misconfig',
  title: 'NAT gateway egress matches the VNet it runs in',
  severity: 'error',
  messages: {
    managedWithByoSubnet:
      'outbound_type "managedNATGateway" creates a NAT gateway in an AKS-managed VNet, but default_node_pool sets vnet_subnet_id (your own VNet): AKS rejects it. Use "userAssignedNATGateway" with a NAT gateway associated to that subnet.',
    userAssignedWithoutSubnet:
      'outbound_type "userAssignedNATGateway" needs your own subnet with a NAT gateway associated, but default_node_pool sets no vnet_subnet_id: AKS rejects it.',
    notAssociated:
      'outbound_type "userAssignedNATGateway" sends egress through the NAT gateway associated with the node subnet {{subnet}}, but no azurerm_subnet_nat_gateway_association in this module names it: AKS needs the NAT gateway associated with the subnet before the cluster is created, and rejects the cluster otherwise.',
    tooManyIps:
      'nat_gateway_profile.managed_outbound_ip_count {{count}} is more than an Azure NAT gateway can hold (16 public IPs): the provider accepts it, AKS rejects it at apply.',
    clamp: 'Set managed_outbound_ip_count = 16',
  },
  checkCluster({ cluster, model }, report) {
    const { outboundType, natGatewayProfile } = cluster.network;
    const subnet = cluster.defaultPool.vnetSubnetId;
    if (outboundType.site && settingIs(outboundType, 'managedNATGateway') && isSurelySet(subnet)) {
      report({
        messageId: 'managedWithByoSubnet',
        uri: outboundType.site.uri,
        range: outboundType.site.valueRange,
        related: [{ uri: subnet.site!.uri, range: subnet.site!.valueRange, message: 'vnet_subnet_id is set here.' }],
      });
    }
    if (
      outboundType.site &&
      settingIs(outboundType, 'userAssignedNATGateway') &&
      cluster.defaultPool.state === 'present' &&
      subnet.state === 'absent'
    ) {
      report({
        messageId: 'userAssignedWithoutSubnet',
        uri: outboundType.site.uri,
        range: outboundType.site.valueRange,
        related: cluster.defaultPool.site ? [{ uri: cluster.defaultPool.site.uri, range: cluster.defaultPool.site.typeRange, message: 'default_node_pool has no vnet_subnet_id.' }] : [],
      });
    }
    if (outboundType.site && settingIs(outboundType, 'userAssignedNATGateway')) {
      const nodeSubnet = cluster.defaultPool.vnetSubnet;
      if (nodeSubnet?.kind === 'resource' && nodeSubnet.natGateway.state === 'none' && !model.network.subnetsChangeableElsewhere) {
        report({
          messageId: 'notAssociated',
          data: { subnet: nodeSubnet.address },
          uri: outboundType.site.uri,
          range: outboundType.site.valueRange,
          source: outboundType,
          related: [{ uri: nodeSubnet.uri, range: nodeSubnet.site.labelRange, message: `${nodeSubnet.address} is declared here, with no NAT gateway association.` }],
        });
      }
    }
    const count = natGatewayProfile.managedOutboundIpCount;
    const n = knownNumber(count.value);
    if (count.site && n !== undefined && n > 16) {
      report({
        messageId: 'tooManyIps',
        data: { count: n },
        uri: count.site.uri,
        range: count.site.valueRange,
        source: count,
        suggest: [{ messageId: 'clamp', edit: (e) => e.replaceSettingValue(count, 16) }],
      });
    }
  },
});
