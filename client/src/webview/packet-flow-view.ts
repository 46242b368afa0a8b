/**
 * The packet-flow webview script (bundled with Mermaid into media/packet-flow.js). It renders the
 * Mermaid source the server sent with securityLevel 'strict', follows the editor's theme, lists
 * the findings and jump targets as text, and reports errors instead of leaving a blank panel or
 * calling a diagram Mermaid could not draw "rendered".
 * No user string is ever written as HTML here: text goes through textContent, and the SVG is
 * Mermaid's own sanitised output.
 */
import mermaid from 'mermaid';
import type { FromWebview, ToWebview, WebviewState } from './messages';

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

async function render(): Promise<void> {
  if (!current) return;
  const diagram = current;
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
    const { svg } = await mermaid.render(`packet-flow-${++renders}`, diagram.mermaid);
    const target = $('diagram');
    target.innerHTML = svg; // Mermaid's output, sanitised by DOMPurify under 'strict'
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
    $('error').hidden = false;
    $('error-message').textContent = message;
    $('error-source').textContent = diagram.mermaid;
    $('status').textContent = 'The diagram could not be drawn.';
    vscode.postMessage({ type: 'error', message });
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
    const state: WebviewState = { ...message.source, diagram: current };
    vscode.setState(state);
    void render();
  } else if (message?.type === 'message') {
    $('status').textContent = message.text;
  }
});

// The theme is a class on <body>: draw again when the user switches it.
new MutationObserver(() => void render()).observe(document.body, { attributes: true, attributeFilter: ['class'] });

const saved = vscode.getState() as WebviewState | undefined;
if (saved?.diagram) {
  current = saved.diagram;
  void render();
}
vscode.postMessage({ type: 'ready' });
