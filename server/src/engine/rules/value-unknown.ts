/**
 * "Not checked" notes (DESIGN.md §4): a network setting whose value cannot be known before apply
 * is skipped by every rule; on request (`--report-unknown`, `reportUnknown` in the config or the
 * editor setting) this says which ones and why, so silence is never mistaken for a pass.
 */
import { elementRange } from '../aks/network-facts.js';
import { knownList } from '../aks/model.js';
import { defineRule } from './define-rule.js';

export default defineRule({
  id: 'value-unknown',
  title: 'Settings that could not be checked',
  severity: 'info',
  messages: {
    notChecked: 'Not checked: {{name}} cannot be known before apply: {{reason}}.',
    blockUnknown:
      'Not checked: {{block}} is a dynamic block whose for_each is not known to give exactly one block, so none of its settings are checked.',
  },
  checkNodePool({ nodePool, reportUnknown }, report) {
    if (!reportUnknown) return;
    for (const setting of [nodePool.pool.maxPods, nodePool.pool.vnetSubnetId, nodePool.pool.podSubnetId, nodePool.osType]) {
      if (setting.state !== 'set' || setting.value.known || !setting.site || setting.value.ref) continue;
      report({ messageId: 'notChecked', data: { name: setting.name, reason: setting.value.reason }, uri: setting.site.uri, range: setting.site.valueRange });
    }
  },
  checkCluster({ cluster, reportUnknown }, report) {
    if (!reportUnknown) return;
    const np = cluster.network;
    if (np.state === 'unknown') {
      report({ messageId: 'blockUnknown', data: { block: 'network_profile' }, uri: np.site?.uri ?? cluster.uri, range: np.site?.typeRange ?? cluster.site.labelRange });
      return;
    }
    const settings = [
      np.plugin, np.pluginMode, np.dataPlane, np.policy, np.podCidr, np.podCidrs, np.serviceCidr, np.serviceCidrs,
      np.dnsServiceIp, np.ipVersions, np.loadBalancerSku, np.outboundType, cluster.defaultPool.maxPods,
    ];
    for (const setting of settings) {
      if (setting.state !== 'set' || !setting.site) continue;
      if (!setting.value.known) {
        report({ messageId: 'notChecked', data: { name: setting.name, reason: setting.value.reason }, uri: setting.site.uri, range: setting.site.valueRange });
        continue;
      }
      // A known list can still hold unknown elements: `service_cidrs = [var.v4, var.v6]`.
      for (const element of knownList(setting.value) ?? []) {
        if (element.known) continue;
        report({
          messageId: 'notChecked',
          data: { name: `an element of ${setting.name}`, reason: element.reason },
          uri: setting.site.uri,
          range: elementRange(setting, element) ?? setting.site.valueRange,
        });
      }
    }
  },
});
