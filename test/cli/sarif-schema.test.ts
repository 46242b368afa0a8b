/**
 * The SARIF output validates against the official SARIF 2.1.0 schema (vendored, draft-04).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import Ajv from 'ajv-draft-04';
import { runInProcess } from '../support/run-cli.js';

describe('SARIF output', () => {
  const schema = JSON.parse(readFileSync('test/cli/sarif-2.1.0-rtm.5.json', 'utf8'));
  // unicodeRegExp off: the schema's "language" pattern is not a valid regular expression with the u flag.
  const validate = new Ajv({ allErrors: true, strict: false, validateFormats: false, unicodeRegExp: false }).compile(schema);

  for (const module of ['cilium-calico', 'clean', 'json-module', 'syntax-error', 'suppressed']) {
    it(`validates for ${module}`, async () => {
      const { stdout } = await runInProcess([`test/fixtures/modules/${module}`, '--format', 'sarif']);
      const sarif = JSON.parse(stdout);
      const valid = validate(sarif);
      assert.ok(valid, JSON.stringify(validate.errors, null, 2));
    });
  }

  it('rejects what the schema forbids (so the check can fail)', async () => {
    const { stdout } = await runInProcess(['test/fixtures/modules/cilium-calico', '--format', 'sarif']);
    const sarif = JSON.parse(stdout);
    sarif.runs[0].results[0].level = 'fatal';
    assert.equal(validate(sarif), false);
  });

  it('describes every rule and points results at them', async () => {
    const { stdout } = await runInProcess(['test/fixtures/modules/cilium-calico', '--format', 'sarif']);
    const run = JSON.parse(stdout).runs[0];
    const ids = run.tool.driver.rules.map((r: { id: string }) => r.id);
    for (const result of run.results) assert.equal(ids[result.ruleIndex], result.ruleId);
    const fixable = run.results.find((r: { ruleId: string }) => r.ruleId === 'overlay-mode-case');
    assert.equal(fixable.fixes[0].artifactChanges[0].replacements[0].insertedContent.text, '"overlay"');
    const related = run.results.find((r: { ruleId: string }) => r.ruleId === 'cilium-requires-cilium-policy').relatedLocations;
    assert.deepEqual(
      related.map((l: { physicalLocation: { artifactLocation: { uri: string } } }) => l.physicalLocation.artifactLocation.uri),
      ['test/fixtures/modules/cilium-calico/main.tf', 'test/fixtures/modules/cilium-calico/terraform.tfvars'],
    );
  });
});
