/**
 * HCL's operators on evaluated values: equality compares values, not origins; `&&` and `||` are
 * decided by one Known side when it settles the answer.
 */
import { isKnown, isObjectValue, known, unknown, type Known, type Plain, type Value } from './values.js';

/** `left <operator> right`. */
export function evaluateBinary(operator: string, left: Value, right: Value, origin: Known['origin']): Value {
    if (operator === '&&' || operator === '||') {
      const l = isKnown(left) ? left.value : undefined;
      const r = isKnown(right) ? right.value : undefined;
      if (operator === '&&' && (l === false || r === false)) return known(false, origin);
      if (operator === '||' && (l === true || r === true)) return known(true, origin);
    }
    if (!isKnown(left)) return left;
    if (!isKnown(right)) return right;
    const a = left.value;
    const b = right.value;
    switch (operator) {
      case '==':
        return known(samePlain(a, b), origin);
      case '!=':
        return known(!samePlain(a, b), origin);
      case '&&':
      case '||':
        if (typeof a === 'boolean' && typeof b === 'boolean') return known(operator === '&&' ? a && b : a || b, origin);
        break;
      default:
        if (typeof a === 'number' && typeof b === 'number') {
          const result = arithmetic(operator, a, b);
          if (result !== undefined) return known(result, origin);
        }
    }
    return unknown(`cannot evaluate ${operator} on these values`, { origin });
  }

function arithmetic(operator: string, a: number, b: number): number | boolean | undefined {
  switch (operator) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      return b === 0 ? undefined : a / b;
    case '%':
      return b === 0 ? undefined : a % b;
    case '<':
      return a < b;
    case '>':
      return a > b;
    case '<=':
      return a <= b;
    case '>=':
      return a >= b;
    default:
      return undefined;
  }
}

/** Whether two values are equal, ignoring where they came from. */
export function samePlain(a: Plain, b: Plain): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return JSON.stringify(stripOrigins(a)) === JSON.stringify(stripOrigins(b));
}

function stripOrigins(value: Plain): unknown {
  if (Array.isArray(value)) return value.map((v) => (v.known ? stripOrigins(v.value) : { unknown: true }));
  if (value !== null && isObjectValue(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, v.known ? stripOrigins(v.value) : { unknown: true }]));
  }
  return value;
}

