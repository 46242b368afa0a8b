/**
 * What names mean where an expression is evaluated, and the instances `count`/`for_each` create:
 * shared by the evaluator and the evaluation helpers it calls (for expressions, type defaults).
 */
import type { SyntaxAttribute } from '../syntax/syntax-tree.js';
import type { Value } from './values.js';

/** What names mean where an expression is evaluated. */
export interface Scope {
  /** The file the expression is written in. */
  uri: string;
  /** `each.key` / `each.value` inside a resource with `for_each`. */
  each?: { key: Value; value: Value };
  /** `count.index` inside a resource with `count`. */
  countIndex?: Value;
  /** Iterators of enclosing `dynamic` blocks, by name: an object `{ key, value }`. */
  iterators?: Record<string, Value>;
  /**
   * Set where Terraform allows no references (a variable's default, a var file, a type's
   * defaults): what the expression is, for the reason ("the default of var.a").
   */
  constant?: string;
}

/** One instance of a resource or dynamic block: its scope, and whether it surely exists. */
export interface Instance {
  key?: string | number;
  scope: Scope;
  /** True when `count`/`for_each` is Unknown: this stands for zero or more instances. */
  uncertain: boolean;
}

/**
 * The scope an attribute's expression is evaluated in: the block's, in the file the attribute is
 * written in (an override file merges attributes into a block of another file), so that the
 * value's origin points there.
 */
export function scopeFor(attribute: SyntaxAttribute, scope: Scope): Scope {
  return attribute.uri === undefined || attribute.uri === scope.uri ? scope : { ...scope, uri: attribute.uri };
}
