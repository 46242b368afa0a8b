// Writes the generated parts of package.json (the settings, from the rule registry). Run with
// `node --import tsx scripts/update-manifest.ts`; test/meta/manifest.test.ts fails when it is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { CHECKS } from '../server/src/engine/analyze/checks.js';
import { configurationContribution } from '../server/src/protocol/manifest-settings.js';

const manifest = JSON.parse(readFileSync('package.json', 'utf8'));
manifest.contributes = { ...(manifest.contributes ?? {}), configuration: configurationContribution(CHECKS) };
writeFileSync('package.json', `${JSON.stringify(manifest, null, 2)}\n`);
console.log(`package.json: ${CHECKS.length} rule settings written`);
