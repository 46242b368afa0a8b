/**
 * `(until YYYY-MM-DD)` on a suppression: it suppresses through that day and not after, on the
 * date the adapter passes (the engine has no clock), and the expiry is no part of the reason.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeFiles } from '../../support/engine.js';

const module = (comment: string) => [
  { uri: '/m/versions.tf', text: 'terraform {\n  required_providers {\n    azurerm = { source = "hashicorp/azurerm", version = "~> 4.0" }\n  }\n}\n' },
  {
    uri: '/m/main.tf',
    text: `resource "azurerm_kubernetes_cluster" "aks" {\n  name = "aks"\n\n  network_profile {\n    ${comment}\n    network_plugin = "kubenet"\n  }\n}\n`,
  },
];
const findingsOn = async (comment: string, today?: string) =>
  (await analyzeFiles(module(comment), today === undefined ? {} : { today })).findings.map((f) => `${f.ruleId}@${f.range.start.line + 1}:${f.range.start.character + 1} ${f.message}`);

const IGNORE = '# aks-netlint-ignore kubenet-retiring -- migration is planned (PLAT-123) (until 2027-03-31)';

describe('suppression expiry', () => {
  it('suppresses through the date, and not the day after', async () => {
    assert.deepEqual(await findingsOn(IGNORE, '2027-03-30'), []);
    assert.deepEqual(await findingsOn(IGNORE, '2027-03-31'), []);
    const after = await findingsOn(IGNORE, '2027-04-01');
    assert.deepEqual(after.map((f) => f.split(' ')[0]), [`suppression-expired@5:${IGNORE.indexOf('(until') + 5}`, 'kubenet-retiring@6:22']);
    assert.equal(
      after[0].slice(after[0].indexOf(' ') + 1),
      'This aks-netlint-ignore comment expired on 2027-03-31: kubenet-retiring is reported again. Fix the finding, or give a new date with the reason it is still needed.',
    );
  });

  it('never expires without a date from the adapter', async () => {
    assert.deepEqual(await findingsOn(IGNORE), []);
  });

  it('expires when the check is off too, silently', async () => {
    const { findings } = await analyzeFiles(module(IGNORE), { today: '2028-01-01', rules: { 'suppression-expired': 'off' } });
    assert.deepEqual(findings.map((f) => f.ruleId), ['kubenet-retiring']);
  });

  it('is no reason: a comment with only an expiry still asks for one', async () => {
    const only = await findingsOn('# aks-netlint-ignore kubenet-retiring -- (until 2027-03-31)', '2027-01-01');
    assert.deepEqual(only.map((f) => f.split('@')[0]), ['suppression-requires-reason']);
  });

  it('keeps an invalid date suppressing, and reports it', async () => {
    const invalid = await findingsOn('# aks-netlint-ignore kubenet-retiring -- planned (until 2027-02-30)', '2030-01-01');
    assert.deepEqual(invalid.map((f) => f.split('@')[0]), ['suppression-expired']);
    assert.match(invalid[0], /"2027-02-30" is not a date: write \(until YYYY-MM-DD\)/);
  });
});
