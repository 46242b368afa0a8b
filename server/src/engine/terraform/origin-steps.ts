/**
 * Origin chains kept short: a value read through 10,000 locals, or built by 40 doubling `concat`
 * calls, would otherwise carry (and copy at every link) a chain as long as its history. The first
 * and last links are what a hover or a message shows; the middle becomes one "… n more" step.
 */
import { formatCount } from './evaluation-limits.js';
import type { OriginStep } from './values.js';

/** The most steps a chain keeps: the first HEAD, one step for the rest, the last TAIL. */
export const MAX_ORIGIN_STEPS = 12;
const HEAD = 6;
const TAIL = 5;

const weight = (step: OriginStep) => step.elided ?? 1;

/** The chains one after the other, the middle left out when they are longer than MAX_ORIGIN_STEPS. */
export function joinSteps(...chains: readonly OriginStep[][]): OriginStep[] {
  let length = 0;
  for (const chain of chains) length += chain.length;
  if (length <= MAX_ORIGIN_STEPS) return chains.length === 1 ? chains[0] : chains.flat();
  const all = chains.flat();
  const head: OriginStep[] = [];
  for (const step of all) {
    if (head.length === HEAD || step.elided !== undefined) break;
    head.push(step);
  }
  const tail: OriginStep[] = [];
  for (let i = all.length - 1; i >= head.length && tail.length < TAIL; i--) {
    if (all[i].elided !== undefined) break;
    tail.unshift(all[i]);
  }
  let hidden = 0;
  for (let i = head.length; i < all.length - tail.length; i++) hidden += weight(all[i]);
  return [...head, { label: `… ${formatCount(hidden)} more`, elided: hidden }, ...tail];
}
