/**
 * Escaping for the user's text in markdown (hovers, the packet-flow document's headings and table
 * cells): it must stay text in any CommonMark/GFM renderer, never become a link, an image, raw
 * HTML, code, math or a table cell break, and never span lines.
 */

/** Characters with a meaning inside a markdown line, escaped with a backslash. */
const INLINE_MARKUP = /[\\`*_[\]|~$!#]/g;

/** Text made safe for one markdown line (heading or table cell). */
export function escapeMarkdownText(text: string): string {
  return text
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, ' ')
    .replace(INLINE_MARKUP, (char) => `\\${char}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}
