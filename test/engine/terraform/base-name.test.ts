/**
 * baseName names files in messages and decides their role (fileRole): it must take any file
 * system name, including one with a '%' that is no URI escape.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileRole } from '../../../server/src/engine/terraform/module.js';
import { baseName } from '../../../server/src/engine/terraform/values.js';

describe('baseName', () => {
  it('returns the last segment of a path or URI, decoding URI escapes', () => {
    assert.equal(baseName('/m/variables.tf'), 'variables.tf');
    assert.equal(baseName('C:\\m\\main.tf'), 'main.tf');
    assert.equal(baseName('file:///m/my%20vars.tf'), 'my vars.tf');
  });

  it('keeps a name whose % is no escape, so such a file is still read as configuration', () => {
    assert.equal(baseName('/m/50%vars.tf'), '50%vars.tf');
    assert.equal(fileRole('/m/50%vars.tf'), 'config');
  });
});
