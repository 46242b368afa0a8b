/**
 * Hover and completion from the real server: the markdown a user reads (meaning, allowed values,
 * default, what a change does, effective value and its origin, findings here) and the values and
 * names offered, never one the rules would then flag and never outside network blocks.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CompletionRequest, HoverRequest, type CompletionItem, type CompletionList, type Hover, type MarkupContent } from 'vscode-languageserver-protocol/node';
import { fileUri, TestClient } from '../support/lsp-client.js';

const MODULE = resolve('test/fixtures/modules/cilium-calico');
const MAIN = fileUri(`${MODULE}/main.tf`);
const TEXT = readFileSync(`${MODULE}/main.tf`, 'utf8');

describe('hover', () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start({ rootPath: MODULE });
    await client.open(MAIN, TEXT);
    await client.diagnostics(MAIN);
  });
  after(() => client.stop());

  const hover = async (uri: string, line: number, character: number) =>
    (await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line, character } })) as Hover | null;

  it('explains a network attribute, its effective value and origin, and the findings there', async () => {
    const result = await hover(MAIN, 20, 10);
    assert.deepEqual(result?.range, { start: { line: 20, character: 4 }, end: { line: 20, character: 18 } });
    assert.equal(
      (result!.contents as MarkupContent).value,
      [
        '**network_policy** · `network_profile` · azurerm 4.x',
        '',
        'The network policy engine: `azure` (Azure NPM, retiring), `calico`, or `cilium` (needs network_data_plane = "cilium"). `none` is not accepted by the provider.',
        '',
        '- Allowed values: `calico` · `azure` · `cilium` (exact case)',
        '- Default: none in the provider; AKS chooses no network policy engine',
        '- Changing it: setting it when unset is in place; azure → cilium (4.58+) and calico → cilium (4.59+) are in place; any other change replaces the cluster',
        '',
        '**Effective value**',
        '',
        '- `"calico"` from var.network\\_policy default in variables.tf:3, set in terraform.tfvars:2',
        '',
        '[Microsoft Learn](https://learn.microsoft.com/azure/aks/use-network-policies)',
        '',
        '---',
        '',
        '**Findings here**',
        '',
        '- error [cilium-requires-cilium-policy](https://github.com/aks-netlint/aks-netlint/blob/main/docs/rules/cilium-requires-cilium-policy.md): network\\_policy "calico" cannot run on the Cilium data plane: the AKS API rejects it at apply with CiliumDataplaneRequiresNetworkPolicyCilium ("Cilium dataplane requires network policy cilium"). Cilium enforces network policy itself. The value comes from var.network\\_policy default in variables.tf:3, set in terraform.tfvars:2.',
      ].join('\n'),
    );
  });

  it('leaves out the effective value of a literal', async () => {
    const value = ((await hover(MAIN, 18, 30))!.contents as MarkupContent).value;
    assert.match(value, /^\*\*network_plugin_mode\*\* · `network_profile` · azurerm 4\.x\n/);
    assert.doesNotMatch(value, /Effective value/);
    assert.match(value, /\[overlay-mode-case\]/);
  });

  it('shows the subnet a pool uses', async () => {
    const dir = resolve('examples/node-pools');
    const uri = fileUri(`${dir}/main.tf`);
    await client.open(uri, readFileSync(`${dir}/main.tf`, 'utf8'));
    const value = ((await hover(uri, 49, 6))!.contents as MarkupContent).value;
    assert.match(value, /^\*\*vnet_subnet_id\*\* · `default_node_pool` ·/);
    assert.match(value, /- the subnet `azurerm_subnet\.nodes` \(network\.tf:19, in VNet `azurerm_virtual_network\.aks`\): address prefixes `10\.40\.0\.0\/22`/);
    await client.close(uri);
  });

  it('explains max_surge inside a node pool\'s upgrade_settings', async () => {
    const dir = resolve('examples/address-planning');
    const uri = fileUri(`${dir}/pools.tf`);
    const text = readFileSync(`${dir}/pools.tf`, 'utf8');
    await client.open(uri, text);
    const line = text.split('\n').findIndex((l) => l.includes('max_surge'));
    const value = ((await hover(uri, line, 6))!.contents as MarkupContent).value;
    assert.match(value, /^\*\*max_surge\*\* · `upgrade_settings` · azurerm 4\.x/);
    await client.close(uri);
  });

  it('answers nothing outside network attributes (generic Terraform is not ours)', async () => {
    assert.equal(await hover(MAIN, 1, 4), null); // name
    assert.equal(await hover(MAIN, 0, 2), null); // the resource keyword
  });
});

describe('completion', () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start({ rootPath: MODULE });
    await client.open(MAIN, TEXT);
    await client.diagnostics(MAIN);
  });
  after(() => client.stop());

  const complete = async (line: number, character: number) => {
    const result = (await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: MAIN }, position: { line, character } })) as CompletionList | null;
    return result?.items ?? null;
  };
  const labels = (items: CompletionItem[] | null) => items?.map((i) => i.label);

  it('offers only the values the rules accept, with exact case and the closing quote', async () => {
    // network_policy = "|  (the data plane is cilium: calico and azure would be errors)
    await client.change(MAIN, [{ range: { start: { line: 20, character: 26 }, end: { line: 20, character: 44 } }, text: '"' }]);
    const items = await complete(20, 27);
    assert.deepEqual(labels(items), ['cilium']);
    assert.deepEqual(items![0].textEdit, { range: { start: { line: 20, character: 27 }, end: { line: 20, character: 27 } }, newText: 'cilium"' });
    assert.match((items![0].documentation as MarkupContent).value, /^The network policy engine/);
  });

  it('offers the case azurerm 4.x accepts for network_plugin_mode', async () => {
    // "Overlay" typed up to "Ov": the replacement covers the whole string up to its quote.
    const items = await complete(18, 29);
    assert.deepEqual(labels(items), ['overlay']);
    assert.deepEqual(items![0].textEdit, { range: { start: { line: 18, character: 27 }, end: { line: 18, character: 34 } }, newText: 'overlay' });
  });

  it('completes attribute names inside network_profile, without those already written', async () => {
    await client.change(MAIN, [{ range: { start: { line: 20, character: 0 }, end: { line: 20, character: 27 } }, text: '    netw' }]);
    const items = await complete(20, 8);
    const names = labels(items)!;
    assert.ok(names.includes('network_policy') && names.includes('outbound_type'), names.join(', '));
    assert.ok(!names.includes('network_plugin') && !names.includes('pod_cidr'), 'attributes already written are not offered');
    assert.ok(!names.includes('ebpf_data_plane') && !names.includes('docker_bridge_cidr'), 'removed attributes are not offered');
    const policy = items!.find((i) => i.label === 'network_policy')!;
    assert.deepEqual(policy.textEdit, { range: { start: { line: 20, character: 4 }, end: { line: 20, character: 8 } }, newText: 'network_policy = ' });
  });

  it('offers nothing outside network blocks', async () => {
    assert.equal(await complete(1, 10), null); // name = "aks-prod"
    assert.equal(await complete(8, 4), null); // inside default_node_pool: generic Terraform
  });
});
