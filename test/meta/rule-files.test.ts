/**
 * Every rule has its file (named for its id), a place in the sorted registry, a docs page with
 * the required sections, and fixtures (STYLE.md §2), like ESLint's checkRuleFiles.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { RULES } from '../../server/src/engine/rules/index.js';

const RULE_DIR = 'server/src/engine/rules';
const DOC_SECTIONS = ['## Why', '## Example', '## How to fix', '## Configuration', '## Provider versions'];
/**
 * Rules about files that cannot carry annotations, and internal-error (no input is meant to
 * cause it); they are tested in test/cli/.
 */
const NO_FIXTURES = new Set(['file-not-text', 'file-too-large', 'internal-error', 'value-unknown']);

describe('rule files', () => {
  const files = readdirSync(RULE_DIR)
    .filter((f) => f.endsWith('.ts') && f !== 'index.ts' && f !== 'define-rule.ts')
    .map((f) => f.replace(/\.ts$/, ''))
    .sort();

  it('registers every rule file, sorted by id, with the file name as id', () => {
    assert.deepEqual(RULES.map((r) => r.id), files);
  });

  it('uses ids of the form <subject>-<relation>-<object> in kebab-case', () => {
    for (const rule of RULES) assert.match(rule.id, /^[a-z0-9]+(-[a-z0-9]+)+$/, rule.id);
  });

  for (const rule of RULES) {
    it(`${rule.id} has a docs page with the required sections`, () => {
      const page = `docs/rules/${rule.id}.md`;
      assert.ok(existsSync(page), `missing ${page}`);
      const text = readFileSync(page, 'utf8');
      assert.ok(text.startsWith(`# ${rule.id}\n`), `${page} must start with "# ${rule.id}"`);
      for (const section of DOC_SECTIONS) assert.ok(text.includes(`\n${section}\n`), `${page} lacks "${section}"`);
      assert.ok(rule.docsUrl.endsWith(`/docs/rules/${rule.id}.md`));
    });

    if (!NO_FIXTURES.has(rule.id)) {
      it(`${rule.id} has a firing fixture and a silent one`, () => {
        const dir = `test/fixtures/rules/${rule.id}`;
        assert.ok(existsSync(dir), `missing ${dir}/`);
        const texts = readdirSync(dir, { recursive: true, encoding: 'utf8' })
          .filter((f) => /\.(tf|tfvars)$/.test(f) && !/\.(fixed|suggest)\.(tf|tfvars)$/.test(f))
          .map((f) => readFileSync(`${dir}/${f}`, 'utf8'));
        const annotated = (t: string) => /#\s*\^+\s+(error|warning|info)\s|#\s*@\s*\d+:\d+-\d+:\d+\s/.test(t);
        assert.ok(texts.some(annotated), `${dir} has no fixture that expects a finding`);
        assert.ok(texts.some((t) => !annotated(t)), `${dir} has no silent fixture`);
      });
    }
  }
});
