/**
 * Azure CNI Powered by Cilium is Linux-only: a cluster on the Cilium data plane cannot run
 * Windows node pools, and moving a cluster with Windows pools to Cilium is not supported
 * (domain/rp-rules.md §A `cilium-linux-only`; azure-cni-powered-by-cilium Limitations).
 */
import { effectiveDataPlane, settingIs } from '../aks/network-facts.js';
import { defineRule } from './define-rule.js';

export default defineRule({
  id: 'windows-pool-with-cilium',
  title: 'Windows node pools cannot run on the Cilium data plane',
  severity: 'error',
  messages: {
    notWithCilium:
      'os_type "Windows" cannot run on the Cilium data plane, which {{cluster}} uses ({{attribute}} = "cilium"): Azure CNI Powered by Cilium is Linux-only, and AKS refuses Windows pools on it.',
  },
  checkNodePool({ nodePool }, report) {
    const { cluster, osType } = nodePool;
    if (!cluster || !osType.site || !settingIs(osType, 'Windows')) return;
    const dataPlane = effectiveDataPlane(cluster);
    if (dataPlane.value !== 'cilium') return;
    report({
      messageId: 'notWithCilium',
      data: { cluster: cluster.address, attribute: dataPlane.setting.name },
      uri: osType.site.uri,
      range: osType.site.valueRange,
      source: osType,
      related: dataPlane.setting.site
        ? [{ uri: dataPlane.setting.site.uri, range: dataPlane.setting.site.valueRange, message: 'The Cilium data plane is chosen here.' }]
        : [],
    });
  },
});
