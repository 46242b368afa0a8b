/**
 * Text inside XML attributes and elements. Messages quote the user's values, which may hold any
 * character: the five markup characters become entities, line breaks in attributes character
 * references (so a parser keeps them), and characters XML 1.0 cannot carry at all (C0 controls
 * other than tab and line breaks, lone surrogates) U+FFFD, so the document always parses.
 */
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;', '\n': '&#10;', '\r': '&#13;', '\t': '&#9;' };

export function escapeXml(text: string): string {
  return text
    .replace(/[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
    .replace(/[&<>"'\n\r\t]/g, (c) => ENTITIES[c]);
}
