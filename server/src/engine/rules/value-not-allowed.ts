/**
 * Values the provider validates at plan: enums (case-sensitive, per provider major), CIDRs and
 * IPv4 addresses (domain/network-profile.md §1–§4: `StringInSlice(..., false)`, `validate.CIDR`,
 * `validate.IPv4Address`). A value in the wrong case gets a safe fix: it never planned, so
 * nothing Terraform builds changes.
 */
import type { Setting } from '../aks/model.js';
import { attributeSchema, type SchemaBlock } from '../aks/schema/network-schema.js';
import { parseIp } from '../cidr/cidr-math.js';
import type { EditBuilder } from '../analyze/edit-builder.js';
import { isAtLeast, SUPPORTED_MAJORS, type ProviderVersion } from '../terraform/provider-version.js';
import { knownList, knownString, type Value } from '../terraform/values.js';
import type { Range } from '../text/positions.js';
import { defineRule, type ReportFunction } from './define-rule.js';

type Messages = 'notAllowed' | 'wrongCase' | 'policyNone' | 'outboundNoneTooOld' | 'notCidr' | 'notIpv4' | 'useCase';

function checkEnum(
  setting: Setting,
  value: Value,
  range: Range | undefined,
  block: SchemaBlock,
  provider: ProviderVersion,
  reportFinding: ReportFunction<Messages>,
) {
  const text = knownString(value);
  const schema = attributeSchema(provider.major, block, setting.name);
  if (text === undefined || !range || !schema?.allowed) return;
  // A value another major accepts ("Overlay" in 3.x, outbound "none" from 4.44) is wrong only on this one.
  const acceptedElsewhere = SUPPORTED_MAJORS.some((m) => attributeSchema(m, block, setting.name)?.allowed?.includes(text));
  const report: ReportFunction<Messages> = (r) => reportFinding({ ...r, majorSpecific: acceptedElsewhere });
  const data = { name: setting.name, value: text, major: provider.major, allowed: schema.allowed.map((v) => `"${v}"`).join(', ') };
  // outbound_type "none" arrived in 4.44.0 (network-profile.md §2): older 4.x minors refuse it.
  if (setting.name === 'outbound_type' && text === 'none' && isAtLeast(provider, 4, 44) === false) {
    report({ messageId: 'outboundNoneTooOld', data, range });
    return;
  }
  if (schema.allowed.includes(text)) return;
  // From 4.0 every other spelling of "overlay" is the rule overlay-mode-case (3.x took "Overlay").
  if (setting.name === 'network_plugin_mode' && provider.major >= 4 && text.toLowerCase() === 'overlay') return;
  if (setting.name === 'network_policy' && text === 'none') {
    report({ messageId: 'policyNone', data, range });
    return;
  }
  if (setting.name === 'outbound_type' && text === 'none') {
    report({ messageId: 'outboundNoneTooOld', data, range });
    return;
  }
  const correct = schema.allowed.find((v) => v.toLowerCase() === text.toLowerCase());
  if (!correct) {
    report({ messageId: 'notAllowed', data, range });
    return;
  }
  const inPlace = setting.attribute !== undefined && range === setting.attribute.expr.range;
  report({
    messageId: 'wrongCase',
    data: { ...data, correct },
    range,
    ...(inPlace
      ? { source: setting, fix: { messageId: 'useCase' as const, data: { correct }, edit: (e: EditBuilder) => e.replaceSettingValue(setting, correct) } }
      : {}),
  });
}

/** The provider's `validate.CIDR`: an IPv4 address with an optional /0–/32 (the prefix may be omitted). */
const PROVIDER_CIDR = /^([0-9]{1,3}\.){3}[0-9]{1,3}(\/([0-9]|[1-2][0-9]|3[0-2]))?$/;

/** The provider's `validate.IPv4Address`: Go's net.ParseIP(v).To4() != nil (IPv4-mapped IPv6 included). */
function isProviderIpv4(text: string): boolean {
  const ip = parseIp(text);
  return ip !== undefined && (ip.version === 4 || ip.value >> 32n === 0xffffn);
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
    notCidr:
      '{{name}} "{{value}}" is not what azurerm accepts here (an IPv4 address with a /0 to /32 prefix): terraform plan fails with "{{name}} must start with IPV4 address and/or slash, number of bits (0-32) as prefix".',
    notIpv4: 'dns_service_ip "{{value}}" is not an IPv4 address, which azurerm requires here: terraform plan fails.',
    useCase: 'Write "{{correct}}"',
  },
  checkCluster({ cluster }, report) {
    const np = cluster.network;
    for (const setting of [np.plugin, np.pluginMode, np.dataPlane, np.policy, np.networkMode, np.loadBalancerSku, np.outboundType, np.ebpfDataPlane]) {
      if (setting.state === 'set') checkEnum(setting, setting.value, setting.attribute?.expr.range, 'network_profile', cluster.provider, report);
    }
    for (const element of knownList(np.ipVersions.value) ?? []) {
      const range = element.known && element.origin.uri === cluster.uri && element.origin.via.length === 0 ? element.origin.range : np.ipVersions.attribute?.expr.range;
      if (np.ipVersions.state === 'set') checkEnum(np.ipVersions, element, range, 'network_profile', cluster.provider, report);
    }
    for (const setting of [np.podCidr, np.serviceCidr]) {
      const text = knownString(setting.value);
      if (setting.attribute && text !== undefined && text !== '' && !PROVIDER_CIDR.test(text)) {
        report({ messageId: 'notCidr', data: { name: setting.name, value: text }, range: setting.attribute.expr.range });
      }
    }
    const dns = knownString(np.dnsServiceIp.value);
    if (np.dnsServiceIp.attribute && dns !== undefined && dns !== '' && !isProviderIpv4(dns)) {
      report({ messageId: 'notIpv4', data: { value: dns }, range: np.dnsServiceIp.attribute.expr.range });
    }
  },
  checkNodePool({ nodePool }, report) {
    if (nodePool.osType.state === 'set') {
      checkEnum(nodePool.osType, nodePool.osType.value, nodePool.osType.attribute?.expr.range, 'node_pool', nodePool.provider, report);
    }
  },
});
