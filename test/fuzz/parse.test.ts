/**
 * Hostile input for the syntax layer (issue 16), deterministic and bounded (about 30 s):
 *
 * - the pathological families the campaign found, at doubling sizes: the CPU time per unit of
 *   input (best of 3) at the largest size against the smallest, failing on super-linear growth;
 * - nesting 1,000 and 10,000 deep in every form: one file-not-analysed finding on that file,
 *   the module's other file still checked;
 * - truncations of every .tf / .tf.json fixture and seeded token mutations of them, through
 *   analyzeModule: no throw, no stack overflow, bounded time per input;
 * - generated templates against hcl2json: where HashiCorp's parser accepts one, the engine reads
 *   the same value (or leaves a directive unevaluated) and reads the file on after it.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse as hcl2json } from '@cdktf/hcl2json';
import { analyzeModule, type AnalysisResult } from '../../server/src/engine/analyze/analyze-module.js';
import type { HclError } from '../../server/src/engine/syntax/syntax-tree.js';
import { parseFile, type Parsers } from '../../server/src/engine/syntax/parse-file.js';
import { DEFAULT_PARSE_LIMITS } from '../../server/src/engine/syntax/parse-limits.js';
import { findAttribute, type Expr, type SyntaxFile } from '../../server/src/engine/syntax/syntax-tree.js';
import type { SourceFile } from '../../server/src/engine/terraform/module.js';
import { loadParsers } from '../../server/src/host/load-parsers.js';

/**
 * Excess over linear growth below this is noise (a collection of the big inputs, another process on
 * the two shared cores): the quadratic steps these tests guard against cost seconds at these sizes.
 */
const NOISE_MS = 250;

/** A small deterministic generator, so a failure replays. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state / 0x7fffffff;
  };
}

/** Process CPU time of `run`, in ms, best of 3 after a first run (which flattens the input string, fills caches). */
function cpuTime(run: () => void): number {
  run();
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const before = process.cpuUsage();
    run();
    const used = process.cpuUsage(before);
    best = Math.min(best, (used.user + used.system) / 1000);
  }
  return best;
}

/**
 * Times the prepared run at each size (doubling) and fails when the time per unit of input grows
 * more than 2.5-fold from the smallest size to the largest: linear work keeps it level, quadratic
 * work quadruples it over two doublings. The excess over linear must also exceed NOISE_MS: below
 * that it is a collection of the big input strings, or another process on the shared cores, not
 * the parser (a quadratic step costs seconds at these sizes).
 */
function assertLinearGrowth(family: string, sizes: number[], prepare: (size: number) => () => void): string {
  const times = sizes.map((size) => cpuTime(prepare(size)));
  const report = sizes.map((size, i) => `${size}: ${times[i].toFixed(1)} ms`).join(', ');
  // The cost per unit of input at the largest size against the smallest: linear work keeps it
  // level, quadratic work multiplies it by the size ratio (4 over two doublings). One noisy
  // measurement in between (a collection, another process) must not decide, so only the ends
  // are compared, with room for noise, and small absolute times are never a failure.
  const last = sizes.length - 1;
  const perUnitGrowth = times[last] / sizes[last] / (times[0] / sizes[0]);
  const excess = times[last] - (times[0] * sizes[last]) / sizes[0];
  assert.ok(!(perUnitGrowth > 2.5 && excess > NOISE_MS), `${family} grows super-linearly (${report})`);
  return report;
}

const MODULE = '/fuzz';
/** Parses under a budget well short of the suite's timeout, so that a regression fails instead of hanging. */
const LIMITS = { ...DEFAULT_PARSE_LIMITS, parseMs: 5_000 };

function parse(parsers: Parsers, name: string, text: string): SyntaxFile {
  const file = parseFile(`${MODULE}/${name}`, text, parsers, LIMITS);
  assert.equal(file.notAnalysed, undefined, `${name} was not analysed: ${file.notAnalysed?.reason}`);
  return file;
}

/** analyzeModule on already parsed files, with HashiCorp's errors given (to map their columns). */
function analyze(parsers: Parsers, files: SyntaxFile[], hclErrors = new Map<string, HclError[]>()): AnalysisResult {
  const sources: SourceFile[] = files.map((syntax) => ({ uri: syntax.uri, text: syntax.text, syntax }));
  return analyzeModule({ dir: MODULE, files: sources }, parsers, {}, hclErrors);
}

/**
 * The error hcl2json reports at the end of a long one-line input. Its columns count characters;
 * in these inputs every code point is one.
 */
function errorAtEnd(text: string): HclError[] {
  const columns = [...text.slice(0, text.indexOf('\n'))].length;
  return [{ message: 'Invalid expression', start: { line: 1, column: columns }, end: { line: 1, column: columns + 1 } }];
}

const cluster = (i: number, name = `aks-${i}`) => `resource "azurerm_kubernetes_cluster" "c${i}" {
  name                = "${name}"
  location            = "westeurope"
  resource_group_name = "rg"
  dns_prefix          = "aks${i}"
  default_node_pool {
    name       = "default"
    node_count = 1
    vm_size    = "Standard_D2_v2"
  }
  network_profile {
    network_plugin = "azure"
  }
}
`;

/** Families of legal (or nearly legal) HCL that took quadratic time, by what grows. */
const FAMILIES: { name: string; sizes: number[]; text: (size: number) => string; hclErrors?: boolean; parseOnly?: boolean }[] = [
  { name: 'spaces before the first attribute of an object', sizes: [400_000, 800_000, 1_600_000], text: (n) => `a = {${' '.repeat(n)}b = 1 }\n` },
  { name: 'blank lines inside an object', sizes: [100_000, 200_000, 400_000], text: (n) => `a = {${'\n'.repeat(n)}b = 1 }\n` },
  { name: 'letters after a string', sizes: [25_000, 50_000, 100_000], text: (n) => `a = "x"${'y'.repeat(n)}\n`, hclErrors: true },
  { name: 'unclosed strings after a number', sizes: [25_000, 50_000, 100_000], text: (n) => `a = 1${'"x'.repeat(n)}\n`, hclErrors: true },
  { name: 'an unterminated string', sizes: [32_000, 64_000, 128_000], text: (n) => `a = "${'x'.repeat(n)}\n`, hclErrors: true },
  { name: 'an unterminated non-ASCII string', sizes: [16_000, 32_000, 64_000], text: (n) => `a = "${'é🚀'.repeat(n / 2)}\n`, hclErrors: true },
  { name: 'a cluster name', sizes: [32_000, 64_000, 128_000], text: (n) => cluster(0, 'x'.repeat(n)) },
  { name: 'clusters in one file (parsed)', sizes: [125, 250, 500], text: (n) => Array.from({ length: n }, (_, i) => cluster(i)).join(''), parseOnly: true },
  // One top-level item repeated: its converted copies were looked up and listed in O(copies²).
  { name: 'one attribute repeated', sizes: [10_000, 20_000, 40_000], text: (n) => 'a = 1\n'.repeat(n), parseOnly: true },
];

describe('parsing hostile input', () => {
  describe('grows linearly', () => {
    for (const family of FAMILIES) {
      // A regression to quadratic time fails here rather than hanging the suite.
      it(family.name, { timeout: 60_000 }, async (t) => {
        const parsers = await loadParsers();
        const report = assertLinearGrowth(family.name, family.sizes, (size) => {
          const text = family.text(size);
          const hclErrors = family.hclErrors ? errorAtEnd(text) : [];
          return () => {
            const file = parse(parsers, 'main.tf', text);
            if (family.parseOnly) return;
            const result = analyze(parsers, [file], new Map([[file.uri, hclErrors]]));
            assert.deepEqual(result.ruleFailures, []);
          };
        });
        t.diagnostic(`CPU time by size: ${report}`);
      });
    }
  });

  describe('deep nesting gives one finding on that file', () => {
    const forms: Record<string, (n: number) => { name: string; text: string }> = {
      lists: (n) => ({ name: 'deep.tf', text: `locals {\n  a = ${'['.repeat(n)}${']'.repeat(n)}\n}\n` }),
      objects: (n) => ({ name: 'deep.tf', text: `locals {\n  a = ${'{a = '.repeat(n)}1${'}'.repeat(n)}\n}\n` }),
      calls: (n) => ({ name: 'deep.tf', text: `locals {\n  a = ${'concat('.repeat(n)}[]${')'.repeat(n)}\n}\n` }),
      'type expressions': (n) => ({ name: 'deep.tf', text: `variable "v" {\n  type = ${'list('.repeat(n)}string${')'.repeat(n)}\n}\n` }),
      blocks: (n) => ({ name: 'deep.tf', text: `${'dynamic "x" {\n'.repeat(n)}${'}\n'.repeat(n)}` }),
      parentheses: (n) => ({ name: 'deep.tf', text: `locals {\n  a = ${'('.repeat(n)}1${')'.repeat(n)}\n}\n` }),
      operators: (n) => ({ name: 'deep.tf', text: `locals {\n  a = ${'1 + '.repeat(n)}1\n}\n` }),
      conditionals: (n) => ({ name: 'deep.tf', text: `locals {\n  a = ${'true ? 1 : '.repeat(n)}1\n}\n` }),
      'Terraform JSON': (n) => ({ name: 'deep.tf.json', text: `{"locals": {"a": ${'['.repeat(n)}${']'.repeat(n)}}}` }),
      'a var file value': (n) => ({ name: 'terraform.tfvars', text: `a = ${'['.repeat(n)}${']'.repeat(n)}\n` }),
    };
    // The other file of the module: a cluster whose Basic load balancer is an error to report.
    const other = cluster(0).replace('network_plugin = "azure"', 'network_plugin    = "azure"\n    load_balancer_sku = "basic"');
    for (const [form, make] of Object.entries(forms)) {
      for (const depth of [1000, 10_000]) {
        it(`${form}, ${depth.toLocaleString('en')} deep`, async () => {
          const parsers = await loadParsers();
          const { name, text } = make(depth);
          const files = [
            { uri: `${MODULE}/${name}`, text },
            { uri: `${MODULE}/main.tf`, text: other },
          ];
          const result = analyzeModule({ dir: MODULE, files }, parsers);
          assert.deepEqual(result.ruleFailures, []);
          const onDeep = result.findings.filter((f) => f.uri === files[0].uri);
          assert.deepEqual(
            onDeep.map((f) => [f.ruleId, f.message, f.range]),
            [['file-not-analysed', 'This file was not analysed: its blocks and expressions nest deeper than 256 levels, the most aks-netlint follows. Clusters it declares are not checked.', { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }]],
          );
          assert.ok(result.findings.some((f) => f.uri === files[1].uri && f.ruleId === 'basic-lb-retired'), 'the other file is still checked');
        });
      }
    }
  });

  describe('truncated and mutated fixtures', () => {
    const fixtures = configFiles('test/fixtures');
    it('has fixtures to cut', () => assert.ok(fixtures.length > 500, `only ${fixtures.length} fixtures`));

    it('analyses every fixture cut at three seeded places per third of its length', async (t) => {
      const parsers = await loadParsers();
      const next = random(16);
      let inputs = 0;
      for (const path of fixtures) {
        const text = readFileSync(path, 'utf8');
        for (let third = 0; third < 3; third++) {
          const cut = Math.floor(((third + next()) * text.length) / 3);
          checkSurvives(parsers, path, text.slice(0, cut), `${path} cut at ${cut}`);
          inputs++;
        }
      }
      t.diagnostic(`${inputs} truncations`);
    });

    it('analyses every fixture with two seeded token mutations', async (t) => {
      const parsers = await loadParsers();
      const next = random(61);
      let inputs = 0;
      for (const path of fixtures) {
        const text = readFileSync(path, 'utf8');
        for (let i = 0; i < 2; i++) {
          const mutated = mutate(text, next);
          checkSurvives(parsers, path, mutated.text, `${path} with ${mutated.what}`);
          inputs++;
        }
      }
      t.diagnostic(`${inputs} mutations`);
    });
  });

  it('reads generated templates as hcl2json does', async (t) => {
    const parsers = await loadParsers();
    const next = random(5);
    const cases = [...Array.from({ length: 300 }, () => quotedTemplate(next)), ...Array.from({ length: 150 }, () => heredocTemplate(next))];
    let accepted = 0;
    let heredocs = 0;
    let directives = 0;
    const differences: string[] = [];
    for (const expression of cases) {
      const text = `a = ${expression}\nb = "after"\n`;
      let json: { a?: unknown };
      try {
        json = (await hcl2json('main.tf', text)) as { a?: unknown };
      } catch {
        parseFile(`${MODULE}/main.tf`, text, parsers); // HCL rejects it: the engine need only survive it
        continue;
      }
      accepted++;
      const file = parseFile(`${MODULE}/main.tf`, text, parsers);
      if (expression.startsWith('<<')) heredocs++;
      if (findAttribute(file.body, 'a')?.expr.kind === 'unsupported') directives++;
      const difference = compareTemplate(file, json.a);
      if (difference) differences.push(`${JSON.stringify(expression)}: ${difference}`);
    }
    t.diagnostic(`${cases.length} templates, ${accepted} accepted by hcl2json (${heredocs} heredocs; ${directives} with a directive, left unevaluated)`);
    assert.ok(accepted > cases.length / 3, `only ${accepted} of ${cases.length} templates are valid HCL`);
    assert.deepEqual(differences, []);
  });
});

/** Every .tf and .tf.json file under `dir`. */
function configFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...configFiles(path));
    else if (/\.tf(\.json)?$/.test(name)) out.push(path);
  }
  return out;
}

/** Per input, at most this long (a parse or a mapping gone quadratic takes seconds on a fixture). */
const INPUT_BUDGET_MS = 2_000;

/** Analyses one broken file as a module: no throw, no rule failure, in bounded time. */
function checkSurvives(parsers: Parsers, path: string, text: string, what: string): void {
  const uri = `${MODULE}/${path.split('/').pop()}`;
  const started = performance.now();
  let result: AnalysisResult;
  try {
    result = analyzeModule({ dir: MODULE, files: [{ uri, text }] }, parsers);
  } catch (error) {
    assert.fail(`${what}: ${(error as Error).stack}`);
  }
  const elapsed = performance.now() - started;
  assert.deepEqual(result.ruleFailures, [], what);
  assert.ok(elapsed < INPUT_BUDGET_MS, `${what}: took ${Math.round(elapsed)} ms`);
}

/** Tokens a mutation inserts: delimiters, template openers, heredocs, comments, long runs. */
const INSERTS = ['{', '}', '[', ']', '(', ')', '"', '${', '%{', '}', '~', '<<EOT\n', '<<-EOT\n', '\nEOT\n', '#', '/*', '*/', '\\', '=', ',', '...', '?', ':', '=>', 'for', 'in', 'if', '%{ endif }', ' '.repeat(40), '\n'.repeat(33), '%%%{', '$$${', '.', '*', '-', '!'];

/** One to three seeded token edits: delete, duplicate, swap with the next, or insert. */
function mutate(text: string, next: () => number): { text: string; what: string } {
  const tokens = text.match(/\s+|[A-Za-z_][\w-]*|\d+|\$\{|%\{|\\.|[^\s]/g) ?? [];
  const edits: string[] = [];
  for (let n = 1 + Math.floor(next() * 3); n > 0; n--) {
    const at = Math.floor(next() * tokens.length);
    const op = Math.floor(next() * 4);
    if (op === 0 && tokens.length > 0) {
      edits.push(`token ${at} deleted`);
      tokens.splice(at, 1);
    } else if (op === 1 && tokens.length > 0) {
      edits.push(`token ${at} doubled`);
      tokens.splice(at, 0, tokens[at]);
    } else if (op === 2 && at + 1 < tokens.length) {
      edits.push(`tokens ${at} and ${at + 1} swapped`);
      [tokens[at], tokens[at + 1]] = [tokens[at + 1], tokens[at]];
    } else {
      const inserted = INSERTS[Math.floor(next() * INSERTS.length)];
      edits.push(`${JSON.stringify(inserted)} inserted at token ${at}`);
      tokens.splice(at, 0, inserted);
    }
  }
  return { text: tokens.join(''), what: edits.join(', ') };
}

/** Pieces of quoted templates: text, escapes, lone `$` and `%`, interpolations with strip markers, directives. */
const QUOTED_PIECES = ['a', 'b c', ' ', '   ', '$', '%', '$$', '%%', '{', '}', '~', 'é', '🚀', '\\n', '\\"', '\\\\', '\\u00e9', '\\t',
  '${"q"}', '${ "q" }', '${~ "q"}', '${"q" ~}', '${~"q"~}', '${"a${"b"}c"}', '$${', '%%{',
  '%{ if true }', '%{ else }', '%{ endif }', '%{~ if false ~}', '%{ for v in ["q"] }', '%{ endfor }'];

function pick<T>(items: readonly T[], next: () => number): T {
  return items[Math.floor(next() * items.length)];
}

function quotedTemplate(next: () => number): string {
  const pieces = Array.from({ length: 1 + Math.floor(next() * 7) }, () => pick(QUOTED_PIECES, next));
  return `"${pieces.join('')}"`;
}

/** A heredoc of one to four lines, each indented some and made of pieces (backslashes stay text there). */
function heredocTemplate(next: () => number): string {
  const flush = next() < 0.6;
  const indent = () => pick(['', ' ', '  ', '    ', '\t'], next);
  const lines = Array.from({ length: 1 + Math.floor(next() * 4) }, () =>
    next() < 0.15 ? indent() : indent() + Array.from({ length: 1 + Math.floor(next() * 4) }, () => pick(QUOTED_PIECES, next)).join(''),
  );
  return `<<${flush ? '-' : ''}EOT\n${lines.join('\n')}\n${flush ? indent() : ''}EOT`;
}

/** How hcl2json prints a string value: `${` and `%{` escaped again. */
function hclPrinted(value: string): string {
  return value.replace(/[$%]\{/g, (opener) => `${opener[0]}${opener}`);
}

/** The string a template of literals stands for (interpolations of strings folded in), or undefined. */
function fold(expr: Expr | undefined): string | undefined {
  if (expr?.kind === 'literal') return typeof expr.value === 'string' ? expr.value : undefined;
  if (expr?.kind !== 'template') return undefined;
  let out = '';
  for (const part of expr.parts) {
    const text = typeof part === 'string' ? part : fold(part);
    if (text === undefined) return undefined;
    out += text;
  }
  return out;
}

/**
 * Where the engine reads `a` differently from hcl2json: it must report no problem, read `b`
 * after it, and fold `a` to the string hcl2json prints; a template with a directive (which
 * hcl2json prints as source) may stay unevaluated.
 */
function compareTemplate(file: SyntaxFile, json: unknown): string | undefined {
  if (file.problems.length > 0) return `engine problem: ${file.problems[0].message}`;
  const b = findAttribute(file.body, 'b')?.expr;
  if (b?.kind !== 'literal' || b.value !== 'after') return 'engine lost the attribute after the template';
  const a = findAttribute(file.body, 'a')?.expr;
  if (typeof json !== 'string') return `hcl2json read ${JSON.stringify(json)}`;
  if (a?.kind === 'unsupported') return json.includes('%{') ? undefined : `engine left it unevaluated, hcl2json read ${JSON.stringify(json)}`;
  const folded = fold(a);
  if (folded === undefined) return `engine read ${a?.kind}, hcl2json ${JSON.stringify(json)}`;
  return hclPrinted(folded) === json ? undefined : `engine ${JSON.stringify(hclPrinted(folded))}, hcl2json ${JSON.stringify(json)}`;
}
