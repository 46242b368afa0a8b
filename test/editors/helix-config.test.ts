/**
 * The README's Helix configuration is valid TOML (read by Python's tomllib, Debian's python3),
 * names the server's command as the package installs it, with --stdio, and adds it to the
 * languages Helix uses for .tf and .tfvars files. Skips with a reason where python3 has no
 * tomllib (before 3.11), except in CI, where .ci/run installs python3.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

const probe = spawnSync('python3', ['-c', 'import tomllib'], { encoding: 'utf8' });
const missing = probe.error ? 'python3 is not installed (apt-get install -y python3)' : probe.status !== 0 ? 'python3 has no tomllib (needs 3.11 or later)' : undefined;
if (missing && process.env.CI === 'true') throw new Error(`CI must run the Helix config test: ${missing}`);

/** The ```toml block of the README's Helix section. */
function helixBlock(): string {
  const readme = readFileSync('README.md', 'utf8');
  const section = readme.slice(readme.indexOf('### Helix\n'));
  const match = /```toml\n([\s\S]*?)```/.exec(section.slice(0, section.indexOf('\n### ', 1)));
  assert.ok(match, 'the README\'s Helix section has no ```toml block');
  return match[1];
}

function parseToml(text: string): unknown {
  const run = spawnSync('python3', ['-c', 'import json, sys, tomllib; print(json.dumps(tomllib.loads(sys.stdin.read())))'], { input: text, encoding: 'utf8' });
  assert.equal(run.status, 0, `not valid TOML: ${run.stderr}`);
  return JSON.parse(run.stdout);
}

interface HelixConfig {
  'language-server': Record<string, { command: string; args?: string[] }>;
  language: { name: string; 'language-servers': string[] }[];
}

describe('the documented Helix configuration', () => {
  it('is valid TOML naming the installed command and the Terraform languages', { skip: missing }, () => {
    const config = parseToml(helixBlock()) as HelixConfig;
    const server = config['language-server']['aks-netlint'];
    assert.ok(server, 'no [language-server.aks-netlint]');
    const bin = JSON.parse(readFileSync('package.json', 'utf8')).bin as Record<string, string>;
    assert.equal(bin[server.command], 'dist/server.js', `${server.command} is not the package's language server bin`);
    assert.deepEqual(server.args, ['--stdio']);
    assert.deepEqual(config.language.map((l) => l.name).sort(), ['hcl', 'tfvars']);
    for (const language of config.language) assert.ok(language['language-servers'].includes('aks-netlint'), `${language.name} does not use aks-netlint`);
  });

  it('fails on what is not TOML (so the check can fail)', { skip: missing }, () => {
    assert.throws(() => parseToml('[language-server.aks-netlint\ncommand = "x"\n'), /not valid TOML/);
  });
});
