/**
 * A rule that throws (a bug, or input no budget caught) is reported as an internal-error finding
 * on the cluster it was checking, never silently dropped, and every other rule still reports
 * (issue 16). The rule's body is replaced for the test; everything else is the real engine.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { RULES } from '../../../server/src/engine/rules/index.js';
import type { Rule } from '../../../server/src/engine/rules/define-rule.js';
import { analyzeFiles } from '../../support/engine.js';

const TEXT = `resource "azurerm_kubernetes_cluster" "aks" {
  name = "aks"
  default_node_pool {
    name       = "system"
    node_count = 3
  }
  network_profile {
    network_plugin = "kubenet"
    network_policy = "azure"
  }
}
`;

describe('a rule that throws', () => {
  const rule = RULES.find((r) => r.id === 'kubenet-retiring') as Rule;
  const original = rule.checkCluster;
  before(() => {
    rule.checkCluster = () => {
      throw new RangeError('Maximum call stack size exceeded');
    };
  });
  after(() => {
    rule.checkCluster = original;
  });

  it('becomes an internal-error finding on the cluster, and the other rules still report', async () => {
    const result = await analyzeFiles([{ uri: '/m/main.tf', text: TEXT }]);
    const internal = result.findings.filter((f) => f.ruleId === 'internal-error');
    assert.equal(internal.length, 1);
    assert.equal(
      internal[0].message,
      "aks-netlint failed to check azurerm_kubernetes_cluster.aks with the rule kubenet-retiring (internal error: Maximum call stack size exceeded): that rule's findings for it are not shown. Other rules are checked as usual.",
    );
    assert.equal(internal[0].severity, 'error');
    assert.deepEqual(internal[0].range, { start: { line: 0, character: 38 }, end: { line: 0, character: 43 } });
    assert.deepEqual(result.ruleFailures, [{ ruleId: 'kubenet-retiring', message: 'Maximum call stack size exceeded' }]);
    // npm-requires-azure-cni (kubenet with the azure policy) is unaffected.
    assert.ok(result.findings.some((f) => f.ruleId === 'npm-requires-azure-cni'));
  });

  it('can be turned off like any rule', async () => {
    const result = await analyzeFiles([{ uri: '/m/main.tf', text: TEXT }], { rules: { 'internal-error': 'off' } });
    assert.deepEqual(result.findings.filter((f) => f.ruleId === 'internal-error'), []);
  });
});
