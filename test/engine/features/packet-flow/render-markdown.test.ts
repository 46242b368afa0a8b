/**
 * The markdown document: golden text for a few fixtures (<case>/diagram.md), the user's text kept
 * as text in headings and table cells, and a mermaid block nothing can close early.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { escapeMarkdownText } from '../../../../server/src/engine/text/escape-markdown.js';
import { renderMarkdown } from '../../../../server/src/engine/features/packet-flow/render-markdown.js';
import { graphOfFixture, PACKET_FLOW_FIXTURES } from '../../../support/packet-flow.js';

describe('escapeMarkdownText', () => {
  it('keeps links, images, HTML, code and table breaks as text', () => {
    assert.equal(escapeMarkdownText('![x](javascript:alert(1))'), '\\!\\[x\\](javascript:alert(1))');
    assert.equal(escapeMarkdownText('</script><img src=x onerror=alert(1)>'), '&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;');
    assert.equal(escapeMarkdownText('a|b `c` $x$ *d* _e_ ~f~ \\g #h &amp;'), 'a\\|b \\`c\\` \\$x\\$ \\*d\\* \\_e\\_ \\~f\\~ \\\\g \\#h &amp;amp;');
  });

  it('keeps the text on one line', () => {
    assert.equal(escapeMarkdownText('a\nb\r\u2028c'), 'a b  c');
  });
});

describe('renderMarkdown', () => {
  for (const name of ['overlay', 'unknown-values', 'hostile-names', 'changed-since-baseline', 'created-since-baseline']) {
    it(`golden ${name}`, async () => {
      const markdown = renderMarkdown(await graphOfFixture(name));
      const golden = join(PACKET_FLOW_FIXTURES, name, 'diagram.md');
      if (process.env.UPDATE_GOLDEN === '1') writeFileSync(golden, markdown);
      assert.ok(existsSync(golden), `missing golden file ${golden} (run UPDATE_GOLDEN=1 npm test)`);
      assert.equal(markdown, readFileSync(golden, 'utf8'));
    });
  }

  it('holds exactly one fenced block, the diagram', async () => {
    const markdown = renderMarkdown(await graphOfFixture('hostile-names'));
    assert.deepEqual(markdown.split('\n').filter((line) => line.includes('```')), ['```mermaid', '```']);
    assert.doesNotMatch(markdown, /<(script|img)/);
  });

  it('names files as the caller asks', async () => {
    const markdown = renderMarkdown(await graphOfFixture('overlay'), { displayName: (uri) => `modules/x/${uri.split('/').pop()}` });
    assert.match(markdown, /^\| `network_plugin` \| "azure" \| modules\/x\/main\.tf:42 \|$/m);
  });
});
