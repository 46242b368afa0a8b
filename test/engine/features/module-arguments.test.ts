/**
 * Module arguments that feed cluster settings in the called module (issue 11, item 5), through
 * the real engine over a module tree: hover names what an argument feeds and the value per
 * instance of the call, with the attribute's docs; completion offers the fed attribute's values,
 * the same items as on the attribute itself; quick-fixes of a finding on an argument edit the
 * caller, never the module every caller shares.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyTextEdits } from '../../../server/src/engine/analyze/apply-fixes.js';
import type { AnalysisResult } from '../../../server/src/engine/analyze/analyze-module.js';
import { quickFixes } from '../../../server/src/engine/features/code-actions.js';
import { completionAt } from '../../../server/src/engine/features/completion.js';
import { hoverAt } from '../../../server/src/engine/features/hover.js';
import type { SourceFile } from '../../../server/src/engine/terraform/module.js';
import type { Position, Range } from '../../../server/src/engine/text/positions.js';
import { loadParsers } from '../../../server/src/host/load-parsers.js';
import { analyzeFiles } from '../../support/engine.js';

const VERSIONS = 'terraform {\n  required_providers {\n    azurerm = {\n      source  = "hashicorp/azurerm"\n      version = "~> 4.0"\n    }\n  }\n}\n';
const CALLER = '/fixture/main.tf';
const CHILD_PATH = '/fixture/modules/aks/main.tf';
const CHILD = `variable "network_plugin" {
  type = string
}
variable "mode" {
  default = null
}
variable "network" {
  default = {}
}
variable "cluster_name" {
  default = "aks"
}

locals {
  net = var.network
}

resource "azurerm_kubernetes_cluster" "this" {
  name = var.cluster_name
  network_profile {
    network_plugin      = var.network_plugin
    network_plugin_mode = var.mode
    network_policy      = try(local.net.policy, null)
    network_data_plane  = try(local.net.data_plane, null)
  }
}
`;

const tree = (caller: string, extra: SourceFile[] = [], child = CHILD) => analyzeFiles([{ uri: CALLER, text: caller }, { uri: CHILD_PATH, text: child }, ...extra]);

/** The position `offset` characters into the first `snippet` of `text` (the first after `after`, when given). */
function at(text: string, snippet: string, offset = 0, after = ''): Position {
  const index = text.indexOf(snippet, after ? text.indexOf(after) + after.length : 0) + offset;
  assert.ok(index >= offset, `${snippet} is in the text`);
  const before = text.slice(0, index).split('\n');
  return { line: before.length - 1, character: before.at(-1)!.length };
}
const rangeOf = (text: string, snippet: string, after = ''): Range => {
  const start = at(text, snippet, 0, after);
  return { start, end: { line: start.line, character: start.character + snippet.length } };
};

const hover = (result: AnalysisResult, position: Position) => hoverAt(result, CALLER, position, { findings: result.findings.filter((f) => f.uri === CALLER) });

const DOCS_PLUGIN = [
  '**network_plugin** · `network_profile` · azurerm 4.x',
  '',
  'The CNI plugin: `azure` (Azure CNI: node subnet, pod subnet or overlay), `kubenet` (legacy, retiring 2028-03-31) or `none` (bring your own CNI). Required inside network_profile.',
  '',
  '- Allowed values: `azure` · `kubenet` · `none` (exact case)',
  '- Changing it: replaces the cluster, except kubenet → azure with overlay (in place from azurerm 4.66)',
  '',
];
const LEARN_PLUGIN = '[Microsoft Learn](https://learn.microsoft.com/azure/aks/concepts-network-cni-overview)';

describe('hover on a module argument', () => {
  it('shows per instance of a for_each call what the argument feeds and the value there, with the docs of the attribute', async () => {
    const caller = `${VERSIONS}module "aks" {\n  source         = "./modules/aks"\n  for_each       = { blue = "kubenet", green = "azure" }\n  network_plugin = each.value\n}\n`;
    const result = await tree(caller);
    const onValue = hover(result, at(caller, 'each.value', 3));
    assert.equal(
      onValue?.markdown,
      [
        ...DOCS_PLUGIN,
        '- feeds `network_plugin` of `module.aks["blue"].azurerm_kubernetes_cluster.this`: `"kubenet"` from main.tf:11',
        '- feeds `network_plugin` of `module.aks["green"].azurerm_kubernetes_cluster.this`: `"azure"` from main.tf:11',
        '',
        LEARN_PLUGIN,
      ].join('\n'),
    );
    assert.deepEqual(onValue.range, rangeOf(caller, 'network_plugin = each.value'));
    // On the name, the range is the name's, as for an attribute.
    assert.deepEqual(hover(result, at(caller, 'network_plugin', 2))?.range, rangeOf(caller, 'network_plugin'));
  });

  it('shows a literal argument alone, a variable of the caller with where it was set, and the findings placed there', async () => {
    const caller = `${VERSIONS}variable "plugin" {\n  default = "kubenet"\n}\nmodule "aks" {\n  source         = "./modules/aks"\n  network_plugin = var.plugin\n  mode           = "Overlay"\n}\n`;
    const result = await tree(caller, [{ uri: '/fixture/terraform.tfvars', text: 'plugin = "azure"\n' }]);
    assert.equal(
      hover(result, at(caller, 'var.plugin', 2))?.markdown,
      [...DOCS_PLUGIN, '- feeds `network_plugin` of `module.aks.azurerm_kubernetes_cluster.this`: `"azure"` from var.plugin default in main.tf:10, set in terraform.tfvars:1', '', LEARN_PLUGIN].join('\n'),
    );
    const mode = hover(result, at(caller, '"Overlay"', 1))!.markdown.split('\n');
    assert.equal(mode[0], '**network_plugin_mode** · `network_profile` · azurerm 4.x');
    assert.ok(mode.includes('- feeds `network_plugin_mode` of `module.aks.azurerm_kubernetes_cluster.this`: `"Overlay"`'), mode.join('\n'));
    assert.deepEqual(mode.slice(mode.indexOf('**Findings here**')).map((l) => l.replace(/\(https:[^)]*\)/, '')), [
      '**Findings here**',
      '',
      '- error [overlay-mode-case]: network\\_plugin\\_mode "Overlay" is not accepted by azurerm 4.x, which compares case-sensitively: terraform plan fails with "expected network\\_profile.0.network\\_plugin\\_mode to be one of \\["overlay"\\], got Overlay". The value comes from var.mode set by module.aks in main.tf:15.',
    ]);
  });

  it('follows an object argument through a local to each attribute it feeds, one section each, its members written right there', async () => {
    const caller = `${VERSIONS}module "aks" {\n  source         = "./modules/aks"\n  network_plugin = "azure"\n  network = {\n    policy     = "cilium"\n    data_plane = "cilium"\n  }\n}\n`;
    const markdown = hover(await tree(caller), at(caller, 'network = {', 2))?.markdown ?? '';
    const sections = markdown.split('\n\n---\n\n').map((s) => [s.split('\n')[0], s.split('\n').filter((l) => l.startsWith('- feeds'))]);
    assert.deepEqual(sections, [
      ['**network_data_plane** · `network_profile` · azurerm 4.x', ['- feeds `network_data_plane` of `module.aks.azurerm_kubernetes_cluster.this`: `"cilium"`']],
      ['**network_policy** · `network_profile` · azurerm 4.x', ['- feeds `network_policy` of `module.aks.azurerm_kubernetes_cluster.this`: `"cilium"`']],
    ]);
  });

  it('answers nothing on meta-arguments and on arguments that feed no network attribute', async () => {
    const caller = `${VERSIONS}module "aks" {\n  source         = "./modules/aks"\n  cluster_name   = "prod"\n  network_plugin = "azure"\n}\n`;
    const result = await tree(caller);
    assert.equal(hover(result, at(caller, './modules/aks', 2)), undefined);
    assert.equal(hover(result, at(caller, '"prod"', 2)), undefined);
    assert.equal(hover(result, at(caller, 'module "aks"', 2)), undefined);
  });
});

describe('completion in a module argument', () => {
  const complete = async (caller: string, position: Position) => {
    const result = await tree(caller);
    const context = { parsers: await loadParsers(), input: { dir: '/fixture', files: [{ uri: CALLER, text: caller }] }, settings: {}, isCancelled: () => false };
    return completionAt(result, CALLER, position, context);
  };

  it('offers the items completion offers on the attribute itself, with the same ranges', async () => {
    const caller = `${VERSIONS}module "aks" {\n  source         = "./modules/aks"\n  network_plugin = "az"\n}\n`;
    const items = await complete(caller, at(caller, '"az"', 3));
    assert.deepEqual(
      items?.map((i) => [i.label, i.newText, i.sortText]),
      [
        ['azure', 'azure', '00'],
        ['none', 'none', '02'],
      ],
      'kubenet is left out: the rules warn that it is retiring',
    );
    assert.deepEqual(items[0].range, rangeOf(caller, 'az', 'network_plugin ='));
    // The same module with the cluster written in the root: the attribute's own completion.
    const single = VERSIONS + CHILD.replace('var.network_plugin', '"az"');
    const parsers = await loadParsers();
    const own = completionAt(await analyzeFiles([{ uri: CALLER, text: single }]), CALLER, at(single, '"az"', 3), {
      parsers,
      input: { dir: '/fixture', files: [{ uri: CALLER, text: single }] },
      settings: {},
      isCancelled: () => false,
    });
    assert.deepEqual(
      items.map(({ range: _range, ...item }) => item),
      own?.map(({ range: _range, ...item }) => item),
    );
  });

  it('offers only values the rules accept in the called module (overlay needs the azure plugin)', async () => {
    const caller = `${VERSIONS}module "aks" {\n  source         = "./modules/aks"\n  network_plugin = ""\n  mode           = "overlay"\n}\n`;
    const items = await complete(caller, at(caller, '""', 1));
    assert.deepEqual(
      items?.map((i) => i.label),
      ['azure'],
    );
  });

  it('completes an argument being typed, whose string is not closed yet, adding the quote', async () => {
    const caller = `${VERSIONS}module "aks" {\n  source         = "./modules/aks"\n  network_plugin = "\n}\n`;
    const position = at(caller, '"\n}', 1);
    const items = await complete(caller, position);
    assert.deepEqual(
      items?.map((i) => [i.label, i.newText, i.range]),
      [
        ['azure', 'azure"', { start: position, end: position }],
        ['none', 'none"', { start: position, end: position }],
      ],
    );
  });

  it('completes a member of an object argument by the attribute it feeds', async () => {
    const caller = `${VERSIONS}module "aks" {\n  source         = "./modules/aks"\n  network_plugin = "azure"\n  network = {\n    policy = "c"\n  }\n}\n`;
    const items = await complete(caller, at(caller, '"c"', 2));
    assert.deepEqual(
      items?.map((i) => [i.label, i.detail, i.range]),
      [['calico', 'network_policy · azurerm 4.x', rangeOf(caller, 'c', 'policy = "')]],
      'azure is retiring and cilium needs the cilium data plane: the rules would flag both',
    );
  });

  it('offers nothing for a string that feeds two attributes, or no network attribute', async () => {
    const caller = `${VERSIONS}module "aks" {\n  source         = "./modules/aks"\n  network_plugin = "azure"\n  cluster_name   = ""\n}\n`;
    assert.equal(await complete(caller, at(caller, '""', 1)), undefined);
    const twice = CHILD.replace('try(local.net.data_plane, null)', 'var.network_plugin');
    const result = await tree(caller, [], twice);
    const context = { parsers: await loadParsers(), input: { dir: '/fixture', files: [{ uri: CALLER, text: caller }] }, settings: {}, isCancelled: () => false };
    assert.equal(completionAt(result, CALLER, at(caller, '"azure"', 2), context), undefined);
    // The same string feeding one attribute is completed.
    assert.ok(completionAt(await tree(caller), CALLER, at(caller, '"azure"', 2), context)?.length);
  });
});

describe('quick-fixes on a module argument', () => {
  it("edit the caller's file, never the module every caller shares", async () => {
    const caller = `${VERSIONS}module "aks" {\n  source         = "./modules/aks"\n  network_plugin = "azure"\n  mode           = "Overlay"\n  network        = { policy = "cilium" }\n}\n`;
    const result = await tree(caller);
    const file = result.module.files.get(CALLER);
    const findings = result.findings.filter((f) => f.uri === CALLER);
    const mode = rangeOf(caller, '"Overlay"');
    const actions = quickFixes(findings, file, mode);
    assert.deepEqual(
      actions.map((a) => [a.title, a.edits]),
      [
        ['Write "overlay" in lowercase', [{ uri: CALLER, range: mode, newText: '"overlay"' }]],
        ['Ignore overlay-mode-case here', [{ uri: CALLER, range: { start: { line: mode.start.line, character: 0 }, end: { line: mode.start.line, character: 0 } }, newText: '  # aks-netlint-ignore overlay-mode-case -- <reason>\n' }]],
      ],
    );
    const fixed = applyTextEdits(caller, actions[0].edits);
    assert.deepEqual(
      (await tree(fixed)).findings.filter((f) => f.ruleId === 'overlay-mode-case'),
      [],
    );

    // Setting network_data_plane in the child would change every caller: only Ignore is offered here,
    const policy = rangeOf(caller, '"cilium"');
    assert.deepEqual(
      quickFixes(findings, file, policy).map((a) => [a.title, a.edits.map((e) => e.uri)]),
      [['Ignore cilium-policy-requires-cilium-dataplane here', [CALLER]]],
    );
    // while the same value written in the child offers that suggestion there.
    const inChild = await analyzeFiles([
      { uri: CALLER, text: `${VERSIONS}module "aks" {\n  source         = "./modules/aks"\n  network_plugin = "azure"\n}\n` },
      { uri: CHILD_PATH, text: CHILD.replace('try(local.net.policy, null)', '"cilium"') },
    ]);
    const childFinding = inChild.findings.find((f) => f.ruleId === 'cilium-policy-requires-cilium-dataplane');
    assert.deepEqual(
      childFinding?.suggestions.flatMap((s) => s.edits.map((e) => e.uri)),
      [CHILD_PATH],
    );
  });
});
