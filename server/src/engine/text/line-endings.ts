/**
 * The line ending a file uses, so that text an edit inserts (a fix's attribute or block, a
 * suppression comment) ends its lines as the file's other lines end: a CRLF file (saved on
 * Windows) must not be left with a mix. The one rule for the editor, `--fix` and code actions.
 */

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

/** `\r\n` for a file whose line breaks are mostly CRLF, else `\n`. */
export function lineEndingOf(text: string): '\r\n' | '\n' {
  return usesCrlf(text) ? '\r\n' : '\n';
}
