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
import { analyzePlan } from '../../server/src/engine/analyze/analyze-plan.js';
import { PlanFormatError, readPlanJson } from '../../server/src/engine/terraform/plan-json.js';
import { parseFile } from '../../server/src/engine/syntax/parse-file.js';
import { buildModule } from '../../server/src/engine/terraform/module.js';
import { loadParsers } from '../../server/src/host/load-parsers.js';
import { scanModuleSources } from '../../server/src/engine/terraform/scan-module-calls.js';
import { filesLoader } from '../support/engine.js';

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

/** A root calling a network module and a cluster module once per key, each cluster on its network's subnet. */
function manyCalls(count: number): { uri: string; text: string }[] {
  const keys = [...Array(count).keys()].map((i) => `"k${i}" = "10.${Math.floor(i / 250)}.${i % 250}.0/24"`).join('\n    ');
  return [
    {
      uri: '/calls/main.tf',
      text: `locals {\n  ranges = {\n    ${keys}\n  }\n}\nmodule "net" {\n  source   = "./net"\n  for_each = local.ranges\n  prefix   = each.value\n}\nmodule "aks" {\n  source       = "./aks"\n  for_each     = local.ranges\n  subnet_id    = module.net[each.key].subnet_id\n  service_cidr = each.value\n}\n`,
    },
    {
      uri: '/calls/net/main.tf',
      text: 'variable "prefix" {}\nresource "azurerm_virtual_network" "v" {\n  name          = "v"\n  address_space = [var.prefix]\n}\nresource "azurerm_subnet" "s" {\n  name                 = "s"\n  virtual_network_name = azurerm_virtual_network.v.name\n  address_prefixes     = [var.prefix]\n}\noutput "subnet_id" {\n  value = azurerm_subnet.s.id\n}\n',
    },
    {
      uri: '/calls/aks/main.tf',
      text: 'variable "subnet_id" {}\nvariable "service_cidr" {}\nresource "azurerm_kubernetes_cluster" "c" {\n  name = "c"\n  default_node_pool {\n    name           = "system"\n    vnet_subnet_id = var.subnet_id\n  }\n  network_profile {\n    network_plugin = "azure"\n    service_cidr   = var.service_cidr\n    dns_service_ip = cidrhost(var.service_cidr, 10)\n  }\n}\n',
    },
  ];
}

describe('analysing a module tree of many call instances', () => {
  it('grows linearly with the number of instances, each linked across modules', async () => {
    const parsers = await loadParsers();
    const sizes = [50, 100, 200];
    const times = sizes.map((count) => {
      const files = manyCalls(count);
      const input = { dir: '/calls', files: [files[0]] };
      const analyse = () => analyzeModule(input, parsers, {}, undefined, undefined, { loader: filesLoader(files, parsers) });
      const findings = analyse().findings.filter((f) => f.ruleId === 'service-cidr-overlaps-subnet');
      assert.equal(findings.length, count, 'each service range overlaps the subnet its sibling module instance creates');
      return cpuMs(analyse);
    });
    const report = sizes.map((size, i) => `${size}: ${times[i].toFixed(0)} ms`).join(', ');
    const perUnitGrowth = times[2] / sizes[2] / (times[0] / sizes[0]);
    assert.ok(!(perUnitGrowth > 2.5 && times[2] - times[0] * 4 > NOISE_MS), `tree analysis grows super-linearly (${report})`);
  });

  it('scans module sources in time linear in the text, on hostile lines too', () => {
    const hostile = (n: number) => `module "a" {\n  x = [${'"s", '.repeat(n)}]\n  source = "./a"\n}\n${'module "b" { source = "./b" }\n'.repeat(n / 10)}`;
    const sizes = [20_000, 40_000, 80_000];
    const times = sizes.map((n) => {
      assert.equal(scanModuleSources(hostile(n), 'hcl').length, 1 + n / 10);
      return cpuMs(() => scanModuleSources(hostile(n), 'hcl'));
    });
    const report = sizes.map((size, i) => `${size}: ${times[i].toFixed(0)} ms`).join(', ');
    const perUnitGrowth = times[2] / sizes[2] / (times[0] / sizes[0]);
    assert.ok(!(perUnitGrowth > 2.5 && times[2] - times[0] * 4 > NOISE_MS), `the scan grows super-linearly (${report})`);
  });
});

describe('merging override files', () => {
  it('grows linearly with the overrides of one large block', async () => {
    const parsers = await loadParsers();
    const sizes = [4000, 8000, 16000];
    const times = sizes.map((count) => {
      // One resource of `count` attributes, and an override block for each of them: merging each
      // into a copy of the whole block would cost count².
      const names = [...Array(count).keys()].map((i) => `a${i}`);
      const main = `resource "azurerm_subnet" "s" {\n${names.map((n) => `  ${n} = 1\n`).join('')}}\n`;
      const override = names.map((n) => `resource "azurerm_subnet" "s" {\n  ${n} = 2\n}\n`).join('');
      const files = [
        { uri: '/m/main.tf', text: main, syntax: parseFile('/m/main.tf', main, parsers) },
        { uri: '/m/override.tf', text: override, syntax: parseFile('/m/override.tf', override, parsers) },
      ];
      const block = buildModule({ dir: '/m', files }, parsers).resources.get('azurerm_subnet.s')!.block;
      assert.ok(block.body.attributes.every((a) => a.uri === '/m/override.tf'));
      return cpuMs(() => buildModule({ dir: '/m', files }, parsers));
    });
    const report = sizes.map((size, i) => `${size}: ${times[i].toFixed(0)} ms`).join(', ');
    const perUnitGrowth = times[2] / sizes[2] / (times[0] / sizes[0]);
    assert.ok(!(perUnitGrowth > 2.5 && times[2] - times[0] * 4 > NOISE_MS), `merging grows super-linearly (${report})`);
  });
});

/** A plan of `count` clusters in module instances, each pool joined to its cluster through the configuration. */
function manyPlanned(count: number): string {
  const changes = [];
  for (let i = 0; i < count; i++) {
    const module = `module.aks["e${i}"]`;
    changes.push({
      address: `${module}.azurerm_kubernetes_cluster.this`,
      module_address: module,
      mode: 'managed',
      type: 'azurerm_kubernetes_cluster',
      name: 'this',
      change: { actions: ['create'], after: { name: `aks-${i}`, network_profile: [{ network_plugin: 'azure', network_plugin_mode: 'overlay', network_policy: 'cilium', network_data_plane: 'azure' }] }, after_unknown: { id: true } },
    });
    changes.push({
      address: `${module}.azurerm_kubernetes_cluster_node_pool.user`,
      module_address: module,
      mode: 'managed',
      type: 'azurerm_kubernetes_cluster_node_pool',
      name: 'user',
      change: { actions: ['create'], after: { name: 'user', os_type: 'Windows' }, after_unknown: { kubernetes_cluster_id: true } },
    });
  }
  const resources = [
    { address: 'azurerm_kubernetes_cluster.this', mode: 'managed', type: 'azurerm_kubernetes_cluster', name: 'this', expressions: {} },
    { address: 'azurerm_kubernetes_cluster_node_pool.user', mode: 'managed', type: 'azurerm_kubernetes_cluster_node_pool', name: 'user', expressions: { kubernetes_cluster_id: { references: ['azurerm_kubernetes_cluster.this.id', 'azurerm_kubernetes_cluster.this'] } } },
  ];
  return JSON.stringify({ format_version: '1.2', resource_changes: changes, configuration: { root_module: { module_calls: { aks: { source: './aks', module: { resources } } } } } });
}

describe('reading a plan', () => {
  it('grows linearly with the number of clusters', async () => {
    const parsers = await loadParsers();
    const sizes = [200, 400, 800];
    const times = sizes.map((count) => {
      const plan = readPlanJson('/p/plan.json', manyPlanned(count));
      const findings = analyzePlan(plan, parsers).findings;
      assert.equal(findings.filter((f) => f.ruleId === 'cilium-policy-requires-cilium-dataplane').length, count);
      assert.equal(findings.filter((f) => f.ruleId === 'windows-pool-with-cilium' || f.ruleId === 'windows-pool-requires-azure-cni').length, 0, 'the Azure data plane runs Windows pools');
      return cpuMs(() => analyzePlan(readPlanJson('/p/plan.json', manyPlanned(count)), parsers));
    });
    const report = sizes.map((size, i) => `${size}: ${times[i].toFixed(0)} ms`).join(', ');
    const perUnitGrowth = times[2] / sizes[2] / (times[0] / sizes[0]);
    assert.ok(!(perUnitGrowth > 2.5 && times[2] - times[0] * 4 > NOISE_MS), `reading a plan grows super-linearly (${report})`);
  });

  it('refuses JSON nested deeper than any plan, before the parser runs out of stack', () => {
    const deep = `{"format_version":"1.2","planned_values":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    assert.throws(() => readPlanJson('/p/plan.json', deep), (error: Error) => error instanceof PlanFormatError && /nests deeper than 256 levels/.test(error.message));
  });
});
