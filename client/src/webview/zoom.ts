/**
 * Zoom and pan of the packet-flow SVG. The diagram opens at "fit to width", but never so small
 * that its text drops below a readable size: a wide graph in a narrow panel scrolls instead of
 * shrinking into a few-pixel blur (issue 14). The user's own zoom is kept across re-renders.
 */

/** Mermaid's flowchart font size (its themes' default), in CSS pixels at scale 1. */
export const MERMAID_FONT_PX = 16;
/** The smallest text "fit to width" may produce; 12 px leaves room over the 11 px floor. */
export const READABLE_FONT_PX = 12;
export const MIN_SCALE = 0.25;
export const MAX_SCALE = 4;
const STEP = 1.2;

/** `fit`: follow the panel's width; `manual`: the scale the user chose. */
export type Zoom = { mode: 'fit' } | { mode: 'manual'; scale: number };

const clamp = (scale: number) => Math.min(MAX_SCALE, Math.max(MIN_SCALE, scale));

/** The scale that fits the natural width into the available width, at most 1, never below readable text. */
export function fitScale(available: number, natural: number): number {
  if (!(natural > 0) || !(available > 0)) return 1;
  return Math.min(1, Math.max(READABLE_FONT_PX / MERMAID_FONT_PX, available / natural));
}

export function scaleOf(zoom: Zoom, available: number, natural: number): number {
  return zoom.mode === 'fit' ? fitScale(available, natural) : zoom.scale;
}

export function zoomedIn(current: number): Zoom {
  return { mode: 'manual', scale: clamp(current * STEP) };
}

export function zoomedOut(current: number): Zoom {
  return { mode: 'manual', scale: clamp(current / STEP) };
}

/** Below this panel width the graph is laid out top to bottom: a left-to-right chain would not fit. */
export const NARROW_PX = 900;

/** The Mermaid source laid out for a panel this wide: our renderer's `flowchart LR` becomes `TB` when narrow. */
export function forWidth(source: string, width: number): string {
  return width < NARROW_PX ? source.replace(/^flowchart LR\b/, 'flowchart TB') : source;
}
