import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Evaluator } from '../../../server/src/engine/terraform/evaluate.js';
import { buildModule } from '../../../server/src/engine/terraform/module.js';
import { detectProviderVersion } from '../../../server/src/engine/terraform/detect-provider-version.js';
import type { ProviderVersion } from '../../../server/src/engine/terraform/provider-version.js';
import { loadParsers } from '../../../server/src/host/load-parsers.js';

async function detect(files: Record<string, string>): Promise<ProviderVersion> {
  const module = buildModule({ dir: '/m', files: Object.entries(files).map(([n, text]) => ({ uri: `/m/${n}`, text })) }, await loadParsers());
  return detectProviderVersion(module, new Evaluator(module));
}

const required = (constraint: string) =>
  `terraform {\n  required_providers {\n    azurerm = {\n      source  = "hashicorp/azurerm"\n      version = "${constraint}"\n    }\n  }\n}\n`;

const lock = (version: string) =>
  `provider "registry.terraform.io/hashicorp/azurerm" {\n  version     = "${version}"\n  constraints = "~> 4.0"\n  hashes = []\n}\n`;

describe('provider version', () => {
  it('takes the exact version from .terraform.lock.hcl', async () => {
    const v = await detect({ 'main.tf': required('~> 3.0'), '.terraform.lock.hcl': lock('4.57.0') });
    assert.deepEqual([v.major, v.minor, v.patch, v.source], [4, 57, 0, 'lock']);
    assert.deepEqual(v.range, { start: { line: 1, character: 16 }, end: { line: 1, character: 24 } });
  });

  it('reads the major from required_providers constraints', async () => {
    for (const [constraint, major] of [
      ['~> 4.0', 4],
      ['~> 3.117', 3],
      ['>= 4.0, < 5.0', 4],
      ['= 5.2.0', 5],
      ['4.57.0', 4],
      ['~> 4.57.0', 4],
      // One number: >= 3, < 4, not "3.x and every later major" (16 real directories were read as 5.x).
      ['~> 3', 3],
      ['~> 4', 4],
    ] as const) {
      const v = await detect({ 'versions.tf': required(constraint) });
      assert.equal(v.major, major, constraint);
      assert.equal(v.source, 'constraint', constraint);
    }
    assert.equal((await detect({ 'versions.tf': required('= 5.2.0') })).minor, 2);
    assert.equal((await detect({ 'versions.tf': required('~> 4.0') })).minor, undefined);
  });

  it('reads the legacy string form', async () => {
    const v = await detect({ 'versions.tf': 'terraform {\n  required_providers {\n    azurerm = "~> 3.0"\n  }\n}\n' });
    assert.equal(v.major, 3);
  });

  it('assumes the newest major, and says why, when the constraint allows several or none is given', async () => {
    const open = await detect({ 'versions.tf': required('>= 3.0') });
    assert.deepEqual([open.major, open.source], [5, 'assumed']);
    assert.match(open.assumption!, /allows 3\.x, 4\.x, 5\.x/);
    const none = await detect({ 'main.tf': 'resource "x" "y" {}\n' });
    assert.deepEqual([none.major, none.source], [5, 'assumed']);
    const future = await detect({ '.terraform.lock.hcl': lock('6.1.0') });
    assert.deepEqual([future.major, future.source], [5, 'assumed']);
    assert.match(future.assumption!, /6\.1\.0/);
    const garbage = await detect({ 'versions.tf': required('latest please') });
    assert.equal(garbage.source, 'assumed');
  });

  it('ignores another provider named azurerm from a different source', async () => {
    const v = await detect({
      'versions.tf': 'terraform {\n  required_providers {\n    azurerm = {\n      source  = "someone/azurerm"\n      version = "~> 1.0"\n    }\n  }\n}\n',
    });
    assert.equal(v.source, 'assumed');
  });
});
