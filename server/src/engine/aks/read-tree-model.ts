/**
 * The closed model of a module tree (DESIGN.md §3: one model per root): every instance's network
 * read first, then its clusters and pools, each pool's subnet looked up in the instance that
 * declares it (a subnet a network module creates reaches the cluster another module creates,
 * through the references its outputs carry), pools attached to clusters across modules.
 */
import type { Evaluator } from '../terraform/evaluate.js';
import type { ProviderVersion } from '../terraform/provider-version.js';
import { isKnown, type Value } from '../terraform/values.js';
import type { AksCluster, AksNodePool, NetworkModel, Subnet } from './model.js';
import { attachNodePools, isAksResource, readAksResource, type ResourceReading } from './read-clusters.js';
import { isAzapiResource, readAzapiResource } from './read-azapi.js';
import type { ModelReading } from './read-model.js';
import { readNetwork, type NetworkReading } from './read-network.js';

/**
 * Reads the instances of a tree (root first) into one model. `opaqueCalls`: some call of the tree
 * could not be read, so a subnet may be changed where aks-netlint does not see it.
 */
export function readTreeModel(instances: readonly Evaluator[], provider: ProviderVersion, opaqueCalls: boolean): ModelReading {
  const networks = new Map<string, NetworkReading>();
  for (const evaluator of instances) networks.set(evaluator.modulePath.join('.'), readNetwork(evaluator, { callsAreRead: true }));
  const subnetNamedBy = (value: Value): Subnet | undefined => {
    if (isKnown(value) || !value.ref) return undefined;
    return networks.get((value.ref.module ?? []).join('.'))?.subnetNamedBy(value);
  };
  const clusters: AksCluster[] = [];
  const nodePools: AksNodePool[] = [];
  const readingOf = new Map<AksCluster | AksNodePool, ResourceReading>();
  for (const evaluator of instances) {
    for (const decl of evaluator.module.resources.values()) {
      const reading = isAksResource(decl)
        ? readAksResource(decl, evaluator, provider, subnetNamedBy)
        : isAzapiResource(decl)
          ? readAzapiResource(decl, evaluator, provider, subnetNamedBy)
          : undefined;
      if (!reading) continue;
      for (const cluster of reading.clusters) {
        clusters.push(cluster);
        readingOf.set(cluster, reading);
      }
      for (const pool of reading.nodePools) {
        nodePools.push(pool);
        readingOf.set(pool, reading);
      }
    }
  }
  attachNodePools(clusters, nodePools);
  return { model: { provider, clusters, nodePools, network: mergeNetworks([...networks.values()].map((n) => n.network), opaqueCalls) }, readingOf };
}

/** One network model from the instances' models. */
function mergeNetworks(models: NetworkModel[], opaqueCalls: boolean): NetworkModel {
  const declared = models.map((m) => m.declaredRanges);
  return {
    vnets: models.flatMap((m) => m.vnets),
    subnets: models.flatMap((m) => m.subnets),
    // One range that cannot be known makes the whole set unknown, as within one module.
    declaredRanges: declared.some((d) => d === undefined) ? undefined : declared.flatMap((d) => d!),
    subnetsChangeableElsewhere: opaqueCalls || models.some((m) => m.subnetsChangeableElsewhere),
  };
}
