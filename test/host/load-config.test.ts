/**
 * The config file is read like every user file (regular files only, capped at 1 MB) and its
 * nesting is bounded before jsonc-parser, which recurses per level, sees it: a config nested
 * 10,000 deep is a clear error, not "Maximum call stack size exceeded".
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig, MAX_CONFIG_BYTES, MAX_CONFIG_DEPTH } from '../../server/src/host/load-config.js';

function configFile(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'aks-netlint-config-')), '.aks-netlint.json');
  writeFileSync(path, text);
  return path;
}

const errorOf = (path: string, shown?: string): string => {
  try {
    loadConfig(path, shown);
  } catch (error) {
    assert.ok(error instanceof ConfigError, `not a ConfigError: ${String(error)}`);
    return error.message;
  }
  return assert.fail(`${path} loaded`);
};

describe('loadConfig', () => {
  it('refuses a config nested 10,000 deep with a clear message', () => {
    for (const open of ['[', '{"a":']) {
      const close = open === '[' ? ']' : '}';
      const path = configFile(`{"rules": ${open.repeat(10_000)}${close.repeat(10_000)}}`);
      assert.equal(errorOf(path, 'deep.json'), `deep.json: nested more than ${MAX_CONFIG_DEPTH} levels deep`);
    }
  });

  it('counts only real nesting: brackets in strings and comments do not count', () => {
    const brackets = '['.repeat(200);
    const path = configFile(`// ${brackets}\n{ "ignorePaths": ["${brackets}"], /* ${brackets} */ "rules": { "kubenet-retiring": "off" } }`);
    const config = loadConfig(path);
    assert.deepEqual(config.rules, { 'kubenet-retiring': 'off' });
    assert.deepEqual(config.ignorePaths, [brackets]);
  });

  it('accepts nesting up to the limit (and then checks the content as usual)', () => {
    const path = configFile(`{"rules": ${'['.repeat(MAX_CONFIG_DEPTH - 1)}${']'.repeat(MAX_CONFIG_DEPTH - 1)}}`);
    assert.equal(errorOf(path, 'c.json'), 'c.json: "rules" must be an object');
  });

  it('refuses a config over 1 MB and a device, naming the path as the user wrote it', () => {
    const big = configFile(`{${' '.repeat(MAX_CONFIG_BYTES)}}`);
    assert.equal(errorOf(big, 'big.json'), "cannot read config 'big.json': it is larger than 1 MB, the limit for a config file");
    assert.equal(errorOf('/dev/zero'), "cannot read config '/dev/zero': it is a character device, not a regular file");
    assert.equal(errorOf(tmpdir(), 'tmp'), "cannot read config 'tmp': it is a directory, not a regular file");
  });

  it('reads a config saved with a byte order mark', () => {
    assert.deepEqual(loadConfig(configFile('\uFEFF{ "rules": { "npm-retiring": "error" } }')).rules, { 'npm-retiring': 'error' });
  });
});
