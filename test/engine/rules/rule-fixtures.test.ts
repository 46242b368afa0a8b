/**
 * Every rule against its fixtures (test/fixtures/rules/<rule-id>/): each `<case>.tf` (or
 * `<case>.tf.json`, whose annotation lines are removed before it is parsed as JSON) is a one-file
 * module, each `<case>/` directory a multi-file module; its subdirectories are modules it calls
 * (`source = "./modules/aks"`), checked through the module tree, with annotations in any file. The exact set of findings of that
 * rule must match the caret annotations; when a case annotates any `related` location, the exact
 * set of related locations must match too. `<case>.fixed.tf` is the text after all safe fixes
 * (in a directory: `main.fixed.tf`, `terraform.fixed.tfvars`, ... for each file that changes)
 * and must be a fixed point; `<case>.suggest.tf` (`main.suggest.tf`, ...) the text after the
 * first suggestion of each finding. Every fixed and suggested result is analysed again for
 * overlaps: in the fixtures of the overlap rules it must hold none (a range the engine proposes
 * is checked free by the engine itself); in the others, none the input did not already have (a
 * fix never creates an overlap). The suggestions of the overlap rules are applied and checked
 * that way even where no `.suggest.tf` is written. Fixtures are checked as on FIXTURE_TODAY.
 * A case with a baseline (`<case>.baseline.tf`, or a directory `<case>.baseline/`) is checked as a
 * change from it: the baseline is the same module as it was at "HEAD (0c0ffee)".
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { applyFixes, chooseSafeFixes } from '../../../server/src/engine/analyze/apply-fixes.js';
import type { AnalysisSettings } from '../../../server/src/engine/analyze/analyze-module.js';
import type { CodeFix, Finding } from '../../../server/src/engine/analyze/findings.js';
import { CHECKS } from '../../../server/src/engine/analyze/checks.js';
import type { SourceFile } from '../../../server/src/engine/terraform/module.js';
import { analyzeFiles, onlyRule } from '../../support/engine.js';
import { annotate, asExpectations, readAnnotations, relatedExpectations, sortExpectations, uniqueExpectations } from '../../support/annotations.js';

const ROOT = 'test/fixtures/rules';
const RULE_IDS = CHECKS.map((r) => r.id);
const isInput = (name: string) => /\.(tf|tf\.json|tfvars)$/.test(name) && !/\.(fixed|suggest|baseline)\.(tf|tf\.json|tfvars)$/.test(name);
/** `main.tf` → `main.baseline.tf`; a case directory `x` → `x.baseline`. */
const baselineName = (name: string, isCaseDir: boolean) => (isCaseDir ? `${name}.baseline` : name.replace(/\.(tf\.json|tf)$/, '.baseline.$1'));
/** `main.tf` → `main.fixed.tf`, `main.tf.json` → `main.fixed.tf.json`, `terraform.tfvars` → `terraform.fixed.tfvars`. */
const expectedName = (name: string, kind: 'fixed' | 'suggest') => name.replace(/\.(tf\.json|tf|tfvars)$/, `.${kind}.$1`);
const nameOf = (uri: string) => uri.slice('/fixture/'.length);

/** The day fixtures are checked on, so that `(until <date>)` in a suppression expires or not for good. */
const FIXTURE_TODAY = '2027-01-15';

/** The rules whose findings a proposed range must not cause. */
const OVERLAP_RULES = ['service-cidr-overlaps-subnet', 'service-cidr-overlaps-network', 'pod-cidr-overlaps-network', 'reserved-range'];
const overlapSettings: AnalysisSettings = { rules: Object.fromEntries(RULE_IDS.filter((id) => !OVERLAP_RULES.includes(id)).map((id) => [id, 'off'])) };

for (const ruleId of readdirSync(ROOT).sort()) {
  describe(ruleId, () => {
    it('is a rule', () => assert.ok(RULE_IDS.includes(ruleId), `test/fixtures/rules/${ruleId} has no rule`));
    const dir = join(ROOT, ruleId);
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      const isCaseDir = statSync(path).isDirectory();
      if (!isCaseDir && !isInput(name)) continue;
      if (isCaseDir && name.endsWith('.baseline')) continue;
      it(name, async () => {
        const names = isCaseDir ? inputsUnder(path) : [name];
        const base = isCaseDir ? path : dir;
        const annotated = names.map((n) => ({ uri: `/fixture/${n}`, ...readAnnotations(readFileSync(join(base, n), 'utf8')) }));
        const files = annotated.map(({ uri, text }) => ({ uri, text }));
        const varFiles = files.filter((f) => f.uri.endsWith('.tfvars') && !/terraform\.tfvars$|\.auto\.tfvars$/.test(f.uri)).map((f) => f.uri);
        const settings: AnalysisSettings = { ...onlyRule(ruleId, RULE_IDS), today: FIXTURE_TODAY };
        const baselinePath = join(dir, baselineName(name, isCaseDir));
        const baseline = existsSync(baselinePath)
          ? isCaseDir
            ? inputsUnder(baselinePath).map((n) => ({ uri: `/fixture/${n}`, text: readAnnotations(readFileSync(join(baselinePath, n), 'utf8')).text }))
            : [{ uri: `/fixture/${name}`, text: readAnnotations(readFileSync(baselinePath, 'utf8')).text }]
          : undefined;
        const analyze = (input: SourceFile[], ruleSettings = settings) => analyzeFiles(input, ruleSettings, { varFiles, ...(baseline ? { baseline } : {}) });
        const result = await analyze(files);
        assert.deepEqual(result.ruleFailures, []);
        if (ruleId !== 'hcl-syntax') {
          // A broken fixture would be analysed partly and could pass by accident.
          const broken = [...result.module.files.values()].filter((f) => f.problems.length > 0).map((f) => `${f.uri}: ${f.problems[0].message}`);
          assert.deepEqual(broken, [], 'fixtures of other rules must be valid HCL');
        }
        const checksRelated = annotated.some((file) => file.related.length > 0);
        for (const file of annotated) {
          const actual = result.findings.filter((f) => f.uri === file.uri);
          const actualRelated = relatedExpectations(result.findings, file.uri);
          assert.deepEqual(
            asExpectations(actual),
            sortExpectations(file.expected),
            `findings of ${ruleId} in ${nameOf(file.uri)} differ; actual:\n${annotate(file.text, actual, checksRelated ? actualRelated : [])}`,
          );
          if (checksRelated) {
            assert.deepEqual(
              actualRelated,
              uniqueExpectations(file.related),
              `related locations of ${ruleId} in ${nameOf(file.uri)} differ; actual:\n${annotate(file.text, actual, actualRelated)}`,
            );
          }
        }

        const texts = new Map(files.map((f) => [f.uri, f.text]));
        const isOverlapRule = OVERLAP_RULES.includes(ruleId);
        const overlapsBefore = describeFindings((await analyze(files, overlapSettings)).findings);
        /** No overlap at all (`strict`), or none the input did not have. */
        const assertNoNewOverlaps = async (result: ReadonlyMap<string, string>, what: string, strict = isOverlapRule) => {
          const after = describeFindings((await analyze(toFiles(result), overlapSettings)).findings);
          assert.deepEqual(strict ? after : after.filter((f) => !overlapsBefore.includes(f)), [], `${what} overlaps`);
        };
        const expectedTextPath = (uri: string, kind: 'fixed' | 'suggest') => join(base, expectedName(isCaseDir ? nameOf(uri) : name, kind));
        const hasExpected = (kind: 'fixed' | 'suggest') => files.some((f) => existsSync(expectedTextPath(f.uri, kind)));

        // Safe fixes, applied until nothing changes.
        if (hasExpected('fixed')) {
          const fixed = await fixUntilStable(texts, (input) => analyze(input));
          assertTexts(fixed, texts, (uri) => expectedTextPath(uri, 'fixed'), 'fixed');
          const again = await analyze(toFiles(fixed));
          assert.deepEqual(again.findings.filter((f) => f.fix), [], 'fixes are not idempotent: the fixed text still has fixes');
          await assertNoNewOverlaps(fixed, 'the fixed text');
        } else {
          assert.deepEqual(chooseSafeFixes(result.findings), [], `${name} has safe fixes but no .fixed.tf`);
        }

        // The first suggestion of each finding. A range an overlap rule proposes is checked even
        // without an expected text: it must add no overlap.
        const firstSuggestions = result.findings.flatMap((f) => (f.suggestions[0] ? [f.suggestions[0]] : []));
        const suggested = new Map([...texts, ...applyFixes(texts, chooseNonOverlapping(firstSuggestions))]);
        if (hasExpected('suggest')) {
          assertTexts(suggested, texts, (uri) => expectedTextPath(uri, 'suggest'), 'suggest');
          await assertNoNewOverlaps(suggested, 'the suggested text');
        } else if (isOverlapRule && firstSuggestions.length > 0) {
          await assertNoNewOverlaps(suggested, 'the suggested text', false);
        }
      });
    }
  });
}

/** The input files of a case directory, subdirectories (called modules) included, as relative paths. */
function inputsUnder(dir: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(dir, prefix), { withFileTypes: true })) {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...inputsUnder(dir, relative));
    else if (isInput(entry.name)) out.push(relative);
  }
  return out.sort();
}

/** Each changed file equals its expected file, and a file that did not change has none. */
function assertTexts(result: ReadonlyMap<string, string>, original: ReadonlyMap<string, string>, expectedPath: (uri: string) => string, kind: string): void {
  for (const [uri, text] of result) {
    const path = expectedPath(uri);
    if (text === original.get(uri)) {
      assert.ok(!existsSync(path), `${nameOf(uri)} does not change, but ${path} exists`);
      continue;
    }
    assert.ok(existsSync(path), `${nameOf(uri)} changes (${kind}) but ${path} does not exist; it would be:\n${text}`);
    assert.equal(text, readFileSync(path, 'utf8'), `${path} differs`);
  }
}

/** Findings as text without positions, which an edit above them shifts. */
const describeFindings = (findings: readonly Finding[]) => findings.map((f) => `${nameOf(f.uri)} ${f.ruleId}: ${f.message}`);

const toFiles = (texts: ReadonlyMap<string, string>): SourceFile[] => [...texts].map(([uri, text]) => ({ uri, text }));

async function fixUntilStable(texts: ReadonlyMap<string, string>, analyze: (files: SourceFile[]) => Promise<{ findings: Finding[] }>): Promise<Map<string, string>> {
  let current = new Map(texts);
  for (let pass = 0; pass < 10; pass++) {
    const result = await analyze(toFiles(current));
    const changed = applyFixes(current, chooseSafeFixes(result.findings));
    if (changed.size === 0) return current;
    current = new Map([...current, ...changed]);
  }
  throw new Error('fixes did not settle in 10 passes');
}

function chooseNonOverlapping(fixes: CodeFix[]): CodeFix[] {
  return chooseSafeFixes(fixes.map((fix) => ({ fix }) as never));
}
