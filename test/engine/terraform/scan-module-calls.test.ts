/**
 * The scan that indexes a workspace's module calls without parsing: it must find what the parser
 * finds in well-formed files (the oracle here is the real engine), skip strings, comments and
 * heredocs, and stay linear on hostile input.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { scanModuleSources } from '../../../server/src/engine/terraform/scan-module-calls.js';
import { buildModule } from '../../../server/src/engine/terraform/module.js';
import { loadParsers } from '../../../server/src/host/load-parsers.js';

const TEXT = `# module "commented" { source = "./no" }
locals {
  doc = <<EOT
module "in_heredoc" {
  source = "./no"
}
EOT
  s = "module \\"in_string\\" { source = \\"./no\\" }"
}

module "aks" {
  providers = { azurerm = azurerm.hub }
  source    = "./modules/aks"
  settings  = { source = "./no" }
}

/* module "block_comment" {
  source = "./no"
} */
module "net" {
  source  = "Azure/network/azurerm"
  version = "~> 5.0"
  name    = "\${var.prefix}-vnet"
}

resource "x" "y" {
  source = "./no"
}

module "templated" {
  source = "./\${var.dir}"
}
`;

describe('scanModuleSources', () => {
  it('finds the literal sources of top-level module blocks, as the parser does', async () => {
    assert.deepEqual(scanModuleSources(TEXT, 'hcl'), ['./modules/aks', 'Azure/network/azurerm']);
    const module = buildModule({ dir: '/m', files: [{ uri: '/m/main.tf', text: TEXT }] }, await loadParsers());
    assert.deepEqual(
      [...module.calls.values()].filter((c) => c.source && !c.source.includes('${')).map((c) => c.source),
      ['./modules/aks', 'Azure/network/azurerm'],
    );
  });

  it('reads .tf.json module blocks', () => {
    assert.deepEqual(scanModuleSources('{"module": {"aks": {"source": "./aks"}, "net": [{"source": "./net"}]}}', 'json'), ['./aks', './net']);
    assert.deepEqual(scanModuleSources('{not json', 'json'), []);
  });

  it('reads deep nesting and unclosed strings without recursion, finding nothing there', () => {
    const deep = `module "a" {\n  source = "${'${"'.repeat(50_000)}"\n}\n`;
    assert.deepEqual(scanModuleSources(deep, 'hcl'), []);
    assert.deepEqual(scanModuleSources('{'.repeat(100_000) + 'module "x" { source = "./x" }', 'hcl'), []);
    assert.deepEqual(scanModuleSources('module "x" {\n  source = "./x\n}\nmodule "y" {\n  source = "./y"\n}\n', 'hcl'), ['./y']);
  });
});
