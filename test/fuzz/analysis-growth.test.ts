/**
 * Analysing a module of many clusters grows linearly (issue 16: a module of 11,284 clusters never
 * finished). Rules that look at every cluster (the free ranges a fix proposes, the pools that
 * share a subnet) and the service range checked against every subnet of the VNet used to cost
 * O(clusters²); they now use indexes built once per model. CPU time per cluster (best of 3) at
 * the largest size against the smallest, as test/fuzz/parse.test.ts measures parsing.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeModule } from '../../server/src/engine/analyze/analyze-module.js';
import { parseFile } from '../../server/src/engine/syntax/parse-file.js';
import { loadParsers } from '../../server/src/host/load-parsers.js';

/**
 * Excess over linear growth below this is noise (a collection of the big inputs, another process on
 * the two shared cores): the quadratic steps these tests guard against cost seconds at these sizes.
 */
const NOISE_MS = 250;

/** A VNet with one subnet per cluster; every cluster overlay, its service range over its own subnet. */
function manyClusters(count: number): string {
  const parts = ['resource "azurerm_virtual_network" "vnet" {\n  name = "v"\n  address_space = ["10.0.0.0/8"]\n}\n'];
  for (let i = 0; i < count; i++) {
    parts.push(`resource "azurerm_subnet" "s${i}" {
  name                 = "s${i}"
  virtual_network_name = azurerm_virtual_network.vnet.name
  address_prefixes     = ["10.${Math.floor(i / 250)}.${i % 250}.0/24"]
}
resource "azurerm_kubernetes_cluster" "c${i}" {
  name = "c${i}"
  default_node_pool {
    name           = "system"
    node_count     = 3
    vnet_subnet_id = azurerm_subnet.s${i}.id
  }
  network_profile {
    network_plugin      = "azure"
    network_plugin_mode = "overlay"
    pod_cidr            = "192.168.0.0/16"
    service_cidr        = "10.${Math.floor(i / 250)}.${i % 250}.0/24"
    dns_service_ip      = "10.${Math.floor(i / 250)}.${i % 250}.10"
  }
}
`);
  }
  return parts.join('');
}

function cpuMs(run: () => void): number {
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const start = process.cpuUsage();
    run();
    const used = process.cpuUsage(start);
    best = Math.min(best, (used.user + used.system) / 1000);
  }
  return best;
}

describe('analysing many clusters', () => {
  it('grows linearly with the number of clusters', async () => {
    const parsers = await loadParsers();
    const sizes = [100, 200, 400];
    const times = sizes.map((count) => {
      const syntax = parseFile('/many/main.tf', manyClusters(count), parsers);
      const input = { dir: '/many', files: [{ uri: '/many/main.tf', text: syntax.text, syntax }] };
      // Every cluster's service range overlaps its own subnet: the overlap rule reports on each
      // and proposes a free range, which looks at every cluster: the path that was quadratic.
      const findings = analyzeModule(input, parsers).findings.filter((f) => f.ruleId === 'service-cidr-overlaps-subnet');
      assert.equal(findings.length, count);
      assert.ok(findings.every((f) => f.suggestions.length === 1), 'a free range is proposed to each');
      return cpuMs(() => analyzeModule(input, parsers));
    });
    const report = sizes.map((size, i) => `${size}: ${times[i].toFixed(0)} ms`).join(', ');
    const perUnitGrowth = times[2] / sizes[2] / (times[0] / sizes[0]);
    assert.ok(!(perUnitGrowth > 2.5 && times[2] - times[0] * 4 > NOISE_MS), `analysis grows super-linearly (${report})`);
  });
});
