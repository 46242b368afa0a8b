/**
 * HCL text rules the converter applies: string escapes, strip markers, heredoc indentation, and
 * how syntax problems are worded.
 */

/**
 * One piece of a template as HCL's parser sees it: literal text (already unescaped; in a heredoc,
 * at most one line, as HCL's scanner cuts it) or an interpolation, with its strip markers.
 */
export type TemplateToken<T> = { literal: string } | { expr: T; stripBefore: boolean; stripAfter: boolean };

/** Whitespace as Go's unicode.IsSpace has it, which HCL's strip markers and `<<-` use (all one UTF-16 unit). */
const HCL_SPACE = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;

/** How many whitespace characters `text` starts with (a loop: a regular expression would backtrack on long runs). */
function leadingSpace(text: string): number {
  let i = 0;
  while (i < text.length && HCL_SPACE.test(text[i])) i++;
  return i;
}

function trimEnd(text: string): string {
  let end = text.length;
  while (end > 0 && HCL_SPACE.test(text[end - 1])) end--;
  return text.slice(0, end);
}

/**
 * The parts of a template, as HCL builds them (hclsyntax parser_template.go): `${~` strips the
 * whitespace that ends the literal before it and `~}` the whitespace that starts the literal
 * after it; then, for a `<<-` heredoc (`flush`), the least indentation of its lines is removed
 * from each line. Adjacent literals are joined; empty ones dropped.
 */
export function joinTemplateTokens<T>(tokens: readonly TemplateToken<T>[], flush: boolean): (string | T)[] {
  const out: TemplateToken<T>[] = tokens.map((token) => ({ ...token }));
  for (let i = 0; i < out.length; i++) {
    const token = out[i];
    if ('literal' in token) continue;
    const before = out[i - 1];
    const after = out[i + 1];
    if (token.stripBefore && before && 'literal' in before) before.literal = trimEnd(before.literal);
    if (token.stripAfter && after && 'literal' in after) after.literal = after.literal.slice(leadingSpace(after.literal));
  }
  if (flush) flushIndentation(out);
  const parts: (string | T)[] = [];
  for (const token of out) {
    if (!('literal' in token)) parts.push(token.expr);
    else if (token.literal === '') continue;
    else if (typeof parts[parts.length - 1] === 'string') parts[parts.length - 1] += token.literal;
    else parts.push(token.literal);
  }
  return parts;
}

/**
 * `<<-`: HCL counts the leading whitespace of each line's first token (a line that starts with an
 * interpolation counts none; a line of whitespace only does not count) and removes the least
 * count from every counted line.
 */
function flushIndentation<T>(tokens: TemplateToken<T>[]): void {
  let least = Infinity;
  let lineStart = true;
  const counted: { literal: string }[] = [];
  for (const token of tokens) {
    if (lineStart) {
      lineStart = false;
      if (!('literal' in token)) least = 0;
      else {
        const indent = leadingSpace(token.literal);
        if (!(indent === token.literal.length && token.literal.endsWith('\n'))) {
          least = Math.min(least, indent);
          counted.push(token);
        }
      }
    }
    if ('literal' in token && token.literal.endsWith('\n')) lineStart = true;
  }
  if (least === 0 || least === Infinity) return;
  for (const token of counted) token.literal = token.literal.slice(least);
}

/** The literal tokens of heredoc text: HCL's scanner ends one at each line break. */
export function heredocLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
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

/** Decodes HCL string escapes (`\\n`, `\\"`, `\\uNNNN`, ...) and template escapes (`$${`, `%%{`). */
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

/** Decodes a heredoc's text: HCL reads backslashes there as they are, only `$${` and `%%{` as escapes. */
export function decodeHeredocLiteral(raw: string): string {
  return raw.replace(/\$\$\{|%%\{/g, (match) => match.slice(1));
}
