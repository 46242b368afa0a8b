/**
 * Renders a packet-flow graph as Mermaid `flowchart LR` source: one subgraph per panel, quoted
 * labels with `<br/>` between lines, one classDef per node kind (plain colours for now; the
 * webview themes them later). Every label goes through escapeMermaidText; node, edge and subgraph
 * ids are the renderer's fixed ids, never the user's text. With a baseline, what changed since it
 * carries the class `changed` (a dashed orange stroke) and a legend box lists the changes.
 */
import { escapeMermaidText } from './escape-mermaid.js';
import type { FlowChange, FlowChanges, FlowGroup, FlowNode, FlowNodeKind, PacketFlowGraph } from './packet-flow-graph.js';

const PANELS: { group: FlowGroup; id: string; title: (graph: PacketFlowGraph) => string }[] = [
  { group: 'ingress', id: 'panelIngress', title: () => 'Ingress' },
  { group: 'cluster', id: 'panelCluster', title: (g) => `Cluster ${g.title}` },
  { group: 'private', id: 'panelPrivate', title: () => 'Private networks' },
  { group: 'egress', id: 'panelEgress', title: () => 'Egress' },
];

/** Mermaid's shape brackets per kind, around the quoted label. */
const SHAPES: Partial<Record<FlowNodeKind, [string, string]>> = {
  client: ['([', '])'],
  internet: ['((', '))'],
  routeTable: ['[/', '/]'],
  privateNetwork: ['[(', ')]'],
};

/** Plain colours per kind; the webview restyles them for the editor theme. */
export const CLASS_DEFS: Record<FlowNodeKind, string> = {
  client: 'fill:#f1f5f9,stroke:#475569,color:#0f172a',
  loadBalancer: 'fill:#dbeafe,stroke:#1d4ed8,color:#0f172a',
  nodes: 'fill:#e0f2fe,stroke:#0369a1,color:#0f172a',
  dataPlane: 'fill:#ede9fe,stroke:#6d28d9,color:#0f172a',
  policy: 'fill:#fce7f3,stroke:#be185d,color:#0f172a',
  pods: 'fill:#dcfce7,stroke:#15803d,color:#0f172a',
  routeTable: 'fill:#fef9c3,stroke:#a16207,color:#0f172a',
  privateNetwork: 'fill:#f1f5f9,stroke:#475569,color:#0f172a',
  egress: 'fill:#ffedd5,stroke:#c2410c,color:#0f172a',
  internet: 'fill:#f8fafc,stroke:#64748b,color:#0f172a',
};

/** What changed since the baseline: a dashed orange stroke on boxes and arrows. */
export const CHANGED_STYLE = 'stroke:#ea580c,stroke-width:3px,stroke-dasharray:6 3';
/** The legend box of the changes, drawn in the same stroke. */
const LEGEND_STYLE = 'fill:#fff7ed,stroke:#ea580c,stroke-width:2px,stroke-dasharray:6 3,color:#0f172a';

const label = (lines: string[]) => `"${lines.map(escapeMermaidText).join('<br/>')}"`;

function renderNode(node: FlowNode): string {
  const [open, close] = SHAPES[node.kind] ?? ['[', ']'];
  return `${node.id}${open}${label(node.label)}${close}`;
}

/** The Mermaid source of a packet-flow graph, ending with a newline. */
export function renderMermaid(graph: PacketFlowGraph): string {
  const lines = ['flowchart LR'];
  for (const panel of PANELS) {
    const members = graph.nodes.filter((n) => n.group === panel.group);
    if (members.length === 0) continue;
    lines.push(`  subgraph ${panel.id}[${label([panel.title(graph)])}]`);
    for (const node of members) lines.push(`    ${renderNode(node)}`);
    lines.push('  end');
  }
  if (graph.changes) lines.push(`  changes[${label(legendLines(graph.changes))}]`);
  // A changed arrow gets an id (its index) so that a class can name it.
  graph.edges.forEach((edge, i) => {
    const arrow = edge.style === 'dashed' ? '-.->' : '-->';
    lines.push(`  ${edge.from} ${edge.changed ? `${edgeId(i)}@` : ''}${arrow}${edge.label === undefined ? '' : `|${label([edge.label])}|`} ${edge.to}`);
  });
  const kinds = [...new Set(graph.nodes.map((n) => n.kind))];
  for (const kind of kinds) lines.push(`  classDef ${kind}Kind ${CLASS_DEFS[kind]}`);
  for (const kind of kinds) lines.push(`  class ${graph.nodes.filter((n) => n.kind === kind).map((n) => n.id).join(',')} ${kind}Kind`);
  if (graph.changes) {
    // After the kinds, so that its stroke wins over theirs.
    const changed = [...graph.nodes.filter((n) => n.changed).map((n) => n.id), ...graph.edges.flatMap((e, i) => (e.changed ? [edgeId(i)] : []))];
    if (changed.length > 0) lines.push(`  classDef changed ${CHANGED_STYLE}`, `  class ${changed.join(',')} changed`);
    lines.push(`  classDef changesLegend ${LEGEND_STYLE}`, '  class changes changesLegend');
  }
  return `${lines.join('\n')}\n`;
}

const edgeId = (index: number) => `edge${index}`;

/** The legend's lines: what the baseline is, then one line per change. */
export function legendLines(changes: FlowChanges): string[] {
  if (changes.created) return [`New since ${changes.baseline}`, 'this change creates the cluster'];
  return [`Changed since ${changes.baseline}`, ...changes.settings.map(describeChange)];
}

/** `network_plugin "kubenet" → "azure"`; `node pool … added`. */
export function describeChange(change: FlowChange): string {
  return 'added' in change ? `${change.name} added` : `${change.name} ${change.before} → ${change.after}`;
}
