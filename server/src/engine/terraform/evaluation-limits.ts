/**
 * The limits that keep evaluating any module bounded in time, memory and stack (issue 16): how
 * deep evaluation nests, how large a value grows, how many instances a resource expands into and
 * how many steps one analysis takes. What passes a limit is Unknown with a reason that names it;
 * the JavaScript stack limit is never the safety net.
 */
import type { Value } from './values.js';

/**
 * How deep evaluation nests (an expression inside an expression, a reference followed from an
 * expression) and how deep a value nests. Real modules stay under 20; each level costs a few stack
 * frames, so 200 levels fit the default stack with room for the caller's own frames.
 */
export const MAX_NESTING = 200;

/**
 * How many values one value holds, shared parts counted every time they appear (as Terraform
 * holds them): a map of 10,000 clusters of a few attributes each fits; doubling `concat` locals
 * stop here long before 2^40 elements.
 */
export const MAX_VALUE_SIZE = 100_000;

/** The longest string evaluation builds (templates, functions); literals are not limited. */
export const MAX_STRING_LENGTH = 1_000_000;

/**
 * Instances one `count` / `for_each` is expanded into: more become one uncertain instance, so
 * `count = 1e9` costs nothing and 10,000 clusters from one block do not run every rule 10,000 times.
 */
export const MAX_INSTANCES = 1_000;

/**
 * Evaluation steps (expressions evaluated, plus the values functions read) one analysis of one
 * module may take: a base every module gets, plus a share per character of its files, so that
 * evaluation work grows at most linearly with the module's size. Real modules take far less (a
 * 5,000-line module of 20 clusters: under 1,000 steps; 2,400 clusters in 5 MB: 6 million, within
 * its 10 million); past the budget (`for` expressions nested over large lists), the rest of the
 * module's values are Unknown.
 */
export const BASE_STEPS = 250_000;
export const STEPS_PER_CHARACTER = 2;

/** The step budget of a module whose files hold `characters` characters. */
export function stepBudget(characters: number): number {
  return BASE_STEPS + STEPS_PER_CHARACTER * characters;
}

/** 10000 -> "10,000" (without Intl: creating a number format costs ~100 ms at startup). */
export function formatCount(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

const count = formatCount;

/** Reasons, in words for a "not checked" note. */
export const LIMIT_REASONS = {
  expressionDepth: `the expression is nested deeper than ${count(MAX_NESTING)} levels, more than aks-netlint evaluates`,
  valueDepth: `the value is nested deeper than ${count(MAX_NESTING)} levels, more than aks-netlint evaluates`,
  valueSize: `the value holds more than ${count(MAX_VALUE_SIZE)} values, more than aks-netlint evaluates`,
  stringLength: `the string is longer than ${count(MAX_STRING_LENGTH)} characters, more than aks-netlint evaluates`,
  steps: (budget: number) => `evaluating this module took more than ${count(budget)} steps, the most aks-netlint takes for a module of its size`,
  instances: (what: string, n: number) =>
    `${what} makes ${Number.isFinite(n) ? count(n) : 'infinitely many'} instances, more than the ${count(MAX_INSTANCES)} aks-netlint expands`,
} as const;

/** Thrown by a function whose result would pass a limit: the call is Unknown, not a failure. */
export class OverLimit extends Error {}

/** The size and depth of a value (a scalar or Unknown is size 1, depth 0). */
export interface ValueMeasure {
  size: number;
  depth: number;
}

const SCALAR: ValueMeasure = { size: 1, depth: 0 };
/** Values are never changed once built, so a collection's measure is computed once. */
const MEASURES = new WeakMap<object, ValueMeasure>();

type Collection = Value[] | { [key: string]: Value };

function collectionOf(value: Value): Collection | undefined {
  return value.known && value.value !== null && typeof value.value === 'object' ? value.value : undefined;
}

function childrenOf(collection: Collection): Value[] {
  return Array.isArray(collection) ? collection : Object.values(collection);
}

function measured(value: Value): ValueMeasure {
  const collection = collectionOf(value);
  return collection ? (MEASURES.get(collection) ?? SCALAR) : SCALAR;
}

/**
 * The size and depth of a value, without recursion: a collection's parts are measured before it,
 * each shared part once.
 */
export function measureValue(value: Value): ValueMeasure {
  const root = collectionOf(value);
  if (!root) return SCALAR;
  const known = MEASURES.get(root);
  if (known) return known;
  const rootChildren = childrenOf(root);
  // Most values are short lists of scalars (`address_space = ["10.0.0.0/16"]`): measured on the spot.
  if (rootChildren.length <= 16 && !rootChildren.some((child) => collectionOf(child))) return { size: 1 + rootChildren.length, depth: 1 };
  const frames: { collection: Collection; children: Value[]; next: number }[] = [{ collection: root, children: rootChildren, next: 0 }];
  while (frames.length > 0) {
    const frame = frames[frames.length - 1];
    if (frame.next < frame.children.length) {
      const child = collectionOf(frame.children[frame.next++]);
      if (child && !MEASURES.has(child)) frames.push({ collection: child, children: childrenOf(child), next: 0 });
      continue;
    }
    let size = 1;
    let depth = 0;
    for (const child of frame.children) {
      const m = measured(child);
      size += m.size;
      depth = Math.max(depth, m.depth);
    }
    MEASURES.set(frame.collection, { size, depth: depth + 1 });
    frames.pop();
  }
  return MEASURES.get(root)!;
}

/** The reason a value passes a size or depth limit, or undefined when it is within them. */
export function valueOverLimit(value: Value): string | undefined {
  if (value.known && typeof value.value === 'string') return value.value.length > MAX_STRING_LENGTH ? LIMIT_REASONS.stringLength : undefined;
  const { size, depth } = measureValue(value);
  if (depth > MAX_NESTING) return LIMIT_REASONS.valueDepth;
  if (size > MAX_VALUE_SIZE) return LIMIT_REASONS.valueSize;
  return undefined;
}
