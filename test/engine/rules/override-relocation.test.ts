/**
 * Every rule (not the file checks, which read files, not the merged configuration), on every
 * `.tf` rule fixture, with its AKS resources written again in an override
 * file (`<case>_override.tf`, the same text on the same lines, every other line blank): Terraform
 * merges that file into the original blocks, so each cluster is the same. The findings must be the
 * same, each placed where the merged configuration writes what it points at: in the override file
 * for an attribute or a nested block, which the override replaced, and in the original file for
 * the resource's header. Fixes insert a missing attribute of the resource into the original block
 * and change everything else in the override file. A rule or reader that places a finding with the
 * resource's file instead of the attribute's fails here.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Finding } from '../../../server/src/engine/analyze/findings.js';
import { CHECKS } from '../../../server/src/engine/analyze/checks.js';
import { RULES } from '../../../server/src/engine/rules/index.js';
import type { SyntaxBlock } from '../../../server/src/engine/syntax/syntax-tree.js';
import { containsRange, type Range } from '../../../server/src/engine/text/positions.js';
import { analyzeFiles, onlyRule } from '../../support/engine.js';
import { readAnnotations } from '../../support/annotations.js';

const ROOT = 'test/fixtures/rules';
const RULE_IDS = CHECKS.map((r) => r.id);
const AKS_TYPES = new Set(['azurerm_kubernetes_cluster', 'azurerm_kubernetes_cluster_node_pool']);
const isConfig = (name: string) => name.endsWith('.tf') && !/\.(fixed|suggest|baseline)\.tf$/.test(name);
const isInput = (name: string) => isConfig(name) || (name.endsWith('.tfvars') && !/\.(fixed|suggest)\.tfvars$/.test(name));
const overrideOf = (uri: string) => uri.replace(/\.tf$/, '_override.tf');
const show = (range: Range) => `${range.start.line + 1}:${range.start.character + 1}-${range.end.line + 1}:${range.end.character + 1}`;

/** The text with only the lines of these blocks kept, the others blank (so every range stays the same). */
function keepOnly(text: string, blocks: SyntaxBlock[]): string {
  return text
    .split('\n')
    .map((line, i) => (blocks.some((b) => b.range.start.line <= i && i <= b.range.end.line) ? line : ''))
    .join('\n');
}

for (const ruleId of readdirSync(ROOT).sort()) {
  if (!RULES.some((rule) => rule.id === ruleId)) continue;
  const dir = join(ROOT, ruleId);
  describe(`${ruleId}, its resources merged from override files`, () => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      const isCaseDir = statSync(path).isDirectory();
      if (!isCaseDir && !isConfig(name)) continue;
      if (name.endsWith('.baseline')) continue;
      const names = isCaseDir ? readdirSync(path).filter(isInput).sort() : [name];
      const base = isCaseDir ? path : dir;
      const files = names.map((n) => ({ uri: `/fixture/${n}`, text: readAnnotations(readFileSync(join(base, n), 'utf8')).text }));
      const varFiles = files.filter((f) => f.uri.endsWith('.tfvars') && !/terraform\.tfvars$|\.auto\.tfvars$/.test(f.uri)).map((f) => f.uri);
      it(name, async () => {
        const analyze = (input: typeof files) => analyzeFiles(input, onlyRule(ruleId, RULE_IDS), { varFiles });
        const original = await analyze(files);
        const aksBlocks = new Map<string, SyntaxBlock[]>();
        for (const file of files) {
          const blocks = original.module.files.get(file.uri)?.body.blocks.filter((b) => b.type === 'resource' && AKS_TYPES.has(b.labels[0]?.value ?? '')) ?? [];
          if (isConfig(file.uri) && blocks.length > 0) aksBlocks.set(file.uri, blocks);
        }
        if (aksBlocks.size === 0) return;
        const withOverrides = [...files, ...[...aksBlocks].map(([uri, blocks]) => ({ uri: overrideOf(uri), text: keepOnly(files.find((f) => f.uri === uri)!.text, blocks) }))];
        const merged = await analyze(withOverrides);

        /** Where a place of the original analysis is once the override files are merged. */
        const place = (uri: string, range: Range, edit = false) => {
          const block = aksBlocks.get(uri)?.find((b) => containsRange(b.range, range));
          if (!block || containsRange(block.headerRange, range)) return `${uri} ${show(range)}`;
          // An attribute the resource lacks is inserted before its closing brace, in the original.
          const atClosingBrace = range.start.line === block.range.end.line && range.start.character === 0;
          return `${edit && atClosingBrace ? uri : overrideOf(uri)} ${show(range)}`;
        };
        const describe = (findings: Finding[], placed: (uri: string, range: Range, edit?: boolean) => string) =>
          findings
            .map((f) =>
              [
                `${f.ruleId} ${f.messageId} at ${placed(f.uri, f.range)}`,
                ...f.related.map((r) => `  related ${placed(r.uri, r.range)}`).sort(),
                ...[...(f.fix ? [f.fix] : []), ...f.suggestions].flatMap((fix) => fix.edits.map((e) => `  edit ${placed(e.uri, e.range, true)} ${JSON.stringify(e.newText)}`)),
              ].join('\n'),
            )
            .sort();
        assert.deepEqual(
          describe(merged.findings, (uri, range) => `${uri} ${show(range)}`),
          describe(original.findings, place),
        );
      });
    }
  });
}
