/**
 * How package.json contributes the grammars, checked against the decisions in docs/grammar.md:
 * HashiCorp's language ids, our own scope name, the injection into both scopes, and the extension
 * folder order that lets HashiCorp's grammar win for `terraform` when both are installed.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';

const REPO_ROOT = resolve(__dirname, '../..');
const HASHICORP_SCOPE = 'source.hcl.terraform';
const OUR_SCOPE = 'source.terraform.aks-netlint';

interface Manifest {
  name: string;
  publisher: string;
  contributes: {
    languages: { id: string; extensions?: string[]; configuration?: string }[];
    grammars: { language?: string; scopeName: string; path: string; injectTo?: string[] }[];
  };
}

const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as Manifest;
const readJson = (path: string) => JSON.parse(readFileSync(join(REPO_ROOT, path), 'utf8'));

describe('grammar contribution (package.json)', () => {
  it('claims .tf and .tfvars under the language ids HashiCorp uses, so the two extensions merge', () => {
    const byExtension = new Map(manifest.contributes.languages.flatMap((l) => (l.extensions ?? []).map((e) => [e, l.id] as const)));
    assert.equal(byExtension.get('.tf'), 'terraform');
    assert.equal(byExtension.get('.tfvars'), 'terraform-vars');
    for (const language of manifest.contributes.languages) {
      assert.ok(language.configuration, `${language.id} has no language configuration`);
      readJson(language.configuration);
    }
  });

  it('points every grammar at a file with the same scopeName', () => {
    for (const grammar of manifest.contributes.grammars) {
      assert.equal(readJson(grammar.path).scopeName, grammar.scopeName, grammar.path);
    }
  });

  it('gives the full grammar its own scope, never HashiCorp\'s', () => {
    const full = manifest.contributes.grammars.filter((g) => g.language);
    assert.deepEqual(full.map((g) => [g.language, g.scopeName]), [
      ['terraform', OUR_SCOPE],
      ['terraform-vars', OUR_SCOPE],
    ]);
    // VS Code maps a scope name to one file, the last registered: reusing HashiCorp's would replace its grammar.
    for (const g of manifest.contributes.grammars) assert.ok(![HASHICORP_SCOPE, 'source.hcl'].includes(g.scopeName), g.scopeName);
  });

  it('injects the suppression comments into HashiCorp\'s scope and ours', () => {
    const injections = manifest.contributes.grammars.filter((g) => g.injectTo);
    assert.equal(injections.length, 1);
    const [injection] = injections;
    assert.deepEqual([...injection.injectTo!].sort(), [HASHICORP_SCOPE, OUR_SCOPE].sort());
    const selector: string = readJson(injection.path).injectionSelector;
    assert.equal(selector, `L:${HASHICORP_SCOPE} -comment -string, L:${OUR_SCOPE} -comment -string`);
  });

  it('sorts our extension folder before HashiCorp\'s, so its grammar wins for terraform when both are installed', () => {
    // VS Code registers user extensions in the order of their folder names (`<publisher>.<name>-<version>`)
    // and the last grammar registered for a language wins; see docs/grammar.md.
    const ours = `${manifest.publisher}.${manifest.name}-`.toLowerCase();
    assert.ok(ours < 'hashicorp.terraform-', `${ours} must sort before hashicorp.terraform-`);
  });
});
