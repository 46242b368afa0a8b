/**
 * Values the provider validates at plan: enums (case-sensitive, per provider major), CIDRs and
 * IPv4 addresses (domain/network-profile.md §1–§4: `StringInSlice(..., false)`, `validate.CIDR`,
 * `validate.IPv4Address`). A value in the wrong case gets a safe fix: it never planned, so
 * nothing Terraform builds changes.
 */
import type { Setting } from '../aks/model.js';
import { attributeSchema, type SchemaBlock } from '../aks/schema/network-schema.js';
import { parseCidr, parseIp } from '../cidr/cidr-math.js';
import { knownList, knownString, type Value } from '../terraform/values.js';
import type { Range } from '../text/positions.js';
import type { ProviderVersion } from '../terraform/provider-version.js';
import { defineRule, type ReportFunction } from './define-rule.js';

type Messages = 'notAllowed' | 'wrongCase' | 'policyNone' | 'outboundNoneTooOld' | 'notCidr' | 'notIpv4' | 'useCase';

function checkEnum(
  setting: Setting,
  value: Value,
  range: Range | undefined,
  block: SchemaBlock,
  uri: string,
  provider: ProviderVersion,
  report: ReportFunction<Messages>,
) {
  const text = knownString(value);
  const schema = attributeSchema(provider.major, block, setting.name);
  if (text === undefined || !range || !schema?.allowed || schema.allowed.includes(text)) return;
  // "Overlay" has its own rule with its own story (accepted by 3.x, refused from 4.0).
  if (setting.name === 'network_plugin_mode' && text.toLowerCase() === 'overlay') return;
  const data = { name: setting.name, value: text, major: provider.major, allowed: schema.allowed.map((v) => `"${v}"`).join(', ') };
  if (setting.name === 'network_policy' && text === 'none') return report({ messageId: 'policyNone', data, range });
  if (setting.name === 'outbound_type' && text === 'none') return report({ messageId: 'outboundNoneTooOld', data, range });
  const sameIgnoringCase = schema.allowed.find((v) => v.toLowerCase() === text.toLowerCase());
  if (sameIgnoringCase && setting.attribute && range === setting.attribute.expr.range) {
    return report({
      messageId: 'wrongCase',
      data: { ...data, correct: sameIgnoringCase },
      range,
      source: setting,
      fix: { messageId: 'useCase', data: { correct: sameIgnoringCase }, edit: (e) => e.replaceSettingValue(setting, sameIgnoringCase) },
    });
  }
  report({ messageId: sameIgnoringCase ? 'wrongCase' : 'notAllowed', data: { ...data, correct: sameIgnoringCase ?? '' }, range });
}

export default defineRule({
  id: 'value-not-allowed',
  title: 'Values the provider accepts',
  severity: 'error',
  messages: {
    notAllowed: '{{name}} "{{value}}" is not a value azurerm {{major}}.x accepts ({{allowed}}): terraform plan fails.',
    wrongCase: '{{name}} "{{value}}" must be written "{{correct}}": azurerm compares values case-sensitively and terraform plan fails.',
    policyNone:
      'network_policy "none" is not accepted by azurerm (only {{allowed}}): terraform plan fails. Leave network_policy out for no policy engine.',
    outboundNoneTooOld: 'outbound_type "none" needs azurerm 4.44 or later; azurerm {{major}}.x accepts {{allowed}}: terraform plan fails.',
    notCidr: '{{name}} "{{value}}" is not a valid CIDR range (address/prefix): terraform plan fails.',
    notIpv4: 'dns_service_ip "{{value}}" is not a valid IPv4 address: terraform plan fails.',
    useCase: 'Write "{{correct}}"',
  },
  checkCluster({ cluster }, report) {
    const np = cluster.network;
    for (const setting of [np.plugin, np.pluginMode, np.dataPlane, np.policy, np.networkMode, np.loadBalancerSku, np.outboundType, np.ebpfDataPlane]) {
      if (setting.state === 'set') checkEnum(setting, setting.value, setting.attribute?.expr.range, 'network_profile', cluster.uri, cluster.provider, report);
    }
    for (const element of knownList(np.ipVersions.value) ?? []) {
      const range = element.known && element.origin.uri === cluster.uri && element.origin.via.length === 0 ? element.origin.range : np.ipVersions.attribute?.expr.range;
      if (np.ipVersions.state === 'set') checkEnum(np.ipVersions, element, range, 'network_profile', cluster.uri, cluster.provider, report);
    }
    for (const setting of [np.podCidr, np.serviceCidr]) {
      const text = knownString(setting.value);
      if (setting.attribute && text !== undefined && text !== '' && !parseCidr(text)) {
        report({ messageId: 'notCidr', data: { name: setting.name, value: text }, range: setting.attribute.expr.range });
      }
    }
    const dns = knownString(np.dnsServiceIp.value);
    if (np.dnsServiceIp.attribute && dns !== undefined && dns !== '' && parseIp(dns)?.version !== 4) {
      report({ messageId: 'notIpv4', data: { value: dns }, range: np.dnsServiceIp.attribute.expr.range });
    }
  },
  checkNodePool({ nodePool }, report) {
    if (nodePool.osType.state === 'set') {
      checkEnum(nodePool.osType, nodePool.osType.value, nodePool.osType.attribute?.expr.range, 'node_pool', nodePool.uri, nodePool.provider, report);
    }
  },
});
