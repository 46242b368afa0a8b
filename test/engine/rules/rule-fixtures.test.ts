/**
 * Every rule against its fixtures (test/fixtures/rules/<rule-id>/): each `<case>.tf` is a
 * one-file module, each `<case>/` directory a multi-file module. The exact set of findings of that
 * rule must match the caret annotations; `<case>.fixed.tf` is the text after all safe fixes (and
 * must be a fixed point), `<case>.suggest.tf` the text after the first suggestion of each finding.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { applyFixes, chooseSafeFixes } from '../../../server/src/engine/analyze/apply-fixes.js';
import type { CodeFix } from '../../../server/src/engine/analyze/findings.js';
import { RULES } from '../../../server/src/engine/rules/index.js';
import { analyzeFiles, onlyRule } from '../../support/engine.js';
import { annotate, asExpectations, readAnnotations, sortExpectations } from '../../support/annotations.js';

const ROOT = 'test/fixtures/rules';
const RULE_IDS = RULES.map((r) => r.id);
const isInput = (name: string) => /\.(tf|tfvars)$/.test(name) && !/\.(fixed|suggest)\.tf$/.test(name);

for (const ruleId of readdirSync(ROOT).sort()) {
  describe(ruleId, () => {
    it('is a rule', () => assert.ok(RULE_IDS.includes(ruleId), `test/fixtures/rules/${ruleId} has no rule`));
    const dir = join(ROOT, ruleId);
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      const isCaseDir = statSync(path).isDirectory();
      if (!isCaseDir && !isInput(name)) continue;
      it(name, async () => {
        const names = isCaseDir ? readdirSync(path).filter(isInput).sort() : [name];
        const base = isCaseDir ? path : dir;
        const annotated = names.map((n) => ({ uri: `/fixture/${n}`, ...readAnnotations(readFileSync(join(base, n), 'utf8')) }));
        const files = annotated.map(({ uri, text }) => ({ uri, text }));
        const varFiles = files.filter((f) => f.uri.endsWith('.tfvars') && !/terraform\.tfvars$|\.auto\.tfvars$/.test(f.uri)).map((f) => f.uri);
        const settings = onlyRule(ruleId, RULE_IDS);
        const result = await analyzeFiles(files, settings, { varFiles });
        assert.deepEqual(result.ruleFailures, []);
        if (ruleId !== 'hcl-syntax') {
          // A broken fixture would be analysed partly and could pass by accident.
          const broken = [...result.model.module.files.values()].filter((f) => f.problems.length > 0).map((f) => `${f.uri}: ${f.problems[0].message}`);
          assert.deepEqual(broken, [], 'fixtures of other rules must be valid HCL');
        }
        for (const file of annotated) {
          const actual = result.findings.filter((f) => f.uri === file.uri);
          assert.deepEqual(
            asExpectations(actual),
            sortExpectations(file.expected),
            `findings of ${ruleId} in ${file.uri.slice(9)} differ; actual:\n${annotate(file.text, actual)}`,
          );
        }
        if (!isCaseDir) {
          const stem = name.replace(/\.tf$/, '');
          const texts = new Map(files.map((f) => [f.uri, f.text]));
          const fixedPath = join(dir, `${stem}.fixed.tf`);
          const fixes = chooseSafeFixes(result.findings);
          if (existsSync(fixedPath)) {
            const fixed = await fixUntilStable(files[0].uri, files[0].text, settings);
            assert.equal(fixed, readFileSync(fixedPath, 'utf8'), `${stem}.fixed.tf differs`);
            const again = await analyzeFiles([{ uri: files[0].uri, text: fixed }], settings);
            assert.deepEqual(again.findings.filter((f) => f.fix), [], 'fixes are not idempotent: the fixed text still has fixes');
          } else {
            assert.deepEqual(fixes, [], `${name} has safe fixes but no ${stem}.fixed.tf`);
          }
          const suggestPath = join(dir, `${stem}.suggest.tf`);
          const firstSuggestions = result.findings.flatMap((f) => (f.suggestions[0] ? [f.suggestions[0]] : []));
          if (existsSync(suggestPath)) {
            const suggested = applyFixes(texts, chooseNonOverlapping(firstSuggestions)).get(files[0].uri) ?? files[0].text;
            assert.equal(suggested, readFileSync(suggestPath, 'utf8'), `${stem}.suggest.tf differs`);
          }
        }
      });
    }
  });
}

async function fixUntilStable(uri: string, text: string, settings: ReturnType<typeof onlyRule>): Promise<string> {
  let current = text;
  for (let pass = 0; pass < 10; pass++) {
    const result = await analyzeFiles([{ uri, text: current }], settings);
    const next = applyFixes(new Map([[uri, current]]), chooseSafeFixes(result.findings)).get(uri);
    if (next === undefined) return current;
    current = next;
  }
  throw new Error('fixes did not settle in 10 passes');
}

function chooseNonOverlapping(fixes: CodeFix[]): CodeFix[] {
  return chooseSafeFixes(fixes.map((fix) => ({ fix }) as never));
}
