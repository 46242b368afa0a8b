/**
 * Findings on clusters written as azapi bodies name settings as the body writes them (the AKS
 * API's JSON names), in messages, related locations and fix titles; suggestions say that azapi
 * updates in place. Fixtures assert which findings and where; this asserts the words.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CHECKS } from '../../../server/src/engine/analyze/checks.js';
import { toApiNames } from '../../../server/src/engine/analyze/form-names.js';
import { readAnnotations } from '../../support/annotations.js';
import { analyzeFiles, onlyRule } from '../../support/engine.js';

const RULE_IDS = CHECKS.map((r) => r.id);

async function findingsOf(ruleId: string, fixture: string) {
  const text = readAnnotations(readFileSync(join('test/fixtures/rules', ruleId, fixture), 'utf8')).text;
  const { findings } = await analyzeFiles([{ uri: `/fixture/${fixture}`, text }], onlyRule(ruleId, RULE_IDS));
  return findings;
}

describe('azapi messages', () => {
  it('name the JSON fields, in the message, the related location and the suggestion', async () => {
    const [finding] = await findingsOf('cilium-policy-requires-cilium-dataplane', 'azapi-body.tf');
    assert.equal(
      finding.message,
      'networkPolicy "cilium" needs networkDataplane "cilium", not "azure": the AKS API rejects it at apply with NetworkPolicyCiliumRequiresCiliumDataplane ("Network Policy cilium requires NetworkDataplane cilium").',
    );
    assert.deepEqual(
      finding.related.map((r) => r.message),
      ['networkDataplane is "azure" here.'],
    );
    assert.deepEqual(
      finding.suggestions.map((s) => [s.title, s.replacesCluster ?? false]),
      [['Set networkDataplane = "cilium" (azapi updates an existing cluster in place: the AKS API accepts or refuses the change)', false]],
    );
  });

  it('name the default pool agentPoolProfiles[0]', async () => {
    const text = readFileSync('test/fixtures/rules/cilium-policy-requires-cilium-dataplane/azapi-body.tf', 'utf8').replace('properties = {', 'properties = {\n      agentPoolProfiles = [{ name = "system", count = 3, maxPods = 5 }]');
    const { findings } = await analyzeFiles([{ uri: '/fixture/main.tf', text: readAnnotations(text).text }], onlyRule('max-pods-out-of-range', RULE_IDS));
    assert.match(findings[0].message, /^maxPods 5 in agentPoolProfiles\[0\] is outside 10 to 250/);
  });

  it('rename qualified names and leave English words and unknown names alone', () => {
    assert.equal(toApiNames('nat_gateway_profile.managed_outbound_ip_count 20'), 'natGatewayProfile.managedOutboundIPProfile.count 20');
    assert.equal(toApiNames('load_balancer_profile needs load_balancer_sku "standard"'), 'loadBalancerProfile needs loadBalancerSku "standard"');
    assert.equal(toApiNames('priority over pod_cidr_extra and ebpf_data_plane'), 'priority over pod_cidr_extra and ebpf_data_plane');
  });
});
