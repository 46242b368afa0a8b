/**
 * Where `--fix` may write and how: only inside the checked directories (through a symlink only
 * when its target is inside too), only when the file still holds what was analysed, keeping a
 * BOM and the mode, and by renaming a new file over the old one.
 */
import assert from 'node:assert/strict';
import { closeSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, readSync, realpathSync, statSync, symlinkSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { replaceFileText, resolveWriteTarget } from '../../server/src/host/write-fixed-file.js';
import { writeFileAtomically } from '../../server/src/host/write-file-atomically.js';

const tempDir = () => realpathSync(mkdtempSync(join(tmpdir(), 'aks-netlint-write-')));

describe('resolveWriteTarget', () => {
  it('allows files inside the roots, and symlinks whose target is inside', () => {
    const root = tempDir();
    mkdirSync(join(root, 'app'));
    writeFileSync(join(root, 'app', 'main.tf'), '');
    writeFileSync(join(root, 'shared.tf'), '');
    symlinkSync('../shared.tf', join(root, 'app', 'link.tf'));
    assert.deepEqual(resolveWriteTarget(join(root, 'app', 'main.tf'), [root]), { target: join(root, 'app', 'main.tf') });
    assert.deepEqual(resolveWriteTarget(join(root, 'app', 'link.tf'), [root]), { target: join(root, 'shared.tf') });
    assert.deepEqual(resolveWriteTarget(join(root, 'app', 'link.tf'), [join(root, 'app')]), {
      refused: `it links to ${join(root, 'shared.tf')}, outside the paths being checked`,
    });
  });

  it('refuses files outside the roots, dangling symlinks and a root that is only a name prefix', () => {
    const root = tempDir();
    const sibling = `${root}-other`;
    mkdirSync(sibling);
    writeFileSync(join(sibling, 'main.tf'), '');
    assert.deepEqual(resolveWriteTarget(join(sibling, 'main.tf'), [root]), { refused: 'it is outside the paths being checked' });
    symlinkSync(join(root, 'gone.tf'), join(root, 'dangling.tf'));
    assert.deepEqual(resolveWriteTarget(join(root, 'dangling.tf'), [root]), { refused: 'no such file or directory' });
  });
});

describe('replaceFileText', () => {
  it('keeps a BOM and the mode, and refuses a file that changed since it was analysed', () => {
    const dir = tempDir();
    const path = join(dir, 'main.tf');
    writeFileSync(path, '\uFEFFa = 1\r\n');
    chmodSync(path, 0o600);
    assert.deepEqual(replaceFileText(path, 'a = 2\r\n', 'a = 3\r\n'), { refused: 'it changed since aks-netlint read it' });
    assert.deepEqual(readFileSync(path), Buffer.from('\uFEFFa = 1\r\n'));
    assert.deepEqual(replaceFileText(path, 'a = 1\r\n', 'a = 3\r\n'), { written: true });
    assert.deepEqual(readFileSync(path), Buffer.from('\uFEFFa = 3\r\n'));
    assert.equal(statSync(path).mode & 0o777, 0o600);
  });
});

describe('writeFileAtomically', () => {
  it('renames a new file over the old one: a reader of the old file still sees it whole', () => {
    const dir = tempDir();
    const path = join(dir, 'main.tf');
    writeFileSync(path, 'old contents\n');
    const reader = openSync(path, 'r');
    try {
      writeFileAtomically(path, Buffer.from('new\n'));
      const buffer = Buffer.alloc(64);
      assert.equal(buffer.subarray(0, readSync(reader, buffer, 0, 64, 0)).toString(), 'old contents\n');
    } finally {
      closeSync(reader);
    }
    assert.equal(readFileSync(path, 'utf8'), 'new\n');
    assert.deepEqual(readdirSync(dir), ['main.tf']);
  });
});
