/**
 * Variable type conversion that changes values before plan: the defaults of `optional()`
 * attributes in object types.
 */
import type { Expr } from '../syntax/syntax-tree.js';
import type { Scope } from './scope.js';
import { LIMIT_REASONS, MAX_NESTING } from './evaluation-limits.js';
import { isKnown, isObjectValue, known, unknown, type Value } from './values.js';

/**
 * Fills the attributes an `object({ a = optional(string, "x") })` type leaves out, as Terraform
 * does when it converts a variable's value to its type (through lists, sets and maps of objects).
 * Defaults can build a value as deep as the type: past MAX_NESTING levels it is Unknown.
 */
export function applyTypeDefaults(value: Value, type: Expr | undefined, uri: string, evaluate: (expr: Expr, scope: Scope) => Value, depth = 0): Value {
  if (!type || type.kind !== 'call' || !isKnown(value)) return value;
  if (depth >= MAX_NESTING) return unknown(LIMIT_REASONS.valueDepth, { origin: value.origin });
  const next = (item: Value, itemType: Expr | undefined) => applyTypeDefaults(item, itemType, uri, evaluate, depth + 1);
  const [inner] = type.args;
  if ((type.name === 'list' || type.name === 'set') && inner && Array.isArray(value.value)) {
    return { ...value, value: value.value.map((item) => next(item, inner)) };
  }
  if (type.name === 'map' && inner && value.value !== null && isObjectValue(value.value)) {
    const map = value.value;
    return { ...value, value: Object.fromEntries(Object.entries(map).map(([k, v]) => [k, next(v, inner)])) };
  }
  if (type.name !== 'object' || inner?.kind !== 'object' || value.value === null || !isObjectValue(value.value)) return value;
  const filled: Record<string, Value> = { ...value.value };
  for (const item of inner.items) {
    if (item.key.kind !== 'literal' || typeof item.key.value !== 'string') continue;
    const name = item.key.value;
    const attributeType = item.value;
    const optional = attributeType.kind === 'call' && attributeType.name === 'optional' ? attributeType : undefined;
    if (name in filled) {
      filled[name] = next(filled[name], optional ? optional.args[0] : attributeType);
    } else if (optional) {
      const fallback = optional.args[1];
      filled[name] = fallback
        ? next(evaluate(fallback, { uri }), optional.args[0])
        : known(null, { uri, range: optional.range, via: [] });
    }
  }
  return { ...value, value: filled };
}
