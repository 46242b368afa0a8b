/**
 * ModuleAnalyzer on a module tree: after an edit of a called module its roots are re-checked
 * together, and an edit that arrives while they are is handled after one of them, not after all.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { MessageChannel } from 'node:worker_threads';
import { loadParsers } from '../../server/src/host/load-parsers.js';
import { ModuleAnalyzer } from '../../server/src/lsp/module-analyzer.js';
import { ModuleIndex } from '../../server/src/lsp/module-index.js';
import type { ModuleSettings } from '../../server/src/lsp/module-settings.js';
import { ModuleSources } from '../../server/src/lsp/module-sources.js';

const CHILD = 'variable "plugin" {\n  type = string\n}\n\nresource "azurerm_kubernetes_cluster" "this" {\n  name = "aks"\n\n  network_profile {\n    network_plugin = var.plugin\n  }\n}\n';
const ROOT = 'module "aks" {\n  source = "../../modules/aks"\n  plugin = "azure"\n}\n';
const ROOTS = ['envs/r1', 'envs/r2', 'envs/r3', 'envs/r4'];

const SETTINGS: ModuleSettings = { enable: true, analysis: {}, varFiles: [], isIgnored: () => false, key: '' };

describe('ModuleAnalyzer on a module tree', () => {
  it('reads an edit that arrives while the roots are re-checked after one root, and checks the edited module before the rest', async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'aks-netlint-analyzer-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    for (const [name, text] of [['modules/aks/main.tf', CHILD], ...ROOTS.map((r) => [`${r}/main.tf`, ROOT])]) {
      mkdirSync(join(dir, name, '..'), { recursive: true });
      writeFileSync(join(dir, name), text);
    }
    const parsers = await loadParsers();
    const index = new ModuleIndex();
    await index.scan([dir]);
    const child = join(dir, 'modules/aks');
    const published: string[] = [];
    const logs: string[] = [];
    let settled!: () => void;
    const done = new Promise<void>((resolve) => (settled = resolve));
    // The edit comes as input does, through the event loop's poll for I/O (a message port).
    const { port1, port2 } = new MessageChannel();
    t.after(() => port1.close());
    const analyzer = new ModuleAnalyzer(
      {
        parsers,
        sources: new ModuleSources(parsers),
        index,
        buffers: () => [],
        settingsFor: () => Promise.resolve(SETTINGS),
        publish: () => undefined,
        log: (message) => logs.push(message),
        onPublished: (unit) => {
          published.push(unit === child ? 'modules/aks' : unit.slice(dir.length + 1));
          if (published.length === 2) port2.postMessage('edit');
          const second = published.lastIndexOf('modules/aks');
          if (published.indexOf('modules/aks') !== second && published.slice(second).filter((u) => u !== 'modules/aks').length === ROOTS.length) settled();
        },
      },
      0,
    );
    port1.on('message', () => analyzer.touch(child, 0));
    analyzer.touch(child, 0);
    await Promise.race([done, new Promise((_, reject) => setTimeout(() => reject(new Error(`only ${published.join(', ')} were checked within 10 s`)), 10_000).unref())]);

    // The first root, then the edit: the other roots' checks are stale and wait for the new pause.
    assert.deepEqual(published, ['modules/aks', 'envs/r1', 'modules/aks', ...ROOTS]);
    assert.deepEqual(logs, []);
  });
});
