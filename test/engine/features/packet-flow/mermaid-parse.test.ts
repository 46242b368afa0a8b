/**
 * Every golden parses with the real Mermaid parser (in jsdom: Mermaid's sanitizer needs a DOM),
 * and Mermaid reads from it exactly the graph we built: the same node ids (nothing injected), the
 * same labels once its entity codes are decoded (hostile names arrive as the text they are), the
 * same edges, and no click handlers or links. Rendering to SVG is the Chromium test's job.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { JSDOM } from 'jsdom';
import type { PacketFlowGraph } from '../../../../server/src/engine/features/packet-flow/packet-flow-graph.js';
import { legendLines } from '../../../../server/src/engine/features/packet-flow/render-mermaid.js';
import { graphOfFixture, PACKET_FLOW_FIXTURES, packetFlowCases } from '../../../support/packet-flow.js';

interface FlowVertex {
  id: string;
  text?: string;
  link?: string;
  haveCallback?: boolean;
  classes: string[];
}
interface FlowDb {
  getVertices(): Map<string, FlowVertex>;
  getEdges(): { start: string; end: string; text: string; stroke: string; classes: string[] }[];
  getSubGraphs(): { id: string; title: string }[];
}
interface MermaidApi {
  initialize(config: object): void;
  parse(text: string): Promise<unknown>;
  mermaidAPI: { getDiagramFromText(text: string): Promise<{ db: FlowDb }> };
}

let mermaid: MermaidApi;
let dom: JSDOM;

/** The text a label shows: Mermaid's entity placeholders become character references, which HTML decodes. */
function shown(text: string | undefined): string {
  const html = (text ?? '').replace(/ﬂ°°/g, '&#').replace(/ﬂ°/g, '&').replace(/¶ß/g, ';');
  const element = dom.window.document.createElement('textarea');
  element.innerHTML = html;
  return element.value;
}

/** Label lines as the graph holds them, without characters the escaper turns into spaces. */
const expectedLabel = (lines: string[]) => lines.map((l) => l.replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, ' ')).join('<br>');

async function parsed(name: string): Promise<{ db: FlowDb; graph: PacketFlowGraph }> {
  const text = readFileSync(join(PACKET_FLOW_FIXTURES, name, 'diagram.mmd'), 'utf8');
  await mermaid.parse(text);
  const { db } = await mermaid.mermaidAPI.getDiagramFromText(text);
  return { db, graph: await graphOfFixture(name) };
}

describe('packet-flow goldens in the real Mermaid parser', () => {
  before(async () => {
    dom = new JSDOM('<!doctype html><html><body></body></html>');
    Object.assign(globalThis, { window: dom.window, document: dom.window.document });
    mermaid = ((await import('mermaid')) as unknown as { default: MermaidApi }).default;
    mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' });
  });

  for (const name of packetFlowCases()) {
    it(`${name}: parses to the graph that was built`, async () => {
      const { db, graph } = await parsed(name);
      const vertices = [...db.getVertices().values()];
      // With a baseline, the legend of the changes is one more box, after the graph's.
      assert.deepEqual(vertices.map((v) => v.id), [...graph.nodes.map((n) => n.id), ...(graph.changes ? ['changes'] : [])]);
      if (graph.changes) assert.equal(shown(db.getVertices().get('changes')!.text), expectedLabel(legendLines(graph.changes)));
      for (const node of graph.nodes) {
        const vertex = db.getVertices().get(node.id)!;
        assert.equal(shown(vertex.text), expectedLabel(node.label), node.id);
        assert.ok(!vertex.link && !vertex.haveCallback, `${node.id} has a link or callback`);
      }
      assert.deepEqual(
        db.getEdges().map((e) => [e.start, e.end, shown(e.text)]),
        graph.edges.map((e) => [e.from, e.to, e.label ?? '']),
      );
      // What changed since the baseline, and only that, has the class `changed`.
      assert.deepEqual(
        [...vertices.filter((v) => v.classes.includes('changed')).map((v) => v.id), ...db.getEdges().flatMap((e, i) => (e.classes.includes('changed') ? [i] : []))],
        [...graph.nodes.filter((n) => n.changed).map((n) => n.id), ...graph.edges.flatMap((e, i) => (e.changed ? [i] : []))],
      );
    });
  }

  it('shows the hostile names as the text they are', async () => {
    const { db } = await parsed('hostile-names');
    const cluster = db.getSubGraphs().find((s) => s.id === 'panelCluster');
    assert.equal(shown(cluster?.title), 'Cluster azurerm_kubernetes_cluster.aks["x\\"];click A call alert(1);%%"] (</script><img src=x onerror=alert(1)>)');
    assert.match(shown(db.getVertices().get('nodes')?.text), /subnet a`b\|c<d>%%\{init: \{\}\}%%<br>/);
  });

  it('fails on a label that breaks out (the check can fail)', async () => {
    await assert.rejects(mermaid.parse('flowchart LR\n  a["x"];click A call alert(1);%%"]\n'));
  });
});
