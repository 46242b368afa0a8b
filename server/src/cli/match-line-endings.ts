/**
 * The engine writes the lines it inserts with `\n`; in a file whose lines end in `\r\n` (saved
 * on Windows) `--fix` must not leave a mix, so each edit's line breaks follow its file's.
 */
import type { CodeFix } from '../engine/analyze/findings.js';

/** Whether most line breaks of a text are `\r\n`. */
export function usesCrlf(text: string): boolean {
  let crlf = 0;
  let lf = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
    if (i > 0 && text.charCodeAt(i - 1) === 13) crlf++;
    else lf++;
  }
  return crlf > lf;
}

/** The fixes, with the line breaks of inserted text turned into `\r\n` in CRLF files. */
export function matchLineEndings(fixes: readonly CodeFix[], texts: ReadonlyMap<string, string>): CodeFix[] {
  const crlf = new Map<string, boolean>();
  const isCrlf = (uri: string) => {
    let known = crlf.get(uri);
    if (known === undefined) crlf.set(uri, (known = usesCrlf(texts.get(uri) ?? '')));
    return known;
  };
  return fixes.map((fix) => ({
    ...fix,
    edits: fix.edits.map((edit) => (isCrlf(edit.uri) && edit.newText.includes('\n') ? { ...edit, newText: edit.newText.replace(/\r?\n/g, '\r\n') } : edit)),
  }));
}
