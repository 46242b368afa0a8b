/**
 * The reader of azurerm and azapi resources: builds the closed AKS model of one module (clusters,
 * node pools, the network around them) before any rule runs. Other input forms (module calls, the
 * Microsoft AKS modules, plan files) are other readers of the same model.
 */
import type { Evaluator } from '../terraform/evaluate.js';
import type { ProviderVersion } from '../terraform/provider-version.js';
import type { AksCluster, AksModel, AksNodePool } from './model.js';
import { AKS_RESOURCE_TYPES, attachNodePools, isAksResource, readAksResource, type ResourceReading } from './read-clusters.js';
import { isAzapiResource, readAzapiResource } from './read-azapi.js';
import { readNetwork } from './read-network.js';
import type { ReadingMemo } from './reading-memo.js';

/** The model, and which reading each cluster and pool came from (the analysis memo keys on it). */
export interface ModelReading {
  model: AksModel;
  readingOf: ReadonlyMap<AksCluster | AksNodePool, ResourceReading>;
}

/** Reads every AKS resource and network resource of a module into one model. */
export function readAzurermModel(evaluator: Evaluator, provider: ProviderVersion, memo?: ReadingMemo): ModelReading {
  const isAks = (decl: { type: string }) => AKS_RESOURCE_TYPES.has(decl.type);
  let network = memo?.reuseNetwork();
  if (!network) {
    const { result, reads } = evaluator.track(() => readNetwork(evaluator));
    network = result;
    memo?.recordNetwork(network, ![...reads].some(isAks));
  }
  const clusters: AksCluster[] = [];
  const nodePools: AksNodePool[] = [];
  const readingOf = new Map<AksCluster | AksNodePool, ResourceReading>();
  for (const decl of evaluator.module.resources.values()) {
    if (!isAksResource(decl)) continue;
    let reading = memo?.reuseResource(decl.block);
    if (!reading) {
      const { result, reads } = evaluator.track(() => readAksResource(decl, evaluator, provider, network.subnetNamedBy));
      reading = result;
      const readsOthers = [...reads].some((read) => read.block !== decl.block && isAks(read));
      if (memo && !readsOthers) memo.recordResource(decl.block, reading);
    }
    // Attachments are made again below, on copies: the objects kept belong to the last model.
    for (const cluster of reading.clusters) {
      const copy = { ...cluster, nodePools: [] };
      clusters.push(copy);
      readingOf.set(copy, reading);
    }
    for (const pool of reading.nodePools) {
      const copy = { ...pool, cluster: undefined };
      nodePools.push(copy);
      readingOf.set(copy, reading);
    }
  }
  // azapi resources are read afresh each time: their bodies may be updated by other resources.
  for (const decl of evaluator.module.resources.values()) {
    if (!isAzapiResource(decl)) continue;
    const reading = readAzapiResource(decl, evaluator, provider, network.subnetNamedBy);
    for (const cluster of reading.clusters) {
      clusters.push(cluster);
      readingOf.set(cluster, reading);
    }
    for (const pool of reading.nodePools) {
      nodePools.push(pool);
      readingOf.set(pool, reading);
    }
  }
  attachNodePools(clusters, nodePools);
  if (evaluator.limitsReached.size > 0) memo?.forgetAll();
  memo?.end();
  return { model: { provider, clusters, nodePools, network: network.network }, readingOf };
}
