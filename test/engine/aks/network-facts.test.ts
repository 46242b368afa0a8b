import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { inPlaceFrom } from '../../../server/src/engine/aks/network-facts.js';
import type { ProviderVersion } from '../../../server/src/engine/terraform/provider-version.js';

const version = (major: 3 | 4 | 5, minor?: number): ProviderVersion => ({ major, minor, source: 'lock', detail: '' });

describe('inPlaceFrom', () => {
  it('says a change replaces the cluster before the version that made it in place', () => {
    assert.deepEqual(inPlaceFrom(version(4, 57), '4.58', 'migrated in place'), {
      note: ' (replaces an existing cluster: in place only from azurerm 4.58)',
      replacesCluster: true,
    });
    assert.deepEqual(inPlaceFrom(version(3, 117), '4.58', 'migrated in place').replacesCluster, true);
  });

  it('says it is in place from that version on, and on later majors', () => {
    assert.deepEqual(inPlaceFrom(version(4, 58), '4.58', 'migrated in place'), { note: ' (migrated in place)', replacesCluster: false });
    assert.equal(inPlaceFrom(version(5), '4.66', 'x').replacesCluster, false);
  });

  it('says a change the schema never makes in place replaces', () => {
    assert.deepEqual(inPlaceFrom(version(4, 80), undefined, 'x'), { note: ' (replaces an existing cluster)', replacesCluster: true });
  });

  it('says "may replace" when the minor is not known', () => {
    assert.deepEqual(inPlaceFrom(version(4), '4.66', 'x', 'an existing kubenet cluster'), {
      note: ' (may replace an existing kubenet cluster: in place only from azurerm 4.66)',
      replacesCluster: true,
    });
  });
});
