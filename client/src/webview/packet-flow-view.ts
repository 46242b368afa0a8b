/**
 * The packet-flow webview script (bundled with Mermaid into media/packet-flow.js). It renders the
 * Mermaid source the server sent with securityLevel 'strict', follows the editor's theme, lists
 * the findings and jump targets as text, and reports errors instead of leaving a blank panel or
 * calling a diagram Mermaid could not draw "rendered".
 * No user string is ever written as HTML here: text goes through textContent, and the SVG is
 * Mermaid's own sanitised output.
 */
import mermaid from 'mermaid';
import type { FromWebview, TakeAwayAction, ToWebview, ViewId, WebviewState } from './messages';
import { fileName, pngOf, standaloneSvg } from './take-away';
import { forWidth, scaleOf, zoomedIn, zoomedOut, type Zoom } from './zoom';

interface VsCodeApi {
  postMessage(message: FromWebview): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const $ = (id: string) => document.getElementById(id)!;
let current: Extract<ToWebview, { type: 'render' }>['diagram'] | undefined;
let renders = 0;
/** The view the user picked; a diagram without it falls back to the overview. */
let view: ViewId = 'overview';
/** The zoom the user chose; kept in the state so edits and reloads keep it. */
let zoom: Zoom = { mode: 'fit' };
/** The drawn SVG's size at scale 1 (its viewBox), and the layout direction it was drawn for. */
let natural: { width: number; height: number } | undefined;
let drawnNarrow: boolean | undefined;

function theme(): 'dark' | 'default' | 'base' {
  const classes = document.body.classList;
  if (classes.contains('vscode-high-contrast') && !classes.contains('vscode-high-contrast-light')) return 'dark';
  if (classes.contains('vscode-dark')) return 'dark';
  return 'default';
}

/**
 * The most Mermaid source the panel asks Mermaid to draw (Mermaid's own default). Mermaid's own
 * check is turned off: over its limit it does not fail but draws a box saying "Maximum text size
 * in diagram exceeded", which the panel reported as a drawn diagram.
 */
const MAX_MERMAID_CHARS = 50_000;

/** The Mermaid source and Markdown of the picked view (the overview's source is `diagram.mermaid`). */
function shownView(diagram: NonNullable<typeof current>): { id: ViewId; mermaid: string; markdown?: string } {
  const views = diagram.views ?? [];
  const picked = views.find((v) => v.id === view);
  if (picked && picked.id !== 'overview') return picked;
  return { id: 'overview', mermaid: diagram.mermaid, markdown: views.find((v) => v.id === 'overview')?.markdown };
}

function renderViewPicker(diagram: NonNullable<typeof current>): void {
  const select = $('view') as HTMLSelectElement;
  select.textContent = '';
  const views = diagram.views?.length ? diagram.views : [{ id: 'overview' as const, title: 'Overview' }];
  for (const v of views) {
    const option = document.createElement('option');
    option.value = v.id;
    option.textContent = v.title; // text, never HTML
    select.append(option);
  }
  select.value = shownView(diagram).id;
}

async function render(): Promise<void> {
  if (!current) return;
  const diagram = { ...current, mermaid: shownView(current).mermaid };
  renderViewPicker(current);
  $('title').textContent = diagram.title;
  document.title = diagram.title;
  renderFindings(diagram.findings);
  renderLinks(diagram.links);
  mermaid.initialize({
    startOnLoad: false,
    securityLevel: 'strict',
    theme: theme(),
    flowchart: { htmlLabels: true },
    maxTextSize: Number.MAX_SAFE_INTEGER,
    // A syntax error is thrown to us instead of drawn as Mermaid's error picture.
    suppressErrorRendering: true,
  });
  try {
    if (diagram.mermaid.length > MAX_MERMAID_CHARS) {
      throw new Error(`The diagram is ${diagram.mermaid.length.toLocaleString('en-US')} characters of Mermaid source, over the ${MAX_MERMAID_CHARS.toLocaleString('en-US')} it can draw: a name in the Terraform files is probably very long.`);
    }
    const target = $('diagram');
    const width = target.clientWidth;
    const source = forWidth(diagram.mermaid, width);
    const { svg } = await mermaid.render(`packet-flow-${++renders}`, source);
    target.innerHTML = svg; // Mermaid's output, sanitised by DOMPurify under 'strict'
    const firstDraw = natural === undefined || drawnNarrow !== (source !== diagram.mermaid);
    drawnNarrow = source !== diagram.mermaid;
    sizeSvg(target);
    if (firstDraw) showStart(target);
    const nodes = target.querySelectorAll('g.node').length;
    const edges = target.querySelectorAll('.edgePaths path, path.flowchart-link').length;
    // Every packet flow has boxes: an SVG without any is not the diagram.
    if (nodes === 0) throw new Error('Mermaid drew no boxes for this diagram.');
    $('error').hidden = true;
    $('status').textContent = '';
    wireNodeClicks(target, diagram.links);
    vscode.postMessage({ type: 'rendered', nodes, edges });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    $('diagram').textContent = '';
    natural = undefined;
    $('error').hidden = false;
    $('error-message').textContent = message;
    $('error-source').textContent = diagram.mermaid;
    $('status').textContent = 'The diagram could not be drawn.';
    vscode.postMessage({ type: 'error', message });
  }
}

/** Mermaid sizes its SVG to 100% with a max-width: take its viewBox as the natural size and size it ourselves. */
function sizeSvg(target: HTMLElement): void {
  const svg = target.querySelector('svg');
  const box = svg?.viewBox.baseVal;
  if (!svg || !box || !(box.width > 0)) return;
  natural = { width: box.width, height: box.height };
  svg.style.removeProperty('max-width');
  applyZoom();
}

/** Sets the SVG's size for the current zoom, keeping the point at `anchor` (panel pixels) in place. */
function applyZoom(anchor?: { x: number; y: number }): void {
  const target = $('diagram');
  const svg = target.querySelector('svg');
  if (!svg || !natural) return;
  const before = Number(svg.getAttribute('width')) || natural.width;
  // The panel's width less its scrollbar gutter; 24 px keeps the fitted graph off the edge.
  const scale = scaleOf(zoom, target.clientWidth - 24, natural.width);
  const at = anchor ?? { x: target.clientWidth / 2, y: target.clientHeight / 2 };
  const ratio = (natural.width * scale) / before;
  const scrollX = (target.scrollLeft + at.x) * ratio - at.x;
  const scrollY = (target.scrollTop + at.y) * ratio - at.y;
  svg.setAttribute('width', String(natural.width * scale));
  svg.setAttribute('height', String(natural.height * scale));
  target.scrollLeft = scrollX;
  target.scrollTop = scrollY;
  $('zoom-level').textContent = `${Math.round(scale * 100)}%${zoom.mode === 'fit' ? ' (fit to width)' : ''}`;
}

/**
 * On a fresh draw, scroll the first box (the client, where every walk starts) into view: a graph
 * wider than the panel may start in its middle. A redraw after an edit keeps the user's scroll.
 */
function showStart(target: HTMLElement): void {
  const first = target.querySelector('g.node');
  if (!first) return;
  const box = first.getBoundingClientRect();
  const panel = target.getBoundingClientRect();
  target.scrollLeft += box.left + box.width / 2 - (panel.left + target.clientWidth / 2);
  target.scrollTop = 0;
}

function currentScale(): number {
  const target = $('diagram');
  return natural ? scaleOf(zoom, target.clientWidth - 24, natural.width) : 1;
}

function setZoom(next: Zoom, anchor?: { x: number; y: number }): void {
  zoom = next;
  vscode.setState({ ...(vscode.getState() as WebviewState | undefined), zoom });
  applyZoom(anchor);
}

function wireZoom(): void {
  const target = $('diagram');
  $('zoom-in').addEventListener('click', () => setZoom(zoomedIn(currentScale())));
  $('zoom-out').addEventListener('click', () => setZoom(zoomedOut(currentScale())));
  $('zoom-fit').addEventListener('click', () => setZoom({ mode: 'fit' }));
  target.addEventListener(
    'wheel',
    (event) => {
      if (!event.ctrlKey && !event.metaKey) return; // a plain wheel scrolls
      event.preventDefault();
      const rect = target.getBoundingClientRect();
      const anchor = { x: event.clientX - rect.left, y: event.clientY - rect.top };
      setZoom(event.deltaY < 0 ? zoomedIn(currentScale()) : zoomedOut(currentScale()), anchor);
    },
    { passive: false },
  );
  document.addEventListener('keydown', (event) => {
    const typing = event.target instanceof HTMLElement && (event.target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(event.target.tagName));
    if (typing || event.altKey) return;
    if (event.key === '+' || event.key === '=') setZoom(zoomedIn(currentScale()));
    else if (event.key === '-' || event.key === '_') setZoom(zoomedOut(currentScale()));
    else if (event.key === '0') setZoom({ mode: 'fit' });
    else return;
    event.preventDefault();
  });
  // Drag pans; a drag of more than a few pixels is not a click on the box under it.
  let drag: { x: number; y: number; left: number; top: number; moved: boolean } | undefined;
  target.addEventListener('pointerdown', (event) => {
    if (event.button !== 0) return;
    drag = { x: event.clientX, y: event.clientY, left: target.scrollLeft, top: target.scrollTop, moved: false };
  });
  target.addEventListener('pointermove', (event) => {
    if (!drag) return;
    const dx = event.clientX - drag.x;
    const dy = event.clientY - drag.y;
    if (!drag.moved && Math.abs(dx) + Math.abs(dy) < 4) return;
    if (!drag.moved) target.setPointerCapture(event.pointerId);
    drag.moved = true;
    target.classList.add('panning');
    target.scrollLeft = drag.left - dx;
    target.scrollTop = drag.top - dy;
  });
  const end = (event: PointerEvent) => {
    if (drag?.moved) {
      target.releasePointerCapture(event.pointerId);
      // Swallow the click that ends a drag, so panning over a box does not jump to its attribute.
      target.addEventListener('click', (e) => e.stopPropagation(), { capture: true, once: true });
    }
    drag = undefined;
    target.classList.remove('panning');
  };
  target.addEventListener('pointerup', end);
  target.addEventListener('pointercancel', end);
  // The panel's width decides the fit and the layout direction: follow it.
  let pending: ReturnType<typeof setTimeout> | undefined;
  new ResizeObserver(() => {
    clearTimeout(pending);
    pending = setTimeout(() => {
      const narrow = forWidth('flowchart LR', target.clientWidth) !== 'flowchart LR';
      if (current && drawnNarrow !== undefined && narrow !== drawnNarrow) void render();
      else applyZoom();
    }, 100);
  }).observe(target);
}

/** What the view and export buttons do. */
function wireTakeAway(): void {
  const select = $('view') as HTMLSelectElement;
  select.addEventListener('change', () => {
    view = select.value as ViewId;
    vscode.setState({ ...(vscode.getState() as WebviewState | undefined), view });
    natural = undefined; // a new view opens at its start
    void render();
  });
  $('copy-mermaid').addEventListener('click', () => void takeAway('copy'));
  $('save-markdown').addEventListener('click', () => void takeAway('markdown'));
  $('export-svg').addEventListener('click', () => void takeAway('svg'));
  $('export-png').addEventListener('click', () => void takeAway('png'));
}

/** Copies or saves the shown view: the buttons, and the extension's takeAway message. */
async function takeAway(action: TakeAwayAction): Promise<void> {
  if (!current) return;
  const shown = shownView(current);
  const name = (extension: string) => fileName(current?.title ?? 'cluster', shown.id, extension);
  const background = getComputedStyle(document.body).backgroundColor || '#ffffff';
  switch (action) {
    case 'copy':
      vscode.postMessage({ type: 'copy', text: shown.mermaid });
      return;
    case 'markdown':
      if (shown.markdown) vscode.postMessage({ type: 'save', format: 'markdown', name: name('md'), text: shown.markdown });
      return;
    case 'svg': {
      const svg = $('diagram').querySelector('svg');
      if (svg) vscode.postMessage({ type: 'save', format: 'svg', name: name('svg'), text: standaloneSvg(svg, background) });
      return;
    }
    case 'png':
      await exportPng(name('png'), background);
  }
}

/** PNG: the view drawn again with SVG text labels (HTML labels would taint the canvas), then rasterised. */
async function exportPng(name: string, background: string): Promise<void> {
  if (!current) return;
  try {
    mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', theme: theme(), flowchart: { htmlLabels: false }, maxTextSize: Number.MAX_SAFE_INTEGER, suppressErrorRendering: true });
    const { svg } = await mermaid.render(`packet-flow-export-${++renders}`, shownView(current).mermaid);
    // Parsed as the panel parses it (Mermaid's sanitised output), then serialised as well-formed XML.
    const holder = document.createElement('div');
    holder.innerHTML = svg;
    const element = holder.querySelector('svg')!;
    const { width, height } = element.viewBox.baseVal;
    element.setAttribute('width', String(width));
    element.setAttribute('height', String(height));
    const sized = standaloneSvg(element, background);
    vscode.postMessage({ type: 'save', format: 'png', name, dataUrl: await pngOf(sized, width, height, background) });
  } catch (error) {
    vscode.postMessage({ type: 'error', message: `The PNG could not be made: ${error instanceof Error ? error.message : String(error)}` });
  }
}

function renderFindings(findings: Extract<ToWebview, { type: 'render' }>['diagram']['findings']): void {
  const list = $('findings');
  list.textContent = '';
  if (findings.length === 0) {
    const none = document.createElement('li');
    none.className = 'none';
    none.textContent = 'None.';
    list.append(none);
    return;
  }
  for (const finding of findings) {
    const item = document.createElement('li');
    item.className = `finding ${finding.severity}`;
    const jump = document.createElement('button');
    jump.type = 'button';
    jump.className = 'jump';
    jump.textContent = `${finding.severity} ${finding.ruleId}`;
    jump.addEventListener('click', () => vscode.postMessage({ type: 'reveal', uri: finding.uri, range: finding.range }));
    const text = document.createElement('span');
    text.textContent = ` ${finding.message} `;
    const docs = document.createElement('button');
    docs.type = 'button';
    docs.className = 'docs';
    docs.textContent = 'Rule page';
    docs.addEventListener('click', () => vscode.postMessage({ type: 'openLink', href: finding.docsUrl }));
    item.append(jump, text, docs);
    list.append(item);
  }
}

function renderLinks(links: Extract<ToWebview, { type: 'render' }>['diagram']['links']): void {
  const list = $('links');
  list.textContent = '';
  for (const link of links) {
    const item = document.createElement('li');
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'jump';
    button.textContent = link.label;
    button.addEventListener('click', () => vscode.postMessage({ type: 'reveal', uri: link.uri, range: link.range }));
    item.append(button);
    list.append(item);
  }
}

/** The diagram's node id of a Mermaid node group: Mermaid names them `<render id>-flowchart-<id>-<n>`. */
export function nodeIdOf(element: Element): string | undefined {
  return /(?:^|-)flowchart-(\w+)-\d+$/.exec(element.id)?.[1];
}

/** A click on a box (or Enter on it) jumps to the attribute it comes from. */
function wireNodeClicks(root: HTMLElement, links: Extract<ToWebview, { type: 'render' }>['diagram']['links']): void {
  for (const link of links) {
    for (const node of [...root.querySelectorAll<SVGGElement>('g.node')].filter((n) => nodeIdOf(n) === link.nodeId)) {
      node.classList.add('linked');
      node.setAttribute('tabindex', '0');
      node.setAttribute('role', 'button');
      const reveal = () => vscode.postMessage({ type: 'reveal', uri: link.uri, range: link.range });
      node.addEventListener('click', reveal);
      node.addEventListener('keydown', (event) => {
        if (event.key === 'Enter' || event.key === ' ') reveal();
      });
    }
  }
}

window.addEventListener('message', (event: MessageEvent<ToWebview>) => {
  const message = event.data;
  if (message?.type === 'render') {
    current = message.diagram;
    const state: WebviewState = { ...message.source, diagram: current, zoom, view };
    vscode.setState(state);
    void render();
  } else if (message?.type === 'message') {
    $('status').textContent = message.text;
  } else if (message?.type === 'takeAway') {
    void (async () => {
      if (message.view && message.view !== view) {
        view = message.view;
        vscode.setState({ ...(vscode.getState() as WebviewState | undefined), view });
        natural = undefined;
        await render();
      }
      await takeAway(message.action);
    })();
  }
});

// The theme is a class on <body>: draw again when the user switches it.
new MutationObserver(() => void render()).observe(document.body, { attributes: true, attributeFilter: ['class'] });

wireZoom();
wireTakeAway();
const saved = vscode.getState() as WebviewState | undefined;
if (saved?.zoom) zoom = saved.zoom;
if (saved?.view) view = saved.view;
if (saved?.diagram) {
  current = saved.diagram;
  void render();
}
vscode.postMessage({ type: 'ready' });
