/**
 * The shape of the Mermaid source: every line is one of the statements the renderer writes, with
 * its ids fixed and the user's text confined to quoted labels, even for hostile names.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderMermaid } from '../../../../server/src/engine/features/packet-flow/render-mermaid.js';
import { graphOfFixture, packetFlowCases } from '../../../support/packet-flow.js';

const LABEL = '"[^"]*"';
const STATEMENTS = [
  /^flowchart LR$/,
  new RegExp(`^  subgraph panel(Ingress|Cluster|Private|Egress)\\[${LABEL}\\]$`),
  new RegExp(`^    (client|lb|nodes|dataPlane|policy|pods|remotePods|podRoutes|privateNet|egress|egressRoutes|internet)(\\[|\\(\\[|\\(\\(|\\[/|\\[\\()${LABEL}(\\]|\\]\\)|\\)\\)|/\\]|\\)\\])$`),
  /^  end$/,
  new RegExp(`^  [a-zA-Z]+ (edge\\d+@)?(-->|-\\.->)(\\|${LABEL}\\|)? [a-zA-Z]+$`),
  /^  classDef [a-zA-Z]+Kind [a-z:#0-9,]+$/,
  /^  class [a-zA-Z,]+ [a-zA-Z]+Kind$/,
  // What changed since a baseline: the legend box, and the class of what changed.
  new RegExp(`^  changes\\[${LABEL}\\]$`),
  /^  classDef (changed|changesLegend) [a-z:#0-9,\- ]+$/,
  /^  class [a-zA-Z0-9,]+ changed$/,
  /^  class changes changesLegend$/,
];

describe('renderMermaid', () => {
  for (const name of packetFlowCases()) {
    it(`writes only its own statements for ${name}`, async () => {
      const lines = renderMermaid(await graphOfFixture(name)).split('\n');
      assert.equal(lines.pop(), '', 'ends with a newline');
      const strays = lines.filter((line) => !STATEMENTS.some((re) => re.test(line)));
      assert.deepEqual(strays, []);
    });
  }

  it('puts the hostile names into labels as entity codes', async () => {
    const mermaid = renderMermaid(await graphOfFixture('hostile-names'));
    assert.ok(mermaid.includes('Cluster azurerm_kubernetes_cluster.aks#91;#quot;x#92;#quot;#93;#59;click A call alert(1)#59;#37;#37;#quot;#93;'));
    assert.ok(mermaid.includes('(#lt;/script#gt;#lt;img src=x onerror=alert(1)#gt;)'));
    assert.doesNotMatch(mermaid, /%%|<\/?script|<img|`/);
  });
});
