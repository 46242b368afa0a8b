/**
 * ModuleSources: what the server analyses for a module directory. Open buffers win over the
 * disk; files on disk are parsed once and kept until they change; a closed module is forgotten.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { IncrementalFile } from '../../server/src/engine/syntax/incremental-file.js';
import { loadParsers } from '../../server/src/host/load-parsers.js';
import { ModuleSources } from '../../server/src/lsp/module-sources.js';

describe('ModuleSources', () => {
  it('lays open buffers over the disk, keeps parsed files, and forgets a closed module', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aks-netlint-sources-'));
    try {
      writeFileSync(join(dir, 'main.tf'), 'locals {\n  a = 1\n}\n');
      writeFileSync(join(dir, 'variables.tf'), 'variable "x" {}\n');
      writeFileSync(join(dir, 'notes.txt'), 'not terraform');
      const sources = new ModuleSources(await loadParsers());
      const buffer = { uri: 'file:///main.tf', path: join(dir, 'main.tf'), version: 3, file: new IncrementalFile(join(dir, 'main.tf'), 'locals {\n  a = 2\n}\n') };
      const first = sources.snapshot(dir, [buffer], []);
      assert.deepEqual(first.input.files.map((f) => [f.uri.slice(dir.length + 1), f.text.includes('a = 2') || f.text.includes('variable')]), [['main.tf', true], ['variables.tf', true]]);
      assert.equal(sources.cachedFiles, 1, 'only the closed file is read from disk');
      const again = sources.snapshot(dir, [buffer], []);
      assert.equal(again.fingerprint, first.fingerprint, 'nothing changed');
      assert.equal(again.input.files[1].syntax, first.input.files[1].syntax, 'the parsed file is reused');
      // Rewritten with the same size: a watcher event makes it read again.
      writeFileSync(join(dir, 'variables.tf'), 'variable "y" {}\n');
      sources.invalidate(join(dir, 'variables.tf'));
      const changed = sources.snapshot(dir, [buffer], []);
      assert.notEqual(changed.fingerprint, first.fingerprint);
      assert.match(changed.input.files[1].text, /"y"/);
      sources.forgetModule(dir);
      assert.equal(sources.cachedFiles, 0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
