/**
 * The HTML of the packet-flow webview: a strict Content-Security-Policy (nothing by default, one
 * script by a fresh nonce, styles and images only from the extension's media/ folder), the page
 * frame and a static legend. Everything from the user's files arrives later by message and is set
 * as text (or as Mermaid's sanitised SVG), never written into this HTML. Pure, so tests read it.
 */
import { randomBytes } from 'node:crypto';

export interface PacketFlowHtmlInput {
  /** `webview.cspSource`. */
  cspSource: string;
  scriptUri: string;
  styleUri: string;
  /** Shown until the first diagram arrives; escaped here. */
  title: string;
  nonce?: string;
}

/** A nonce for one page load: 128 random bits, base64. */
export function createNonce(): string {
  return randomBytes(16).toString('base64');
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function packetFlowHtml(input: PacketFlowHtmlInput): string {
  const nonce = input.nonce ?? createNonce();
  // Mermaid writes <style> into its SVG: styles need 'unsafe-inline' (no script can run from them).
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${input.cspSource} 'unsafe-inline'`,
    `img-src ${input.cspSource} data:`,
    `font-src ${input.cspSource}`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="${escapeHtml(input.styleUri)}">
<title>${escapeHtml(input.title)}</title>
</head>
<body>
<header>
  <h1 id="title">${escapeHtml(input.title)}</h1>
  <p id="status" role="status">Drawing the packet flow…</p>
</header>
<main>
  <div id="views" role="toolbar" aria-label="View and export">
    <label for="view">View</label>
    <select id="view"><option value="overview">Overview</option></select>
    <button type="button" id="copy-mermaid" title="Copy the Mermaid source of this view">Copy Mermaid</button>
    <button type="button" id="save-markdown" title="Save this view as a Markdown file, with the effective settings">Save Markdown</button>
    <button type="button" id="export-svg" title="Save the drawn diagram as SVG">Export SVG</button>
    <button type="button" id="export-png" title="Save the drawn diagram as PNG">Export PNG</button>
  </div>
  <div id="toolbar" role="toolbar" aria-label="Zoom">
    <button type="button" id="zoom-out" title="Zoom out (-)" aria-label="Zoom out">−</button>
    <button type="button" id="zoom-in" title="Zoom in (+)" aria-label="Zoom in">+</button>
    <button type="button" id="zoom-fit" title="Fit to width (0)" aria-label="Fit to width">Fit</button>
    <span id="zoom-level" aria-live="polite"></span>
  </div>
  <div id="diagram" tabindex="0" aria-label="Packet-flow diagram: Ctrl+wheel or + and - zoom, 0 fits, drag pans"></div>
  <section id="error" hidden>
    <h2>The diagram could not be drawn</h2>
    <p id="error-message"></p>
    <details><summary>Mermaid source</summary><pre id="error-source"></pre></details>
  </section>
</main>
<aside>
  <section aria-labelledby="legend-title">
    <h2 id="legend-title">Legend</h2>
    <ul class="legend">
      <li><span class="swatch solid"></span>Solid arrow: the path packets take</li>
      <li><span class="swatch dashed"></span>Dashed arrow: a health probe, policy enforcement, or a path that is not known</li>
      <li><span class="swatch unknown"></span>"unknown (…)": a value aks-netlint cannot know before apply</li>
      <li>Click a box to jump to the attribute it comes from.</li>
    </ul>
  </section>
  <section aria-labelledby="findings-title">
    <h2 id="findings-title">Findings on this path</h2>
    <ul id="findings"><li class="none">None.</li></ul>
  </section>
  <section aria-labelledby="links-title">
    <h2 id="links-title">Where it comes from</h2>
    <ul id="links"></ul>
  </section>
</aside>
<script nonce="${nonce}" src="${escapeHtml(input.scriptUri)}"></script>
</body>
</html>
`;
}
