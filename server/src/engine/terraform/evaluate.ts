/**
 * The evaluator: an expression and a scope in, Known(value, origin) or Unknown(reason) out.
 * It evaluates what can be known before `terraform plan` — literals, variables (defaults, var
 * files, --var), locals, conditionals, templates, collections, literal attributes of other
 * resources and a handful of functions — and nothing else: never a guess, never a default
 * substituted for a missing value (DESIGN.md §4).
 */
import type { Expr, SyntaxBlock, TraversalStep } from '../syntax/syntax-tree.js';
import { findAttribute } from '../syntax/syntax-tree.js';
import type { Range } from '../text/positions.js';
import { FUNCTIONS, Unsupported } from './functions.js';
import { evaluateFor } from './for-expression.js';
import { evaluateBinary, samePlain } from './operators.js';
import { applyTypeDefaults } from './type-defaults.js';
import { resourceKey, type ResourceDecl, type TfModule } from './module.js';
import type { Instance, Scope } from './scope.js';
import {
  isKnown,
  isObjectValue,
  known,
  unknown,
  type Known,
  type OriginStep,
  type Plain,
  type Value,
} from './values.js';

const ROOTS_UNKNOWN_BEFORE_APPLY: Record<string, string> = {
  module: 'module outputs are not evaluated',
  path: 'paths are not evaluated',
  terraform: 'terraform.* is not evaluated',
  self: 'self is only known inside provisioners',
};

/** Evaluates expressions of one module; caches variables and locals. */
export class Evaluator {
  private readonly variableCache = new Map<string, Value>();
  private readonly localCache = new Map<string, Value>();
  private readonly localsInProgress = new Set<string>();

  /** The read sets of the `track` calls running now, innermost last. */
  private readonly trackers: Set<ResourceDecl>[] = [];
  /** What each cached local read while it was computed, told again to trackers on a cache hit. */
  private readonly localReads = new Map<string, ReadonlySet<ResourceDecl>>();

  constructor(readonly module: TfModule) {}

  /**
   * Runs `read` and returns its result with every resource declaration its evaluations read (by
   * reference or instance lookup), so that a caller may reuse the result while those stay the
   * same (the language server's memo of what each resource block declares).
   */
  track<T>(read: () => T): { result: T; reads: ReadonlySet<ResourceDecl> } {
    const reads = new Set<ResourceDecl>();
    this.trackers.push(reads);
    try {
      return { result: read(), reads };
    } finally {
      this.trackers.pop();
    }
  }

  /**
   * Runs `read` with no `track` call seeing its reads: for a value the caller re-derives every
   * time anyway (a node pool's kubernetes_cluster_id, which only links it to its cluster).
   */
  untracked<T>(read: () => T): T {
    const suspended = this.trackers.splice(0);
    try {
      return read();
    } finally {
      this.trackers.push(...suspended);
    }
  }

  private noteRead(decl: ResourceDecl): void {
    for (const reads of this.trackers) reads.add(decl);
  }

  /** The value of `expr` in `scope`. */
  evaluate(expr: Expr, scope: Scope): Value {
    const origin = { uri: scope.uri, range: expr.range, via: [] };
    switch (expr.kind) {
      case 'literal':
        return known(expr.value, { ...origin, literal: true });
      case 'template':
        return this.template(expr, scope);
      case 'tuple':
        return known(
          expr.items.map((item) => this.evaluate(item, scope)),
          origin,
        );
      case 'object': {
        const out: Record<string, Value> = {};
        for (const item of expr.items) {
          const key = this.evaluate(item.key, scope);
          if (!isKnown(key) || (typeof key.value !== 'string' && typeof key.value !== 'number')) {
            return unknown('an object key is not known', { origin });
          }
          out[String(key.value)] = this.evaluate(item.value, scope);
        }
        return known(out, origin);
      }
      case 'variable':
        return this.reference(expr.name, expr.range, [], scope);
      case 'postfix':
        if (expr.target.kind === 'variable') return this.reference(expr.target.name, expr.range, expr.steps, scope);
        return this.applySteps(this.evaluate(expr.target, scope), expr.steps, scope, expr.range);
      case 'call':
        return this.call(expr, scope);
      case 'conditional': {
        const condition = this.evaluate(expr.condition, scope);
        if (isKnown(condition) && typeof condition.value === 'boolean') {
          return this.evaluate(condition.value ? expr.then : expr.otherwise, scope);
        }
        const a = this.evaluate(expr.then, scope);
        const b = this.evaluate(expr.otherwise, scope);
        if (isKnown(a) && isKnown(b) && samePlain(a.value, b.value)) return known(a.value, origin);
        return unknown(`the condition is not known${condition.known ? '' : `: ${condition.reason}`}`, { origin });
      }
      case 'binary':
        return evaluateBinary(expr.operator, this.evaluate(expr.left, scope), this.evaluate(expr.right, scope), origin);
      case 'unary': {
        const operand = this.evaluate(expr.operand, scope);
        if (!isKnown(operand)) return operand;
        if (expr.operator === '!' && typeof operand.value === 'boolean') return known(!operand.value, origin);
        if (expr.operator === '-' && typeof operand.value === 'number') return known(-operand.value, origin);
        return unknown(`cannot apply ${expr.operator} here`, { origin });
      }
      case 'for':
        return evaluateFor(expr, scope, (e, sc) => this.evaluate(e, sc));
      case 'unsupported':
        return unknown(`${expr.what} is not evaluated`, { origin });
      case 'invalid':
        return unknown('the value is incomplete', { origin });
    }
  }

  /** The value of an attribute of a block, or undefined when the attribute is absent. */
  attribute(block: SyntaxBlock, name: string, scope: Scope): Value | undefined {
    const attribute = findAttribute(block.body, name);
    return attribute ? this.evaluate(attribute.expr, scope) : undefined;
  }

  /** The instances `count` / `for_each` of a resource block create. */
  instances(block: SyntaxBlock, uri: string): Instance[] {
    const base: Scope = { uri };
    const count = findAttribute(block.body, 'count');
    const forEach = findAttribute(block.body, 'for_each');
    if (count) {
      const value = this.evaluate(count.expr, base);
      // Terraform converts a numeric string to a number here.
      const n = isKnown(value) && typeof value.value === 'string' && /^\d+$/.test(value.value) ? Number(value.value) : isKnown(value) ? value.value : undefined;
      if (isKnown(value) && typeof n === 'number') {
        return [...Array(Math.max(0, Math.trunc(n))).keys()].map((index) => ({
          key: index,
          scope: { uri, countIndex: known(index, value.origin) },
          uncertain: false,
        }));
      }
      return [{ scope: { uri, countIndex: unknown('count is not known') }, uncertain: true }];
    }
    if (forEach) {
      const value = this.evaluate(forEach.expr, base);
      const entries = forEachEntries(value);
      if (entries) {
        return entries.map(([key, item]) => ({
          key,
          scope: { uri, each: { key: known(key, { uri, range: forEach.expr.range, via: [] }), value: item } },
          uncertain: false,
        }));
      }
      const reason = `for_each is not known${value.known ? '' : `: ${value.reason}`}`;
      return [{ scope: { uri, each: { key: unknown(reason), value: unknown(reason) } }, uncertain: true }];
    }
    return [{ scope: base, uncertain: false }];
  }

  /** The value of `var.name`, with its origin chain. */
  variable(name: string): Value {
    const cached = this.variableCache.get(name);
    if (cached) return cached;
    const value = this.computeVariable(name);
    this.variableCache.set(name, value);
    return value;
  }

  private computeVariable(name: string): Value {
    const decl = this.module.variables.get(name);
    if (!decl) return unknown(`var.${name} is not declared in this module`);
    const override = this.module.overridden.get(`variable:${name}`);
    if (override) return unknown(`var.${name} is changed by ${override}, and aks-netlint does not merge override files`);
    const declared: OriginStep = decl.default
      ? { label: `var.${name} default`, uri: decl.uri, range: decl.default.range }
      : { label: `var.${name} declared`, uri: decl.uri, range: decl.block.headerRange };
    const assignments = this.module.assignments.get(name) ?? [];
    const last = assignments[assignments.length - 1];
    if (last) {
      if (last.raw !== undefined) {
        const isStringType = !decl.typeExpr || (decl.typeExpr.kind === 'variable' && decl.typeExpr.name === 'string');
        const setBy = last.rawSource === 'env' ? `set by the environment variable TF_VAR_${name}` : `set by --var ${name}`;
        const origin = { uri: decl.uri, range: decl.block.headerRange, via: [declared, { label: setBy }] };
        return known(isStringType ? last.raw : parseCliValue(last.raw), origin);
      }
      if (last.expr && last.uri && last.attribute) {
        const value = applyTypeDefaults(this.evaluate(last.expr, { uri: last.uri }), decl.typeExpr, decl.uri, (e, sc) => this.evaluate(e, sc));
        return withVia(value, [declared, { label: 'set', uri: last.uri, range: last.attribute.range }]);
      }
    }
    if (decl.default) return withVia(applyTypeDefaults(this.evaluate(decl.default.expr, { uri: decl.uri }), decl.typeExpr, decl.uri, (e, sc) => this.evaluate(e, sc)), [declared]);
    return unknown(`var.${name} has no value: no default, and no var file or --var sets it`);
  }

  /** The value of `local.name`. */
  local(name: string): Value {
    const cached = this.localCache.get(name);
    if (cached) {
      for (const decl of this.localReads.get(name) ?? []) this.noteRead(decl);
      return cached;
    }
    const decl = this.module.locals.get(name);
    if (!decl) return unknown(`local.${name} is not declared in this module`);
    const override = this.module.overridden.get(`local:${name}`);
    if (override) return unknown(`local.${name} is changed by ${override}, and aks-netlint does not merge override files`);
    if (this.localsInProgress.has(name)) return unknown(`local.${name} refers to itself`);
    this.localsInProgress.add(name);
    const { result: value, reads } = this.track(() =>
      withVia(this.evaluate(decl.attribute.expr, { uri: decl.uri }), [{ label: `local.${name}`, uri: decl.uri, range: decl.attribute.range }]),
    );
    this.localReads.set(name, reads);
    this.localsInProgress.delete(name);
    this.localCache.set(name, value);
    return value;
  }

  private reference(root: string, range: Range, steps: TraversalStep[], scope: Scope): Value {
    const origin = { uri: scope.uri, range, via: [] };
    const [first, ...rest] = steps;
    const attrName = first?.kind === 'attr' ? first.name : undefined;
    switch (root) {
      case 'var':
        if (!attrName) return unknown('var needs an attribute', { origin });
        return this.applySteps(this.variable(attrName), rest, scope, range);
      case 'local':
        if (!attrName) return unknown('local needs an attribute', { origin });
        return this.applySteps(this.local(attrName), rest, scope, range);
      case 'each':
        if (!scope.each) return unknown('each is only defined with for_each', { origin });
        if (attrName === 'key') return this.applySteps(scope.each.key, rest, scope, range);
        if (attrName === 'value') return this.applySteps(scope.each.value, rest, scope, range);
        return unknown('each has only key and value', { origin });
      case 'count':
        if (attrName !== 'index' || !scope.countIndex) return unknown('count.index is only defined with count', { origin });
        return this.applySteps(scope.countIndex, rest, scope, range);
      case 'data':
        return this.resourceReference('data', steps, scope, range);
      default:
        if (scope.iterators && root in scope.iterators) return this.applySteps(scope.iterators[root], steps, scope, range);
        if (root in ROOTS_UNKNOWN_BEFORE_APPLY) return unknown(ROOTS_UNKNOWN_BEFORE_APPLY[root], { origin });
        return this.resourceReference('managed', [{ kind: 'attr', name: root, range }, ...steps], scope, range);
    }
  }

  /** `type.name[key].attr...`: a literal attribute of another resource, or Unknown with a ref. */
  private resourceReference(mode: 'managed' | 'data', steps: TraversalStep[], scope: Scope, range: Range): Value {
    const origin = { uri: scope.uri, range, via: [] };
    const [typeStep, nameStep, ...rest] = steps;
    if (typeStep?.kind !== 'attr' || nameStep?.kind !== 'attr') return unknown('an incomplete reference', { origin });
    const decl = this.module.resources.get(resourceKey(mode, typeStep.name, nameStep.name));
    const label = `${mode === 'data' ? 'data.' : ''}${typeStep.name}.${nameStep.name}`;
    if (!decl) return unknown(`${label} is not declared in this module`, { origin });
    this.noteRead(decl);
    let key: string | number | undefined;
    let remaining = rest;
    if (remaining[0]?.kind === 'index') {
      const keyValue = this.evaluate(remaining[0].key, scope);
      if (!isKnown(keyValue) || (typeof keyValue.value !== 'string' && typeof keyValue.value !== 'number')) {
        return unknown(`the instance key of ${label} is not known`, { origin, ref: { mode, type: decl.type, name: decl.name, attribute: '' } });
      }
      key = keyValue.value;
      remaining = remaining.slice(1);
    }
    const attrStep = remaining[0];
    if (attrStep?.kind !== 'attr') {
      return unknown(`${label} as a whole is not evaluated`, { origin, ref: { mode, type: decl.type, name: decl.name, key, attribute: '' } });
    }
    const ref = { mode, type: decl.type, name: decl.name, key, attribute: attrStep.name };
    const override = this.module.overridden.get(`${mode === 'data' ? 'data' : 'resource'}:${decl.type}.${decl.name}`);
    if (override) return unknown(`${label} is changed by ${override}, and aks-netlint does not merge override files`, { origin, ref });
    if (mode === 'data') return unknown(`${label}.${attrStep.name} is read from Azure at plan time`, { origin, ref });
    const value = this.literalResourceAttribute(decl, key, attrStep.name);
    if (!value) return unknown(`${label}.${attrStep.name} is known only after apply`, { origin, ref });
    const via: OriginStep = { label: `${label}.${attrStep.name}`, uri: decl.uri, range: findAttribute(decl.block.body, attrStep.name)!.range };
    const result = this.applySteps(withVia(value, [via]), remaining.slice(1), scope, range);
    return result.known ? result : { ...result, ref: result.ref ?? ref };
  }

  /** An attribute written in another resource's block, evaluated in that instance's scope. */
  private literalResourceAttribute(decl: ResourceDecl, key: string | number | undefined, name: string): Value | undefined {
    const attribute = findAttribute(decl.block.body, name);
    if (!attribute) return undefined;
    const instance = this.instanceOf(decl, key);
    if (!instance) return unknown(`${decl.type}.${decl.name} has no instance ${JSON.stringify(key)} that can be known`);
    return this.evaluate(attribute.expr, instance.scope);
  }

  /**
   * The instance of a resource a reference names: the only one without a key, or the one whose
   * key matches (`res["2"]` on a count resource is instance 2: Terraform converts the key).
   */
  instanceOf(decl: ResourceDecl, key: string | number | undefined): Instance | undefined {
    this.noteRead(decl);
    const instances = this.instances(decl.block, decl.uri);
    if (key === undefined) return instances.length === 1 && instances[0].key === undefined && !instances[0].uncertain ? instances[0] : undefined;
    return instances.find((i) => i.key !== undefined && String(i.key) === String(key));
  }

  private applySteps(value: Value, steps: TraversalStep[], scope: Scope, range: Range): Value {
    let current = value;
    for (let i = 0; i < steps.length; i++) {
      if (!isKnown(current)) return current;
      const step = steps[i];
      if (step.kind === 'splat') {
        const items = current.value === null ? [] : Array.isArray(current.value) ? current.value : [current];
        const rest = steps.slice(i + 1);
        return known(
          items.map((item) => this.applySteps(item, rest, scope, range)),
          current.origin,
        );
      }
      const keyValue = step.kind === 'attr' ? known(step.name, current.origin) : this.evaluate(step.key, scope);
      if (!isKnown(keyValue)) return unknown(`an index is not known: ${keyValue.reason}`, { origin: current.origin });
      const next = index(current, keyValue.value);
      if (!next) return unknown(`${JSON.stringify(keyValue.value)} is not in the value`, { origin: current.origin, error: true });
      current = withVia(next, current.origin.via);
    }
    return current;
  }

  private template(expr: Extract<Expr, { kind: 'template' }>, scope: Scope): Value {
    const origin = { uri: scope.uri, range: expr.range, via: [] as OriginStep[] };
    let text = '';
    for (const part of expr.parts) {
      if (typeof part === 'string') {
        text += part;
        continue;
      }
      const value = this.evaluate(part, scope);
      if (!isKnown(value)) return value;
      if (value.value === null || typeof value.value === 'object') {
        return unknown('a template interpolates a value that is not a string', { origin });
      }
      // "${var.x}" alone is var.x itself: keep where it came from.
      if (expr.parts.length === 1) return known(String(value.value), value.origin);
      origin.via.push(...value.origin.via);
      text += String(value.value);
    }
    return known(text, origin);
  }

  private call(expr: Extract<Expr, { kind: 'call' }>, scope: Scope): Value {
    const origin = { uri: scope.uri, range: expr.range, via: [] as OriginStep[] };
    if (expr.name === 'try' || expr.name === 'can') {
      for (const arg of expr.args) {
        const value = this.evaluate(arg, scope);
        if (!isKnown(value) && value.error) continue; // Terraform fails here: try() moves on
        if (!isKnown(value)) {
          // An Unknown may be an error try() would skip, or a value it would return: we cannot tell.
          return unknown(`${expr.name}() depends on a value that is not known: ${value.reason}`, { origin });
        }
        if (expr.name === 'can') return known(true, origin);
        return value;
      }
      return unknown(`${expr.name}() has no argument that can be evaluated`, { origin });
    }
    if (expr.name === 'coalesce') {
      for (const arg of expr.args) {
        const value = this.evaluate(arg, scope);
        if (!isKnown(value)) return unknown(`coalesce() depends on a value that is not known: ${value.reason}`, { origin });
        if (value.value !== null && value.value !== '') return value;
      }
      return unknown('coalesce() has no non-empty argument', { origin });
    }
    const fn = FUNCTIONS[expr.name];
    if (!fn) return unknown(`${expr.name}() is not evaluated`, { origin });
    const args: Value[] = expr.args.map((arg) => this.evaluate(arg, scope));
    if (expr.expandFinal) {
      const last = args.pop();
      if (!last || !isKnown(last) || !Array.isArray(last.value)) return unknown('an expanded argument is not a known list', { origin });
      args.push(...last.value);
    }
    const missing = args.find((a) => !a.known);
    if (missing && !missing.known) return unknown(`${expr.name}() depends on a value that is not known: ${missing.reason}`, { origin });
    for (const arg of args) if (isKnown(arg)) origin.via.push(...arg.origin.via);
    try {
      const result = fn(args.map((a) => (a as Known).value));
      if (isValue(result)) return result;
      // Elements a function creates (cidrsubnets, split) were written nowhere: they carry the call.
      if (Array.isArray(result)) return known(result.map((item) => (item.known && !item.origin.uri ? { ...item, origin } : item)), origin);
      return known(result, origin);
    } catch (error) {
      if (error instanceof Unsupported) return unknown(`${error.message} is not evaluated`, { origin });
      return unknown(`${expr.name}() would fail: ${(error as Error).message}`, { origin, error: true });
    }
  }
}

function isValue(x: unknown): x is Value {
  return typeof x === 'object' && x !== null && typeof (x as { known?: unknown }).known === 'boolean' && !Array.isArray(x);
}

function index(value: Known, key: Plain): Value | undefined {
  const v = value.value;
  if (Array.isArray(v) && typeof key === 'number') return v[key];
  if (Array.isArray(v) && typeof key === 'string' && /^\d+$/.test(key)) return v[Number(key)];
  if (v !== null && isObjectValue(v) && (typeof key === 'string' || typeof key === 'number')) return v[String(key)];
  return undefined;
}

/** Prepends reference links to a value's origin chain. */
export function withVia(value: Value, via: OriginStep[]): Value {
  if (via.length === 0) return value;
  if (isKnown(value)) return { ...value, origin: { ...value.origin, via: [...via, ...value.origin.via] } };
  return value.origin ? { ...value, origin: { ...value.origin, via: [...via, ...value.origin.via] } } : value;
}

/** `for_each` entries: a map's keys, or a set of strings. */
function forEachEntries(value: Value): [string, Value][] | undefined {
  if (!isKnown(value)) return undefined;
  const v = value.value;
  if (Array.isArray(v)) {
    const out: [string, Value][] = [];
    for (const item of v) {
      if (!isKnown(item) || typeof item.value !== 'string') return undefined;
      out.push([item.value, item]);
    }
    return out;
  }
  if (v !== null && isObjectValue(v)) return Object.entries(v);
  return undefined;
}

/** A `--var` value for a non-string variable: a JSON literal where it parses, else the text. */
function parseCliValue(raw: string): Plain {
  try {
    return toValueTree(JSON.parse(raw));
  } catch {
    return raw;
  }
}

function toValueTree(json: unknown): Plain {
  const origin = { uri: '', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, via: [{ label: 'set by --var' }] };
  if (Array.isArray(json)) return json.map((item) => known(toValueTree(item), origin));
  if (json !== null && typeof json === 'object') {
    return Object.fromEntries(Object.entries(json).map(([k, v]) => [k, known(toValueTree(v), origin)]));
  }
  return json as Plain;
}
