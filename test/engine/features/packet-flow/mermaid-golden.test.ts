/**
 * Golden Mermaid text per network mode (STYLE.md §6): the diagram of the cluster in
 * test/fixtures/packet-flow/<case>/ must equal <case>/diagram.mmd. UPDATE_GOLDEN=1 rewrites them;
 * read the diff.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { renderMermaid } from '../../../../server/src/engine/features/packet-flow/render-mermaid.js';
import { graphOfFixture, PACKET_FLOW_FIXTURES, packetFlowCases } from '../../../support/packet-flow.js';

/** The modes and egress types issue 6 asks a golden for; a missing fixture fails. */
const REQUIRED = [
  'kubenet',
  'node-subnet',
  'pod-subnet',
  'overlay',
  'overlay-cilium',
  'node-subnet-cilium',
  'byo-none',
  'egress-managed-nat-gateway',
  'egress-user-nat-gateway',
  'egress-udr',
  'egress-none',
  'unknown-values',
  'hostile-names',
];

describe('packet-flow Mermaid goldens', () => {
  it('has a fixture for every mode and egress type', () => {
    const cases = packetFlowCases();
    assert.deepEqual(REQUIRED.filter((name) => !cases.includes(name)), []);
  });

  for (const name of packetFlowCases()) {
    it(name, async () => {
      const mermaid = renderMermaid(await graphOfFixture(name));
      const golden = join(PACKET_FLOW_FIXTURES, name, 'diagram.mmd');
      if (process.env.UPDATE_GOLDEN === '1') writeFileSync(golden, mermaid);
      assert.ok(existsSync(golden), `missing golden file ${golden} (run UPDATE_GOLDEN=1 npm test)`);
      assert.equal(mermaid, readFileSync(golden, 'utf8'));
    });
  }
});
