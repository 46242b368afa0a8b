/**
 * The example READMEs show real output: every ```console block that runs `node dist/cli.js ...`
 * must print exactly what the block shows. `UPDATE_GOLDEN=1` rewrites the blocks.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { runInProcess } from '../support/run-cli.js';

const READMES = ['examples/README.md', ...readdirSync('examples', { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => `examples/${e.name}/README.md`)];
const BLOCK = /```console\n\$ node dist\/cli\.js ([^\n]*)\n([\s\S]*?)```/g;

describe('example READMEs', () => {
  for (const readme of READMES) {
    it(`${readme} shows what the CLI prints`, async () => {
      const text = readFileSync(readme, 'utf8');
      const blocks = [...text.matchAll(BLOCK)];
      assert.ok(blocks.length > 0, `${readme} has no console block running the CLI`);
      let updated = text;
      for (const [block, args, shown] of blocks) {
        const { stdout } = await runInProcess(args.split(' '));
        if (process.env.UPDATE_GOLDEN === '1') updated = updated.replace(block, `\`\`\`console\n$ node dist/cli.js ${args}\n${stdout}\`\`\``);
        else assert.equal(shown, stdout, `${readme}: output of "aks-netlint ${args}"`);
      }
      if (updated !== text) writeFileSync(readme, updated);
    });
  }
});
