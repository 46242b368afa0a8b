/**
 * The `source` of every `module` block of a file, found without parsing it: the language server
 * indexes a whole workspace's module calls at startup (which directory calls which), and parsing
 * every file there would cost seconds. The scan skips strings, comments and heredocs and follows
 * braces, so it finds what a parse would in well-formed files; it is only an index (which roots
 * to check a child through), and the analysis then parses for real.
 */

/** Sources of the top-level `module` blocks of an HCL (`.tf`) or JSON (`.tf.json`) file. */
export function scanModuleSources(text: string, format: 'hcl' | 'json'): string[] {
  return format === 'json' ? scanJson(text) : scanHcl(text);
}

function scanJson(text: string): string[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return [];
  }
  const modules = (json as { module?: unknown })?.module;
  const blocks = Array.isArray(modules) ? modules : [modules];
  const out: string[] = [];
  for (const block of blocks) {
    if (!block || typeof block !== 'object') continue;
    for (const body of Object.values(block)) {
      for (const item of Array.isArray(body) ? body : [body]) {
        const source = (item as { source?: unknown })?.source;
        if (typeof source === 'string') out.push(source);
      }
    }
  }
  return out;
}

/**
 * Walks the text once: at depth 0 it looks for `module "<name>" {`, at depth 1 inside such a
 * block for `source = "<literal>"`.
 */
function scanHcl(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let inModule = false;
  let i = 0;
  const n = text.length;
  /** Words of the current top-level header (`module`, `"aks"`), reset at each newline. */
  let header: string[] = [];
  while (i < n) {
    const c = text[i];
    if (c === '#' || (c === '/' && text[i + 1] === '/')) {
      while (i < n && text[i] !== '\n') i++;
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? n : end + 2;
      continue;
    }
    if (c === '<' && text[i + 1] === '<') {
      const match = /^<<-?\s*([A-Za-z_][\w-]*)[ \t]*\r?\n/.exec(text.slice(i, i + 200));
      if (match) {
        const end = new RegExp(`^[ \\t]*${match[1]}[ \\t]*$`, 'm');
        const rest = text.slice(i + match[0].length);
        const found = end.exec(rest);
        i = found ? i + match[0].length + found.index + found[0].length : n;
        continue;
      }
    }
    if (c === '"') {
      const end = stringEnd(text, i);
      if (depth === 0) header.push(text.slice(i, end));
      else if (depth === 1 && inModule) {
        // `source = "..."`: the string right after `source =` on this line.
        // `source =` starts a line or follows the brace of a one-line block: a bounded look back,
        // so a hostile line of a million strings is not rescanned for each.
        let from = i - 1;
        while (from >= 0 && i - from <= 200 && text[from] !== '\n' && text[from] !== '{') from--;
        const isSource = (from < 0 || text[from] === '\n' || text[from] === '{') && /^\s*source\s*=\s*$/.test(text.slice(from + 1, i));
        if (isSource && text[end - 1] === '"' && end - 1 > i) {
          const literal = text.slice(i + 1, end - 1);
          if (!literal.includes('${') && !literal.includes('%{')) out.push(literal.replace(/\\(.)/g, '$1'));
        }
      }
      i = end;
      continue;
    }
    if (c === '{') {
      if (depth === 0) inModule = header[0] === 'module' && header.length === 2;
      depth++;
      i++;
      continue;
    }
    if (c === '}') {
      depth = Math.max(0, depth - 1);
      if (depth === 0) {
        inModule = false;
        header = [];
      }
      i++;
      continue;
    }
    if (c === '\n' && depth === 0) header = [];
    if (depth === 0 && /[A-Za-z_]/.test(c)) {
      let j = i + 1;
      while (j < n && /[\w-]/.test(text[j])) j++;
      header.push(text.slice(i, j));
      i = j;
      continue;
    }
    i++;
  }
  return out;
}

/**
 * The index after a string's closing quote. Interpolations may hold strings of their own
 * (`"${lookup(m, "k")}"`): a stack of open interpolations, not recursion, so nesting costs no
 * call depth however deep it goes.
 */
function stringEnd(text: string, start: number): number {
  /** Per open string: how many braces of its current interpolation are open (0: in the text). */
  const strings: number[] = [0];
  let i = start + 1;
  while (i < text.length) {
    const c = text[i];
    const top = strings.length - 1;
    if (strings[top] === 0) {
      if (c === '\\') i += 2;
      else if (c === '\n') return i; // an unclosed string ends at the line
      else if ((c === '$' || c === '%') && text[i + 1] === '{') {
        strings[top] = 1;
        i += 2;
      } else if (c === '"') {
        strings.pop();
        i++;
        if (strings.length === 0) return i;
      } else i++;
      continue;
    }
    if (c === '{') strings[top]++;
    else if (c === '}') strings[top]--;
    else if (c === '"') strings.push(0);
    i++;
  }
  return text.length;
}
