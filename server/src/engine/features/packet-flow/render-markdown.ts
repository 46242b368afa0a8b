/**
 * Renders a packet-flow graph as a markdown document: a heading with the cluster's address, the
 * Mermaid diagram in a ```mermaid block (which GitHub and VS Code's preview draw), then the
 * effective settings with where each value comes from, and a legend.
 */
import { baseName, describeOrigin } from '../../aks/model.js';
import { escapeMarkdownText } from '../../text/escape-markdown.js';
import type { DataPlaneKind, EffectiveSetting, IpamMode, PacketFlowGraph } from './packet-flow-graph.js';
import { renderMermaid } from './render-mermaid.js';

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

/** The markdown document of a packet-flow graph, ending with a newline. */
export function renderMarkdown(graph: PacketFlowGraph, options: MarkdownOptions = {}): string {
  const displayName = options.displayName ?? baseName;
  const rows = graph.settings.map(
    (s) => `| \`${s.name}\` | ${escapeMarkdownText(s.value)} | ${escapeMarkdownText(describeSettingSource(s, displayName))} |`,
  );
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
    '## Effective settings',
    '',
    '| Setting | Value | From |',
    '| --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}
