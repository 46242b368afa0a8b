// Rewrites server/src/engine/rules/index.ts from the rule files (one per id, sorted), so adding a
// rule is: write <id>.ts, run this, write its fixtures and docs page. The meta test checks it.
import { readdirSync, writeFileSync } from 'node:fs';

const dir = 'server/src/engine/rules';
const ids = readdirSync(dir)
  .filter((f) => f.endsWith('.ts') && f !== 'index.ts' && f !== 'define-rule.ts')
  .map((f) => f.slice(0, -3))
  .sort();
const camel = (id) => id.replace(/-(\w)/g, (_, c) => c.toUpperCase());
const text = [
  '/** Every rule, sorted by id. The meta test checks this list against the files and docs/rules/. */',
  ...ids.map((id) => `import ${camel(id)} from './${id}.js';`),
  "import type { Rule } from './define-rule.js';",
  '',
  'export const RULES: readonly Rule[] = [',
  ...ids.map((id) => `  ${camel(id)} as Rule,`),
  '];',
  '',
].join('\n');
writeFileSync(`${dir}/index.ts`, text);
console.log(`${ids.length} rules`);
