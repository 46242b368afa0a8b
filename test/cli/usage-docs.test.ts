/** `--help` and the README's command-line section name every option of the check, and no other. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { USAGE } from '../../server/src/cli/parse-args.js';

const longOptions = (text: string) => new Set([...text.matchAll(/(?<![\w-])--([a-z][a-z-]+)/g)].map((m) => m[1]));

describe('CLI documentation', () => {
  it('lists every option of --help in the README\'s command-line section', () => {
    const readme = readFileSync('README.md', 'utf8');
    const section = readme.slice(readme.indexOf('## The command line'), readme.indexOf('\n## ', readme.indexOf('## The command line') + 1));
    const documented = longOptions(section);
    const missing = [...longOptions(USAGE)].filter((o) => !documented.has(o) && !['help', 'version', 'debug'].includes(o));
    assert.deepEqual(missing, []);
    for (const option of ['minimum-failure-severity', 'enable-rule', 'disable-rule', 'chdir', 'quiet', 'no-color']) assert.ok(longOptions(USAGE).has(option), `--help lacks --${option}`);
    assert.match(USAGE, /text, json, sarif, checkstyle or junit/);
  });
});
