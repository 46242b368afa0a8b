/**
 * The Terraform functions AKS network code really uses (DESIGN.md §4). Each takes evaluated
 * arguments and returns a plain result or throws an Error whose message says why Terraform would
 * fail; the evaluator turns that into Unknown. Unknown arguments never reach these functions.
 */
import { cidrhost, cidrsubnet, formatCidr, formatIp, parseCidr } from '../cidr/cidr-math.js';
import { LIMIT_REASONS, MAX_STRING_LENGTH, MAX_VALUE_SIZE, OverLimit } from './evaluation-limits.js';
import { isObjectValue, known, type Plain, type Unknown, type Value } from './values.js';

type PlainFunction = (args: Plain[]) => Plain | Value;

const ZERO = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** Thrown for inputs a function handles in Terraform but not here: Unknown, not an error. */
export class Unsupported extends Error {}

/** Thrown when a function needs an element of a Known collection that is Unknown. */
export class UnknownElement extends Error {
  constructor(readonly element: Unknown) {
    super(element.reason);
  }
}

const asString = (value: Plain, what: string): string => {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new Error(`${what} must be a string`);
};

const asNumber = (value: Plain, what: string): number => {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof n !== 'number' || Number.isNaN(n)) throw new Error(`${what} must be a number`);
  return n;
};

const asList = (value: Plain, what: string): Value[] => {
  if (Array.isArray(value)) return value;
  throw new Error(`${what} must be a list`);
};

const asCidr = (value: Plain) => {
  const text = asString(value, 'prefix');
  const cidr = parseCidr(text);
  if (!cidr) throw new Error(`invalid CIDR address "${text}"`);
  return cidr;
};

/** Terraform's `format` verbs that network code uses: %s %d %v %q %%, with optional width. */
function formatString(spec: string, args: Plain[]): string {
  let next = 0;
  let length = spec.length;
  return spec.replace(/%(-?\d*)([sdvq%])/g, (match, width: string, verb: string) => {
    if (verb === '%') return '%';
    if (next >= args.length) throw new Error('not enough arguments for format string');
    const arg = args[next++];
    let text: string;
    if (verb === 'd') text = String(Math.trunc(asNumber(arg, 'format argument')));
    else if (verb === 'q') text = JSON.stringify(asString(arg, 'format argument'));
    else text = asString(arg, 'format argument');
    const w = Math.abs(Number(width || 0));
    length += Math.max(w, text.length);
    if (length > MAX_STRING_LENGTH) throw new OverLimit(LIMIT_REASONS.stringLength);
    return width.startsWith('-') ? text.padEnd(w) : text.padStart(w);
  });
}

/** Functions by name. `try`, `can` and `coalesce` are handled by the evaluator (they are lazy). */
export const FUNCTIONS: Record<string, PlainFunction> = {
  cidrsubnet: ([prefix, newbits, netnum]) =>
    formatCidr(cidrsubnet(asCidr(prefix), asNumber(newbits, 'newbits'), asNumber(netnum, 'netnum'))),
  cidrsubnets: ([prefix, ...newbits]) => {
    // Consecutive, aligned subnets, as Terraform allocates them.
    const base = asCidr(prefix);
    const bits = base.version === 4 ? 32 : 128;
    let next = base.network;
    const out: string[] = [];
    for (const nb of newbits) {
      const length = base.prefix + asNumber(nb, 'newbits');
      if (length > bits) throw new Error(`insufficient address space to extend prefix of ${base.prefix} by ${nb}`);
      const size = 1n << BigInt(bits - length);
      if (next % size !== 0n) next += size - (next % size);
      if (next + size - 1n > base.network + (1n << BigInt(bits - base.prefix)) - 1n) throw new Error('not enough remaining address space for a subnet');
      out.push(formatCidr({ version: base.version, network: next, prefix: length, hostBitsSet: false }));
      next += size;
    }
    return out.map((text) => ({ known: true, value: text, origin: { uri: '', range: ZERO, via: [] } }) as Value);
  },
  cidrhost: ([prefix, hostnum]) => formatIp(cidrhost(asCidr(prefix), asNumber(hostnum, 'hostnum'))),
  cidrnetmask: ([prefix]) => {
    const cidr = asCidr(prefix);
    if (cidr.version !== 4) throw new Error('only IPv4 prefixes have a netmask');
    const mask = cidr.prefix === 0 ? 0n : ((1n << 32n) - 1n) ^ ((1n << BigInt(32 - cidr.prefix)) - 1n);
    return formatIp({ version: 4, value: mask });
  },
  lookup: ([map, key, fallback]) => {
    if (map === null || !isObjectValue(map)) throw new Error('lookup needs a map');
    const k = asString(key, 'key');
    if (k in map) return map[k];
    if (fallback === undefined) throw new Error(`the map has no key "${k}"`);
    return fallback;
  },
  tostring: ([value]) => (value === null ? null : asString(value, 'value')),
  tonumber: ([value]) => (value === null ? null : asNumber(value, 'value')),
  tobool: ([value]) => {
    if (value === null || typeof value === 'boolean') return value;
    if (value === 'true' || value === 'false') return value === 'true';
    throw new Error('value must be a bool');
  },
  tolist: ([value]) => asList(value, 'value'),
  toset: ([value]) => {
    // A set holds each value once; Terraform iterates a set of strings in lexical order, of numbers
    // in numeric order, of bools false first, and of anything else in no known order (unordered.ts).
    const items = asList(value, 'value');
    const seen = new Map<string, Value>();
    for (const item of items) {
      if (!item.known) throw new UnknownElement(item);
      seen.set(JSON.stringify(item.value), item);
    }
    const distinct = [...seen.values()] as { value: Plain }[];
    const kind = typeof distinct[0]?.value;
    if (!distinct.every((v) => typeof v.value === kind) || !['string', 'number', 'boolean'].includes(kind)) return distinct as Value[];
    return (distinct as { value: string | number | boolean }[]).sort((a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0)) as Value[];
  },
  format: ([spec, ...args]) => formatString(asString(spec, 'format'), args),
  element: ([list, index]) => {
    const items = asList(list, 'list');
    if (items.length === 0) throw new Error('cannot use element function with an empty list');
    const i = asNumber(index, 'index');
    return items[((i % items.length) + items.length) % items.length];
  },
  concat: (lists) => {
    // Doubling concat locals reach 2^40 elements: refuse before building, not after.
    let total = 0;
    for (const list of lists) total += asList(list, 'argument').length;
    if (total > MAX_VALUE_SIZE) throw new OverLimit(LIMIT_REASONS.valueSize);
    return lists.flatMap((list) => asList(list, 'argument'));
  },
  length: ([value]) => {
    if (typeof value === 'string') return [...value].length;
    if (Array.isArray(value)) return value.length;
    if (value !== null && isObjectValue(value)) return Object.keys(value).length;
    throw new Error('length needs a string, list or map');
  },
  one: ([value]) => {
    const items = asList(value, 'value');
    if (items.length > 1) throw new Error('must be a list, set, or tuple value with either zero or one elements');
    return items.length === 0 ? null : items[0];
  },
  trimspace: ([value]) => asString(value, 'value').trim(),
  split: ([separator, value]) =>
    asString(value, 'string')
      .split(asString(separator, 'separator'))
      .map((part) => ({ known: true, value: part, origin: { uri: '', range: ZERO, via: [] } }) as Value),
  replace: ([value, search, replacement]) => {
    const pattern = asString(search, 'substring');
    // A /regex/ search uses RE2 syntax, which JavaScript does not share: not evaluated.
    if (pattern.length > 1 && pattern.startsWith('/') && pattern.endsWith('/')) throw new Unsupported('replace() with a regular expression');
    const parts = asString(value, 'string').split(pattern);
    const by = asString(replacement, 'replacement');
    if ((parts.length - 1) * by.length > MAX_STRING_LENGTH) throw new OverLimit(LIMIT_REASONS.stringLength);
    return parts.join(by);
  },
  lower: ([value]) => asString(value, 'value').toLowerCase(),
  upper: ([value]) => asString(value, 'value').toUpperCase(),
  join: ([separator, ...lists]) => {
    const sep = asString(separator, 'separator');
    const items = lists.flatMap((list) => asList(list, 'list')).map((item) => {
      if (!item.known) throw new UnknownElement(item);
      return asString(item.value, 'element');
    });
    let length = sep.length * Math.max(0, items.length - 1);
    for (const item of items) length += item.length;
    if (length > MAX_STRING_LENGTH) throw new OverLimit(LIMIT_REASONS.stringLength);
    return items.join(sep);
  },
  merge: (maps) => {
    const out: Record<string, Value> = {};
    for (const map of maps) {
      if (map === null) continue;
      if (!isObjectValue(map)) throw new Error('merge needs maps');
      Object.assign(out, map);
    }
    return out;
  },
  contains: ([list, value]) =>
    asList(list, 'list').some((item) => item.known && JSON.stringify(item.value) === JSON.stringify(value)),
  tomap: ([value]) => {
    if (value === null || !isObjectValue(value)) throw new Error('tomap needs an object or a map');
    return value;
  },
  // Terraform iterates a map by its keys in lexical order.
  keys: ([map]) => sortedEntries(map, 'keys').map(([key]) => known(key, KEY_ORIGIN)),
  values: ([map]) => sortedEntries(map, 'values').map(([, value]) => value),
  zipmap: ([keys, values]) => {
    const names = asList(keys, 'keys');
    const items = asList(values, 'values');
    if (names.length !== items.length) throw new Error(`number of keys (${names.length}) does not match number of values (${items.length})`);
    const out: Record<string, Value> = {};
    names.forEach((name, i) => {
      if (!name.known) throw new UnknownElement(name);
      out[asString(name.value, 'key')] = items[i];
    });
    return out;
  },
  range: (args) => {
    const numbers = args.map((a) => asNumber(a, 'range argument'));
    if (numbers.length === 0 || numbers.length > 3) throw new Error('range needs one to three arguments');
    const [start, limit, step] = numbers.length === 1 ? [0, numbers[0], 1] : [numbers[0], numbers[1], numbers[2] ?? (numbers[1] >= numbers[0] ? 1 : -1)];
    if (step === 0 || (step > 0 && limit < start) || (step < 0 && limit > start)) {
      if (step === 0) throw new Error('step must not be zero');
      throw new Error('the step must move from start towards limit');
    }
    const count = Math.ceil((limit - start) / step);
    if (count > MAX_VALUE_SIZE) throw new OverLimit(LIMIT_REASONS.valueSize);
    return Array.from({ length: Math.max(0, count) }, (_, i) => known(start + i * step, KEY_ORIGIN));
  },
  flatten: ([list]) => {
    // Iterative, depth first, so that a deep list cannot exhaust the stack.
    const out: Value[] = [];
    const stack: Value[][] = [asList(list, 'list').slice().reverse()];
    while (stack.length > 0) {
      const item = stack[stack.length - 1].pop();
      if (item === undefined) {
        stack.pop();
        continue;
      }
      if (!item.known) throw new UnknownElement(item);
      if (Array.isArray(item.value)) stack.push(item.value.slice().reverse());
      else out.push(item);
      if (out.length > MAX_VALUE_SIZE) throw new OverLimit(LIMIT_REASONS.valueSize);
    }
    return out;
  },
  setproduct: (lists) => {
    if (lists.length < 2) throw new Error('setproduct needs at least two sets');
    const sets = lists.map((l) => asList(l, 'set'));
    const size = sets.reduce((n, set) => n * set.length, 1);
    if (size > MAX_VALUE_SIZE) throw new OverLimit(LIMIT_REASONS.valueSize);
    let product: Value[][] = [[]];
    for (const set of sets) product = product.flatMap((prefix) => set.map((item) => [...prefix, item]));
    return product.map((items) => known(items, KEY_ORIGIN));
  },
  regex: ([pattern, text]) => {
    const source = asString(pattern, 'pattern');
    // RE2 and JavaScript agree on the common syntax; anything else is not evaluated, never guessed.
    if (/\(\?[^:<P]|\\[pPzQE]|\[\[:/.test(source)) throw new Unsupported(`regex("${source}")`);
    let expression: RegExp;
    try {
      expression = new RegExp(source.replace(/\(\?P</g, '(?<'), 'u');
    } catch {
      throw new Unsupported(`regex("${source}")`);
    }
    const match = expression.exec(asString(text, 'string'));
    if (!match) throw new Error('pattern did not match any part of the given string');
    if (match.groups) return Object.fromEntries(Object.entries(match.groups).map(([k, v]) => [k, known(v ?? null, KEY_ORIGIN)]));
    if (match.length > 1) return match.slice(1).map((g) => known(g ?? null, KEY_ORIGIN));
    return match[0];
  },
};

/** Elements a function makes (keys, range, product) carry the call's origin, set by the evaluator. */
const KEY_ORIGIN = { uri: '', range: ZERO, via: [] };

function sortedEntries(map: Plain, what: string): [string, Value][] {
  if (map === null || !isObjectValue(map)) throw new Error(`${what} needs a map or an object`);
  return Object.entries(map).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Characters a step of work covers when a function reads or writes a string. */
const CHARACTERS_PER_STEP = 64;

const stringWork = (value: Plain | Value | undefined): number => (typeof value === 'string' ? Math.ceil(value.length / CHARACTERS_PER_STEP) : 0);
const entries = (value: Plain | Value | undefined): number =>
  Array.isArray(value) ? value.length : value !== null && typeof value === 'object' && !('known' in value && typeof value.known === 'boolean') ? Object.keys(value).length : 0;

/**
 * The work a call did, in evaluation steps (evaluation-limits.ts): what it read and built, not
 * the whole size of its arguments (`lookup` in a map of 10,000 clusters is one step).
 */
export function functionWork(name: string, args: Plain[], result: Plain | Value): number {
  switch (name) {
    case 'concat':
    case 'merge':
      return 1 + entries(result);
    case 'join':
    case 'format':
      return 1 + args.reduce((n: number, arg) => n + entries(arg), 0) + stringWork(result);
    case 'contains':
    case 'length':
      return 1 + entries(args[0]) + stringWork(args[0]);
    default:
      return 1 + args.reduce((n: number, arg) => n + stringWork(arg), 0) + stringWork(result) + entries(result);
  }
}
