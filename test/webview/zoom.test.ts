/** The zoom rules of the packet-flow panel: fit to width, never below readable text; narrow panels draw top to bottom. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fitScale, forWidth, MERMAID_FONT_PX, zoomedIn, zoomedOut } from '../../client/src/webview/zoom.js';

describe('packet-flow zoom', () => {
  it('fits a wide graph to the panel, but never shrinks its text below 12 px', () => {
    assert.equal(fitScale(800, 1000), 0.8);
    assert.equal(fitScale(400, 2000) * MERMAID_FONT_PX, 12);
    assert.equal(fitScale(1200, 600), 1, 'a small graph is not blown up');
  });
  it('zooms by 20% a step, between 25% and 400%', () => {
    assert.deepEqual(zoomedIn(1), { mode: 'manual', scale: 1.2 });
    assert.deepEqual(zoomedOut(0.26), { mode: 'manual', scale: 0.25 });
    assert.deepEqual(zoomedIn(3.9), { mode: 'manual', scale: 4 });
  });
  it('lays the graph out top to bottom in a narrow panel', () => {
    assert.equal(forWidth('flowchart LR\n  a --> b\n', 600), 'flowchart TB\n  a --> b\n');
    assert.equal(forWidth('flowchart LR\n  a --> b\n', 1200), 'flowchart LR\n  a --> b\n');
  });
});
