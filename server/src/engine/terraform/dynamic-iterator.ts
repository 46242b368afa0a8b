/**
 * The iterator of a `dynamic` block: what its `content` calls the current element.
 */
import { findAttribute, type SyntaxBlock } from '../syntax/syntax-tree.js';

/**
 * The name of a dynamic block's iterator: `iterator = s` is a bare name, not an expression (a
 * .tf.json file writes it as a string); the block's label without one.
 */
export function iteratorName(dynamic: SyntaxBlock): string {
  const expr = findAttribute(dynamic.body, 'iterator')?.expr;
  if (expr?.kind === 'variable') return expr.name;
  if (expr?.kind === 'literal' && typeof expr.value === 'string') return expr.value;
  if (expr?.kind === 'template' && expr.parts.length === 1 && typeof expr.parts[0] === 'string') return expr.parts[0];
  return dynamic.labels[0]?.value ?? '';
}
