/**
 * escapeMermaidText keeps the user's text inside its label: hostile names come out as entity
 * codes that Mermaid renders as the same characters and never parses as syntax.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { escapeMermaidText } from '../../../../server/src/engine/features/packet-flow/escape-mermaid.js';

const NAMED: Record<string, string> = { quot: '"', amp: '&', lt: '<', gt: '>' };

/** What a browser shows for an escaped label: Mermaid turns `#x;` into `&x;`, HTML decodes it. */
function shownText(escaped: string): string {
  return escaped.replace(/#(\w+);/g, (_, code: string) => (/^\d+$/.test(code) ? String.fromCodePoint(Number(code)) : NAMED[code]));
}

/** Only plain characters and entity codes: nothing that ends a label, a statement or opens syntax. */
const INERT = /^(?:[\p{L}\p{M}\p{N} .,:/_\-()+=*!?'@~→×…]|#(?:quot|amp|lt|gt|\d+);)*$/u;

describe('escapeMermaidText', () => {
  it('turns a label break-out with a click directive and a comment into text', () => {
    const hostile = 'x"];click A call alert(1);%%';
    assert.equal(escapeMermaidText(hostile), 'x#quot;#93;#59;click A call alert(1)#59;#37;#37;');
    assert.equal(shownText(escapeMermaidText(hostile)), hostile);
  });

  it('turns HTML into text', () => {
    const hostile = '</script><img src=x onerror=alert(1)>';
    assert.equal(escapeMermaidText(hostile), '#lt;/script#gt;#lt;img src=x onerror=alert(1)#gt;');
    assert.equal(shownText(escapeMermaidText(hostile)), hostile);
  });

  it('encodes every ASCII character that means something to Mermaid, HTML or markdown', () => {
    for (const char of '"#%&;<>[]{}|`\\$^') {
      const escaped = escapeMermaidText(char);
      assert.match(escaped, /^#(quot|amp|lt|gt|\d+);$/, `${char} -> ${escaped}`);
      assert.equal(shownText(escaped), char);
    }
  });

  it('leaves only inert text for every ASCII character and a sample of Unicode', () => {
    const all = [...Array(128).keys()].map((c) => String.fromCharCode(c)).join('') + 'Zoë 🚀 ＂］；％ \u202e\u200b\u2028\u2029';
    const escaped = escapeMermaidText(all);
    assert.match(escaped, INERT);
    assert.doesNotMatch(escaped, /%%|["\n\r`]/);
  });

  it('keeps ordinary names, CIDRs and addresses readable', () => {
    for (const text of ['azurerm_subnet.nodes', '10.244.0.0/16', 'aks-prod (westeurope)', 'SNAT → node IP', 'Zoë']) {
      assert.equal(escapeMermaidText(text), text);
    }
    assert.equal(escapeMermaidText('azurerm_kubernetes_cluster.aks["prod"]'), 'azurerm_kubernetes_cluster.aks#91;#quot;prod#quot;#93;');
  });

  it('replaces line breaks and invisible characters with spaces', () => {
    assert.equal(escapeMermaidText('a\nb\r\nc\u2028d\te\u202ef'), 'a b  c d e f');
  });

  it('escapes an entity the user wrote, so it shows as written', () => {
    assert.equal(escapeMermaidText('#quot;'), '#35;quot#59;');
    assert.equal(shownText(escapeMermaidText('#quot;')), '#quot;');
  });

  it('breaks the words Mermaid rewrites before parsing (style, classDef)', () => {
    const escaped = escapeMermaidText('style:x#1; classDef:y#2;');
    assert.doesNotMatch(escaped, /style|classDef/);
    assert.equal(shownText(escaped), 'style:x#1; classDef:y#2;');
  });

  it('encodes characters outside the basic plane as one code point', () => {
    assert.equal(escapeMermaidText('🚀'), '#128640;');
  });
});
