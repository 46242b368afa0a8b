/**
 * Packet-flow graphs of fixture modules: read from disk the way the CLI reads a module, analysed
 * by the real engine. A fixture's `baseline/` directory holds the module as it was at its
 * baseline (labelled "HEAD (0c0ffee)"), so that the diagram marks what changed since.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { AksCluster, AksModel } from '../../server/src/engine/aks/model.js';
import { buildWalkthrough } from '../../server/src/engine/features/packet-flow/build-walkthroughs.js';
import type { Journey, Walkthrough } from '../../server/src/engine/features/packet-flow/walkthrough.js';
import { analyzeModule } from '../../server/src/engine/analyze/analyze-module.js';
import { readBaseline } from '../../server/src/engine/analyze/read-baseline.js';
import { buildPacketFlow } from '../../server/src/engine/features/packet-flow/build-packet-flow.js';
import type { PacketFlowGraph } from '../../server/src/engine/features/packet-flow/packet-flow-graph.js';
import { loadParsers } from '../../server/src/host/load-parsers.js';
import { readModule } from '../../server/src/host/read-module.js';

export const PACKET_FLOW_FIXTURES = 'test/fixtures/packet-flow';

/** The fixture module directories, sorted. */
export function packetFlowCases(): string[] {
  return readdirSync(PACKET_FLOW_FIXTURES)
    .filter((name) => statSync(join(PACKET_FLOW_FIXTURES, name)).isDirectory())
    .sort();
}

/** The graph of the only cluster of a fixture module. */
export async function graphOfFixture(name: string): Promise<PacketFlowGraph> {
  const { cluster, model } = await clusterOfFixture(name);
  return buildPacketFlow(cluster, model);
}

/** The only cluster of a fixture module, with its model. */
export async function clusterOfFixture(name: string): Promise<{ cluster: AksCluster; model: AksModel }> {
  const parsers = await loadParsers();
  const dir = join(PACKET_FLOW_FIXTURES, name);
  const baselineDir = join(dir, 'baseline');
  const baseline = existsSync(baselineDir) ? readBaseline(readModule(baselineDir), parsers, { kind: 'git', label: 'HEAD (0c0ffee)' }, '0c0ffee') : undefined;
  const result = analyzeModule(readModule(dir), parsers, baseline ? { baseline } : {});
  const clusters = result.model.clusters;
  if (clusters.length !== 1) throw new Error(`${name}: expected one cluster, found ${clusters.length}`);
  return { cluster: clusters[0], model: result.model };
}

/** The walkthrough of one journey of the only cluster of a fixture module. */
export async function walkthroughOfFixture(name: string, journey: Journey): Promise<Walkthrough> {
  const { cluster, model } = await clusterOfFixture(name);
  return buildWalkthrough(cluster, journey, buildPacketFlow(cluster, model).title);
}
