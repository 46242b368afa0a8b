/**
 * The webview HTML as text: a CSP that allows nothing by default, one script by a fresh nonce,
 * local styles only; user text escaped.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createNonce, packetFlowHtml } from '../../client/src/packet-flow-html.js';

const CSP_SOURCE = 'https://file+.vscode-resource.vscode-cdn.net';

describe('packet-flow webview HTML', () => {
  const html = packetFlowHtml({ cspSource: CSP_SOURCE, scriptUri: `${CSP_SOURCE}/ext/media/packet-flow.js`, styleUri: `${CSP_SOURCE}/ext/media/packet-flow.css`, title: '</title><script>alert(1)</script>', nonce: 'TESTNONCE' });

  it('has a strict Content-Security-Policy', () => {
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
    assert.equal(
      csp,
      `default-src &#39;none&#39;; script-src &#39;nonce-TESTNONCE&#39;; style-src ${CSP_SOURCE} &#39;unsafe-inline&#39;; img-src ${CSP_SOURCE} data:; font-src ${CSP_SOURCE}`,
    );
  });

  it('loads exactly one script, by nonce, from media/', () => {
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    assert.deepEqual(scripts, [`<script nonce="TESTNONCE" src="${CSP_SOURCE}/ext/media/packet-flow.js">`]);
    assert.doesNotMatch(html, /https?:\/\/(?!file\+\.vscode-resource)/, 'no remote resource');
  });

  it('escapes the title', () => {
    assert.match(html, /<title>&#60;\/title&#62;&#60;script&#62;alert\(1\)&#60;\/script&#62;<\/title>/);
  });

  it('makes a fresh 128-bit nonce for every page', () => {
    const a = createNonce();
    const b = createNonce();
    assert.notEqual(a, b);
    assert.equal(Buffer.from(a, 'base64').length, 16);
    assert.match(packetFlowHtml({ cspSource: CSP_SOURCE, scriptUri: 's', styleUri: 'c', title: 't' }), /script-src 'nonce-[A-Za-z0-9+/=]{24}'|script-src &#39;nonce-[A-Za-z0-9+/=]{24}&#39;/);
  });
});
