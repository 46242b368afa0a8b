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
import { FUNCTIONS, UnknownElement, Unsupported, functionWork } from './functions.js';
import { evaluateFor } from './for-expression.js';
import { LIMIT_REASONS, MAX_INSTANCES, MAX_NESTING, MAX_STRING_LENGTH, OverLimit, measureValue, stepBudget, valueOverLimit } from './evaluation-limits.js';
import { describeCycle, planLocals, referencedLocals } from './locals-order.js';
import { evaluateBinary, samePlain } from './operators.js';
import { joinSteps } from './origin-steps.js';
import { inlineSubnetsOf } from './inline-subnets.js';
import { applyTypeDefaults } from './type-defaults.js';
import { indexOrderProblem, isOrderless, keepOrder, orderOfCall, withCallOrder } from './unordered.js';
import { resourceKey, type ResourceDecl, type TfModule, type VariableDecl } from './module.js';
import { scopeFor, type Instance, type Scope } from './scope.js';
import {
  isKnown,
  isObjectValue,
  known,
  knownString,
  unknown,
  wrapUnknown,
  type Known,
  type Origin,
  type OriginStep,
  type Plain,
  type Unknown,
  type Value,
} from './values.js';

const ROOTS_UNKNOWN_BEFORE_APPLY: Record<string, string> = {
  path: 'paths are not evaluated',
  terraform: 'terraform.* is not evaluated',
  self: 'self is only known inside provisioners',
};

/**
 * What an evaluator of one module instance in a tree of module calls (module-tree.ts) asks the
 * tree: the caller's arguments for its variables and the outputs of the modules it calls.
 */
export interface InstanceContext {
  /** Module calls from the root to this instance, outermost first: `module.aks`, `module.pools["a"]`. */
  path: readonly string[];
  /**
   * The caller's argument for `var.name`, evaluated in the caller's scope, and the step that names
   * it; undefined when the call does not set it (the default applies).
   */
  argument(name: string): { value: Value; step: OriginStep } | undefined;
  /** `module.<steps>` as this instance sees it: a child's output, or Unknown with why. */
  moduleReference(steps: TraversalStep[], scope: Scope, range: Range): Value;
  /** Shared by every evaluator of the tree, so that a cycle through modules is found and nesting stays bounded. */
  shared: EvaluationStack;
}

/**
 * The addresses being evaluated (a repeat is a cycle), how deep evaluation nests, and the steps
 * taken against one budget: a tree of 2,000 module instances gets the budget its instances'
 * sizes add up to, not 2,000 budgets of a module each (which hostile input would spend in full).
 */
export interface EvaluationStack {
  depth: number;
  steps: number;
  /** BASE_STEPS plus STEPS_PER_CHARACTER for each character of each instance's files (see stepBudget). */
  maxSteps: number;
  /** Addresses being evaluated, outermost first (`local.a`, `module.aks.azurerm_subnet.b.name`). */
  evaluating: string[];
  evaluatingAt: Map<string, number>;
}

export const newEvaluationStack = (): EvaluationStack => ({ depth: 0, steps: 0, maxSteps: stepBudget(0), evaluating: [], evaluatingAt: new Map() });

/** Arguments of a resource block that are not attributes of the resource. */
const RESOURCE_META_ARGUMENTS = new Set(['count', 'for_each', 'depends_on', 'provider']);

/** What a cached result read of other resources, told again to trackers when it is reused. */
type Reads = ReadonlySet<ResourceDecl> | 'many';

/**
 * A cached result that read more distinct resources than this keeps 'many' instead of the set
 * (a chain of 10,000 locals each reading one more resource would hold 50 million entries).
 */
const MAX_RECORDED_READS = 64;

/**
 * Evaluates expressions of one module; caches variables, locals, instances and other resources'
 * attributes. It checks every limit of evaluation-limits.ts: how deep evaluation nests, how large
 * values grow, how many instances a resource expands into, how many steps the module's evaluation
 * takes. A reference cycle is Unknown with its path, in Terraform's address words.
 */
export class Evaluator {
  private readonly variableCache = new Map<string, Value>();
  private readonly outputCache = new Map<string, Value>();
  private readonly localCache = new Map<string, { value: Value; reads: Reads }>();
  private readonly localReferences = new Map<string, string[]>();
  private readonly instanceCache = new Map<SyntaxBlock, { instances: Instance[]; reads: Reads; byKey?: Map<string, Instance> }>();
  /** Attributes of other resources by address and instance key: `azurerm_subnet.a.name[0]`. */
  private readonly attributeCache = new Map<string, { value: Value; reads: Reads }>();
  /** Shared with the other evaluators of a module tree. */
  private readonly stack: EvaluationStack;
  /** `module.aks.` for addresses on the shared stack; empty for the root. */
  private readonly addressPrefix: string;

  /** The read sets of the `track` calls running now, innermost last. */
  private readonly trackers: Set<ResourceDecl>[] = [];
  /** Read sets that already hold every resource of the module (a 'many' was told to them). */
  private readonly completeTrackers = new WeakSet<Set<ResourceDecl>>();

  /** The limits evaluation reached, by reason (see evaluation-limits.ts), with where each was first reached. */
  readonly limitsReached = new Map<string, { uri: string; range: Range }>();


  constructor(
    readonly module: TfModule,
    /** Set for a module instance in a tree; absent for a module checked on its own (a root). */
    readonly context?: InstanceContext,
  ) {
    this.stack = context?.shared ?? newEvaluationStack();
    this.addressPrefix = context && context.path.length > 0 ? `${context.path.join('.')}.` : '';
    let characters = 0;
    for (const file of module.files.values()) characters += file.text.length;
    this.stack.maxSteps += stepBudget(characters) - stepBudget(0);
  }

  /** Steps the evaluation may take: this module's budget, or its tree's (see EvaluationStack). */
  get maxSteps(): number {
    return this.stack.maxSteps;
  }

  /** Module calls from the root to this instance (empty for the root). */
  get modulePath(): readonly string[] {
    return this.context?.path ?? [];
  }

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

  /** Runs `compute` for a cached result, keeping what it read so that a cache hit can tell it again. */
  private recordingReads<T>(compute: () => T): { result: T; reads: Reads } {
    const { result, reads } = this.track(compute);
    return { result, reads: reads.size > MAX_RECORDED_READS ? 'many' : reads };
  }

  /** Tells the running trackers what a cached result read when it was computed. */
  private replayReads(reads: Reads): void {
    if (this.trackers.length === 0) return;
    if (reads !== 'many') {
      for (const decl of reads) this.noteRead(decl);
      return;
    }
    for (const tracker of this.trackers) {
      if (this.completeTrackers.has(tracker)) continue;
      for (const decl of this.module.resources.values()) tracker.add(decl);
      this.completeTrackers.add(tracker);
    }
  }

  /** The value of `expr` in `scope`. */
  evaluate(expr: Expr, scope: Scope): Value {
    // A literal nests nothing: the condition `true` or the key `a` at the limit is still known.
    if (this.stack.depth >= MAX_NESTING && expr.kind !== 'literal') return this.overLimit(LIMIT_REASONS.expressionDepth, scope, expr.range);
    if (!this.spend(1)) return this.overLimit(LIMIT_REASONS.steps(this.maxSteps), scope, expr.range);
    this.stack.depth++;
    try {
      return this.evaluateExpr(expr, scope);
    } finally {
      this.stack.depth--;
    }
  }

  /** Evaluation steps taken so far (see maxSteps). */
  get stepsTaken(): number {
    return this.stack.steps;
  }

  /** Counts `n` steps; false once the module's budget is spent. */
  private spend(n: number): boolean {
    this.stack.steps += n;
    return this.stack.steps <= this.stack.maxSteps;
  }

  private noteLimit(reason: string, uri: string, range: Range): void {
    if (!this.limitsReached.has(reason)) this.limitsReached.set(reason, { uri, range });
  }

  private overLimit(reason: string, scope: Scope, range: Range): Value {
    this.noteLimit(reason, scope.uri, range);
    return unknown(reason, { origin: { uri: scope.uri, range, via: [] } });
  }

  /** A value just built, or Unknown when it passes a size or depth limit. */
  private bounded(value: Value, scope: Scope, range: Range): Value {
    const reason = valueOverLimit(value);
    return reason ? this.overLimit(reason, scope, range) : value;
  }

  private evaluateExpr(expr: Expr, scope: Scope): Value {
    const origin = { uri: scope.uri, range: expr.range, via: [] };
    switch (expr.kind) {
      case 'literal':
        return known(expr.value, { ...origin, literal: true });
      case 'template':
        return this.template(expr, scope);
      case 'tuple':
        return this.bounded(
          known(
            expr.items.map((item) => this.evaluate(item, scope)),
            origin,
          ),
          scope,
          expr.range,
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
        return this.bounded(known(out, origin), scope, expr.range);
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
        if (!this.spend(measureValue(a).size + measureValue(b).size)) return this.overLimit(LIMIT_REASONS.steps(this.maxSteps), scope, expr.range);
        if (isKnown(a) && isKnown(b) && samePlain(a.value, b.value)) return a.unordered || b.unordered ? { ...known(a.value, origin), unordered: a.unordered ?? b.unordered } : known(a.value, origin);
        if (!condition.known) return wrapUnknown('the condition is not known', condition, { origin });
        return unknown('the condition is not known', { origin });
      }
      case 'binary': {
        const left = this.evaluate(expr.left, scope);
        const right = this.evaluate(expr.right, scope);
        // Comparing collections compares them whole.
        if ((expr.operator === '==' || expr.operator === '!=') && !this.spend(measureValue(left).size + measureValue(right).size)) {
          return this.overLimit(LIMIT_REASONS.steps(this.maxSteps), scope, expr.range);
        }
        return evaluateBinary(expr.operator, left, right, origin);
      }
      case 'unary': {
        const operand = this.evaluate(expr.operand, scope);
        if (!isKnown(operand)) return operand;
        if (expr.operator === '!' && typeof operand.value === 'boolean') return known(!operand.value, origin);
        if (expr.operator === '-' && typeof operand.value === 'number') return known(-operand.value, origin);
        return unknown(`cannot apply ${expr.operator} here`, { origin });
      }
      case 'for':
        return this.bounded(
          evaluateFor(expr, scope, (e, sc) => this.evaluate(e, sc)),
          scope,
          expr.range,
        );
      case 'unsupported':
        return unknown(`${expr.what} is not evaluated`, { origin });
      case 'invalid':
        return unknown('the value is incomplete', { origin });
    }
  }

  /** The value of an attribute of a block, or undefined when the attribute is absent. */
  attribute(block: SyntaxBlock, name: string, scope: Scope): Value | undefined {
    const attribute = findAttribute(block.body, name);
    return attribute ? this.evaluate(attribute.expr, scopeFor(attribute, scope)) : undefined;
  }

  /**
   * The instances `count` / `for_each` of a resource block create (computed once per block). More
   * than MAX_INSTANCES, or a reference cycle through them, make one uncertain instance.
   */
  instances(block: SyntaxBlock, uri: string): Instance[] {
    const cached = this.instanceCache.get(block);
    if (cached) {
      this.replayReads(cached.reads);
      return cached.instances;
    }
    const meta = findAttribute(block.body, 'count') ? 'count' : findAttribute(block.body, 'for_each') ? 'for_each' : undefined;
    if (!meta) return this.cacheInstances(block, [{ scope: { uri }, uncertain: false }], new Set());
    const address = `${blockAddress(block)}.${meta}`;
    const cycle = this.cycleThrough(address);
    if (cycle) return [uncertainInstance(uri, meta, cycle)];
    const { result, reads } = this.recordingReads(() => this.within(address, () => this.expandInstances(block, uri)));
    return this.cacheInstances(block, result, reads);
  }

  private cacheInstances(block: SyntaxBlock, instances: Instance[], reads: Reads): Instance[] {
    this.instanceCache.set(block, { instances, reads });
    return instances;
  }

  private expandInstances(block: SyntaxBlock, uri: string): Instance[] {
    const base: Scope = { uri };
    const count = findAttribute(block.body, 'count');
    const forEach = findAttribute(block.body, 'for_each');
    if (count) {
      const value = this.evaluate(count.expr, scopeFor(count, base));
      // Terraform converts a numeric string to a number here.
      const n = isKnown(value) && typeof value.value === 'string' && /^\d+$/.test(value.value) ? Number(value.value) : isKnown(value) ? value.value : undefined;
      if (isKnown(value) && typeof n === 'number' && !Number.isNaN(n)) {
        const total = Math.max(0, Math.trunc(n));
        if (total > MAX_INSTANCES) {
          this.noteLimit(LIMIT_REASONS.instances('count', total), count.uri ?? uri, count.expr.range);
          return [uncertainInstance(uri, 'count', LIMIT_REASONS.instances('count', total))];
        }
        return [...Array(total).keys()].map((index) => ({
          key: index,
          scope: { uri, countIndex: known(index, value.origin) },
          uncertain: false,
        }));
      }
      return [uncertainInstance(uri, 'count', value.known ? 'count is not known' : wrapUnknown('count is not known', value).reason)];
    }
    if (forEach) {
      const value = this.evaluate(forEach.expr, scopeFor(forEach, base));
      const entries = forEachEntries(value);
      if (entries && entries.length > MAX_INSTANCES) {
        this.noteLimit(LIMIT_REASONS.instances('for_each', entries.length), forEach.uri ?? uri, forEach.expr.range);
        return [uncertainInstance(uri, 'for_each', LIMIT_REASONS.instances('for_each', entries.length))];
      }
      if (entries) {
        return entries.map(([key, item]) => ({
          key,
          scope: { uri, each: { key: known(key, { uri: forEach.uri ?? uri, range: forEach.expr.range, via: [] }), value: item } },
          uncertain: false,
        }));
      }
      return [uncertainInstance(uri, 'for_each', value.known ? 'for_each is not known' : wrapUnknown('for_each is not known', value).reason)];
    }
    return [{ scope: base, uncertain: false }];
  }

  /** The value of `var.name`, with its origin chain. */
  variable(name: string): Value {
    const cached = this.variableCache.get(name);
    if (cached) return cached;
    const value = this.computeVariable(name);
    this.variableCache.set(name, value);
    const decl = this.module.variables.get(name);
    if (!decl || !isKnown(value)) return value;
    // Conditions read var.name: the cached value above is what they see.
    const failed = this.failedValidation(name, decl, value);
    if (failed) this.variableCache.set(name, failed);
    return failed ?? value;
  }

  private computeVariable(name: string): Value {
    const decl = this.module.variables.get(name);
    if (!decl) return unknown(`var.${name} is not declared in this module`);
    const declared: OriginStep = decl.default
      ? { label: `var.${name} default`, uri: decl.default.uri ?? decl.uri, range: decl.default.range }
      : { label: `var.${name} declared`, uri: decl.uri, range: decl.block.headerRange };
    if (this.context && this.context.path.length > 0) return this.variableOfInstance(name, decl, declared);
    const assignments = this.module.assignments.get(name) ?? [];
    const last = assignments[assignments.length - 1];
    if (last) {
      if (last.raw !== undefined) {
        const isStringType = !decl.typeExpr || (decl.typeExpr.kind === 'variable' && decl.typeExpr.name === 'string');
        const setBy = last.rawSource === 'env' ? `set by the environment variable TF_VAR_${name}` : `set by --var ${name}`;
        const origin = { uri: decl.uri, range: decl.block.headerRange, via: [declared, { label: setBy }] };
        if (isStringType) return known(last.raw, origin);
        const parsed = parseCliValue(last.raw);
        return parsed === undefined ? unknown(LIMIT_REASONS.valueDepth, { origin }) : this.bounded(known(parsed, origin), { uri: decl.uri }, decl.block.headerRange);
      }
      if (last.expr && last.uri && last.attribute) {
        // Terraform reads var files without variables or functions: a reference there fails.
        const where = `the value of ${name} in ${baseNameOf(last.uri)}`;
        const value = this.withTypeDefaults(this.evaluate(last.expr, { uri: last.uri, constant: where }), name, decl);
        return withVia(value, [declared, { label: 'set', uri: last.uri, range: last.attribute.range }]);
      }
    }
    return this.defaultOf(name, decl, declared) ?? unknown(`var.${name} has no value: no default, and no var file or --var sets it`);
  }

  /** The default, when the variable has one. */
  private defaultOf(name: string, decl: VariableDecl, declared: OriginStep): Value | undefined {
    if (!decl.default) return undefined;
    // A default may not refer to anything (Terraform: "Variables not allowed"), so var.a
    // defaulting to var.a is that error, not a cycle to follow.
    const value = this.evaluate(decl.default.expr, { uri: decl.default.uri ?? decl.uri, constant: `the default of var.${name}` });
    return withVia(this.withTypeDefaults(value, name, decl), [declared]);
  }

  /**
   * A called module's variable: the caller's argument (var files are read for the root module
   * only), or the default when the call does not set it. Null passed to a nullable variable is
   * null; to one with `nullable = false`, the default (Terraform's rules).
   */
  private variableOfInstance(name: string, decl: VariableDecl, declared: OriginStep): Value {
    const argument = this.context!.argument(name);
    const fallback = () => this.defaultOf(name, decl, declared) ?? unknown(`var.${name} is required, and ${this.context!.path.join('.')} does not set it`, { error: true });
    if (!argument) return fallback();
    const { value, step } = argument;
    if (isKnown(value) && value.value === null) {
      const nullable = this.attribute(decl.block, 'nullable', { uri: decl.uri, constant: `nullable of var.${name}` });
      if (isKnown(nullable) && nullable.value === false) return fallback();
      if (!isKnown(nullable) && nullable !== undefined) return wrapUnknown(`var.${name} is null, and whether it may be`, nullable);
    }
    return withVia(this.withTypeDefaults(value, name, decl), [step]);
  }

  /**
   * Unknown when one of the variable's `validation` conditions is false for its value: Terraform
   * stops there with the module's own message, so no rule should judge the value.
   */
  private failedValidation(name: string, decl: VariableDecl, value: Known): Unknown | undefined {
    const scope = { uri: decl.uri };
    for (const validation of decl.block.body.blocks) {
      if (validation.type !== 'validation') continue;
      const condition = this.attribute(validation, 'condition', scope);
      if (!isKnown(condition) || condition.value !== false) continue;
      const message = knownString(this.attribute(validation, 'error_message', scope));
      return unknown(`var.${name} fails its validation${message ? `: ${message}` : ''}`, { origin: value.origin, error: true });
    }
    return undefined;
  }

  /**
   * The value of `output "name"`, evaluated once in this instance; undefined when the module
   * declares no such output.
   */
  output(name: string): Value | undefined {
    const decl = this.module.outputs.get(name);
    if (!decl) return undefined;
    const cached = this.outputCache.get(name);
    if (cached) return cached;
    const address = `output.${name}`;
    const cycle = this.cycleThrough(address);
    if (cycle) return unknown(cycle);
    const value = decl.value
      ? this.within(address, () => {
          const uri = decl.value!.uri ?? decl.uri;
          return withVia(this.evaluate(decl.value!.expr, { uri }), [{ label: `${this.outputLabel(name)}`, uri, range: decl.value!.range }]);
        })
      : unknown(`output "${name}" has no value`);
    this.outputCache.set(name, value);
    return value;
  }

  private outputLabel(name: string): string {
    return `${this.addressPrefix}${name}`;
  }

  private withTypeDefaults(value: Value, name: string, decl: { typeExpr?: Expr; uri: string; block: SyntaxBlock }): Value {
    const constant = `the type of var.${name}`;
    const uri = findAttribute(decl.block.body, 'type')?.uri ?? decl.uri;
    return applyTypeDefaults(value, decl.typeExpr, uri, (e, sc) => this.evaluate(e, { ...sc, constant }));
  }

  /**
   * The value of `local.name`. The locals it refers to are evaluated first, in an order found
   * without recursion, so a long chain costs one level of nesting per link, not the whole chain.
   */
  local(name: string): Value {
    const cached = this.localCache.get(name);
    if (cached) {
      this.replayReads(cached.reads);
      return cached.value;
    }
    const decl = this.module.locals.get(name);
    if (!decl) return unknown(`local.${name} is not declared in this module`);
    const address = `local.${name}`;
    const cycle = this.cycleThrough(address);
    if (cycle) return unknown(cycle);
    const plan = planLocals(
      name,
      (n) => this.referencesOfLocal(n),
      (n) => this.localCache.has(n) || this.stack.evaluatingAt.has(`${this.addressPrefix}local.${n}`) || !this.module.locals.has(n),
    );
    // Every local on one cycle shares its path: describe each path once.
    const reasons = new Map<string[], string>();
    for (const [onCycle, path] of plan.cycles) {
      let reason = reasons.get(path);
      if (!reason) reasons.set(path, (reason = describeCycle(path.map((n) => `local.${n}`))));
      this.localCache.set(onCycle, { value: unknown(reason), reads: new Set() });
    }
    // A local computed earlier in this loop may have read a later one through another resource.
    for (const next of plan.order) if (!this.localCache.has(next)) this.computeLocal(next);
    const entry = this.localCache.get(name)!;
    this.replayReads(entry.reads);
    return entry.value;
  }

  /** The locals a local's expression names. */
  private referencesOfLocal(name: string): string[] {
    let names = this.localReferences.get(name);
    if (!names) {
      const decl = this.module.locals.get(name);
      names = decl ? referencedLocals(decl.attribute.expr) : [];
      this.localReferences.set(name, names);
    }
    return names;
  }

  private computeLocal(name: string): void {
    const decl = this.module.locals.get(name)!;
    const { result, reads } = this.recordingReads(() =>
      this.within(`local.${name}`, () =>
        withVia(this.evaluate(decl.attribute.expr, { uri: decl.uri }), [{ label: `local.${name}`, uri: decl.uri, range: decl.attribute.range }]),
      ),
    );
    this.localCache.set(name, { value: result, reads });
  }

  /**
   * "cycle: a → b → a" when `address` is being evaluated further out (reached again through
   * `through`, when given), else undefined.
   */
  private cycleThrough(address: string, through?: string): string | undefined {
    const full = this.addressPrefix + address;
    const at = this.stack.evaluatingAt.get(full);
    if (at === undefined) return undefined;
    return describeCycle([...this.stack.evaluating.slice(at), ...(through ? [this.addressPrefix + through] : []), full]);
  }

  /** Runs `evaluate` with `address` marked as being evaluated. */
  private within<T>(address: string, evaluate: () => T): T {
    const full = this.addressPrefix + address;
    const { evaluating, evaluatingAt } = this.stack;
    evaluatingAt.set(full, evaluating.length);
    evaluating.push(full);
    try {
      return evaluate();
    } finally {
      evaluating.pop();
      evaluatingAt.delete(full);
    }
  }

  private reference(root: string, range: Range, steps: TraversalStep[], scope: Scope): Value {
    const origin = { uri: scope.uri, range, via: [] };
    const [first, ...rest] = steps;
    const attrName = first?.kind === 'attr' ? first.name : undefined;
    if (scope.constant && !(scope.iterators && root in scope.iterators)) {
      const named = attrName && root !== 'each' && root !== 'count' ? `${root}.${attrName}` : root;
      return unknown(`${scope.constant} refers to ${named}, and Terraform allows no references there ("Variables not allowed")`, { origin });
    }
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
      case 'module':
        if (scope.iterators && root in scope.iterators) return this.applySteps(scope.iterators[root], steps, scope, range);
        if (!this.context) return unknown('module outputs are not evaluated when a module is checked on its own', { origin });
        return this.context.moduleReference(steps, scope, range);
      default:
        if (scope.iterators && root in scope.iterators) return this.applySteps(scope.iterators[root], steps, scope, range);
        if (root in ROOTS_UNKNOWN_BEFORE_APPLY) return unknown(ROOTS_UNKNOWN_BEFORE_APPLY[root], { origin });
        return this.resourceReference('managed', [{ kind: 'attr', name: root, range }, ...steps], scope, range);
    }
  }

  /** The module path a reference made here carries (none for the root). */
  private refModule(): { module?: readonly string[] } {
    return this.context && this.context.path.length > 0 ? { module: this.context.path } : {};
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
        return unknown(`the instance key of ${label} is not known`, { origin, ref: { ...this.refModule(), mode, type: decl.type, name: decl.name, attribute: '' } });
      }
      key = keyValue.value;
      remaining = remaining.slice(1);
    }
    const attrStep = remaining[0];
    if (attrStep?.kind !== 'attr') {
      const whole = this.wholeResource(decl, key, origin);
      if (whole) return this.applySteps(whole, remaining, scope, range);
      return unknown(`${label} as a whole is not evaluated`, { origin, ref: { ...this.refModule(), mode, type: decl.type, name: decl.name, key, attribute: '' } });
    }
    const ref = { ...this.refModule(), mode, type: decl.type, name: decl.name, key, attribute: attrStep.name };
    if (mode === 'data') return unknown(`${label}.${attrStep.name} is read from Azure at plan time`, { origin, ref });
    const collection = inlineSubnetsOf(this, decl, key, attrStep.name);
    if (collection) {
      const result = this.applySteps(collection, remaining.slice(1), scope, range);
      return result.known ? result : { ...result, ref: result.ref ?? ref };
    }
    const value = this.literalResourceAttribute(decl, key, attrStep.name);
    if (!value) return unknown(`${label}.${attrStep.name} is known only after apply`, { origin, ref });
    const written = findAttribute(decl.block.body, attrStep.name)!;
    const via: OriginStep = { label: `${label}.${attrStep.name}`, uri: written.uri ?? decl.uri, range: written.range };
    const result = this.applySteps(withVia(value, [via]), remaining.slice(1), scope, range);
    return result.known ? result : { ...result, ref: result.ref ?? ref };
  }

  /** Whether a resource block has `count` or `for_each`. */
  private isExpanded(decl: ResourceDecl): boolean {
    return findAttribute(decl.block.body, 'count') !== undefined || findAttribute(decl.block.body, 'for_each') !== undefined;
  }

  /**
   * A managed resource as a value: one instance as an object of its written attributes and its
   * `id` (known after apply, with the reference that names the instance), or all instances as a
   * map (`for_each`) or list (`count`) of them, so that `{ for k, s in azurerm_subnet.this : k => s.id }`
   * and `azurerm_subnet.this[*].id` keep which subnet each id is. Undefined when not known.
   */
  private wholeResource(decl: ResourceDecl, key: string | number | undefined, origin: Origin): Value | undefined {
    if (decl.mode !== 'managed') return undefined;
    if (key !== undefined || !this.isExpanded(decl)) {
      const instance = this.instanceOf(decl, key);
      return instance ? known(this.instanceObject(decl, instance.key), origin) : undefined;
    }
    const instances = this.instances(decl.block, decl.uri);
    if (instances.some((i) => i.uncertain)) return undefined;
    if (findAttribute(decl.block.body, 'count')) return known(instances.map((i) => known(this.instanceObject(decl, i.key), origin)), origin);
    return known(Object.fromEntries(instances.map((i) => [String(i.key), known(this.instanceObject(decl, i.key), origin)])), origin);
  }

  private instanceObject(decl: ResourceDecl, key: string | number | undefined): Record<string, Value> {
    const label = `${decl.type}.${decl.name}`;
    const out: Record<string, Value> = {};
    for (const attribute of decl.block.body.attributes) {
      if (RESOURCE_META_ARGUMENTS.has(attribute.name)) continue;
      const value = this.literalResourceAttribute(decl, key, attribute.name)!;
      out[attribute.name] = withVia(value, [{ label: `${label}.${attribute.name}`, uri: attribute.uri ?? decl.uri, range: attribute.range }]);
    }
    if (!('id' in out)) {
      out.id = unknown(`${label}.id is known only after apply`, { ref: { ...this.refModule(), mode: 'managed', type: decl.type, name: decl.name, key, attribute: 'id' } });
    }
    return out;
  }

  /**
   * An attribute written in another resource's block, evaluated in that instance's scope (once
   * per instance: a chain of resources costs one evaluation per link). Reading it again while it
   * is being evaluated is a cycle, as are its instances while they are expanded.
   */
  private literalResourceAttribute(decl: ResourceDecl, key: string | number | undefined, name: string): Value | undefined {
    const attribute = findAttribute(decl.block.body, name);
    if (!attribute) return undefined;
    const resource = resourceKey(decl.mode, decl.type, decl.name);
    const address = `${resource}.${name}`;
    const cacheKey = key === undefined ? address : `${address}[${String(key)}]`;
    const cached = this.attributeCache.get(cacheKey);
    if (cached) {
      this.replayReads(cached.reads);
      return cached.value;
    }
    // The instance's scope comes from count / for_each: reading this while they are expanded is a cycle too.
    const cycle = this.cycleThrough(address) ?? this.cycleThrough(`${resource}.count`, address) ?? this.cycleThrough(`${resource}.for_each`, address);
    if (cycle) return unknown(cycle);
    const { result, reads } = this.recordingReads(() =>
      this.within(address, () => {
        const instance = this.instanceOf(decl, key);
        if (!instance) return unknown(`${decl.type}.${decl.name} has no instance ${JSON.stringify(key)} that can be known`);
        return this.evaluate(attribute.expr, scopeFor(attribute, instance.scope));
      }),
    );
    this.attributeCache.set(cacheKey, { value: result, reads });
    return result;
  }

  /**
   * The instance of a resource a reference names: the only one without a key, or the one whose
   * key matches (`res["2"]` on a count resource is instance 2: Terraform converts the key).
   */
  instanceOf(decl: ResourceDecl, key: string | number | undefined): Instance | undefined {
    this.noteRead(decl);
    const instances = this.instances(decl.block, decl.uri);
    if (key === undefined) return instances.length === 1 && instances[0].key === undefined && !instances[0].uncertain ? instances[0] : undefined;
    const entry = this.instanceCache.get(decl.block);
    if (!entry) return instances.find((i) => i.key !== undefined && String(i.key) === String(key));
    if (!entry.byKey) {
      entry.byKey = new Map();
      for (const i of entry.instances) if (i.key !== undefined && !entry.byKey.has(String(i.key))) entry.byKey.set(String(i.key), i);
    }
    return entry.byKey.get(String(key));
  }

  /** `value` followed by the steps of a reference (`.name`, `[key]`, `[*]`). */
  traverse(value: Value, steps: TraversalStep[], scope: Scope, range: Range): Value {
    return this.applySteps(value, steps, scope, range);
  }

  private applySteps(value: Value, steps: TraversalStep[], scope: Scope, range: Range): Value {
    let current = value;
    for (let i = 0; i < steps.length; i++) {
      if (!isKnown(current)) return current;
      const step = steps[i];
      if (step.kind === 'splat') {
        const items = current.value === null ? [] : Array.isArray(current.value) ? current.value : [current];
        const rest = steps.slice(i + 1);
        if (!this.spend(items.length)) return this.overLimit(LIMIT_REASONS.steps(this.maxSteps), scope, range);
        return this.bounded(
          keepOrder(
            known(
              items.map((item) => this.applySteps(item, rest, scope, range)),
              current.origin,
            ),
            current,
          ),
          scope,
          range,
        );
      }
      const keyValue = step.kind === 'attr' ? known(step.name, current.origin) : this.evaluate(step.key, scope);
      if (!isKnown(keyValue)) return wrapUnknown('an index is not known', keyValue, { origin: current.origin });
      const orderProblem = indexOrderProblem(current, current.origin);
      if (orderProblem) return orderProblem;
      const next = index(current, keyValue.value);
      if (!next) return unknown(`${JSON.stringify(keyValue.value)} is not in the value`, { origin: current.origin, error: true });
      current = withVia(next, current.origin.via);
    }
    return current;
  }

  private template(expr: Extract<Expr, { kind: 'template' }>, scope: Scope): Value {
    const origin = { uri: scope.uri, range: expr.range, via: [] as OriginStep[] };
    const vias: OriginStep[][] = [];
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
      const piece = String(value.value);
      // Checked before joining: doubling templates would pass JavaScript's own string limit.
      if (text.length + piece.length > MAX_STRING_LENGTH) return this.overLimit(LIMIT_REASONS.stringLength, scope, expr.range);
      vias.push(value.origin.via);
      text += piece;
    }
    return known(text, { ...origin, via: joinSteps(...vias) });
  }

  private call(expr: Extract<Expr, { kind: 'call' }>, scope: Scope): Value {
    const origin = { uri: scope.uri, range: expr.range, via: [] as OriginStep[] };
    if (expr.name === 'try' || expr.name === 'can') {
      for (const arg of expr.args) {
        const value = this.evaluate(arg, scope);
        // Terraform fails here: can() says false, try() moves on to its next argument.
        if (!isKnown(value) && value.error) {
          if (expr.name === 'can') return known(false, origin);
          continue;
        }
        if (!isKnown(value)) {
          // An Unknown may be an error try() would skip, or a value it would return: we cannot tell.
          // One that is a resource's attribute is a value (known after apply): try() returns it,
          // and it still names the resource (`try(var.vnet_subnet.id, null)` names the subnet).
          const ref = expr.name === 'try' && value.ref ? { ref: value.ref } : {};
          return wrapUnknown(`${expr.name}() depends on a value that is not known`, value, { origin, ...ref });
        }
        if (expr.name === 'can') return known(true, origin);
        return value;
      }
      return unknown(`${expr.name}() has no argument that can be evaluated`, { origin });
    }
    if (expr.name === 'coalesce') {
      for (const arg of expr.args) {
        const value = this.evaluate(arg, scope);
        if (!isKnown(value)) return wrapUnknown('coalesce() depends on a value that is not known', value, { origin });
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
      if (isOrderless(last)) return unknown('an expanded argument is in no known order', { origin });
      args.push(...last.value);
    }
    const missing = args.find((a) => !a.known);
    if (missing && !missing.known) return wrapUnknown(`${expr.name}() depends on a value that is not known`, missing, { origin });
    const order = orderOfCall(expr.name, args as Known[], origin);
    if (order && 'unknown' in order) return order.unknown;
    origin.via = joinSteps(...args.map((arg) => (arg as Known).origin.via));
    try {
      const plains = args.map((a) => (a as Known).value);
      const result = fn(plains);
      if (!this.spend(functionWork(expr.name, plains, result))) return this.overLimit(LIMIT_REASONS.steps(this.maxSteps), scope, expr.range);
      if (isValue(result)) return result;
      // Elements a function creates (cidrsubnets, split) were written nowhere: they carry the call.
      if (Array.isArray(result)) return this.bounded(withCallOrder(known(result.map((item) => (item.known && !item.origin.uri ? { ...item, origin } : item)), origin), order), scope, expr.range);
      return this.bounded(known(result, origin), scope, expr.range);
    } catch (error) {
      if (error instanceof Unsupported) return unknown(`${error.message} is not evaluated`, { origin });
      if (error instanceof UnknownElement) return wrapUnknown(`${expr.name}() depends on a value that is not known`, error.element, { origin });
      if (error instanceof OverLimit || isAllocationError(error)) return this.overLimit(error instanceof OverLimit ? error.message : LIMIT_REASONS.stringLength, scope, expr.range);
      return unknown(`${expr.name}() would fail: ${(error as Error).message}`, { origin, error: true });
    }
  }
}

/** JavaScript's own refusal to build a string or array that large: a limit, not a Terraform error. */
function isAllocationError(error: unknown): boolean {
  return error instanceof RangeError && /^Invalid (string|array|typed array) length/.test(error.message);
}

/** `azurerm_subnet.a`, `data.azurerm_subnet.a` or `module.aks`, from a resource, data or module block. */
function blockAddress(block: SyntaxBlock): string {
  const [type, name] = block.labels.map((label) => label.value);
  if (block.type === 'module') return `module.${type}`;
  return block.type === 'data' ? `data.${type}.${name}` : `${type}.${name}`;
}

/** The one instance that stands for all of them when `count` / `for_each` cannot be expanded. */
function uncertainInstance(uri: string, meta: 'count' | 'for_each', reason: string): Instance {
  if (meta === 'count') return { scope: { uri, countIndex: unknown(reason) }, uncertain: true };
  return { scope: { uri, each: { key: unknown(reason), value: unknown(reason) } }, uncertain: true };
}

function baseNameOf(uri: string): string {
  return uri.slice(Math.max(uri.lastIndexOf('/'), uri.lastIndexOf('\\')) + 1);
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
  if (isKnown(value)) return { ...value, origin: { ...value.origin, via: joinSteps(via, value.origin.via) } };
  return value.origin ? { ...value, origin: { ...value.origin, via: joinSteps(via, value.origin.via) } } : value;
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

/**
 * A `--var` value for a non-string variable: a JSON literal where it parses, else the text;
 * undefined when it nests deeper than MAX_NESTING.
 */
function parseCliValue(raw: string): Plain | undefined {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return raw;
  }
  const origin = { uri: '', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, via: [{ label: 'set by --var' }] };
  return toValueTree(json, origin, 0);
}

function toValueTree(json: unknown, origin: Known['origin'], depth: number): Plain | undefined {
  if (json === null || typeof json !== 'object') return json as Plain;
  if (depth >= MAX_NESTING) return undefined;
  const entries = Object.entries(json);
  const items: [string, Value][] = [];
  for (const [k, v] of entries) {
    const item = toValueTree(v, origin, depth + 1);
    if (item === undefined) return undefined;
    items.push([k, known(item, origin)]);
  }
  return Array.isArray(json) ? items.map(([, v]) => v) : Object.fromEntries(items);
}
