/**
 * HCL text rules the converter applies: string escapes, heredoc bodies, and how syntax problems
 * are worded.
 */

/** The string a heredoc without interpolation stands for: `<<-` strips the common indentation. */
export function heredocText(source: string): string {
  const lines = source.split(/\r?\n/);
  const content = lines.slice(1, -1);
  if (lines[0].startsWith('<<-')) {
    const indents = content.filter((l) => l.trim() !== '').map((l) => /^[ \t]*/.exec(l)![0].length);
    const strip = indents.length > 0 ? Math.min(...indents) : 0;
    for (let i = 0; i < content.length; i++) content[i] = content[i].slice(Math.min(strip, /^[ \t]*/.exec(content[i])![0].length));
  }
  return content.length > 0 ? `${content.join('\n')}\n` : '';
}

/** How a missing token is named in a problem message. */
export function describeToken(type: string): string {
  if (type === 'block_end') return "'}'";
  if (type === 'tuple_end') return "']'";
  if (type === 'object_end') return "'}'";
  if (type === 'quoted_template_end') return 'closing quote';
  return `'${type}'`;
}

/** A short quote of unexpected text for a problem message. */
export function describeSnippet(text: string): string {
  const firstLine = text.split(/\r?\n/)[0].trim();
  if (firstLine === '') return 'end of line';
  return `'${firstLine.length > 40 ? `${firstLine.slice(0, 40)}…` : firstLine}'`;
}

/** Decodes HCL string escapes (`\n`, `\"`, `\uNNNN`, ...) and template escapes (`$${`, `%%{`). */
export function decodeTemplateLiteral(raw: string): string {
  if (!raw.includes('\\') && !raw.includes('$${') && !raw.includes('%%{')) return raw;
  return raw.replace(/\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)|\$\$\{|%%\{/g, (match, escape: string | undefined) => {
    if (match === '$${') return '${';
    if (match === '%%{') return '%{';
    switch (escape?.[0]) {
      case 'n':
        return '\n';
      case 'r':
        return '\r';
      case 't':
        return '\t';
      case '"':
        return '"';
      case '\\':
        return '\\';
      case 'u':
      case 'U':
        return String.fromCodePoint(parseInt(escape.slice(1), 16));
      default:
        return match;
    }
  });
}
