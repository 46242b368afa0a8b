/**
 * HashiCorp's parser as the oracle (DESIGN.md §4): for every well-formed HCL fixture and example,
 * every block and attribute the engine reads must be what hcl2json reads: the same blocks under the
 * same labels, the same literal values, and an expression wherever hcl2json keeps `${...}`.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse as hcl2json } from '@cdktf/hcl2json';
import { parseFile } from '../../server/src/engine/syntax/parse-file.js';
import type { Expr, SyntaxBlock, SyntaxBody } from '../../server/src/engine/syntax/syntax-tree.js';
import { loadParsers } from '../../server/src/host/load-parsers.js';

function hclFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...hclFiles(path));
    else if (/\.(tf|tfvars)$/.test(name)) out.push(path);
  }
  return out;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Compares one expression with hcl2json's value; returns a difference or undefined. */
function compareExpr(expr: Expr, json: Json, path: string): string | undefined {
  switch (expr.kind) {
    case 'literal':
      if (typeof expr.value === 'string' && typeof json === 'string' && json.includes('${') && !expr.value.includes('${')) {
        return `${path}: engine read the literal ${JSON.stringify(expr.value)}, hcl2json the template ${JSON.stringify(json)}`;
      }
      // hcl2json re-escapes a literal "${" as "$${"
      if (typeof json === 'string' && typeof expr.value === 'string' && json.replace(/\$\$\{/g, '${') === expr.value) return undefined;
      return expr.value === json ? undefined : `${path}: engine ${JSON.stringify(expr.value)}, hcl2json ${JSON.stringify(json)}`;
    case 'tuple':
      if (!Array.isArray(json) || json.length !== expr.items.length) {
        return typeof json === 'string' && json.includes('${') ? undefined : `${path}: engine a list of ${expr.items.length}, hcl2json ${JSON.stringify(json)}`;
      }
      return expr.items.map((item, i) => compareExpr(item, json[i], `${path}[${i}]`)).find(Boolean);
    case 'object':
      if (json === null || typeof json !== 'object' || Array.isArray(json)) {
        return typeof json === 'string' && json.includes('${') ? undefined : `${path}: engine an object, hcl2json ${JSON.stringify(json)}`;
      }
      for (const item of expr.items) {
        if (item.key.kind !== 'literal') continue;
        const key = String(item.key.value);
        if (!(key in json)) return `${path}: engine key ${key}, missing in hcl2json`;
        const diff = compareExpr(item.value, json[key], `${path}.${key}`);
        if (diff) return diff;
      }
      return undefined;
    case 'invalid':
      return `${path}: engine found an invalid expression where hcl2json read ${JSON.stringify(json)}`;
    default:
      // references, calls, conditionals, templates: hcl2json keeps them as "${...}" text
      return typeof json === 'string' && json.includes('${') ? undefined : `${path}: engine an expression (${expr.kind}), hcl2json ${JSON.stringify(json)}`;
  }
}

function compareBody(body: SyntaxBody, json: Record<string, Json>, path: string, diffs: string[]): void {
  for (const attribute of body.attributes) {
    if (!(attribute.name in json)) {
      diffs.push(`${path}.${attribute.name}: missing in hcl2json`);
      continue;
    }
    const diff = compareExpr(attribute.expr, json[attribute.name], `${path}.${attribute.name}`);
    if (diff) diffs.push(diff);
  }
  // Blocks of one type (and labels) form a list in hcl2json, nested once per label.
  const groups = new Map<string, SyntaxBlock[]>();
  for (const block of body.blocks) {
    const key = JSON.stringify([block.type, ...block.labels.map((l) => l.value)]);
    groups.set(key, [...(groups.get(key) ?? []), block]);
  }
  for (const [key, blocks] of groups) {
    const [type, ...labels] = JSON.parse(key) as string[];
    let node: Json | undefined = json[type];
    for (const label of labels) node = node && typeof node === 'object' && !Array.isArray(node) ? node[label] : undefined;
    const where = `${path}.${[type, ...labels].join('.')}`;
    if (!Array.isArray(node) || node.length !== blocks.length) {
      diffs.push(`${where}: engine ${blocks.length} block(s), hcl2json ${JSON.stringify(node)?.slice(0, 80)}`);
      continue;
    }
    blocks.forEach((block, i) => compareBody(block.body, node[i] as Record<string, Json>, `${where}[${i}]`, diffs));
  }
}

describe('hcl2json oracle', () => {
  const files = [...hclFiles('test/fixtures'), ...hclFiles('examples')];
  it('has well-formed files to compare', () => assert.ok(files.length > 10, `only ${files.length} files`));
  for (const path of files) {
    it(path, async () => {
      const text = readFileSync(path, 'utf8');
      const file = parseFile(path, text, await loadParsers());
      let json: Record<string, Json>;
      try {
        json = (await hcl2json(path.split('/').pop()!, text)) as Record<string, Json>;
      } catch (error) {
        // A syntax-error fixture: the engine must see a problem too.
        assert.ok(file.problems.length > 0, `hcl2json rejects it (${(error as Error).message}) but the engine found no problem`);
        return;
      }
      assert.deepEqual(file.problems, [], 'hcl2json parses it, so the engine must too');
      const diffs: string[] = [];
      compareBody(file.body, json, '', diffs);
      assert.deepEqual(diffs, []);
    });
  }
});
