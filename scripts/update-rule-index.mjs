// Rewrites server/src/engine/rules/index.ts and server/src/engine/analyze/file-checks/index.ts from
// their files (one per id, sorted), so adding a rule is: write <id>.ts, run this, write its
// fixtures and docs page. The meta test checks both lists.
import { readdirSync, writeFileSync } from 'node:fs';

const camel = (id) => id.replace(/-(\w)/g, (_, c) => c.toUpperCase());

function writeIndex({ dir, definer, type, list, what }) {
  const ids = readdirSync(dir)
    .filter((f) => f.endsWith('.ts') && f !== 'index.ts' && f !== `${definer}.ts`)
    .map((f) => f.slice(0, -3))
    .sort();
  const text = [
    `/** Every ${what}, sorted by id. The meta test checks this list against the files and docs/rules/. */`,
    `import type { ${type} } from './${definer}.js';`,
    ...ids.map((id) => `import ${camel(id)} from './${id}.js';`),
    '',
    `export const ${list}: readonly ${type}[] = [`,
    ...ids.map((id) => `  ${camel(id)} as ${type},`),
    '];',
    '',
  ].join('\n');
  writeFileSync(`${dir}/index.ts`, text);
  console.log(`${dir}: ${ids.length} ${what}s`);
}

writeIndex({ dir: 'server/src/engine/rules', definer: 'define-rule', type: 'Rule', list: 'RULES', what: 'rule' });
writeIndex({ dir: 'server/src/engine/analyze/file-checks', definer: 'define-file-check', type: 'FileCheck', list: 'FILE_CHECKS', what: 'file check' });
