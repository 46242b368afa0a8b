/**
 * The packet-flow webview rendered by our bundled script (media/packet-flow.js, Mermaid inside) in
 * Debian's Chromium through playwright-core, under the same CSP as in VS Code: the SVG has the
 * expected boxes and arrows, hostile names from the user's files show as text and run nothing, a
 * diagram Mermaid cannot draw (a syntax error, too large, refused while drawing) shows an error
 * with the reason instead of a blank panel or a "rendered" report, and clicks post jump messages.
 * Skips with a reason without Chromium, except in CI, where .ci/run installs it.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { packetFlowHtml } from '../../client/src/packet-flow-html.js';
import { analyzeModule } from '../../server/src/engine/analyze/analyze-module.js';
import { readBaseline } from '../../server/src/engine/analyze/read-baseline.js';
import { packetFlowFor } from '../../server/src/engine/features/packet-flow/packet-flow-for.js';
import { loadParsers } from '../../server/src/host/load-parsers.js';
import { readModule } from '../../server/src/host/read-module.js';
import type { PacketFlowResult } from '../../server/src/protocol/packet-flow.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const missing = existsSync(CHROMIUM) ? undefined : `Chromium is not installed at ${CHROMIUM} (apt-get install -y chromium)`;
if (missing && process.env.CI === 'true') throw new Error(`CI must render the diagram: ${missing}`);

async function diagramOf(dir: string, cluster?: string, baselineDir?: string): Promise<NonNullable<PacketFlowResult['diagram']>> {
  const parsers = await loadParsers();
  const baseline = baselineDir ? readBaseline(readModule(baselineDir), parsers, { kind: 'git', label: 'HEAD (0c0ffee)' }, '0c0ffee') : undefined;
  const result = analyzeModule(readModule(dir), parsers, baseline ? { baseline } : {});
  const answer = packetFlowFor(result, join(dir, 'main.tf'), (p) => `file://${p}`, cluster ? { cluster } : {}, result.findings);
  if (!answer.diagram) throw new Error(`${dir}: ${answer.message}`);
  return answer.diagram;
}

describe('packet-flow webview in Chromium', { skip: missing }, () => {
  let server: Server;
  let base: string;
  let browser: Browser;
  before(async () => {
    assert.ok(existsSync('media/packet-flow.js'), 'npm run build writes media/packet-flow.js');
    server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      if (url.pathname === '/') {
        res.setHeader('content-type', 'text/html');
        res.end(packetFlowHtml({ cspSource: base, scriptUri: `${base}/media/packet-flow.js`, styleUri: `${base}/media/packet-flow.css`, title: 'Packet flow', nonce: url.searchParams.get('nonce') ?? 'n0nce' }));
      } else if (/^\/media\/packet-flow\.(js|css)$/.test(url.pathname)) {
        res.setHeader('content-type', url.pathname.endsWith('.js') ? 'text/javascript' : 'text/css');
        res.end(readFileSync(`.${url.pathname}`));
      } else if (url.pathname === '/favicon.ico') {
        res.statusCode = 204; // the browser asks; a webview would not
        res.end();
      } else {
        res.statusCode = 404;
        res.end();
      }
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'] });
  });
  after(async () => {
    await browser?.close();
    await new Promise((done) => server?.close(done));
  });

  /** A page like the webview: a fake acquireVsCodeApi records what the script posts. */
  async function open(theme = 'vscode-light', width = 1400): Promise<{ page: Page; events: string[] }> {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    const events: string[] = [];
    page.on('dialog', (d) => {
      events.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });
    page.on('pageerror', (e) => events.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') events.push(`console: ${m.text()}`);
    });
    // A string, not a function: tsx would wrap a function in helpers the page does not have.
    await page.addInitScript(`
      window.__posted = [];
      let state;
      window.acquireVsCodeApi = () => ({ postMessage: (m) => window.__posted.push(m), getState: () => state, setState: (s) => (state = s) });
      document.addEventListener('DOMContentLoaded', () => document.body.classList.add(${JSON.stringify(theme)}));
    `);
    await page.goto(base);
    await posted(page, ['ready']);
    return { page, events };
  }

  async function render(page: Page, diagram: unknown): Promise<{ type: string; nodes?: number; edges?: number; message?: string }> {
    await page.evaluate((d) => window.postMessage({ type: 'render', diagram: d, source: { uri: 'file:///m/main.tf', cluster: 'azurerm_kubernetes_cluster.aks' } }, '*'), diagram);
    return posted(page, ['rendered', 'error']);
  }

  /**
   * The first message of one of `types` the script posted. Polled from Node: page.waitForFunction
   * would need eval, which the page's CSP forbids (as VS Code's does).
   */
  async function posted(page: Page, types: string[]): Promise<{ type: string; nodes?: number; edges?: number; message?: string }> {
    for (let i = 0; i < 300; i++) {
      const found = await page.evaluate((t) => (window as unknown as { __posted: { type: string }[] }).__posted.find((m) => t.includes(m.type)), types);
      if (found) return found;
      await new Promise((done) => setTimeout(done, 50));
    }
    throw new Error(`the webview posted no ${types.join(' or ')} within 15 s`);
  }

  it('draws the boxes and arrows of an overlay + Cilium cluster, with findings and jump targets', async () => {
    const diagram = await diagramOf('examples/overlay-cilium');
    const { page, events } = await open();
    const report = await render(page, diagram);
    assert.equal(report.type, 'rendered', JSON.stringify(report));
    const svg = await page.evaluate(() => {
      const root = document.querySelector('#diagram svg')!;
      return {
        nodes: [...root.querySelectorAll('g.node')].map((n) => /flowchart-(\w+)-\d+$/.exec(n.id)?.[1]).sort(),
        labels: [...root.querySelectorAll('g.node')].map((n) => n.textContent!.trim()),
        edgeLabels: [...root.querySelectorAll('.edgeLabel')].map((n) => n.textContent!.trim()).filter(Boolean),
        title: document.getElementById('title')!.textContent,
      };
    });
    assert.deepEqual(svg.nodes, ['client', 'dataPlane', 'egress', 'internet', 'lb', 'nodes', 'pods', 'policy', 'privateNet', 'remotePods']);
    assert.ok(svg.labels.some((l) => l.startsWith('Cilium eBPF')), svg.labels.join(' | '));
    assert.ok(svg.edgeLabels.includes('Azure overlay routing, not encapsulated'), svg.edgeLabels.join(' | '));
    assert.equal(report.nodes, 10);
    assert.equal(svg.title, diagram.title);
    // A click on a box asks the editor to jump to its attribute.
    await page.click('g.node[id*="-flowchart-nodes-"]');
    const reveal = await page.evaluate(() => (window as unknown as { __posted: { type: string }[] }).__posted.find((m) => m.type === 'reveal'));
    assert.deepEqual(reveal, { type: 'reveal', uri: diagram.links.find((l) => l.nodeId === 'nodes')!.uri, range: diagram.links.find((l) => l.nodeId === 'nodes')!.range });
    assert.deepEqual(events, []);
    await page.close();
  });

  it('marks what changed since the baseline with a dashed orange stroke, and lists the changes in a legend', async () => {
    const dir = 'test/fixtures/packet-flow/changed-since-baseline';
    const diagram = await diagramOf(dir, undefined, `${dir}/baseline`);
    const { page, events } = await open();
    const report = await render(page, diagram);
    assert.equal(report.type, 'rendered', JSON.stringify(report));
    // A string, not a function: tsx would name the inner functions with a helper the page does not have.
    const seen = (await page.evaluate(`(() => {
      const root = document.querySelector('#diagram svg');
      const idOf = (n) => /flowchart-(\\w+)-\\d+$/.exec(n.id)?.[1];
      const stroke = (e) => e && { color: getComputedStyle(e).stroke, dash: getComputedStyle(e).strokeDasharray };
      const shape = (id) => root.querySelector('g.node[id*="-flowchart-' + id + '-"]')?.querySelector('rect, path, polygon');
      return {
        changed: [...root.querySelectorAll('g.node.changed')].map(idOf).sort(),
        unchanged: stroke(shape('lb')),
        podsStroke: stroke(shape('pods')),
        // Mermaid styles a classed arrow inline, under the id the source gave it (edge<index>).
        edges: [...root.querySelectorAll('path.flowchart-link')].map((p) => ({ id: p.id.replace(/^packet-flow-\\d+-/, ''), ...stroke(p) })),
        legend: root.querySelector('g.node[id*="-flowchart-changes-"]')?.textContent ?? '',
      };
    })()`)) as { changed: string[]; unchanged?: { color: string }; podsStroke?: { color: string; dash: string }; edges: { id: string; color: string; dash: string }[]; legend: string };
    assert.deepEqual(seen.changed, ['dataPlane', 'nodes', 'pods', 'policy', 'remotePods']);
    assert.deepEqual(seen.podsStroke, { color: 'rgb(234, 88, 12)', dash: '6px, 3px' });
    assert.notEqual(seen.unchanged?.color, 'rgb(234, 88, 12)');
    // The three arrows the change alters: Service DNAT (data plane), policy enforcement, pod to pod.
    const orange = seen.edges.filter((e) => e.color === 'rgb(234, 88, 12)');
    const changedIds = diagram.mermaid.match(/\bedge\d+(?=@)/g);
    assert.deepEqual(orange.map((e) => e.id), changedIds);
    assert.equal(orange.length, 3, JSON.stringify(seen.edges));
    for (const edge of orange) assert.equal(edge.dash, '6px, 3px', edge.id);
    assert.ok(seen.legend.includes('Changed since HEAD (0c0ffee)'), seen.legend);
    assert.ok(seen.legend.includes('network_plugin "kubenet" → "azure"'), seen.legend);
    assert.ok(seen.legend.includes('default_node_pool.vnet_subnet_id azurerm_subnet.nodes.id → azurerm_subnet.nodes_v2.id'), seen.legend);
    assert.deepEqual(events, []);
    await page.close();
  });

  it('shows hostile names from the files as text and runs nothing', async () => {
    const dir = resolve('test/fixtures/packet-flow/hostile-names');
    const result = analyzeModule(readModule(dir), await loadParsers());
    const address = result.model.clusters[0].address;
    const diagram = await diagramOf(dir, address);
    // The findings and titles carry hostile text too; add some to the list the page shows.
    const hostile = { ...diagram, title: `${diagram.title} <img src=x onerror=alert(2)>`, findings: [{ ruleId: 'x', severity: 'error' as const, message: '<img src=x onerror=alert(3)>', docsUrl: 'https://example.com', uri: 'file:///m/main.tf', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } }] };
    const { page, events } = await open('vscode-dark');
    const report = await render(page, hostile);
    assert.equal(report.type, 'rendered', JSON.stringify(report));
    const seen = await page.evaluate(() => ({
      text: document.getElementById('diagram')!.textContent!,
      title: document.getElementById('title')!.textContent!,
      finding: document.getElementById('findings')!.textContent!,
      images: document.querySelectorAll('img').length,
      scripts: document.querySelectorAll('script').length,
      handlers: [...document.querySelectorAll('*')].filter((e) => [...e.attributes].some((a) => a.name.startsWith('on'))).length,
    }));
    // The for_each key, as Terraform writes the address: aks["x\"];click A call alert(1);%%"]
    assert.ok(seen.text.includes('aks["x\\"];click A call alert(1);%%"]'), seen.text);
    assert.ok(seen.text.includes('</script><img src=x onerror=alert(1)>'), seen.text);
    assert.ok(seen.title.endsWith('<img src=x onerror=alert(2)>'));
    assert.ok(seen.finding.includes('<img src=x onerror=alert(3)>'));
    assert.deepEqual({ images: seen.images, scripts: seen.scripts, handlers: seen.handlers }, { images: 0, scripts: 1, handlers: 0 });
    // The walkthroughs carry the cluster's title too: each view shows it as text and runs nothing.
    for (const view of diagram.views.filter((v) => v.id !== 'overview')) {
      await page.selectOption('#view', view.id);
      await page.waitForTimeout(300);
      const shown = await page.evaluate(() => ({
        text: document.getElementById('diagram')!.textContent!,
        steps: [...document.querySelectorAll('#diagram .edgeLabel')].some((e) => e.textContent!.trim().startsWith('1. ')),
        images: document.querySelectorAll('img').length,
        handlers: [...document.querySelectorAll('*')].filter((e) => [...e.attributes].some((a) => a.name.startsWith('on'))).length,
      }));
      assert.ok(shown.text.includes('aks["x\\"];click A call alert(1);%%"]'), `${view.id}: ${shown.text.slice(0, 300)}`);
      assert.deepEqual({ steps: shown.steps, images: shown.images, handlers: shown.handlers }, { steps: true, images: 0, handlers: 0 }, view.id);
    }
    await page.waitForTimeout(200);
    assert.deepEqual(events, [], 'no dialog, no error');
    await page.close();
  });

  it('shows an error state, not a blank panel, when Mermaid cannot parse the diagram', async () => {
    const diagram = await diagramOf('examples/overlay-cilium');
    const { page } = await open();
    const report = await render(page, { ...diagram, mermaid: 'flowchart LR\n  A -->' });
    assert.equal(report.type, 'error');
    const state = await page.evaluate(() => ({ hidden: document.getElementById('error')!.hidden, source: document.getElementById('error-source')!.textContent, status: document.getElementById('status')!.textContent }));
    assert.deepEqual(state, { hidden: false, source: 'flowchart LR\n  A -->', status: 'The diagram could not be drawn.' });
    await page.close();
  });

  it('shows an error state with the reason, not "rendered", for a diagram too large for Mermaid', async () => {
    // A cluster named with 100 KB: Mermaid would draw its "Maximum text size in diagram exceeded" box.
    const dir = mkdtempSync(join(tmpdir(), 'aks-netlint-webview-'));
    try {
      const name = `aks-${'n'.repeat(100_000)}`;
      writeFileSync(join(dir, 'main.tf'), readFileSync('examples/overlay-cilium/main.tf', 'utf8').replace(/resource "azurerm_kubernetes_cluster" "\w+"/, `resource "azurerm_kubernetes_cluster" "${name}"`));
      const diagram = await diagramOf(dir);
      assert.ok(diagram.mermaid.length > 100_000, 'the name reaches the Mermaid source');
      const { page, events } = await open();
      const report = await render(page, diagram);
      assert.equal(report.type, 'error', JSON.stringify(report).slice(0, 300));
      assert.match(report.message!, /^The diagram is [\d,]+ characters of Mermaid source, over the 50,000 it can draw: a name in the Terraform files is probably very long\.$/);
      const state = await page.evaluate(() => ({
        hidden: document.getElementById('error')!.hidden,
        message: document.getElementById('error-message')!.textContent,
        status: document.getElementById('status')!.textContent,
        drawn: document.querySelectorAll('#diagram svg').length,
        text: document.body.textContent!.includes('Maximum text size'),
      }));
      assert.deepEqual(state, { hidden: false, message: report.message, status: 'The diagram could not be drawn.', drawn: 0, text: false });
      assert.deepEqual(events, []);
      await page.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('shows an error state when Mermaid throws while drawing', async () => {
    const diagram = await diagramOf('examples/overlay-cilium');
    const { page } = await open();
    // More arrows than Mermaid draws (its maxEdges, 500): parsed, then refused while drawing.
    const edges = Array.from({ length: 501 }, (_, i) => `  n${i} --> n${i + 1}`).join('\n');
    const report = await render(page, { ...diagram, mermaid: `flowchart LR\n${edges}\n` });
    assert.equal(report.type, 'error', JSON.stringify(report));
    assert.match(report.message!, /[Ee]dge limit exceeded/);
    assert.equal(await page.evaluate(() => document.getElementById('status')!.textContent), 'The diagram could not be drawn.');
    await page.close();
  });

  it('keeps the diagram, file and cluster in its state, so a reload restores the panel', async () => {
    const diagram = await diagramOf('examples/overlay-cilium');
    const { page } = await open();
    await render(page, diagram);
    const state = await page.evaluate(() => (window as unknown as { acquireVsCodeApi: () => { getState(): unknown } }).acquireVsCodeApi().getState());
    assert.deepEqual(state, { uri: 'file:///m/main.tf', cluster: 'azurerm_kubernetes_cluster.aks', diagram, zoom: { mode: 'fit' }, view: 'overview' });
    await page.close();
  });

  /**
   * What a reader sees of the drawn SVG: the smallest text as rendered (its CSS font size times the
   * SVG's scale), the labels that overlap another label, and how the SVG sits in the panel.
   */
  async function measure(page: Page): Promise<{ smallestTextPx: number; overlaps: string[]; svgWidth: number; panelWidth: number; zoomLevel: string }> {
    return page.evaluate(() => {
      const panel = document.getElementById('diagram')!;
      const svg = panel.querySelector('svg')!;
      const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
      // Every element that holds text itself (not only through its children): Mermaid's <p>, <span> and <tspan>.
      const texts = [...svg.querySelectorAll('*')].filter((e) => [...e.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim() !== ''));
      if (texts.length === 0) throw new Error('no text in the SVG');
      const smallestTextPx = Math.min(...texts.map((e) => parseFloat(getComputedStyle(e).fontSize) * scale));
      const labels = [...svg.querySelectorAll('g.node .label, .edgeLabel .label, .cluster-label')]
        .filter((e) => e.textContent!.trim() !== '')
        .map((e) => ({ text: e.textContent!.trim().slice(0, 40), box: e.getBoundingClientRect() }));
      const overlaps: string[] = [];
      for (let i = 0; i < labels.length; i++) {
        for (let j = i + 1; j < labels.length; j++) {
          const a = labels[i].box;
          const b = labels[j].box;
          const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
          const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
          if (w > 1 && h > 1) overlaps.push(`${labels[i].text} / ${labels[j].text}`);
        }
      }
      return {
        smallestTextPx,
        overlaps,
        svgWidth: svg.getBoundingClientRect().width,
        panelWidth: panel.clientWidth,
        zoomLevel: document.getElementById('zoom-level')!.textContent!,
      };
    });
  }

  for (const example of ['examples/overlay-cilium', 'examples/kubenet']) {
    for (const width of [600, 1200]) {
      it(`is readable without any action in a ${width} px panel (${example}): text >= 11 px, no label overlaps another`, async () => {
        const diagram = await diagramOf(example);
        const { page, events } = await open('vscode-dark', width);
        assert.equal((await render(page, diagram)).type, 'rendered');
        const seen = await measure(page);
        console.log(`${example} at ${width} px: smallest text ${seen.smallestTextPx.toFixed(1)} px, SVG ${Math.round(seen.svgWidth)} px wide in a ${seen.panelWidth} px panel`);
        assert.ok(seen.smallestTextPx >= 11, `smallest text ${seen.smallestTextPx.toFixed(1)} px`);
        assert.deepEqual(seen.overlaps, []);
        assert.match(seen.zoomLevel, /^\d+% \(fit to width\)$/);
        // The walk starts at the client: it is in view, not scrolled off to one side.
        const client = await page.locator('g.node[id*="-flowchart-client-"]').boundingBox();
        assert.ok(client && client.x >= 0 && client.x + client.width <= width, JSON.stringify(client));
        // The README's picture: the panel as it opens at a side panel's width.
        if (process.env.UPDATE_SCREENSHOTS === '1' && width === 600 && example === 'examples/overlay-cilium') writeFileSync('docs/images/packet-flow.png', await page.screenshot());
        assert.deepEqual(events, []);
        await page.close();
      });
    }
  }

  it('zooms with the buttons, the keyboard and Ctrl+wheel, pans by drag, and keeps the zoom across a re-render', async () => {
    const diagram = await diagramOf('examples/overlay-cilium');
    const { page, events } = await open('vscode-light', 600);
    await render(page, diagram);
    const width = () => page.evaluate(() => document.querySelector('#diagram svg')!.getBoundingClientRect().width);
    const level = () => page.evaluate(() => document.getElementById('zoom-level')!.textContent);
    const fitted = await width();
    await page.click('#zoom-in');
    assert.ok(Math.abs((await width()) - fitted * 1.2) < 1, 'the + button zooms in by 20%');
    assert.equal(await level(), '90%');
    await page.click('#zoom-out');
    await page.click('#zoom-out');
    assert.equal(await level(), '63%');
    await page.focus('#diagram');
    await page.keyboard.press('0');
    assert.equal(await level(), '75% (fit to width)');
    await page.keyboard.press('+');
    assert.equal(await level(), '90%');
    await page.keyboard.press('-');
    assert.equal(await level(), '75%');
    await page.mouse.move(300, 400);
    await page.keyboard.down('Control');
    await page.mouse.wheel(0, -100);
    await page.keyboard.up('Control');
    assert.equal(await level(), '90%', 'Ctrl+wheel up zooms in');
    // A drag pans the panel and does not count as a click on a box.
    const before = await page.evaluate(() => ({ x: document.getElementById('diagram')!.scrollLeft, y: document.getElementById('diagram')!.scrollTop }));
    await page.mouse.move(300, 400);
    await page.mouse.down();
    await page.mouse.move(200, 300, { steps: 5 });
    await page.mouse.up();
    const after = await page.evaluate(() => ({ x: document.getElementById('diagram')!.scrollLeft, y: document.getElementById('diagram')!.scrollTop }));
    assert.deepEqual({ dx: Math.round(after.x - before.x), dy: Math.round(after.y - before.y) }, { dx: 100, dy: 100 });
    assert.equal(await page.evaluate(() => (window as unknown as { __posted: { type: string }[] }).__posted.filter((m) => m.type === 'reveal').length), 0);
    // An edit re-renders: the user's zoom stays.
    await page.evaluate((d) => window.postMessage({ type: 'render', diagram: d, source: { uri: 'file:///m/main.tf' } }, '*'), { ...diagram, title: 'edited' });
    await page.waitForTimeout(500);
    assert.equal(await level(), '90%');
    assert.deepEqual(events, []);
    await page.close();
  });

  it('draws each view picked, readable at 600 px, and hands its Mermaid, Markdown, SVG and PNG to the extension', async () => {
    const diagram = await diagramOf('examples/overlay-cilium');
    const { page, events } = await open('vscode-dark', 600);
    await render(page, diagram);
    const options = await page.evaluate(() => [...document.querySelectorAll('#view option')].map((o) => [(o as HTMLOptionElement).value, o.textContent]));
    assert.deepEqual(options, diagram.views.map((v) => [v.id, v.title]));
    const postedOf = (type: string) => page.evaluate((t) => (window as unknown as { __posted: { type: string }[] }).__posted.filter((m) => m.type === t), type);
    for (const view of diagram.views.filter((v) => v.id !== 'overview')) {
      const before = (await postedOf('rendered')).length;
      await page.selectOption('#view', view.id);
      for (let i = 0; i < 100 && (await postedOf('rendered')).length === before; i++) await page.waitForTimeout(50);
      const seen = await measure(page);
      assert.ok(seen.smallestTextPx >= 11, `${view.id}: smallest text ${seen.smallestTextPx}`);
      assert.deepEqual(seen.overlaps, [], view.id);
      const labels = await page.evaluate(() => [...document.querySelectorAll('#diagram .edgeLabel')].map((e) => e.textContent!.trim()).filter(Boolean));
      assert.ok(labels.some((l) => l.startsWith('1. ')), `${view.id}: numbered steps, got ${labels.join(' | ')}`);
    }
    // The pod-to-pod view of an overlay cluster says it does not encapsulate, with the Learn link.
    await page.selectOption('#view', 'pod-to-pod');
    await page.waitForTimeout(300);
    if (process.env.UPDATE_SCREENSHOTS === '1') writeFileSync('docs/images/packet-flow-pod-to-pod.png', await page.screenshot());
    assert.match(await page.evaluate(() => document.getElementById('diagram')!.textContent!), /AKS overlay does not encapsulate: no VXLAN or Geneve.*learn\.microsoft\.com\/azure\/aks\/concepts-network-azure-cni-overlay/);
    const podToPod = diagram.views.find((v) => v.id === 'pod-to-pod')!;
    await page.click('#copy-mermaid');
    await page.click('#save-markdown');
    await page.click('#export-svg');
    await page.click('#export-png');
    for (let i = 0; i < 100 && (await postedOf('save')).length < 3; i++) await page.waitForTimeout(50);
    assert.deepEqual(await postedOf('copy'), [{ type: 'copy', text: podToPod.mermaid }]);
    const saves = (await postedOf('save')) as unknown as { format: string; name: string; text?: string; dataUrl?: string }[];
    assert.deepEqual(await postedOf('error'), []);
    assert.deepEqual(saves.map((s) => [s.format, s.name]), [['markdown', 'packet-flow-aks-pod-to-pod.md'], ['svg', 'packet-flow-aks-pod-to-pod.svg'], ['png', 'packet-flow-aks-pod-to-pod.png']]);
    assert.equal(saves[0].text, podToPod.markdown);
    assert.match(saves[1].text!, /^<svg[^>]* xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    assert.ok(saves[1].text!.includes('1. '), 'the SVG holds the numbered steps');
    const png = Buffer.from(saves[2].dataUrl!.replace(/^data:image\/png;base64,/, ''), 'base64');
    assert.equal(png.subarray(1, 4).toString(), 'PNG');
    assert.ok(png.readUInt32BE(16) > 400, `PNG width ${png.readUInt32BE(16)}`);
    assert.deepEqual(events, []);
    await page.close();
  });
});
