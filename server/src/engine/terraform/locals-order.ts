/**
 * The order in which to evaluate locals, dependencies first, found without recursion: a chain of
 * 10,000 locals then evaluates one link at a time from the cache, and a cycle among locals is
 * found from the references as written, as Terraform finds it (before any value is computed).
 */
import type { Expr } from '../syntax/syntax-tree.js';
import { formatCount } from './evaluation-limits.js';

/** The names of the locals an expression refers to (`local.x`), in order of appearance. */
export function referencedLocals(expr: Expr): string[] {
  const names: string[] = [];
  // `local` bound as a `for` iterator is not the locals namespace.
  const stack: { expr: Expr; shadowed: boolean }[] = [{ expr, shadowed: false }];
  while (stack.length > 0) {
    const { expr: e, shadowed } = stack.pop()!;
    const push = (...children: (Expr | undefined)[]) => {
      for (let i = children.length - 1; i >= 0; i--) {
        const child = children[i];
        if (child) stack.push({ expr: child, shadowed });
      }
    };
    switch (e.kind) {
      case 'template':
        push(...e.parts.filter((part): part is Expr => typeof part !== 'string'));
        break;
      case 'tuple':
        push(...e.items);
        break;
      case 'object':
        push(...e.items.flatMap((item) => [item.key, item.value]));
        break;
      case 'postfix': {
        const [first] = e.steps;
        if (!shadowed && e.target.kind === 'variable' && e.target.name === 'local' && first?.kind === 'attr') names.push(first.name);
        push(e.target, ...e.steps.map((step) => (step.kind === 'index' ? step.key : undefined)));
        break;
      }
      case 'call':
        push(...e.args);
        break;
      case 'conditional':
        push(e.condition, e.then, e.otherwise);
        break;
      case 'binary':
        push(e.left, e.right);
        break;
      case 'unary':
        push(e.operand);
        break;
      case 'for': {
        stack.push({ expr: e.collection, shadowed });
        const inner = shadowed || e.valueVar === 'local' || e.keyVar === 'local';
        for (const child of [e.keyExpr, e.valueExpr, e.condition]) if (child) stack.push({ expr: child, shadowed: inner });
        break;
      }
      default:
        break;
    }
  }
  return names;
}

/** What to evaluate, in order, and the locals found on a cycle (with the cycle's path). */
export interface LocalsPlan {
  /** Locals not on a cycle, each after every local it refers to. */
  order: string[];
  /** Each local on a cycle, with the path that closes it: `[a, b, a]`. */
  cycles: Map<string, string[]>;
}

/**
 * A depth-first walk from `start` over the references between locals, with an explicit stack.
 * `settled` locals (evaluated already, or being evaluated further out) are not entered.
 */
export function planLocals(start: string, references: (name: string) => string[], settled: (name: string) => boolean): LocalsPlan {
  const order: string[] = [];
  const cycles = new Map<string, string[]>();
  const finished = new Set<string>();
  const onPath = new Map<string, number>();
  const path: { name: string; next: string[]; index: number }[] = [];
  const enter = (name: string) => {
    onPath.set(name, path.length);
    path.push({ name, next: references(name), index: 0 });
  };
  if (settled(start)) return { order, cycles };
  enter(start);
  while (path.length > 0) {
    const top = path[path.length - 1];
    if (top.index < top.next.length) {
      const next = top.next[top.index++];
      if (finished.has(next) || settled(next)) continue;
      const at = onPath.get(next);
      if (at === undefined) {
        enter(next);
        continue;
      }
      // A reference back to a local still being walked closes a cycle through every local since.
      const cycle = [...path.slice(at).map((frame) => frame.name), next];
      for (const frame of path.slice(at)) if (!cycles.has(frame.name)) cycles.set(frame.name, cycle);
      continue;
    }
    path.pop();
    onPath.delete(top.name);
    finished.add(top.name);
    if (!cycles.has(top.name)) order.push(top.name);
  }
  return { order, cycles };
}

/** "cycle: local.a → local.b → local.a", the middle of a long cycle left out. */
export function describeCycle(path: readonly string[]): string {
  const shown = path.length <= 12 ? path : [...path.slice(0, 6), `… ${formatCount(path.length - 11)} more …`, ...path.slice(-5)];
  return `cycle: ${shown.join(' → ')}`;
}
