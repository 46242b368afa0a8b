/**
 * "Not checked" notes (DESIGN.md §4): a network setting whose value cannot be known before apply
 * is skipped by every rule; on request (`--report-unknown`, `reportUnknown` in the config or the
 * editor setting) this says which ones and why, so silence is never mistaken for a pass.
 */
import { defineRule } from './define-rule.js';

export default defineRule({
  id: 'value-unknown',
  title: 'Settings that could not be checked',
  severity: 'info',
  messages: {
    notChecked: 'Not checked: {{name}} cannot be known before apply ({{reason}}).',
  },
  checkCluster({ cluster, model }, report) {
    if (!model.reportUnknown) return;
    const np = cluster.network;
    const settings = [
      np.plugin, np.pluginMode, np.dataPlane, np.policy, np.podCidr, np.podCidrs, np.serviceCidr, np.serviceCidrs,
      np.dnsServiceIp, np.ipVersions, np.loadBalancerSku, np.outboundType, cluster.defaultPool.maxPods,
    ];
    for (const setting of settings) {
      if (setting.state !== 'set' || setting.value.known || !setting.attribute) continue;
      report({ messageId: 'notChecked', data: { name: setting.name, reason: setting.value.reason }, range: setting.attribute.expr.range });
    }
  },
});
