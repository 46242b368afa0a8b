/**
 * The options CI scripts bring from TFLint and Trivy: --minimum-failure-severity (the exit code),
 * --enable-rule/--disable-rule, --chdir, --quiet, --format checkstyle|junit (well-formed XML,
 * every string escaped) and --no-color/NO_COLOR; the same with --plan.
 */
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { JSDOM, type XmlDocument } from 'jsdom';
import { formatCheckstyle } from '../../server/src/cli/formatters/format-checkstyle.js';
import { formatJunit } from '../../server/src/cli/formatters/format-junit.js';
import type { Finding } from '../../server/src/engine/analyze/findings.js';
import { REPO_ROOT, runInProcess, spawnCli } from '../support/run-cli.js';

const MODULES = join(REPO_ROOT, 'test/fixtures/modules');
const PLANS = join(REPO_ROOT, 'test/fixtures/plans');

/** Parses XML as a browser does; a document that is not well formed fails the test with the parser's words. */
function parseXml(text: string): XmlDocument {
  const { window } = new JSDOM('');
  const doc = new window.DOMParser().parseFromString(text, 'application/xml');
  const error = doc.getElementsByTagName('parsererror')[0];
  assert.equal(error, undefined, `not well-formed XML: ${error?.textContent}\n${text}`);
  return doc;
}

const ruleIds = (stdout: string) => (JSON.parse(stdout).findings as { ruleId: string }[]).map((f) => f.ruleId);

function withConfig(module: string, config: object): string {
  const dir = mkdtempSync(join(tmpdir(), 'aks-netlint-ci-'));
  cpSync(join(MODULES, module), dir, { recursive: true });
  writeFileSync(join(dir, '.aks-netlint.json'), JSON.stringify(config));
  return dir;
}

describe('--minimum-failure-severity', () => {
  it('sets the severity from which findings fail the run', async () => {
    // suppressed/ has two warnings and no error.
    assert.equal((await runInProcess(['test/fixtures/modules/suppressed'])).code, 0);
    assert.equal((await runInProcess(['test/fixtures/modules/suppressed', '--minimum-failure-severity', 'warning'])).code, 1);
    assert.equal((await runInProcess(['test/fixtures/modules/suppressed', '--minimum-failure-severity', 'info'])).code, 1);
    assert.equal((await runInProcess(['test/fixtures/modules/clean', '--minimum-failure-severity', 'info'])).code, 0);
    assert.equal((await runInProcess(['test/fixtures/modules/cilium-calico', '--minimum-failure-severity', 'error'])).code, 1);
  });

  it('refuses an unknown severity', async () => {
    const result = await runInProcess(['--minimum-failure-severity', 'fatal']);
    assert.equal(result.code, 2);
    assert.equal(result.stderr, "aks-netlint: unknown severity 'fatal' for --minimum-failure-severity (expected error, warning or info)\n");
  });
});

describe('--enable-rule and --disable-rule', () => {
  it('turn rules off, and back on over the config, repeatably', async () => {
    const all = await runInProcess(['--format', 'json', 'test/fixtures/modules/cilium-calico']);
    assert.deepEqual(ruleIds(all.stdout), ['overlay-mode-case', 'cilium-requires-cilium-policy']);
    const one = await runInProcess(['--format', 'json', '--disable-rule', 'overlay-mode-case', 'test/fixtures/modules/cilium-calico']);
    assert.deepEqual(ruleIds(one.stdout), ['cilium-requires-cilium-policy']);
    const none = await runInProcess(['--disable-rule', 'overlay-mode-case', '--disable-rule', 'cilium-requires-cilium-policy', 'test/fixtures/modules/cilium-calico']);
    assert.equal(none.code, 0);
    assert.equal(none.stdout, 'No problems found in 4 files.\n');

    const dir = withConfig('cilium-calico', { rules: { 'overlay-mode-case': 'off', 'cilium-requires-cilium-policy': 'warning' } });
    try {
      assert.deepEqual(ruleIds((await runInProcess(['--format', 'json', dir])).stdout), ['cilium-requires-cilium-policy']);
      const enabled = await runInProcess(['--format', 'json', '--enable-rule', 'overlay-mode-case', '--enable-rule', 'cilium-requires-cilium-policy', dir]);
      // Back at its default severity; the config's own severity for the other stays.
      assert.deepEqual(
        (JSON.parse(enabled.stdout).findings as { ruleId: string; severity: string }[]).map((f) => [f.ruleId, f.severity]),
        [['overlay-mode-case', 'error'], ['cilium-requires-cilium-policy', 'warning']],
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses an unknown rule id, and one both enabled and disabled', async () => {
    const typo = await runInProcess(['--disable-rule', 'overlay-mode-cas', 'test/fixtures/modules/clean']);
    assert.equal(typo.code, 2);
    assert.equal(typo.stderr, "aks-netlint: --disable-rule: unknown rule 'overlay-mode-cas' (the rules are listed in docs/rules/README.md)\n");
    const both = await runInProcess(['--disable-rule', 'npm-retiring', '--enable-rule', 'npm-retiring']);
    assert.equal(both.code, 2);
    assert.equal(both.stderr, "aks-netlint: rule 'npm-retiring' is both enabled and disabled\n");
  });

  it('apply with --plan', async () => {
    const plan = await runInProcess(['--format', 'json', '--plan', 'root-cluster/plan.json', 'root-cluster'], PLANS);
    assert.deepEqual(ruleIds(plan.stdout), ['cilium-policy-requires-cilium-dataplane']);
    const off = await runInProcess(['--disable-rule', 'cilium-policy-requires-cilium-dataplane', '--plan', 'root-cluster/plan.json', 'root-cluster'], PLANS);
    assert.equal(off.code, 0);
    assert.equal(off.stdout, 'No problems found in 2 files.\n');
  });
});

describe('--chdir', () => {
  it('makes paths, output paths and the config relative to the directory', async () => {
    const result = await runInProcess(['--chdir', 'test/fixtures/modules', '--quiet', 'cilium-calico']);
    assert.equal(result.code, 1);
    assert.deepEqual(result.stdout.split('\n').map((l) => l.split(' ')[0]), ['cilium-calico/main.tf:19:27', 'cilium-calico/main.tf:21:27', '']);
    const dir = withConfig('cilium-calico', { rules: { 'overlay-mode-case': 'off' } });
    try {
      const viaConfig = await runInProcess(['--chdir', dir, '--format', 'json', '--config', '.aks-netlint.json', '.'], tmpdir());
      assert.deepEqual(ruleIds(viaConfig.stdout), ['cilium-requires-cilium-policy']);
      assert.equal(JSON.parse(viaConfig.stdout).findings[0].file, 'main.tf');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('applies to --plan and its root module', async () => {
    const result = await runInProcess(['--chdir', 'test/fixtures/plans/root-cluster', '-q', '--plan', 'plan.json', '.']);
    assert.equal(result.code, 1);
    assert.match(result.stdout, /^main\.tf:\d+:\d+ error cilium-policy-requires-cilium-dataplane /);
  });

  it('refuses a directory that is not there', async () => {
    const result = await runInProcess(['--chdir', 'no/such/dir']);
    assert.equal(result.code, 2);
    assert.equal(result.stderr, "aks-netlint: --chdir: cannot read 'no/such/dir': no such directory\n");
    assert.equal((await runInProcess(['--chdir', 'README.md'])).stderr, "aks-netlint: --chdir: 'README.md' is not a directory\n");
  });
});

describe('--quiet', () => {
  it('prints the findings without the summary line, and nothing when there are none', async () => {
    const loud = await runInProcess(['test/fixtures/modules/cilium-calico']);
    const quiet = await runInProcess(['-q', 'test/fixtures/modules/cilium-calico']);
    assert.equal(quiet.code, 1);
    assert.equal(loud.stdout, `${quiet.stdout}2 problems (2 errors, 0 warnings, 0 info) in 4 files. 1 finding can be fixed with --fix.\n`);
    assert.equal((await runInProcess(['--quiet', 'test/fixtures/modules/clean'])).stdout, '');
  });
});

describe('--format checkstyle', () => {
  it('writes TFLint-style checkstyle XML that parses, one <error> per finding', async () => {
    const result = await runInProcess(['--format', 'checkstyle', 'test/fixtures/modules/cilium-calico']);
    assert.equal(result.code, 1);
    const doc = parseXml(result.stdout);
    const files = [...doc.getElementsByTagName('file')];
    assert.deepEqual(files.map((f) => f.getAttribute('name')), ['test/fixtures/modules/cilium-calico/main.tf']);
    const errors = [...doc.getElementsByTagName('error')].map((e) => [e.getAttribute('rule'), e.getAttribute('source'), e.getAttribute('line'), e.getAttribute('column'), e.getAttribute('severity')]);
    assert.deepEqual(errors, [
      ['overlay-mode-case', 'aks-netlint.overlay-mode-case', '19', '27', 'error'],
      ['cilium-requires-cilium-policy', 'aks-netlint.cilium-requires-cilium-policy', '21', '27', 'error'],
    ]);
    const first = doc.getElementsByTagName('error')[0];
    assert.match(first.getAttribute('message')!, /^network_plugin_mode "Overlay" is not accepted by azurerm 4\.x/);
    assert.equal(first.getAttribute('link'), 'https://github.com/aks-netlint/aks-netlint/blob/main/docs/rules/overlay-mode-case.md');
  });

  it('writes an empty report for a clean module', async () => {
    const result = await runInProcess(['--format', 'checkstyle', 'test/fixtures/modules/clean']);
    assert.equal(result.code, 0);
    assert.equal(parseXml(result.stdout).getElementsByTagName('file').length, 0);
  });
});

describe('--format junit', () => {
  it('writes one failed test case per finding, and a passing case for a clean run', async () => {
    const result = await runInProcess(['--format', 'junit', 'test/fixtures/modules/cilium-calico']);
    const doc = parseXml(result.stdout);
    const suite = doc.getElementsByTagName('testsuite')[0];
    assert.equal(suite.getAttribute('tests'), '2');
    assert.equal(suite.getAttribute('failures'), '2');
    const cases = [...doc.getElementsByTagName('testcase')];
    assert.deepEqual(cases.map((c) => [c.getAttribute('classname'), c.getAttribute('name'), c.getElementsByTagName('failure')[0]?.getAttribute('type')]), [
      ['test/fixtures/modules/cilium-calico/main.tf', 'overlay-mode-case at test/fixtures/modules/cilium-calico/main.tf:19:27', 'error'],
      ['test/fixtures/modules/cilium-calico/main.tf', 'cilium-requires-cilium-policy at test/fixtures/modules/cilium-calico/main.tf:21:27', 'error'],
    ]);
    const clean = parseXml((await runInProcess(['--format', 'junit', 'test/fixtures/modules/clean'])).stdout);
    assert.equal(clean.getElementsByTagName('testsuite')[0].getAttribute('failures'), '0');
    assert.deepEqual([...clean.getElementsByTagName('testcase')].map((c) => [c.getAttribute('name'), c.getElementsByTagName('failure').length]), [['2 files checked', 0]]);
  });
});

describe('XML escaping', () => {
  // A message quoting a hostile value: markup, quotes, a line break, a tab, a control character and
  // a lone surrogate, none of which may break the document.
  const message = `value "a<b>&c'd" \n\tx\x01y\uD800z ]]> 🚀`;
  const finding: Finding = {
    ruleId: 'value-not-allowed',
    severity: 'warning',
    message,
    uri: join(REPO_ROOT, 'a&b <c>.tf'),
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
    docsUrl: 'https://example.com/?a=1&b=2',
    related: [],
  } as unknown as Finding;
  const expected = `value "a<b>&c'd" \n\tx\uFFFDy\uFFFDz ]]> 🚀`;

  it('round-trips every string through checkstyle', () => {
    const doc = parseXml(formatCheckstyle({ findings: [finding], fileCount: 1, cwd: REPO_ROOT }));
    const error = doc.getElementsByTagName('error')[0];
    assert.equal(error.getAttribute('message'), expected);
    assert.equal(error.getAttribute('link'), 'https://example.com/?a=1&b=2');
    assert.equal(doc.getElementsByTagName('file')[0].getAttribute('name'), 'a&b <c>.tf');
  });

  it('round-trips every string through JUnit', () => {
    const doc = parseXml(formatJunit({ findings: [finding], fileCount: 1, cwd: REPO_ROOT }));
    const failure = doc.getElementsByTagName('failure')[0];
    assert.equal(failure.getAttribute('message'), expected);
    assert.equal(failure.textContent, `a&b <c>.tf:1:1 warning value-not-allowed: ${expected}\nhttps://example.com/?a=1&b=2`);
    assert.equal(doc.getElementsByTagName('testcase')[0].getAttribute('classname'), 'a&b <c>.tf');
  });
});

describe('colour', () => {
  it('is off with --no-color or NO_COLOR, on with --color, in the built CLI', () => {
    const args = ['test/fixtures/modules/cilium-calico'];
    assert.doesNotMatch(spawnCli(args, REPO_ROOT, { NO_COLOR: '1' }).stdout, /\x1b\[/);
    assert.doesNotMatch(spawnCli(['--no-color', ...args], REPO_ROOT, { NO_COLOR: '' }).stdout, /\x1b\[/);
    assert.match(spawnCli(['--color', ...args], REPO_ROOT, { NO_COLOR: '' }).stdout, /\x1b\[31merror\x1b\[0m/);
    // Every command takes them, so a script can pass --no-color everywhere.
    const diagram = spawnCli(['diagram', '--no-color', 'test/fixtures/modules/clean']);
    assert.equal(diagram.code, 0, diagram.stderr);
    assert.doesNotMatch(diagram.stdout, /\x1b\[/);
  });

  it('is off in-process without a terminal, and with NO_COLOR on one', async () => {
    assert.doesNotMatch((await runInProcess(['test/fixtures/modules/cilium-calico'], REPO_ROOT, { isTty: true, env: { NO_COLOR: '1' } })).stdout, /\x1b\[/);
    assert.match((await runInProcess(['test/fixtures/modules/cilium-calico'], REPO_ROOT, { isTty: true, env: {} })).stdout, /\x1b\[/);
    assert.doesNotMatch((await runInProcess(['--no-color', 'test/fixtures/modules/cilium-calico'], REPO_ROOT, { isTty: true, env: {} })).stdout, /\x1b\[/);
  });
});
