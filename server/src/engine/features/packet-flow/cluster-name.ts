/**
 * A cluster's `name` attribute, evaluated in the cluster's own instance, because a for_each key
 * often builds it (`name = "aks-${each.key}"`). Used for titles and to pick a cluster by name.
 */
import type { AksCluster } from '../../aks/model.js';
import type { ModuleModel } from '../../rules/define-rule.js';
import { knownString } from '../../terraform/values.js';

/** The cluster's Known `name`, or undefined. */
export function clusterNameOf(cluster: AksCluster, model: ModuleModel): string | undefined {
  const label = cluster.block.labels[1]?.value;
  const decl = label === undefined ? undefined : model.module.resources.get(`azurerm_kubernetes_cluster.${label}`);
  if (!decl) return undefined;
  for (const instance of model.evaluator.instances(decl.block, decl.uri)) {
    const address = `${decl.type}.${decl.name}${instance.key === undefined ? '' : `[${JSON.stringify(instance.key)}]`}`;
    if (address === cluster.address) return knownString(model.evaluator.attribute(decl.block, 'name', instance.scope));
  }
  return undefined;
}
