/**
 * Renders a packet-flow graph as a markdown document: a heading with the cluster's address, the
 * Mermaid diagram in a ```mermaid block (which GitHub and VS Code's preview draw), then the
 * effective settings with where each value comes from, and a legend; with a baseline, what
 * changed since it.
 */
import { baseName, describeOrigin } from '../../aks/model.js';
import { escapeMarkdownText } from '../../text/escape-markdown.js';
import { codeSpan } from '../baseline-note.js';
import type { DataPlaneKind, EffectiveSetting, FlowChanges, IpamMode, PacketFlowGraph } from './packet-flow-graph.js';
import { renderMermaid } from './render-mermaid.js';
import { renderWalkthrough } from './render-walkthrough.js';
import type { Walkthrough } from './walkthrough.js';

export interface MarkdownOptions {
  /** How a file is named in "from" cells (default: its base name). */
  displayName?: (uri: string) => string;
}

const IPAM_NAMES: Record<IpamMode, string> = {
  kubenet: 'kubenet',
  nodeSubnet: 'Azure CNI, pods in the node subnet',
  podSubnet: 'Azure CNI, pods in their own subnet',
  overlay: 'Azure CNI Overlay',
  byo: 'bring your own CNI',
  unknown: 'not known',
};

const DATA_PLANE_NAMES: Record<DataPlaneKind, string> = {
  azure: 'Azure (kube-proxy, iptables)',
  cilium: 'Cilium (eBPF, no kube-proxy)',
  unknown: 'not known',
};

/** Where a setting's value comes from, in words: its origin chain, or where it is written. */
function describeSettingSource(setting: EffectiveSetting, displayName: (uri: string) => string): string {
  if (setting.origin) return describeOrigin(setting.origin, displayName);
  // An Unknown value is still written somewhere: point there.
  if (setting.source && setting.value.startsWith('unknown')) return `${displayName(setting.source.uri)}:${setting.source.range.start.line + 1}`;
  return '—';
}

/** The effective-settings table of a graph, with where each value comes from. */
export function settingsTable(graph: PacketFlowGraph, displayName: (uri: string) => string): string[] {
  const rows = graph.settings.map(
    (s) => `| \`${s.name}\` | ${escapeMarkdownText(s.value)} | ${escapeMarkdownText(describeSettingSource(s, displayName))} |`,
  );
  return ['| Setting | Value | From |', '| --- | --- | --- |', ...rows];
}

/** What changed since the baseline: a table of the settings, or that the change creates the cluster. */
function changesSection(changes: FlowChanges): string[] {
  const baseline = escapeMarkdownText(changes.baseline);
  if (changes.created) return [`## New since ${baseline}`, '', 'This change creates the cluster.', ''];
  const rows = changes.settings.map((c) =>
    'added' in c ? `| ${cell(c.name)} | not there | added |` : `| ${cell(c.name)} | ${escapeMarkdownText(c.before)} | ${escapeMarkdownText(c.after)} |`,
  );
  return [`## Changed since ${baseline}`, '', 'The boxes and arrows drawn with a dashed orange line are what the change alters.', '', `| Setting | At ${baseline} | Now |`, '| --- | --- | --- |', ...rows, ''];
}

/** A setting's name in a table cell: a code span, whose `|` would still end the cell. */
const cell = (name: string) => codeSpan(name).replace(/\|/g, '\\|');

/** The markdown document of a packet-flow graph, ending with a newline. */
export function renderMarkdown(graph: PacketFlowGraph, options: MarkdownOptions = {}): string {
  const displayName = options.displayName ?? baseName;
  return [
    `# Packet flow of ${escapeMarkdownText(graph.title)}`,
    '',
    `IPAM: ${IPAM_NAMES[graph.ipam]}. Data plane: ${DATA_PLANE_NAMES[graph.dataPlane]}.`,
    '',
    '```mermaid',
    renderMermaid(graph).trimEnd(),
    '```',
    '',
    'Solid arrows are the paths packets take. Dashed arrows are health probes, policy enforcement, or paths',
    'that are not known from the configuration or depend on software it does not describe.',
    '',
    ...(graph.changes ? changesSection(graph.changes) : []),
    '## Effective settings',
    '',
    ...settingsTable(graph, displayName),
    '',
  ].join('\n');
}

/**
 * The markdown document of walkthroughs of a graph's cluster: per journey its diagram and its
 * numbered steps as text (readable without a Mermaid viewer), then the effective settings.
 */
export function renderWalkthroughsMarkdown(graph: PacketFlowGraph, walks: readonly Walkthrough[], options: MarkdownOptions = {}): string {
  const displayName = options.displayName ?? baseName;
  const sections = walks.flatMap((walk) => [
    `## ${escapeMarkdownText(walk.title)}`,
    '',
    '```mermaid',
    renderWalkthrough(walk).trimEnd(),
    '```',
    '',
    ...walk.steps.map((s) => `- **${s.number}.** \`${s.packet.replace(/`/g, "'")}\`: ${escapeMarkdownText(s.what)}`),
    '',
  ]);
  return [
    `# Packet walkthroughs of ${escapeMarkdownText(graph.title)}`,
    '',
    `IPAM: ${IPAM_NAMES[graph.ipam]}. Data plane: ${DATA_PLANE_NAMES[graph.dataPlane]}.`,
    'The addresses are examples computed from the configuration: where such addresses fall, not the ones Azure will assign.',
    '',
    ...sections,
    '## Effective settings',
    '',
    ...settingsTable(graph, displayName),
    '',
  ].join('\n');
}
