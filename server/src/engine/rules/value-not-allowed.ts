/**
 * Values the provider validates at plan: enums (case-sensitive, per provider major), CIDRs and
 * IPv4 addresses (domain/network-profile.md §1–§4: `StringInSlice(..., false)`, `validate.CIDR`,
 * `validate.IPv4Address`). A value in the wrong case gets a safe fix: it never planned, so
 * nothing Terraform builds changes.
 */
import type { Setting } from '../aks/model.js';
import { acceptedInSomeMajor, attributeSchema, factHolds, valueAccepted, valueSince, type SchemaBlock } from '../aks/schema/network-schema.js';
import { parseIp } from '../cidr/cidr-math.js';
import { knownList, knownString, type ProviderVersion, type Value } from '../aks/model.js';
import type { Range } from '../text/positions.js';
import { defineRule, type ReportFunction, type Edits } from './define-rule.js';

type Messages = 'notAllowed' | 'wrongCase' | 'policyNone' | 'tooOld' | 'notCidr' | 'notIpv4' | 'useCase';

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
  // A value another major accepts ("Overlay" in 3.x, outbound "none" in 4.x) is wrong only on this one.
  const acceptedElsewhere = acceptedInSomeMajor(block, setting.name, text);
  // `range` is in the setting's value, written in the setting's file.
  const report: ReportFunction<Messages> = (r) => reportFinding({ ...r, uri: setting.uri, majorSpecific: acceptedElsewhere });
  const data = { name: setting.name, value: text, major: provider.major, allowed: schema.allowed.map((v) => `"${v}"`).join(', ') };
  // A value that arrived in a later release (outbound_type "none" in 4.44): older ones refuse it.
  const since = valueSince(block, setting.name, text);
  if (since !== undefined && valueAccepted(provider, block, setting.name, text) === false) {
    report({ messageId: 'tooOld', data: { ...data, since }, range });
    return;
  }
  if (schema.allowed.includes(text)) return;
  // Where the mode is compared case-sensitively, other spellings of "overlay" are the rule overlay-mode-case.
  if (setting.name === 'network_plugin_mode' && factHolds(provider, block, setting.name, 'case-sensitive') === true && text.toLowerCase() === 'overlay') return;
  if (setting.name === 'network_policy' && text === 'none') {
    report({ messageId: 'policyNone', data, range });
    return;
  }
  const correct = schema.allowed.find((v) => v.toLowerCase() === text.toLowerCase());
  if (!correct) {
    report({ messageId: 'notAllowed', data, range });
    return;
  }
  const inPlace = setting.site !== undefined && range === setting.site.valueRange;
  report({
    messageId: 'wrongCase',
    data: { ...data, correct },
    range,
    ...(inPlace
      ? { source: setting, fix: { messageId: 'useCase' as const, data: { correct }, edit: (e: Edits) => e.replaceSettingValue(setting, correct) } }
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
    tooOld: '{{name}} "{{value}}" needs azurerm {{since}} or later; azurerm {{major}}.x accepts {{allowed}}: terraform plan fails.',
    notCidr:
      '{{name}} "{{value}}" is not what azurerm accepts here (an IPv4 address with a /0 to /32 prefix): terraform plan fails with "{{name}} must start with IPV4 address and/or slash, number of bits (0-32) as prefix".',
    notIpv4: 'dns_service_ip "{{value}}" is not an IPv4 address, which azurerm requires here: terraform plan fails.',
    useCase: 'Write "{{correct}}"',
  },
  checkCluster({ cluster }, report) {
    // The provider's validation, case-sensitive per major: azapi sends a body as written, and
    // neither azapi nor aks-netlint knows how the AKS API matches it.
    if (cluster.form === 'azapi') return;
    const np = cluster.network;
    for (const setting of [np.plugin, np.pluginMode, np.dataPlane, np.policy, np.networkMode, np.loadBalancerSku, np.outboundType, np.ebpfDataPlane]) {
      if (setting.state === 'set') checkEnum(setting, setting.value, setting.site?.valueRange, 'network_profile', cluster.provider, report);
    }
    for (const element of knownList(np.ipVersions.value) ?? []) {
      const range = element.known && element.origin.uri === np.ipVersions.uri && element.origin.via.length === 0 ? element.origin.range : np.ipVersions.site?.valueRange;
      if (np.ipVersions.state === 'set') checkEnum(np.ipVersions, element, range, 'network_profile', cluster.provider, report);
    }
    for (const setting of [np.podCidr, np.serviceCidr]) {
      const text = knownString(setting.value);
      if (setting.site && text !== undefined && text !== '' && !PROVIDER_CIDR.test(text)) {
        report({ messageId: 'notCidr', data: { name: setting.name, value: text }, uri: setting.site.uri, range: setting.site.valueRange });
      }
    }
    const dns = knownString(np.dnsServiceIp.value);
    if (np.dnsServiceIp.site && dns !== undefined && dns !== '' && !isProviderIpv4(dns)) {
      report({ messageId: 'notIpv4', data: { value: dns }, uri: np.dnsServiceIp.site.uri, range: np.dnsServiceIp.site.valueRange });
    }
  },
  checkNodePool({ nodePool }, report) {
    if (nodePool.form === 'azapi') return;
    if (nodePool.osType.state === 'set') {
      checkEnum(nodePool.osType, nodePool.osType.value, nodePool.osType.site?.valueRange, 'node_pool', nodePool.provider, report);
    }
  },
});
