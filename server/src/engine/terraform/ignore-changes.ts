/**
 * A resource's `lifecycle { ignore_changes = [...] }`: the attributes whose change in the
 * configuration Terraform does not plan (it keeps the state's value). A rule about a change must
 * not report one of them. Read from the syntax, as Terraform does: a list of attribute paths
 * (`default_node_pool[0].max_pods`, `body.properties.agentPoolProfiles`), or `all`; `.tf.json`
 * writes them as strings.
 */
import { findAttribute, findBlocks, type Expr, type SyntaxBlock, type TraversalStep } from '../syntax/syntax-tree.js';

/**
 * Attribute paths of a resource: every one (`all`, or an expression that cannot be read, which
 * may name anything), or the listed paths. A path step is an attribute or block name, a list
 * index as a string (`"0"`), or `*` for an index that is not a literal.
 */
export type AttributePaths = { all: true } | { all: false; paths: string[][] };

/** What a resource's ignore_changes names. */
export type IgnoredChanges = AttributePaths;

const NONE: IgnoredChanges = { all: false, paths: [] };
const ALL: IgnoredChanges = { all: true };

/** The ignore_changes of a resource block. */
export function ignoredChangesOf(resource: SyntaxBlock): IgnoredChanges {
  const attributes = findBlocks(resource.body, 'lifecycle').flatMap((block) => {
    const attribute = findAttribute(block.body, 'ignore_changes');
    return attribute ? [attribute] : [];
  });
  if (attributes.length === 0) return NONE;
  const paths: string[][] = [];
  for (const { expr } of attributes) {
    if (isAll(expr)) return ALL;
    if (expr.kind !== 'tuple') return ALL;
    for (const item of expr.items) {
      const path = pathOf(item);
      if (!path) return ALL;
      paths.push(path);
    }
  }
  return { all: false, paths };
}

/**
 * Whether a change of the attribute at `path` (`['default_node_pool', '0', 'max_pods']`) is
 * ignored: some ignored path is the path or one of its parents.
 */
export function isChangeIgnored(ignored: IgnoredChanges | undefined, path: readonly string[]): boolean {
  return coversPath(ignored, path);
}

/** Whether one of the paths is `path` or one of its parents (a change below a path changes it). */
export function coversPath(paths: AttributePaths | undefined, path: readonly string[]): boolean {
  if (!paths) return false;
  if (paths.all) return true;
  return paths.paths.some((covering) => covering.length <= path.length && covering.every((step, i) => step === '*' || path[i] === '*' || step === path[i]));
}

function isAll(expr: Expr): boolean {
  return (expr.kind === 'variable' && expr.name === 'all') || (expr.kind === 'literal' && expr.value === 'all');
}

/** `a.b[0].c` as a path; undefined when the item is not a plain attribute path. */
function pathOf(item: Expr): string[] | undefined {
  if (item.kind === 'variable') return [item.name];
  if (item.kind === 'literal' && typeof item.value === 'string') return parseStringPath(item.value);
  if (item.kind !== 'postfix' || item.target.kind !== 'variable') return undefined;
  const path = [item.target.name];
  for (const step of item.steps) {
    const part = stepOf(step);
    if (part === undefined) return undefined;
    path.push(part);
  }
  return path;
}

function stepOf(step: TraversalStep): string | undefined {
  if (step.kind === 'attr') return step.name;
  if (step.kind === 'splat') return '*';
  const key = step.key;
  return key.kind === 'literal' && (typeof key.value === 'number' || typeof key.value === 'string') ? String(key.value) : '*';
}

/** `default_node_pool[0].max_pods` or `default_node_pool.0.max_pods`, as `.tf.json` and older configurations write it. */
function parseStringPath(text: string): string[] | undefined {
  const path: string[] = [];
  for (const part of text.split('.')) {
    const match = /^([A-Za-z_][\w-]*)?((?:\[(?:\d+|"[^"]*"|\*)\])*)$/.exec(part);
    if (!match) {
      if (/^\d+$/.test(part)) {
        path.push(part);
        continue;
      }
      return undefined;
    }
    if (match[1]) path.push(match[1]);
    for (const index of match[2].matchAll(/\[(\d+|"[^"]*"|\*)\]/g)) path.push(index[1].replace(/^"|"$/g, ''));
  }
  return path.length > 0 ? path : undefined;
}
