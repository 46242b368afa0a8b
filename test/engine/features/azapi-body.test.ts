/**
 * Hover, completion and quick-fixes inside the body of an azapi AKS cluster, through the real
 * engine: hover names the JSON field, its path and the AKS API's values and default, and the
 * effective value where it is not written right there; completion offers the API's exact JSON
 * values; a quick-fix inserts the JSON name into the body object.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyTextEdits } from '../../../server/src/engine/analyze/apply-fixes.js';
import { quickFixes } from '../../../server/src/engine/features/code-actions.js';
import { completionAt } from '../../../server/src/engine/features/completion.js';
import { hoverAt } from '../../../server/src/engine/features/hover.js';
import type { Position, Range } from '../../../server/src/engine/text/positions.js';
import { loadParsers } from '../../../server/src/host/load-parsers.js';
import { analyzeFiles } from '../../support/engine.js';

const MAIN = '/fixture/main.tf';
const TEXT = `variable "plugin" {
  default = "azure"
}

resource "azapi_resource" "aks" {
  type      = "Microsoft.ContainerService/managedClusters@2025-10-01"
  name      = "aks-demo"
  parent_id = "/subscriptions/0000/resourceGroups/rg-demo"
  location  = "westeurope"
  body = {
    properties = {
      networkProfile = {
        networkPlugin     = var.plugin
        networkPluginMode = "overlay"
        networkDataplane  = "cilium"
      }
    }
  }
}
`;

function at(text: string, snippet: string, offset = 0): Position {
  const index = text.indexOf(snippet) + offset;
  assert.ok(index >= offset, `${snippet} is in the text`);
  const before = text.slice(0, index).split('\n');
  return { line: before.length - 1, character: before.at(-1)!.length };
}
const rangeOf = (text: string, snippet: string): Range => ({ start: at(text, snippet), end: at(text, snippet, snippet.length) });

describe('azapi body features', () => {
  it('hover: the JSON field, the API default, and the value a variable gives', async () => {
    const result = await analyzeFiles([{ uri: MAIN, text: TEXT }]);
    const hover = hoverAt(result, MAIN, at(TEXT, 'networkPlugin ', 3), { findings: result.findings });
    assert.ok(hover);
    assert.deepEqual(hover.range, rangeOf(TEXT, 'networkPlugin'));
    const lines = hover.markdown.split('\n');
    assert.equal(lines[0], '**networkPlugin** · `properties.networkProfile.networkPlugin` · AKS API 2025-10-01');
    assert.ok(lines.includes('- Allowed values: `azure` · `kubenet` · `none` (exact JSON strings)'), hover.markdown);
    assert.ok(lines.includes('- Default: not known to aks-netlint (the AKS API chooses when networkPlugin is left out)'), hover.markdown);
    assert.ok(lines.includes('- `"azure"` from var.plugin default in main.tf:2'), hover.markdown);
  });

  it('hover: a literal value needs no effective value; the finding there is listed', async () => {
    const result = await analyzeFiles([{ uri: MAIN, text: TEXT }]);
    const hover = hoverAt(result, MAIN, at(TEXT, 'networkDataplane', 2), { findings: result.findings });
    assert.ok(hover);
    assert.ok(!hover.markdown.includes('**Effective value**'), hover.markdown);
    assert.match(hover.markdown, /cilium-policy-implicit/);
  });

  it('completion: the exact JSON values of the field, as the AKS API spells them', async () => {
    const text = TEXT.replace('networkPluginMode = "overlay"', 'networkPluginMode = "overlay"\n        outboundType      = "');
    const parsers = await loadParsers();
    const result = await analyzeFiles([{ uri: MAIN, text }]);
    const items = completionAt(result, MAIN, at(text, 'outboundType      = "', 'outboundType      = "'.length), {
      parsers,
      input: { dir: '/fixture', files: [{ uri: MAIN, text }] },
      settings: {},
      isCancelled: () => false,
    });
    assert.deepEqual(
      items?.map((i) => i.label),
      ['loadBalancer', 'userDefinedRouting', 'managedNATGateway', 'userAssignedNATGateway', 'none'],
    );
    assert.equal(items?.[0].detail, 'outboundType · AKS API');
  });

  it('quick-fix: inserts networkPolicy into the body object', async () => {
    const result = await analyzeFiles([{ uri: MAIN, text: TEXT }]);
    const file = result.module.files.get(MAIN);
    const actions = quickFixes(result.findings, file, rangeOf(TEXT, '"cilium"'));
    const fix = actions.find((a) => a.title.startsWith('Set networkPolicy'));
    assert.ok(fix, actions.map((a) => a.title).join('\n'));
    const fixed = applyTextEdits(TEXT, fix.edits);
    assert.match(fixed, /        networkDataplane  = "cilium"\n        networkPolicy     = "cilium"\n      }/);
  });
});
