/**
 * Variable type conversion that changes values before plan: the defaults of `optional()`
 * attributes in object types.
 */
import type { Expr } from '../syntax/syntax-tree.js';
import type { Scope } from './scope.js';
import { isKnown, isObjectValue, known, type Value } from './values.js';

/**
 * Fills the attributes an `object({ a = optional(string, "x") })` type leaves out, as Terraform
 * does when it converts a variable's value to its type (through lists, sets and maps of objects).
 */
export function applyTypeDefaults(value: Value, type: Expr | undefined, uri: string, evaluate: (expr: Expr, scope: Scope) => Value): Value {
  if (!type || type.kind !== 'call' || !isKnown(value)) return value;
  const [inner] = type.args;
  if ((type.name === 'list' || type.name === 'set') && inner && Array.isArray(value.value)) {
    return { ...value, value: value.value.map((item) => applyTypeDefaults(item, inner, uri, evaluate)) };
  }
  if (type.name === 'map' && inner && value.value !== null && isObjectValue(value.value)) {
    const map = value.value;
    return { ...value, value: Object.fromEntries(Object.entries(map).map(([k, v]) => [k, applyTypeDefaults(v, inner, uri, evaluate)])) };
  }
  if (type.name !== 'object' || inner?.kind !== 'object' || value.value === null || !isObjectValue(value.value)) return value;
  const filled: Record<string, Value> = { ...value.value };
  for (const item of inner.items) {
    if (item.key.kind !== 'literal' || typeof item.key.value !== 'string') continue;
    const name = item.key.value;
    const attributeType = item.value;
    const optional = attributeType.kind === 'call' && attributeType.name === 'optional' ? attributeType : undefined;
    if (name in filled) {
      filled[name] = applyTypeDefaults(filled[name], optional ? optional.args[0] : attributeType, uri, evaluate);
    } else if (optional) {
      const fallback = optional.args[1];
      filled[name] = fallback
        ? applyTypeDefaults(evaluate(fallback, { uri }), optional.args[0], uri, evaluate)
        : known(null, { uri, range: optional.range, via: [] });
    }
  }
  return { ...value, value: filled };
}
