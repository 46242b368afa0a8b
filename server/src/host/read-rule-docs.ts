/**
 * The rule pages (docs/rules/<id>.md), for SARIF's `help.markdown`: code scanning shows it beside
 * the alert. They ship beside the bundle (dist/../docs/rules), and sit at the repository root when
 * running from source; a copy without them gets undefined, and the formatter links the page.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

let docsDir: string | null | undefined;

function findDocsDir(): string | null {
  let dir = __dirname;
  for (let up = 0; up < 5; up++) {
    if (existsSync(join(dir, 'docs', 'rules', 'README.md'))) return join(dir, 'docs', 'rules');
    dir = dirname(dir);
  }
  return null;
}

/** The page of a rule, or undefined when the docs are not installed. */
export function readRuleDoc(id: string): string | undefined {
  if (docsDir === undefined) docsDir = findDocsDir();
  if (docsDir === null || !/^[a-z0-9-]+$/.test(id)) return undefined;
  try {
    return readFileSync(join(docsDir, `${id}.md`), 'utf8');
  } catch {
    return undefined;
  }
}
