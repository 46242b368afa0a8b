/**
 * The evaluator on generated pathological modules (issue 16): reference cycles, deep nesting,
 * long chains, doubling values, huge count / for_each. Each family runs at doubling sizes through
 * analyzeModule: nothing throws, no rule fails, the module's other finding is still reported, the
 * pathological value ends as the family expects (a finding, or a "not checked" note naming the
 * cycle or the limit), and the CPU time of each size is at most GROWTH times the previous one.
 * Files are parsed before the clock starts: this measures evaluation and rules, not the parser.
 * A few families also go through the built CLI, next to another module that must still be checked.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { analyzeModule, type AnalysisResult } from '../../server/src/engine/analyze/analyze-module.js';
import { parseFile, type Parsers } from '../../server/src/engine/syntax/parse-file.js';
import type { Expr, SyntaxBody } from '../../server/src/engine/syntax/syntax-tree.js';
import type { SourceFile } from '../../server/src/engine/terraform/module.js';
import { loadParsers } from '../../server/src/host/load-parsers.js';
import { spawnCli } from '../support/run-cli.js';
import { DEEP_FAMILIES, FAMILIES, PLACEHOLDER, type ModuleFiles } from './evaluation-families.js';

/**
 * Excess over linear growth below this is noise (a collection of the big inputs, another process on
 * the two shared cores): the quadratic steps these tests guard against cost seconds at these sizes.
 */
const NOISE_MS = 250;

/** From the smallest size to the largest, the time per unit of input may grow at most this much. */
const GROWTH = 2.5;
/** Times under this many milliseconds are noise: a doubling from below it is not compared. */
const NOISE_FLOOR_MS = 30;

const DIR = '/fuzz';
const DOCKER = 'main.tf docker-bridge-cidr-removed';
const CILIUM = 'main.tf cilium-requires-cilium-policy';

const DEPTH_NOTE = /Not checked: network_policy .*: the expression is nested deeper than 200 levels/;
/** Known under 200 levels of evaluation, a note naming the limit above. */
const deeperThan200 = (note: RegExp) => (n: number) => (n >= 200 ? note : new RegExp(CILIUM));

/** How the cluster's network_policy ends, per family (and size): a finding, or a note naming why not. */
const EXPECTED: Record<string, RegExp | ((n: number) => RegExp)> = {
  'variable-default-self': /Not checked: network_policy .*: the default of var\.a refers to var\.a, and Terraform allows no references there/,
  'locals-ring': /Not checked: network_policy .*: cycle: local\.l0 → local\.l1 → .* more … → .* → local\.l0\./,
  'subnet-ring': /Not checked: network_policy .*: (cycle: (azurerm_subnet\.s\d+\.address_prefixes) → .* → \2\.|the expression is nested deeper than 200 levels)/,
  'nested-lists': new RegExp(CILIUM),
  'nested-objects': new RegExp(CILIUM),
  'nested-calls': deeperThan200(/Not checked: network_policy .*: lower\(\) depends on a value that is not known: the expression is nested deeper than 200 levels/),
  'nested-types': new RegExp(CILIUM),
  'nested-parentheses': new RegExp(CILIUM),
  'nested-operators': deeperThan200(DEPTH_NOTE),
  'nested-conditionals': deeperThan200(DEPTH_NOTE),
  'locals-chain': new RegExp(CILIUM),
  'concat-doubling': /Not checked: network_policy .*: the value holds more than 100,000 values/,
  'template-doubling': /Not checked: network_policy .*: the string is longer than 1,000,000 characters/,
  'tfvars-nested': new RegExp(CILIUM),
  'for-each-clusters': /Not checked: network_policy .*: for_each makes [\d,]+ instances, more than the 1,000 aks-netlint expands/,
  'nested-for': /Not checked: network_policy .*: evaluating this module took more than [\d,]+ steps/,
  // Read in order, each link is evaluated once from the one before: the whole chain is known.
  'subnet-chain': new RegExp(CILIUM),
  'subnet-doubling': new RegExp(CILIUM),
  'count-huge': new RegExp(CILIUM),
  'deep-lists': new RegExp(CILIUM),
  'deep-objects': new RegExp(CILIUM),
  'deep-calls': /Not checked: network_policy .*: lower\(\) depends on a value that is not known: the expression is nested deeper than 200 levels/,
  'deep-operators': /Not checked: network_policy .*: the expression is nested deeper than 200 levels/,
  'deep-conditionals': /Not checked: network_policy .*: the expression is nested deeper than 200 levels/,
  'deep-types': new RegExp(CILIUM),
  'deep-tfvars': new RegExp(CILIUM),
};

function expectedFor(family: string, n: number): RegExp {
  const expected = EXPECTED[family];
  return typeof expected === 'function' ? expected(n) : expected;
}

/** What the families cost, for the suite's report. */
const figures = { inputs: 0, crashes: 0 };
after(() => console.log(`evaluation fuzz: ${figures.inputs} inputs analysed, ${figures.crashes} crashes`));

let parsersPromise: Promise<Parsers> | undefined;
const parsers = () => (parsersPromise ??= loadParsers());

async function parseModule(files: ModuleFiles): Promise<SourceFile[]> {
  const p = await parsers();
  return Object.entries(files).map(([name, text]) => ({ uri: `${DIR}/${name}`, text, syntax: parseFile(`${DIR}/${name}`, text, p) }));
}

/** Puts `expr` where the module holds the placeholder literal (in any body, at any depth). */
function inject(files: SourceFile[], expr: Expr): void {
  let found = 0;
  for (const file of files) {
    const bodies: SyntaxBody[] = [file.syntax!.body];
    while (bodies.length > 0) {
      const body = bodies.pop()!;
      for (const attribute of body.attributes) {
        if (attribute.expr.kind === 'literal' && attribute.expr.value === PLACEHOLDER) {
          attribute.expr = { ...expr, range: attribute.expr.range } as Expr;
          found++;
        }
      }
      bodies.push(...body.blocks.map((b) => b.body));
    }
  }
  assert.equal(found, 1, 'one placeholder');
}

/** Analyses the module, best CPU time of three runs; checks what every run must show. */
async function analyse(family: string, n: number, files: SourceFile[]): Promise<number> {
  const p = await parsers();
  let best = Infinity;
  for (let run = 0; run < 3; run++) {
    figures.inputs++;
    const start = process.cpuUsage();
    let result: AnalysisResult;
    try {
      result = analyzeModule({ dir: DIR, files }, p, { reportUnknown: true });
    } catch (error) {
      figures.crashes++;
      throw new Error(`${family} at ${n}: ${(error as Error).stack}`);
    }
    const used = process.cpuUsage(start);
    best = Math.min(best, (used.user + used.system) / 1000);
    assert.deepEqual(result.ruleFailures, [], `${family} at ${n}: no rule fails`);
    const seen = result.findings.map((f) => `${f.uri.slice(DIR.length + 1)} ${f.ruleId} ${f.message}`);
    assert.ok(seen.some((f) => f.startsWith(DOCKER)), `${family} at ${n}: the module's other finding\n${seen.join('\n')}`);
    const expected = expectedFor(family, n);
    assert.ok(seen.some((f) => expected.test(f)), `${family} at ${n}: network_policy ends as ${expected}\n${seen.join('\n').slice(0, 2000)}`);
  }
  return best;
}

/**
 * Fails when the time per unit of input grows more than GROWTH-fold from the smallest size to the
 * largest: linear work keeps it level, quadratic work multiplies it by the size ratio (at least 4
 * here). Only the ends are compared, so one noisy measurement in between (a collection, another
 * process on the shared cores) cannot decide, and times under the noise floor count as the floor.
 */
function assertLinear(family: string, sizes: number[], times: number[]): void {
  const table = sizes.map((n, i) => `${n}: ${times[i].toFixed(0)} ms`).join(', ');
  const last = sizes.length - 1;
  if (last < 1) return;
  const first = Math.max(times[0], NOISE_FLOOR_MS);
  const growth = times[last] / sizes[last] / (first / sizes[0]);
  const excess = times[last] - (first * sizes[last]) / sizes[0];
  assert.ok(!(growth > GROWTH && excess > NOISE_MS), `${family}: ${table} (time per unit ×${growth.toFixed(1)} from ${sizes[0]} to ${sizes[last]})`);
}

describe('fuzz: evaluation of generated pathological modules', () => {
  for (const family of FAMILIES) {
    it(`${family.name} at ${family.sizes.join(', ')}`, async () => {
      const times: number[] = [];
      for (const n of family.sizes) times.push(await analyse(family.name, n, await parseModule(family.build(n))));
      assertLinear(family.name, family.sizes, times);
    });
  }

  for (const family of DEEP_FAMILIES) {
    it(`${family.name} (built deeper than the parser goes) at ${family.sizes.join(', ')}`, async () => {
      const times: number[] = [];
      for (const n of family.sizes) {
        const files = await parseModule(family.files);
        inject(files, family.expression(n));
        times.push(await analyse(family.name, n, files));
      }
      assertLinear(family.name, family.sizes, times);
    });
  }
});

describe('fuzz: evaluation through the CLI', () => {
  const root = mkdtempSync(join(tmpdir(), 'aks-netlint-eval-fuzz-'));
  after(() => rmSync(root, { recursive: true, force: true }));
  /** A second module in the same run: its finding must still be reported. */
  const other = join(root, 'other');
  mkdirSync(other);
  writeFileSync(join(other, 'main.tf'), 'resource "azurerm_kubernetes_cluster" "other" {\n  network_profile {\n    network_plugin = "kubenet"\n    network_policy = "azure"\n  }\n}\n');

  const cases: [string, number][] = [
    ['variable-default-self', 1],
    ['locals-ring', 2500],
    ['subnet-ring', 50],
    ['locals-chain', 10000],
    ['concat-doubling', 40],
    ['for-each-clusters', 10000],
    ['count-huge', 1],
  ];
  for (const [name, n] of cases) {
    it(`${name} at ${n}: exit 1, its findings and the other module's`, () => {
      const family = FAMILIES.find((f) => f.name === name)!;
      const dir = join(root, `${name}-${n}`);
      mkdirSync(dir);
      for (const [file, text] of Object.entries(family.build(n))) writeFileSync(join(dir, file), text);
      figures.inputs++;
      const result = spawnCli(['--report-unknown', '--format', 'json', dir, other], root);
      assert.equal(result.stderr, '', 'nothing on stderr');
      assert.equal(result.code, 1, `exit code\n${result.stdout.slice(0, 2000)}`);
      const findings = (JSON.parse(result.stdout) as { findings: { file: string; ruleId: string; message: string }[] }).findings;
      const seen = findings.map((f) => `${f.file.replace(/^.*\//, '')} ${f.ruleId} ${f.message}`);
      assert.ok(seen.some((f) => f.startsWith(DOCKER)), seen.join('\n'));
      assert.ok(seen.some((f) => expectedFor(name, n).test(f)), seen.join('\n'));
      assert.ok(findings.some((f) => f.file.includes('other') && f.ruleId === 'npm-requires-azure-cni'), `the other module is checked\n${seen.join('\n')}`);
    });
  }
});
