/**
 * The answer to the editor's packet-flow request: which clusters the module has, which one the
 * cursor (or the user) chose, and its diagram with jump targets and the findings on its path.
 */
import type { AnalysisResult } from '../../analyze/analyze-module.js';
import type { Finding } from '../../analyze/findings.js';
import type { AksCluster } from '../../aks/model.js';
import { userCallOf } from '../../analyze/builtin-calls.js';
import { isBuiltinUri } from '../../terraform/builtin-modules.js';
import { containsRange, type Position, type Range } from '../../text/positions.js';
import { contains } from '../locate.js';
import type { PacketFlowResult } from '../../../protocol/packet-flow.js';
import { buildPacketFlow } from './build-packet-flow.js';
import { buildWalkthrough } from './build-walkthroughs.js';
import { renderMarkdown, renderWalkthroughsMarkdown } from './render-markdown.js';
import { renderMermaid } from './render-mermaid.js';
import { renderWalkthrough } from './render-walkthrough.js';
import { JOURNEYS } from './walkthrough.js';

export function packetFlowFor(result: AnalysisResult, path: string, toUri: (path: string) => string, request: { position?: Position; cluster?: string }, findings: readonly Finding[]): PacketFlowResult {
  const { clusters, nodePools } = result.model;
  const calls = builtinCallSites(result);
  // A cluster of a registry module's input map is shown where the module is called.
  const placeOf = (uri: string, range: Range, modulePath: readonly string[]) => (isBuiltinUri(uri) ? (calls.get(modulePath.join('.')) ?? { uri, range }) : { uri, range });
  const list = clusters.map((c) => {
    const at = placeOf(c.uri, c.site.labelRange, c.modulePath);
    return { address: c.address, title: c.address, uri: toUri(at.uri), range: at.range };
  });
  if (clusters.length === 0) return { clusters: list, message: 'This module declares no AKS cluster (azurerm_kubernetes_cluster, or an azapi managedClusters resource), nor calls a module that does.' };
  const chosen = choose(clusters, nodePools, path, request, calls);
  if (!chosen) return { clusters: list, message: 'Choose a cluster: the cursor is not inside one.' };
  const graph = buildPacketFlow(chosen, result.model);
  const walks = JOURNEYS.map((journey) => buildWalkthrough(chosen, journey, graph.title));
  const blocks = [chosen, ...chosen.nodePools];
  const onPath = findings.filter((f) => blocks.some((b) => b.uri === f.uri && containsRange(b.site.range, f.range)));
  return {
    clusters: list.map((c, i) => ({ ...c, title: clusters[i] === chosen ? graph.title : c.title })),
    diagram: {
      address: chosen.address,
      title: graph.title,
      mermaid: renderMermaid(graph),
      views: [
        { id: 'overview', title: 'Overview', mermaid: renderMermaid(graph), markdown: renderMarkdown(graph) },
        ...walks.map((walk) => ({ id: walk.journey, title: walk.title, mermaid: renderWalkthrough(walk), markdown: renderWalkthroughsMarkdown(graph, [walk]) })),
      ],
      links: graph.nodes.flatMap((n) => {
        if (!n.source) return [];
        const at = placeOf(n.source.uri, n.source.range, chosen.modulePath);
        return [{ nodeId: n.id, label: n.label[0], uri: toUri(at.uri), range: at.range }];
      }),
      findings: onPath.map((f) => ({ ruleId: f.ruleId, severity: f.severity, message: f.message, docsUrl: f.docsUrl, uri: toUri(f.uri), range: f.range })),
    },
  };
}

/**
 * The named cluster; else the one around the position (a pool's position counts for its cluster,
 * a registry module call's for the cluster it creates); else the only one.
 */
function choose(
  clusters: AksCluster[],
  nodePools: AnalysisResult['model']['nodePools'],
  path: string,
  request: { position?: Position; cluster?: string },
  calls: ReadonlyMap<string, { uri: string; range: Range; block: Range }>,
): AksCluster | undefined {
  if (request.cluster) return clusters.find((c) => c.address === request.cluster);
  const position = request.position;
  if (position) {
    const inside = (instance: { uri: string; site: { range: Range } }) => instance.uri === path && contains(instance.site.range, position);
    const cluster = clusters.find(inside) ?? nodePools.find(inside)?.cluster;
    if (cluster) return cluster;
    const call = (c: AksCluster) => calls.get(c.modulePath.join('.'));
    const called = clusters.find((c) => call(c)?.uri === path && contains(call(c)!.block, position));
    if (called) return called;
  }
  return clusters.length === 1 ? clusters[0] : undefined;
}

/** The calls of registry modules read through their input maps, by instance path: the call's name and its block. */
function builtinCallSites(result: AnalysisResult): Map<string, { uri: string; range: Range; block: Range }> {
  const sites = new Map<string, { uri: string; range: Range; block: Range }>();
  for (const instance of result.tree?.instances() ?? []) {
    const call = userCallOf(instance);
    if (call) sites.set(instance.path.join('.'), { uri: call.uri, range: call.block.labels[0]?.range ?? call.block.headerRange, block: call.block.range });
  }
  return sites;
}
