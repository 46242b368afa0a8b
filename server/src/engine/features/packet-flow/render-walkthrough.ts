/**
 * Renders a walkthrough as Mermaid `flowchart TB` source: the hops as boxes (styled like the
 * overview's), each step an arrow labelled with its number, the packet's source → destination and
 * what happens there. Top to bottom, because a journey reads downwards and fits a narrow panel.
 * Every label goes through escapeMermaidText; ids are the builder's fixed ids.
 */
import { escapeMermaidText } from './escape-mermaid.js';
import { CLASS_DEFS } from './render-mermaid.js';
import type { Hop, Walkthrough } from './walkthrough.js';

const SHAPES: Partial<Record<Hop['kind'], [string, string]>> = {
  client: ['([', '])'],
  internet: ['((', '))'],
  routeTable: ['[/', '/]'],
  privateNetwork: ['[(', ')]'],
  note: ['>', ']'],
};

const NOTE_STYLE = 'fill:#fffbeb,stroke:#92400e,color:#0f172a,stroke-dasharray:3 3';

const label = (lines: string[]) => `"${lines.map(escapeMermaidText).join('<br/>')}"`;

/** The Mermaid source of a walkthrough, ending with a newline. */
export function renderWalkthrough(walk: Walkthrough): string {
  const lines = ['flowchart TB'];
  for (const hop of walk.hops) {
    const [open, close] = SHAPES[hop.kind] ?? ['[', ']'];
    lines.push(`  ${hop.id}${open}${label(hop.label)}${close}`);
  }
  for (const step of walk.steps) {
    const arrow = step.style === 'dashed' ? '-.->' : '-->';
    lines.push(`  ${step.from} ${arrow}|${label([`${step.number}. ${step.packet}`, step.what])}| ${step.to}`);
  }
  const kinds = [...new Set(walk.hops.map((h) => h.kind))];
  for (const kind of kinds) lines.push(`  classDef ${kind}Kind ${kind === 'note' ? NOTE_STYLE : CLASS_DEFS[kind]}`);
  for (const kind of kinds) lines.push(`  class ${walk.hops.filter((h) => h.kind === kind).map((h) => h.id).join(',')} ${kind}Kind`);
  return `${lines.join('\n')}\n`;
}
