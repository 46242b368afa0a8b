/**
 * Golden Mermaid text for every walkthrough of every packet-flow fixture (each IPAM mode × data
 * plane, each outbound type, unknown values, hostile names): <case>/walk-<journey>.mmd.
 * UPDATE_GOLDEN=1 rewrites them; read the diff. Each golden also goes through the real Mermaid
 * parser (in jsdom), which must read back exactly the hops and numbered steps that were built.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { JSDOM } from 'jsdom';
import { renderWalkthrough } from '../../../../server/src/engine/features/packet-flow/render-walkthrough.js';
import { JOURNEYS } from '../../../../server/src/engine/features/packet-flow/walkthrough.js';
import { PACKET_FLOW_FIXTURES, packetFlowCases, walkthroughOfFixture } from '../../../support/packet-flow.js';

interface FlowDb {
  getVertices(): Map<string, { id: string; text?: string; link?: string; haveCallback?: boolean }>;
  getEdges(): { start: string; end: string; text: string }[];
}
interface MermaidApi {
  initialize(config: object): void;
  parse(text: string): Promise<unknown>;
  mermaidAPI: { getDiagramFromText(text: string): Promise<{ db: FlowDb }> };
}

/** The IPAM × data plane combinations AKS offers (kubenet has no Cilium), each a fixture. */
const REQUIRED = ['kubenet', 'node-subnet', 'node-subnet-cilium', 'pod-subnet', 'pod-subnet-cilium', 'overlay', 'overlay-cilium', 'byo-none', 'unknown-values', 'hostile-names'];

let mermaid: MermaidApi;
let dom: JSDOM;

/** The text a label shows: Mermaid's entity placeholders become character references, which HTML decodes. */
function shown(text: string | undefined): string {
  const html = (text ?? '').replace(/ﬂ°°/g, '&#').replace(/ﬂ°/g, '&').replace(/¶ß/g, ';');
  const element = dom.window.document.createElement('textarea');
  element.innerHTML = html;
  return element.value;
}

describe('packet walkthrough goldens', () => {
  before(async () => {
    dom = new JSDOM('<!doctype html><html><body></body></html>');
    Object.assign(globalThis, { window: dom.window, document: dom.window.document });
    mermaid = ((await import('mermaid')) as unknown as { default: MermaidApi }).default;
    mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' });
  });

  it('has a fixture for every IPAM mode × data plane', () => {
    assert.deepEqual(REQUIRED.filter((name) => !packetFlowCases().includes(name)), []);
  });

  for (const name of packetFlowCases()) {
    for (const journey of JOURNEYS) {
      it(`${name}: ${journey}`, async () => {
        const walk = await walkthroughOfFixture(name, journey);
        const text = renderWalkthrough(walk);
        const golden = join(PACKET_FLOW_FIXTURES, name, `walk-${journey}.mmd`);
        if (process.env.UPDATE_GOLDEN === '1') writeFileSync(golden, text);
        assert.ok(existsSync(golden), `missing golden file ${golden} (run UPDATE_GOLDEN=1)`);
        assert.equal(text, readFileSync(golden, 'utf8'));
        await mermaid.parse(text);
        const { db } = await mermaid.mermaidAPI.getDiagramFromText(text);
        assert.deepEqual([...db.getVertices().keys()], walk.hops.map((h) => h.id));
        for (const hop of walk.hops) {
          const vertex = db.getVertices().get(hop.id)!;
          assert.equal(shown(vertex.text), hop.label.map((l) => l.replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, ' ')).join('<br>'), hop.id);
          assert.ok(!vertex.link && !vertex.haveCallback, `${hop.id} has a link or callback`);
        }
        assert.deepEqual(
          db.getEdges().map((e) => [e.start, e.end, shown(e.text)]),
          walk.steps.map((s) => [s.from, s.to, `${s.number}. ${s.packet}<br>${s.what}`]),
        );
      });
    }
  }
});
