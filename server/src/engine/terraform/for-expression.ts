/**
 * `for` expressions over Known collections, in Terraform's iteration order (lexical for maps).
 */
import type { Expr, ForExpr } from '../syntax/syntax-tree.js';
import type { Scope } from './scope.js';
import { keepOrder, isOrderless } from './unordered.js';
import { isKnown, isObjectValue, known, unknown, wrapUnknown, type Known, type OriginStep, type Value } from './values.js';

/** A `for` expression over a Known collection; Unknown as soon as any part it needs is. */
export function evaluateFor(expr: ForExpr, scope: Scope, evaluate: (expr: Expr, scope: Scope) => Value): Value {
  const origin = { uri: scope.uri, range: expr.range, via: [] as OriginStep[] };
  const collection = evaluate(expr.collection, scope);
  if (!isKnown(collection)) return wrapUnknown('a for expression iterates over a value that is not known', collection, { origin });
  const source = collection.value;
  let entries: [Value, Value][];
  if (Array.isArray(source)) entries = source.map((item, i) => [indexOf(collection, i, item), item]);
  else if (source !== null && isObjectValue(source)) {
    // Terraform iterates maps and objects in lexical key order.
    entries = Object.keys(source)
      .sort()
      .map((key) => [known(key, collection.origin), source[key]]);
  } else return unknown('a for expression iterates over a value that is not a collection', { origin, error: true });
  const items: Value[] = [];
  const object: Record<string, Value> = {};
  // Grouped values are collected first and wrapped once: copying a group per item is quadratic.
  const groups = new Map<string, Value[]>();
  for (const [key, value] of entries) {
    const inner: Scope = {
      ...scope,
      iterators: { ...scope.iterators, [expr.valueVar]: value, ...(expr.keyVar ? { [expr.keyVar]: key } : {}) },
    };
    if (expr.condition) {
      const keep = evaluate(expr.condition, inner);
      if (!isKnown(keep)) return wrapUnknown("a for expression's condition is not known", keep, { origin });
      if (keep.value !== true) continue;
    }
    const result = evaluate(expr.valueExpr, inner);
    if (!expr.keyExpr) {
      items.push(result);
      continue;
    }
    const resultKey = evaluate(expr.keyExpr, inner);
    if (!isKnown(resultKey) || (typeof resultKey.value !== 'string' && typeof resultKey.value !== 'number')) {
      return unknown('a key of a for expression is not known', { origin });
    }
    const k = String(resultKey.value);
    if (expr.grouping) {
      const group = groups.get(k);
      if (group) group.push(result);
      else groups.set(k, [result]);
    } else if (k in object) {
      return unknown(`a for expression produces the key "${k}" twice`, { origin, error: true });
    } else object[k] = result;
  }
  for (const [k, group] of groups) object[k] = keepOrder(known(group, origin), collection);
  return expr.keyExpr ? known(object, origin) : keepOrder(known(items, origin), collection);
}

/**
 * The key of a list element: its index, unless the list is in no known order (unordered.ts); a
 * set's key is the element itself, as Terraform iterates sets.
 */
function indexOf(collection: Known, index: number, item: Value): Value {
  if (collection.unordered === 'set') return item;
  if (isOrderless(collection)) return unknown('the index of an element depends on the order of a set of objects, which is known only after apply');
  return known(index, collection.origin);
}
