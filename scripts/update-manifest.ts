// Writes the generated parts of package.json (the settings, from the rule registry). Run with
// `node --import tsx scripts/update-manifest.ts`; test/meta/manifest.test.ts fails when it is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { RULES } from '../server/src/engine/rules/index.js';
import { configurationContribution } from '../server/src/protocol/manifest-settings.js';

const manifest = JSON.parse(readFileSync('package.json', 'utf8'));
manifest.contributes = { ...(manifest.contributes ?? {}), configuration: configurationContribution(RULES) };
writeFileSync('package.json', `${JSON.stringify(manifest, null, 2)}\n`);
console.log(`package.json: ${RULES.length} rule settings written`);
