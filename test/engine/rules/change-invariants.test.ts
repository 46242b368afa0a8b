/**
 * What holds for every change the change rules see (issue 13): a baseline equal to the files
 * changes no finding of any rule; and over random pairs of networks and azurerm releases, a
 * cluster that a change replaces gets no finding about an in-place update (the replacement
 * creates a new cluster, which nothing refuses), and the same pair always gives the same findings.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Finding } from '../../../server/src/engine/analyze/findings.js';
import { analyzeFiles } from '../../support/engine.js';
import { readAnnotations } from '../../support/annotations.js';

const ROOT = 'test/fixtures/rules';
const IN_PLACE_RULES = new Set(['change-refused-by-api', 'ipam-and-dataplane-in-one-apply', 'kubenet-to-overlay-migration']);
const describeAll = (findings: readonly Finding[]) => findings.map((f) => `${f.ruleId} ${f.severity} ${f.range.start.line}:${f.range.start.character} ${f.message}`);

describe('a baseline equal to the files', () => {
  const cases = readdirSync(ROOT).flatMap((rule) =>
    readdirSync(join(ROOT, rule))
      .filter((name) => name.endsWith('.tf') && !/\.(fixed|suggest|baseline)\.tf$/.test(name))
      .map((name) => join(ROOT, rule, name)),
  );
  it(`changes no finding, in ${cases.length} fixtures`, async () => {
    assert.ok(cases.length > 300);
    for (const path of cases) {
      const files = [{ uri: '/fixture/main.tf', text: readAnnotations(readFileSync(path, 'utf8')).text }];
      const alone = await analyzeFiles(files);
      const compared = await analyzeFiles(files, {}, { baseline: files });
      assert.deepEqual(describeAll(compared.findings), describeAll(alone.findings), path);
    }
  });
});

/** A small deterministic generator, so that a failure names its seed. */
function random(seed: number) {
  // mulberry32: 32-bit integer steps, exact in JavaScript numbers.
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
}

const VERSIONS = ['3.117.1', '4.15.0', '4.57.0', '4.58.0', '4.59.0', '4.65.0', '4.66.0', '~> 4.0', '5.2.0'];
const OPTIONS: Record<string, readonly (string | undefined)[]> = {
  network_plugin: ['kubenet', 'azure', 'azure', 'none', 'var.plugin'],
  network_plugin_mode: [undefined, 'overlay', 'overlay'],
  network_data_plane: [undefined, 'azure', 'cilium'],
  network_policy: [undefined, 'azure', 'calico', 'cilium'],
  pod_cidr: [undefined, '10.244.0.0/16', '10.245.0.0/16'],
  service_cidr: [undefined, '10.0.0.0/16', '10.100.0.0/16'],
  load_balancer_sku: [undefined, 'standard', 'basic'],
};

type Network = Record<string, string | undefined>;

function network(pick: ReturnType<typeof random>): Network {
  return Object.fromEntries(Object.entries(OPTIONS).map(([name, values]) => [name, pick(values)]));
}

/** The migrations people make, which the matrix covers, besides settings picked at random. */
const MIGRATIONS: readonly Network[] = [
  { network_plugin: 'azure', network_plugin_mode: 'overlay' },
  { network_plugin_mode: 'overlay' },
  { network_data_plane: 'cilium' },
  { network_data_plane: 'cilium', network_policy: 'cilium' },
  { network_policy: 'cilium' },
];

/** The network with a migration applied, and one setting picked again: a change as people make them. */
function changed(before: Network, pick: ReturnType<typeof random>): Network {
  const after = { ...before, ...pick(MIGRATIONS) };
  const name = pick(Object.keys(OPTIONS));
  after[name] = pick([after[name], after[name], ...OPTIONS[name]]);
  return after;
}

function body(net: Network): string {
  return Object.entries(net)
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => `    ${name} = ${value!.startsWith('var.') ? value : JSON.stringify(value)}`)
    .join('\n');
}

function cluster(version: string, body: string, identity: string): string {
  return `terraform {
  required_providers {
    azurerm = { source = "hashicorp/azurerm", version = "${version}" }
  }
}
variable "plugin" {
  type = string
}
resource "azurerm_kubernetes_cluster" "aks" {
  name                = "aks"
  location            = "westeurope"
  resource_group_name = "rg"
  dns_prefix          = "aks"
  default_node_pool {
    name       = "system"
    vm_size    = "Standard_D4s_v5"
    node_count = 3
  }
  identity {
    type = "${identity}"
  }
  network_profile {
${body}
  }
}
`;
}

describe('random changes of a cluster network', () => {
  it('never report an in-place refusal on a cluster the change replaces, and are deterministic', async () => {
    let replaced = 0;
    let inPlace = 0;
    for (let seed = 1; seed <= 600; seed++) {
      const pick = random(seed);
      const version = pick(VERSIONS);
      const identity = pick(['SystemAssigned', 'UserAssigned']);
      const old = network(pick);
      const before = [{ uri: '/fixture/main.tf', text: cluster(version, body(old), identity) }];
      const after = [{ uri: '/fixture/main.tf', text: cluster(version, body(changed(old, pick)), identity) }];
      const first = await analyzeFiles(after, {}, { baseline: before });
      const again = await analyzeFiles(after, {}, { baseline: before });
      assert.deepEqual(describeAll(again.findings), describeAll(first.findings), `seed ${seed}`);
      const replaces = first.findings.some((f) => f.ruleId === 'change-replaces-cluster' && f.messageId === 'replaces');
      const refused = first.findings.filter((f) => IN_PLACE_RULES.has(f.ruleId));
      if (replaces) {
        replaced++;
        assert.deepEqual(describeAll(refused), [], `seed ${seed}: a replaced cluster is not updated in place\n${before[0].text}\n${after[0].text}`);
      }
      if (refused.length > 0) inPlace++;
    }
    // The generator reaches both outcomes, or the property says nothing.
    assert.ok(replaced > 60, `only ${replaced} replacements`);
    assert.ok(inPlace > 4, `only ${inPlace} in-place findings`);
  });
});
