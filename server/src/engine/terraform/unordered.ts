/**
 * Collections whose order cannot be known before apply (`Known.unordered`). Terraform orders a set
 * of strings, numbers or bools by value, but a set of objects (a VNet's inline subnets) by a hash
 * of the whole object, an order go-cty calls "consistent but undefined" (cty/set_internals.go,
 * `setRules.Less`); a subnet's `id`, part of that object, is known only after apply. So whatever
 * picks an element by position (an index, `element()`, `zipmap()`) is Unknown once such a
 * collection holds two or more elements, and only what needs no order (`one()`, `length()`, a
 * `for` expression filtering by name) stays known. A set has no index at all: HCL fails with
 * "Invalid index" (hcl ops.go), and `element()` and `concat()` with "cannot read elements from
 * set" / "all arguments must be lists or tuples" (go-cty stdlib).
 */
import { isKnown, unknown, type Known, type Origin, type Plain, type Unknown, type Value } from './values.js';

const ORDER_REASON = 'the order of a set of objects, which is known only after apply';

/** Whether a value is a collection of two or more elements in no known order. */
export function isOrderless(value: Value | undefined): boolean {
  return isKnown(value) && value.unordered !== undefined && Array.isArray(value.value) && value.value.length >= 2;
}

/** The Unknown an index into `collection` gives, or undefined when the index can be known. */
export function indexOrderProblem(collection: Known, origin: Origin): Unknown | undefined {
  if (!Array.isArray(collection.value)) return undefined;
  if (collection.unordered === 'set') return unknown('a set has no index: Terraform fails with "Invalid index" (tolist() makes it a list)', { origin, error: true });
  if (isOrderless(collection)) return unknown(`which element an index picks depends on ${ORDER_REASON}`, { origin });
  return undefined;
}

/** `value` with the lack of order of `source`, when it has one (a list made from it). */
export function keepOrder(value: Known, source: Known): Known {
  return source.unordered && Array.isArray(value.value) ? { ...value, unordered: 'list' } : value;
}

/** Functions whose result does not depend on the order of their arguments' elements. */
const ORDER_FREE = new Set(['length', 'one', 'contains', 'lookup', 'merge', 'keys', 'values', 'tomap']);

/** Functions that keep the order they are given: their result is in no known order when an argument is. */
const ORDER_KEEPING = new Set(['tolist', 'concat', 'flatten']);

/** Functions Terraform refuses a set for (their parameter takes any type, so no conversion to a list happens). */
const REFUSE_SETS = new Set(['element', 'concat']);

/** What a call does with the order of its arguments: an Unknown to return instead, or the order of its result. */
export type CallOrder = { unknown: Unknown } | { result: 'list' | 'set' } | undefined;

/**
 * How a function call treats its Known arguments' order: an Unknown to return (the result depends
 * on an order that is not known, or Terraform refuses a set there), or the order of its result.
 */
export function orderOfCall(name: string, args: Known[], origin: Origin): CallOrder {
  if (name === 'toset') return { result: 'set' };
  const unordered = args.filter((arg) => arg.unordered !== undefined);
  if (unordered.length === 0) return name === 'flatten' && args.some((arg) => nestsOrderless(arg.value)) ? { result: 'list' } : undefined;
  if (REFUSE_SETS.has(name) && unordered.some((arg) => arg.unordered === 'set')) {
    return { unknown: unknown(`${name}() would fail: it cannot read elements from a set`, { origin, error: true }) };
  }
  if (ORDER_FREE.has(name)) return undefined;
  if (ORDER_KEEPING.has(name)) return { result: 'list' };
  if (unordered.some(isOrderless)) return { unknown: unknown(`${name}() depends on ${ORDER_REASON}`, { origin }) };
  return undefined;
}

/**
 * A call's Known result with the order orderOfCall found. `toset()` sorts strings, numbers and
 * bools as Terraform does; a set of anything else is in no known order.
 */
export function withCallOrder(value: Known, order: CallOrder): Known {
  if (!order || 'unknown' in order || !Array.isArray(value.value) || value.value.length === 0) return value;
  if (order.result === 'list') return { ...value, unordered: 'list' };
  const kinds = new Set(value.value.map((item) => (isKnown(item) ? typeof item.value : 'unknown')));
  const primitive = kinds.size === 1 && (kinds.has('string') || kinds.has('number') || kinds.has('boolean'));
  return primitive ? value : { ...value, unordered: 'set' };
}

/** Whether a list holds, at any depth of lists, a list in no known order (what flatten() splices in). */
function nestsOrderless(value: Plain): boolean {
  if (!Array.isArray(value)) return false;
  const stack: Value[] = [...value];
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (!isKnown(item) || !Array.isArray(item.value)) continue;
    if (isOrderless(item)) return true;
    stack.push(...item.value);
  }
  return false;
}
