/**
 * The language server gives tree-sitter's WebAssembly memory back by renewing its runtime
 * (server/src/lsp/parser-renewal.ts): the memory returns to a fresh runtime's, and open buffers
 * parse exactly as before, comments (found by a query of the new runtime) and reused blocks
 * included.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { IncrementalFile } from '../../server/src/engine/syntax/incremental-file.js';
import { parseFile } from '../../server/src/engine/syntax/parse-file.js';
import { INITIAL_RUNTIME_BYTES, startTreeSitterRuntime } from '../../server/src/host/tree-sitter-runtime.js';
import { ParserRenewal } from '../../server/src/lsp/parser-renewal.js';

const MAIN = `locals {
  a = 1
}

# aks-netlint-ignore value-unknown: set by the pipeline
resource "azurerm_kubernetes_cluster" "aks" {
  network_profile {
    network_plugin = "azure"
  }
}
`;

describe('ParserRenewal', () => {
  it('gives a grown runtime memory back, and buffers parse as a fresh parse does', async () => {
    const logs: string[] = [];
    const main = new IncrementalFile('/m/main.tf', MAIN);
    const renewal = new ParserRenewal(await startTreeSitterRuntime(), () => [main], (m) => logs.push(m));
    const { parsers } = renewal;
    const before = main.syntax(parsers);
    // One parse of 60,000 attributes needs more than a fresh runtime's 32 MB, and the runtime
    // keeps them after the tree is gone.
    parsers.hcl.parse(Array.from({ length: 60000 }, (_, i) => `a${i} = ${i}\n`).join(''))!.delete();
    assert.ok(renewal.memoryBytes > INITIAL_RUNTIME_BYTES, `the runtime grew: ${renewal.memoryBytes}`);
    const oldParser = parsers.hcl;

    assert.equal(await renewal.renew(), true);
    assert.equal(renewal.memoryBytes, INITIAL_RUNTIME_BYTES, 'a fresh runtime');
    assert.notEqual(parsers.hcl, oldParser, 'the shared Parsers object holds the new parser');
    assert.equal(main.syntax(parsers), before, 'an unchanged buffer is not parsed again');

    // An edit parses from scratch with the new runtime, and keeps the untouched blocks.
    main.applyChanges([{ range: { start: { line: 1, character: 6 }, end: { line: 1, character: 7 } }, text: '2' }]);
    const after = main.syntax(parsers);
    assert.deepEqual(after, parseFile('/m/main.tf', main.text, parsers));
    assert.deepEqual(after.comments.map((c) => c.text), ['# aks-netlint-ignore value-unknown: set by the pipeline']);
    assert.equal(after.body.blocks[1], before.body.blocks[1], 'the cluster block is reused');
    assert.notDeepEqual(after.body.blocks[0], before.body.blocks[0]);

    renewal.markUsed();
    assert.equal(await renewal.renew(), true);
    assert.equal(await renewal.renew(), false, 'nothing parsed since the last renewal');
    assert.deepEqual(logs, []);
  });

  it('keeps the current runtime when a fresh one cannot start', async () => {
    const logs: string[] = [];
    const main = new IncrementalFile('/m/main.tf', MAIN);
    const renewal = new ParserRenewal(await startTreeSitterRuntime(), () => [main], (m) => logs.push(m), () => Promise.reject(new Error('out of memory')));
    const parser = renewal.parsers.hcl;
    main.syntax(renewal.parsers);
    assert.equal(await renewal.renew(), false);
    assert.equal(renewal.parsers.hcl, parser);
    assert.match(logs.join('\n'), /could not start a fresh HCL parser, keeping the current one: out of memory/);
    main.applyChanges([{ range: { start: { line: 1, character: 6 }, end: { line: 1, character: 7 } }, text: '2' }]);
    assert.deepEqual(main.syntax(renewal.parsers), parseFile('/m/main.tf', main.text, renewal.parsers));
  });
});
