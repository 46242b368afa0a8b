/**
 * The code actions the engine builds from findings: order, preference, titles of suggestions that
 * replace the cluster, and where "Ignore <rule> here" writes its comment.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Finding } from '../../../server/src/engine/analyze/findings.js';
import { fixAllAction, quickFixes } from '../../../server/src/engine/features/code-actions.js';
import { parseFile } from '../../../server/src/engine/syntax/parse-file.js';
import { loadParsers } from '../../../server/src/host/load-parsers.js';

const TEXT = 'resource "azurerm_kubernetes_cluster" "aks" {\n  network_profile {\n    network_plugin = "kubenet"\n  }\n}\n';
const at = (line: number, from: number, to: number) => ({ start: { line, character: from }, end: { line, character: to } });

function finding(extra: Partial<Finding>): Finding {
  return { ruleId: 'kubenet-retiring', messageId: 'm', severity: 'warning', message: 'msg', uri: '/m/main.tf', range: at(2, 21, 30), related: [], suggestions: [], docsUrl: 'https://x', ...extra };
}

describe('code actions', () => {
  it('lists the safe fix (preferred), then suggestions, then Ignore', async () => {
    const file = parseFile('/m/main.tf', TEXT, await loadParsers());
    const edit = { uri: '/m/main.tf', range: at(2, 21, 30), newText: '"azure"' };
    const actions = quickFixes(
      [
        finding({
          fix: { title: 'Safe', edits: [edit] },
          suggestions: [
            { title: 'Move to overlay', edits: [edit], replacesCluster: true },
            { title: 'Set x (replaces an existing cluster)', edits: [edit], replacesCluster: true },
            { title: 'Plain', edits: [edit] },
          ],
        }),
      ],
      file,
      at(2, 25, 25),
    );
    assert.deepEqual(
      actions.map((a) => [a.title, a.isPreferred ?? false]),
      [
        ['Safe', true],
        ['Move to overlay (forces a new cluster)', false],
        ['Set x (replaces an existing cluster)', false],
        ['Plain', false],
        ['Ignore kubenet-retiring here', false],
      ],
    );
    assert.deepEqual(actions[4].edits, [{ uri: '/m/main.tf', range: at(2, 0, 0), newText: '    # aks-netlint-ignore kubenet-retiring -- <reason>\n' }]);
  });

  it('puts the suppression above the whole block for a finding on its label, matching CRLF files', async () => {
    const file = parseFile('/m/main.tf', TEXT.replace(/\n/g, '\r\n'), await loadParsers());
    const [ignore] = quickFixes([finding({ range: at(0, 38, 43) })], file, at(0, 40, 40));
    assert.deepEqual(ignore.edits, [{ uri: '/m/main.tf', range: at(0, 0, 0), newText: '# aks-netlint-ignore kubenet-retiring -- <reason>\r\n' }]);
  });

  it('offers nothing for findings elsewhere, and no fix-all without safe fixes', async () => {
    const file = parseFile('/m/main.tf', TEXT, await loadParsers());
    assert.deepEqual(quickFixes([finding({})], file, at(4, 0, 0)), []);
    assert.equal(fixAllAction([finding({})]), undefined);
  });
});
