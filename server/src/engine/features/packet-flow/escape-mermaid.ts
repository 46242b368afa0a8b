/**
 * Escaping for text that enters Mermaid source inside a double-quoted label. Whatever the user's
 * files hold (cluster names, for_each keys, subnet ids, CIDRs from variables), it must stay label
 * text: it must not close the label (`"`, `]`, `|`), start a statement (`;`, newlines), open a
 * directive or comment (`%%`), a markdown string (backticks) or an entity, or reach the HTML
 * label as markup (`<`, `>`, `&`).
 *
 * Anything outside a small set of plain characters becomes a Mermaid entity code (`#quot;`,
 * `#35;`), which Mermaid turns into an HTML character reference: it renders as the character and
 * is never parsed as syntax. Mermaid also rewrites `style…:…#…;` and `classDef…:…#…;` anywhere in
 * the source before parsing, so the words `style` and `classDef` are broken up the same way.
 */

/** Characters that pass as they are: letters, marks, digits, space and inert punctuation. */
const PLAIN = /[\p{L}\p{M}\p{N} .,:/_\-()+=*!?'@~→×…]/u;

/** Named codes where they read better than numbers. */
const NAMED: Record<string, string> = { '"': '#quot;', '&': '#amp;', '<': '#lt;', '>': '#gt;' };

/** Line breaks and other control or format characters (bidi overrides, zero-width...). */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;

/** Text made safe to put between the quotes of a Mermaid label (node, edge or subgraph title). */
export function escapeMermaidText(text: string): string {
  let out = '';
  for (const char of text) {
    if (INVISIBLE.test(char)) out += ' ';
    else if (PLAIN.test(char)) out += char;
    else out += NAMED[char] ?? `#${char.codePointAt(0)};`;
  }
  // Mermaid's pre-pass keys on these words (case-sensitive); an entity for the first letter defeats it.
  return out.replace(/style/g, '#115;tyle').replace(/classDef/g, '#99;lassDef');
}
