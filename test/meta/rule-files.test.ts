/**
 * Every rule and file check has its file (named for its id), a place in the sorted registry, a
 * docs page with the required sections, and fixtures (STYLE.md §2), like ESLint's checkRuleFiles.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { CHECKS } from '../../server/src/engine/analyze/checks.js';
import { FILE_CHECKS } from '../../server/src/engine/analyze/file-checks/index.js';
import { RULES } from '../../server/src/engine/rules/index.js';
const DOC_SECTIONS = ['## Why', '## Example', '## How to fix', '## Configuration', '## Provider versions'];
/**
 * Rules about files that cannot carry annotations, internal-error (no input is meant to cause it)
 * and the "not checked" notes that only --report-unknown turns on; they are tested in test/cli/.
 */
const NO_FIXTURES = new Set(['file-not-text', 'file-too-large', 'internal-error', 'value-unknown', 'module-not-read']);

const idsIn = (dir: string, definer: string) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.ts') && f !== 'index.ts' && f !== `${definer}.ts`)
    .map((f) => f.replace(/\.ts$/, ''))
    .sort();

describe('rule files', () => {
  it('registers every rule file, sorted by id, with the file name as id', () => {
    assert.deepEqual(RULES.map((r) => r.id), idsIn('server/src/engine/rules', 'define-rule'));
  });

  it('registers every file check, sorted by id, with the file name as id', () => {
    assert.deepEqual(FILE_CHECKS.map((r) => r.id), idsIn('server/src/engine/analyze/file-checks', 'define-file-check'));
  });

  it('never gives two checks the same id', () => {
    const ids = CHECKS.map((c) => c.id);
    assert.equal(new Set(ids).size, ids.length);
    assert.ok(ids.length > RULES.length + FILE_CHECKS.length - 1);
  });

  it('uses ids of the form <subject>-<relation>-<object> in kebab-case', () => {
    for (const rule of CHECKS) assert.match(rule.id, /^[a-z0-9]+(-[a-z0-9]+)+$/, rule.id);
  });

  for (const rule of CHECKS) {
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
          .filter((f) => /\.(tf|tf\.json|tfvars)$/.test(f) && !/\.(fixed|suggest|baseline)\.(tf|tf\.json|tfvars)$/.test(f) && !/\.baseline\//.test(f))
          .map((f) => readFileSync(`${dir}/${f}`, 'utf8'));
        const annotated = (t: string) => /#\s*\^+\s+(error|warning|info)\s|#\s*@\s*\d+:\d+-\d+:\d+\s/.test(t);
        assert.ok(texts.some(annotated), `${dir} has no fixture that expects a finding`);
        assert.ok(texts.some((t) => !annotated(t)), `${dir} has no silent fixture`);
      });
    }
  }
});
