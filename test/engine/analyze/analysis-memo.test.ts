/**
 * The analysis memo must never change what is reported: replay random edits on a multi-file
 * module through incrementally reparsed buffers (as the language server does) and compare every
 * analysis that reuses results with one from scratch. Also checks that reuse happens at all.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AnalysisMemo } from '../../../server/src/engine/analyze/analysis-memo.js';
import { analyzeModule } from '../../../server/src/engine/analyze/analyze-module.js';
import { IncrementalFile } from '../../../server/src/engine/syntax/incremental-file.js';
import { LineIndex } from '../../../server/src/engine/text/positions.js';
import { loadParsers } from '../../../server/src/host/load-parsers.js';

const FILES: Record<string, string> = {
  '/m/main.tf': `resource "azurerm_kubernetes_cluster" "a" {
  name                = "aks-a"
  location            = var.location
  resource_group_name = "rg"
  dns_prefix          = "a"

  default_node_pool {
    name           = "system"
    vm_size        = "Standard_D4s_v5"
    node_count     = 3
    max_pods       = 30
    vnet_subnet_id = azurerm_subnet.shared.id
  }

  identity {
    type = "SystemAssigned"
  }

  network_profile {
    network_plugin     = "azure"
    network_data_plane = "cilium"
    network_policy     = var.policy
    service_cidr       = "10.0.0.0/16"
    dns_service_ip     = "10.0.0.10"
  }
}

resource "azurerm_kubernetes_cluster" "b" {
  name                = "aks-b"
  location            = var.location
  resource_group_name = "rg"
  dns_prefix          = "b"

  default_node_pool {
    name           = "system"
    vm_size        = "Standard_D4s_v5"
    node_count     = 4
    vnet_subnet_id = azurerm_subnet.shared.id
  }

  identity {
    type = "SystemAssigned"
  }

  network_profile {
    network_plugin = "kubenet"
    pod_cidr       = "10.244.0.0/16"
    service_cidr   = azurerm_kubernetes_cluster.a.network_profile[0].service_cidr
    dns_service_ip = "10.0.0.10"
  }
}

resource "azurerm_kubernetes_cluster" "c" {
  for_each            = toset(["x", "y"])
  name                = "aks-c-\${each.key}"
  location            = var.location
  resource_group_name = "rg"
  dns_prefix          = "c\${each.key}"

  default_node_pool {
    name       = "system"
    vm_size    = "Standard_D4s_v5"
    node_count = 2
    max_pods   = azurerm_kubernetes_cluster_node_pool.win.max_pods
  }

  identity {
    type = "SystemAssigned"
  }

  network_profile {
    network_plugin      = "azure"
    network_plugin_mode = "overlay"
    pod_cidr            = "192.168.0.0/16"
  }
}
`,
  '/m/pools.tf': `resource "azurerm_kubernetes_cluster_node_pool" "win" {
  name                  = "win"
  kubernetes_cluster_id = azurerm_kubernetes_cluster.a.id
  vm_size               = "Standard_D4s_v5"
  os_type               = "Windows"
  node_count            = 2
  max_pods              = 30
  vnet_subnet_id        = azurerm_subnet.shared.id
}

resource "azurerm_kubernetes_cluster_node_pool" "user" {
  name                  = "user"
  kubernetes_cluster_id = azurerm_kubernetes_cluster.c["x"].id
  vm_size               = "Standard_D4s_v5"
  auto_scaling_enabled  = true
  min_count             = 1
  max_count             = 300
  max_pods              = 250
}
`,
  '/m/network.tf': `resource "azurerm_virtual_network" "vnet" {
  name                = "vnet"
  location            = var.location
  resource_group_name = "rg"
  address_space       = ["10.0.0.0/8"]
}

resource "azurerm_subnet" "shared" {
  name                 = "shared"
  resource_group_name  = "rg"
  virtual_network_name = azurerm_virtual_network.vnet.name
  address_prefixes     = ["10.0.1.0/24"]
}
`,
  '/m/variables.tf': `variable "location" {
  type    = string
  default = "westeurope"
}

variable "policy" {
  type    = string
  default = "calico"
}
`,
  '/m/versions.tf': `terraform {
  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = "~> 4.50"
    }
  }
}
`,
  '/m/terraform.tfvars': `policy = "azure"
`,
};

const STRINGS = ['azure', 'kubenet', 'overlay', 'cilium', 'calico', 'none', '10.0.0.0/16', '10.0.1.0/24', '10.0.0.0/28', '192.168.0.0/16', '169.254.0.0/16', '172.16.0.0/16', '10.0.0.10', 'Windows', 'Linux', ''];
const NUMBERS = ['1', '3', '10', '30', '110', '250', '300', '5000'];

function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state / 0x7fffffff;
  };
}

describe('AnalysisMemo', () => {
  it('reports exactly what an analysis from scratch reports, over 400 random edits', async () => {
    const parsers = await loadParsers();
    const docs = new Map(Object.entries(FILES).map(([uri, text]) => [uri, new IncrementalFile(uri, text)]));
    const memo = new AnalysisMemo();
    const next = random(7);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)];
    let reused = 0;
    for (let step = 0; step < 400; step++) {
      const doc = pick([...docs.values()]);
      const text = doc.text;
      const lines = new LineIndex(text);
      const kind = next();
      let start: number;
      let end: number;
      let insert: string;
      const strings = [...text.matchAll(/"([^"\n$]*)"/g)];
      const numbers = [...text.matchAll(/\b\d+\b/g)];
      if (kind < 0.55 && strings.length > 0) {
        const m = pick(strings);
        start = m.index! + 1;
        end = start + m[1].length;
        insert = pick(STRINGS);
      } else if (kind < 0.8 && numbers.length > 0) {
        const m = pick(numbers);
        start = m.index!;
        end = start + m[0].length;
        insert = pick(NUMBERS);
      } else if (kind < 0.9) {
        start = end = lines.offsetAt({ line: Math.floor(next() * lines.lineCount), character: 0 });
        insert = pick(['\n', '# note\n', '  ']);
      } else {
        start = Math.floor(next() * text.length);
        end = Math.min(text.length, start + 1);
        insert = pick(['', '{', '"', '=']);
      }
      doc.applyChanges([{ range: { start: lines.positionAt(start), end: lines.positionAt(end) }, text: insert }]);

      const files = [...docs.values()].map((d) => ({ uri: d.uri, text: d.text, syntax: d.syntax(parsers) }));
      const memoised = analyzeModule({ dir: '/m', files }, parsers, {}, new Map(), memo);
      reused += memo.stats.reusedRuns;
      const fresh = analyzeModule({ dir: '/m', files: files.map(({ uri, text }) => ({ uri, text })) }, parsers, {});
      assert.deepEqual(memoised.findings, fresh.findings, `step ${step}: findings differ after editing ${doc.uri}`);
      assert.deepEqual(memoised.ruleFailures, fresh.ruleFailures, `step ${step}: rule failures differ`);
    }
    assert.ok(reused > 1000, `the memo was used (${reused} rule runs reused)`);
  });

  for (const [title, uri, from, to, ruleId] of [
    ['re-reads a cluster that reads another AKS resource (c reads win.max_pods)', '/m/pools.tf', 'max_pods              = 30', 'max_pods              = 5', 'max-pods-out-of-range'],
    ['re-checks a cluster whose subnet another cluster shares (b grows, a overflows)', '/m/main.tf', 'node_count     = 4', 'node_count     = 90', 'node-subnet-too-small'],
  ] as const) {
    it(title, async () => {
      const parsers = await loadParsers();
      const docs = new Map(Object.entries(FILES).map(([u, text]) => [u, new IncrementalFile(u, text)]));
      const memo = new AnalysisMemo();
      const both = () => {
        const files = [...docs.values()].map((d) => ({ uri: d.uri, text: d.text, syntax: d.syntax(parsers) }));
        return [analyzeModule({ dir: '/m', files }, parsers, {}, new Map(), memo), analyzeModule({ dir: '/m', files: files.map(({ uri: u, text }) => ({ uri: u, text })) }, parsers, {})];
      };
      const [before] = both();
      const doc = docs.get(uri)!;
      const lines = new LineIndex(doc.text);
      const at = doc.text.indexOf(from);
      doc.applyChanges([{ range: { start: lines.positionAt(at), end: lines.positionAt(at + from.length) }, text: to }]);
      const [memoised, fresh] = both();
      const count = (r: typeof before) => r.findings.filter((f) => f.ruleId === ruleId).length;
      assert.ok(count(fresh) > count(before), `the edit brings a new ${ruleId} finding`);
      assert.deepEqual(memoised.findings, fresh.findings);
    });
  }

  it('reuses the other clusters when one cluster changes, and nothing when a variable changes', async () => {
    const parsers = await loadParsers();
    const docs = new Map(Object.entries(FILES).map(([uri, text]) => [uri, new IncrementalFile(uri, text)]));
    const memo = new AnalysisMemo();
    const analyze = () => analyzeModule({ dir: '/m', files: [...docs.values()].map((d) => ({ uri: d.uri, text: d.text, syntax: d.syntax(parsers) })) }, parsers, {}, new Map(), memo);
    analyze();
    assert.equal(memo.stats.reusedRuns, 0);
    // Cluster c's plugin mode: clusters a and b and their pools are untouched.
    const main = docs.get('/m/main.tf')!;
    const at = new LineIndex(main.text).positionAt(main.text.indexOf('"overlay"') + 1);
    main.applyChanges([{ range: { start: at, end: { line: at.line, character: at.character + 7 } }, text: 'overlaz' }]);
    analyze();
    assert.ok(memo.stats.reusedRuns > 0 && memo.stats.ranRuns > 0, JSON.stringify(memo.stats));
    const vars = docs.get('/m/variables.tf')!;
    const v = new LineIndex(vars.text).positionAt(vars.text.indexOf('westeurope'));
    vars.applyChanges([{ range: { start: v, end: { line: v.line, character: v.character + 10 } }, text: 'northeurope' }]);
    analyze();
    assert.equal(memo.stats.reusedRuns, 0, 'a changed variable invalidates everything');
  });
});
