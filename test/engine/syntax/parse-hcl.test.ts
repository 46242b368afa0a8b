import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseFile } from '../../../server/src/engine/syntax/parse-file.js';
import { findAttribute, findBlocks, type SyntaxFile } from '../../../server/src/engine/syntax/syntax-tree.js';
import type { Range } from '../../../server/src/engine/text/positions.js';
import { loadParsers } from '../../../server/src/host/load-parsers.js';

/** The range of the first occurrence of `needle` on a line containing `lineHint`. */
function rangeOf(text: string, needle: string, lineHint = needle): Range {
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.includes(lineHint));
  const character = lines[line].indexOf(needle);
  return { start: { line, character }, end: { line, character: character + needle.length } };
}

async function parse(uri: string, text: string): Promise<SyntaxFile> {
  return parseFile(uri, text, await loadParsers());
}

describe('HCL syntax model', () => {
  it('gives exact UTF-16 ranges for blocks, labels, attributes and values', async () => {
    const text = 'resource "azurerm_kubernetes_cluster" "aks" {\n  name = "Zoë 🚀"\n  network_profile {\n    network_plugin = "azure"\n  }\n}\n';
    const file = await parse('main.tf', text);
    const [cluster] = file.body.blocks;
    assert.equal(cluster.type, 'resource');
    assert.deepEqual(cluster.labels.map((l) => l.value), ['azurerm_kubernetes_cluster', 'aks']);
    assert.deepEqual(cluster.labels[1].range, rangeOf(text, '"aks"'));
    const name = findAttribute(cluster.body, 'name')!;
    assert.deepEqual(name.expr.range, rangeOf(text, '"Zoë 🚀"'));
    assert.equal(name.expr.kind === 'literal' && name.expr.value, 'Zoë 🚀');
    const plugin = findAttribute(findBlocks(cluster.body, 'network_profile')[0].body, 'network_plugin')!;
    assert.deepEqual(plugin.nameRange, rangeOf(text, 'network_plugin'));
    assert.deepEqual(plugin.expr.range, rangeOf(text, '"azure"'));
    assert.deepEqual(file.problems, []);
  });

  it('keeps the intact parts of a half-typed file: a value-less attribute and a missing brace', async () => {
    const text = [
      'resource "azurerm_kubernetes_cluster" "aks" {',
      '  network_profile {',
      '    network_plugin =',
      '    network_policy = "calico"',
      '    pod_cidr = "10.244.0.0/16"',
      '  }',
      '',
    ].join('\n');
    const file = await parse('main.tf', text);
    const profile = findBlocks(file.body.blocks[0].body, 'network_profile')[0];
    assert.equal(findAttribute(profile.body, 'network_plugin')!.expr.kind, 'invalid');
    const policy = findAttribute(profile.body, 'network_policy')!;
    assert.equal(policy.expr.kind === 'literal' && policy.expr.value, 'calico');
    assert.deepEqual(policy.expr.range, rangeOf(text, '"calico"'));
    assert.ok(findAttribute(profile.body, 'pod_cidr'));
    assert.ok(!file.body.blocks[0].closed || !profile.closed, 'one block lacks its closing brace');
    assert.ok(file.problems.some((p) => p.message === "Missing '}'."));
  });

  it('reads expressions: references, calls, conditionals, templates, collections', async () => {
    const text = [
      'x = {',
      '  a = var.cidr',
      '  b = cidrsubnet(var.vnet, 8, 1)',
      '  c = var.on ? "a" : local.b[0]',
      '  d = "${var.prefix}-aks"',
      '  e = [1, 2]',
      '  f = azurerm_subnet.nodes[*].id',
      '  g = "$${literal}"',
      '}',
    ].join('\n');
    const file = await parse('x.tfvars', text);
    const object = findAttribute(file.body, 'x')!.expr;
    assert.equal(object.kind, 'object');
    if (object.kind !== 'object') return;
    const kinds = Object.fromEntries(object.items.map((i) => [i.key.kind === 'literal' ? i.key.value : '?', i.value.kind]));
    assert.deepEqual(kinds, { a: 'postfix', b: 'call', c: 'conditional', d: 'template', e: 'tuple', f: 'postfix', g: 'literal' });
    const g = object.items[6].value;
    assert.equal(g.kind === 'literal' && g.value, '${literal}');
  });

  it('collects comments for suppressions', async () => {
    const file = await parse('main.tf', '# aks-netlint-ignore kubenet-retiring -- legacy\nx = 1 // trailing\n');
    assert.deepEqual(file.comments.map((c) => c.text), ['# aks-netlint-ignore kubenet-retiring -- legacy', '// trailing']);
  });
});

describe('Terraform JSON syntax model', () => {
  it('reads blocks by label depth, with ranges, and templates inside strings', async () => {
    const text = JSON.stringify(
      { resource: { azurerm_kubernetes_cluster: { aks: { network_profile: [{ network_plugin: 'azure', pod_cidr: '${var.pod_cidr}' }] } } } },
      null,
      2,
    );
    const file = await parse('main.tf.json', text);
    const [cluster] = file.body.blocks;
    assert.deepEqual(cluster.labels.map((l) => l.value), ['azurerm_kubernetes_cluster', 'aks']);
    const profile = findBlocks(cluster.body, 'network_profile')[0];
    const plugin = findAttribute(profile.body, 'network_plugin')!;
    assert.deepEqual(plugin.expr.range, rangeOf(text, '"azure"'));
    const pod = findAttribute(profile.body, 'pod_cidr')!;
    assert.equal(pod.expr.kind, 'template');
    if (pod.expr.kind === 'template') {
      const inner = pod.expr.parts[0];
      assert.ok(typeof inner !== 'string');
      assert.deepEqual(inner.range, rangeOf(text, 'var.pod_cidr'));
    }
  });

  it('reports invalid JSON as a problem', async () => {
    const file = await parse('main.tf.json', '{"resource": {');
    assert.ok(file.problems.length > 0);
  });
});
