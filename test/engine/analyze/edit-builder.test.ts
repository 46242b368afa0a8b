/**
 * Fix edits in the file's own syntax: HCL keeps indentation and aligns `=`; Terraform JSON stays
 * valid JSON. Checked on the text the edits produce.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyTextEdits } from '../../../server/src/engine/analyze/apply-fixes.js';
import { attributeSite, blockSite } from '../../../server/src/engine/aks/sites.js';
import { EditBuilder } from '../../../server/src/engine/analyze/edit-builder.js';
import { parseFile } from '../../../server/src/engine/syntax/parse-file.js';
import { findAttribute, findBlocks, type SyntaxFile } from '../../../server/src/engine/syntax/syntax-tree.js';
import { loadParsers } from '../../../server/src/host/load-parsers.js';

async function withFile(uri: string, text: string, edit: (e: EditBuilder, file: SyntaxFile) => boolean): Promise<string | undefined> {
  const file = parseFile(uri, text, await loadParsers());
  const builder = new EditBuilder((u) => (u === uri ? file : undefined));
  return edit(builder, file) ? applyTextEdits(text, builder.edits) : undefined;
}

const HCL = 'resource "azurerm_kubernetes_cluster" "aks" {\n  network_profile {\n    network_plugin = "azure"\n    pod_cidr       = "10.244.0.0/16" # overlay range\n  }\n}\n';
const profileBlock = (file: SyntaxFile) => findBlocks(file.body.blocks[0].body, 'network_profile')[0];
/** The sites the model gives rules: the network_profile block, one of its attributes, the resource. */
const profileOf = (file: SyntaxFile) => blockSite(file.uri, profileBlock(file));
const attributeOf = (file: SyntaxFile, name: string) => attributeSite(file.uri, findAttribute(profileBlock(file).body, name)!);
const resourceOf = (file: SyntaxFile) => blockSite(file.uri, file.body.blocks[0]);

describe('EditBuilder', () => {
  it('inserts an attribute aligned with the one above', async () => {
    const out = await withFile('main.tf', HCL, (e, f) => e.setAttribute(profileOf(f), 'network_plugin_mode', 'overlay'));
    assert.equal(out, HCL.replace('# overlay range\n', '# overlay range\n    network_plugin_mode = "overlay"\n'));
  });

  it('ends inserted lines as the file does: CRLF stays CRLF', async () => {
    const crlf = HCL.replace(/\n/g, '\r\n');
    const out = await withFile('main.tf', crlf, (e, f) => e.setAttribute(profileOf(f), 'network_plugin_mode', 'overlay'));
    assert.equal(out, crlf.replace('# overlay range\r\n', '# overlay range\r\n    network_plugin_mode = "overlay"\r\n'));
    const block = await withFile('main.tf', crlf, (e, f) => e.insertBlock(resourceOf(f), 'bootstrap_profile', { artifact_source: 'Cache' }));
    assert.equal(block, crlf.replace('  }\r\n}\r\n', '  }\r\n  bootstrap_profile {\r\n    artifact_source = "Cache"\r\n  }\r\n}\r\n'));
  });

  it('removes an attribute with its line, keeping a trailing comment from blocking it', async () => {
    const out = await withFile('main.tf', HCL, (e, f) => e.removeAttribute(attributeOf(f, 'pod_cidr')));
    assert.equal(out, HCL.replace('    pod_cidr       = "10.244.0.0/16" # overlay range\n', ''));
  });

  it('inserts a block at the end of a block', async () => {
    const out = await withFile('main.tf', HCL, (e, f) => e.insertBlock(resourceOf(f), 'bootstrap_profile', { artifact_source: 'Cache' }));
    assert.equal(out, HCL.replace('  }\n}\n', '  }\n  bootstrap_profile {\n    artifact_source = "Cache"\n  }\n}\n'));
  });

  it('refuses to edit a one-line block rather than break it', async () => {
    const text = 'resource "x" "y" { network_profile { network_plugin = "azure" } }\n';
    assert.equal(await withFile('main.tf', text, (e, f) => e.setAttribute(profileOf(f), 'network_policy', 'cilium')), undefined);
  });

  it('makes no edit at a site without an edit handle (a value from a plan file)', async () => {
    const out = await withFile('main.tf', HCL, (e, f) => e.removeAttribute({ ...attributeOf(f, 'pod_cidr'), edit: undefined }));
    assert.equal(out, undefined);
  });

  it('keeps Terraform JSON valid when inserting, renaming and removing', async () => {
    const json = JSON.stringify({ resource: { azurerm_kubernetes_cluster: { aks: { network_profile: [{ network_plugin: 'azure', docker_bridge_cidr: '172.17.0.1/16' }] } } } }, null, 2);
    const inserted = await withFile('main.tf.json', json, (e, f) => e.setAttribute(profileOf(f), 'network_plugin_mode', 'overlay'));
    assert.deepEqual(JSON.parse(inserted!).resource.azurerm_kubernetes_cluster.aks.network_profile[0].network_plugin_mode, 'overlay');
    const removed = await withFile('main.tf.json', json, (e, f) => e.removeAttribute(attributeOf(f, 'docker_bridge_cidr')));
    assert.deepEqual(JSON.parse(removed!).resource.azurerm_kubernetes_cluster.aks.network_profile[0], { network_plugin: 'azure' });
    const renamed = await withFile('main.tf.json', json, (e, f) => e.renameAttribute(attributeOf(f, 'network_plugin'), 'network_plugin_x'));
    assert.ok('network_plugin_x' in JSON.parse(renamed!).resource.azurerm_kubernetes_cluster.aks.network_profile[0]);
  });
});
