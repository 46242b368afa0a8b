/**
 * What code scanning needs beyond the schema: partialFingerprints that follow a finding across
 * commits that do not touch it (and change when its lines do), and every rule's page as
 * help.markdown with links that work away from docs/rules/.
 */
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fingerprints } from '../../server/src/cli/formatters/sarif-fingerprint.js';
import { CHECKS } from '../../server/src/engine/analyze/checks.js';
import type { Finding } from '../../server/src/engine/analyze/findings.js';
import { REPO_ROOT, runInProcess } from '../support/run-cli.js';

interface SarifResult {
  ruleId: string;
  partialFingerprints: Record<string, string>;
  locations: { physicalLocation: { region: { startLine: number } } }[];
}

async function results(dir: string): Promise<SarifResult[]> {
  return JSON.parse((await runInProcess(['--format', 'sarif', '.'], dir)).stdout).runs[0].results;
}
const printsOf = (rs: SarifResult[]) => rs.map((r) => [r.ruleId, r.partialFingerprints['aksNetlint/v1']]);

describe('SARIF partialFingerprints', () => {
  it('stay the same when lines move or other lines change, and change with the finding\'s lines', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aks-netlint-sarif-'));
    try {
      cpSync(join(REPO_ROOT, 'test/fixtures/modules/cilium-calico'), dir, { recursive: true });
      const main = join(dir, 'main.tf');
      const before = await results(dir);
      assert.deepEqual(before.map((r) => r.ruleId), ['overlay-mode-case', 'cilium-requires-cilium-policy']);
      for (const r of before) assert.match(r.partialFingerprints['aksNetlint/v1'], /^[0-9a-f]{32}:1$/);
      assert.notEqual(before[0].partialFingerprints['aksNetlint/v1'], before[1].partialFingerprints['aksNetlint/v1']);

      // A commit above the findings: three new lines, the cluster's name changed, the finding's line re-indented.
      const text = readFileSync(main, 'utf8');
      writeFileSync(main, `# owned by the platform team\n\n\n${text.replace('network_plugin_mode = "Overlay"', 'network_plugin_mode  =   "Overlay"').replace(/name\s*=\s*"[^"]*"/, 'name = "renamed"')}`);
      const moved = await results(dir);
      assert.deepEqual(moved.map((r) => r.locations[0].physicalLocation.region.startLine), before.map((r) => r.locations[0].physicalLocation.region.startLine + 3));
      assert.deepEqual(printsOf(moved), printsOf(before));

      // The finding's own line changes: a new alert.
      writeFileSync(main, readFileSync(main, 'utf8').replace('"Overlay"', '"OVERLAY"'));
      const changed = await results(dir);
      assert.equal(changed[0].ruleId, 'overlay-mode-case');
      assert.notEqual(changed[0].partialFingerprints['aksNetlint/v1'], before[0].partialFingerprints['aksNetlint/v1']);
      assert.equal(changed[1].partialFingerprints['aksNetlint/v1'], before[1].partialFingerprints['aksNetlint/v1']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('number equal findings on equal lines of one file, and tell files apart', () => {
    const at = (uri: string, line: number): Finding =>
      ({ ruleId: 'npm-retiring', uri, message: 'm', range: { start: { line, character: 4 }, end: { line, character: 20 } } }) as unknown as Finding;
    const text = 'a {\n    network_policy = "azure"\n}\nb {\n    network_policy = "azure"\n}\n';
    const prints = fingerprints([at('/m/a.tf', 1), at('/m/a.tf', 4), at('/m/b.tf', 1)], (uri) => uri.slice(3), () => text);
    assert.equal(prints[0].replace(/:1$/, ':2'), prints[1]);
    assert.notEqual(prints[2].split(':')[0], prints[0].split(':')[0]);
    assert.match(prints[2], /:1$/);
  });
});

describe('SARIF rule help', () => {
  it('gives every rule its page as help.markdown, with absolute links, and its helpUri', async () => {
    const { stdout } = await runInProcess(['--format', 'sarif', 'test/fixtures/modules/clean']);
    const rules: { id: string; helpUri: string; help: { text: string; markdown: string } }[] = JSON.parse(stdout).runs[0].tool.driver.rules;
    assert.deepEqual(rules.map((r) => r.id), CHECKS.map((c) => c.id));
    for (const rule of rules) {
      assert.equal(rule.helpUri, `https://github.com/aks-netlint/aks-netlint/blob/main/docs/rules/${rule.id}.md`);
      const page = readFileSync(join(REPO_ROOT, 'docs/rules', `${rule.id}.md`), 'utf8');
      assert.ok(rule.help.markdown.startsWith(`# ${rule.id}\n`), rule.id);
      assert.equal(rule.help.markdown.replaceAll('https://github.com/aks-netlint/aks-netlint/blob/main/docs/rules/', ''), page.replaceAll('https://github.com/aks-netlint/aks-netlint/blob/main/docs/rules/', ''), rule.id);
      assert.doesNotMatch(rule.help.markdown, /\]\((?![a-z]+:|#)/, `${rule.id}: a relative link`);
    }
    const implicit = rules.find((r) => r.id === 'basic-lb-retired')!;
    assert.ok(implicit.help.markdown.includes('[lb-profile-requires-standard](https://github.com/aks-netlint/aks-netlint/blob/main/docs/rules/lb-profile-requires-standard.md)'));
  });
});
