/**
 * An azapi body that uses a field (or value) its api-version does not define: the first stable
 * api-version of networkPluginMode, networkDataplane and networkPolicy "cilium" is 2023-02-01
 * (azure-rest-api-specs, aks/stable/2023-01-01 vs 2023-02-01 managedClusters.json; cited in
 * docs/rules/api-version-too-old.md). azapi's schema validation, on by default, refuses a
 * property the api-version does not define (domain/input-forms.md §4.2).
 */
import { knownString } from '../aks/model.js';
import { API_FIELDS_SINCE, isStableBefore } from '../aks/schema/api-versions.js';
import { defineRule } from './define-rule.js';

export default defineRule({
  id: 'api-version-too-old',
  title: 'A field the azapi api-version does not have',
  severity: 'warning',
  messages: {
    fieldTooNew:
      '{{name}} is not a field of api-version {{apiVersion}}: the first stable api-version with it is {{since}}. azapi refuses it at plan while its schema validation is on (the default); with validation off, the AKS API receives a field this api-version does not define. Use api-version {{since}} or later in type.',
    valueTooNew:
      '{{name}} "{{value}}" is not a value of api-version {{apiVersion}}: the first stable api-version with it is {{since}}. Use api-version {{since}} or later in type.',
  },
  checkCluster({ cluster }, report) {
    if (cluster.form !== 'azapi' || cluster.apiVersion === undefined) return;
    const network = cluster.network;
    const settings = {
      network_plugin_mode: network.pluginMode,
      network_data_plane: network.dataPlane,
      network_policy: network.policy,
    } as const;
    for (const fact of API_FIELDS_SINCE) {
      const setting = settings[fact.name as keyof typeof settings];
      if (!setting || setting.state !== 'set' || !setting.site || isStableBefore(cluster.apiVersion, fact.since) !== true) continue;
      const data = { name: fact.name, apiVersion: cluster.apiVersion, since: fact.since };
      if (fact.value === undefined) {
        report({ messageId: 'fieldTooNew', data, uri: setting.site.uri, range: setting.site.nameRange });
      } else if (knownString(setting.value) === fact.value) {
        report({ messageId: 'valueTooNew', data: { ...data, value: fact.value }, uri: setting.site.uri, range: setting.site.valueRange, source: setting });
      }
    }
  },
});
