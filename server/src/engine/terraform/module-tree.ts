/**
 * The tree of module calls under one root module (input-forms.md §6-7): each `module` block's code
 * found (module-sources.ts), expanded per `count`/`for_each` instance, and each instance given an
 * evaluator whose `var.x` is the caller's argument evaluated in the caller's scope and whose
 * `module.x.y` is the child instance's `output "y"`. Children are expanded when first asked for,
 * since a call's `for_each` may read a sibling's outputs; `instances()` expands them all.
 *
 * Bounded: a call chain deeper than MAX_MODULE_DEPTH, a directory that calls itself back, and
 * instances past MAX_TREE_INSTANCES are opaque, with the reason, as an uninstalled module is.
 */
import { findAttribute, type TraversalStep } from '../syntax/syntax-tree.js';
import type { Range } from '../text/positions.js';
import { Evaluator, newEvaluationStack, type EvaluationStack, type InstanceContext } from './evaluate.js';
import type { ModuleCallDecl, TfModule } from './module.js';
import { resolveModuleSource, type Checkout, type InstalledModules } from './module-sources.js';
import { isBuiltinUri } from './builtin-modules.js';
import { scopeFor, type Scope } from './scope.js';
import { isKnown, known, unknown, wrapUnknown, type Origin, type OriginStep, type Value } from './values.js';

/** Deepest chain of module calls followed (Terraform has no limit; real trees are 2-4 deep). */
export const MAX_MODULE_DEPTH = 16;
/** Most module instances one tree expands (every instance has an evaluator of its own). */
export const MAX_TREE_INSTANCES = 2_000;

/** Finds the code of a call: the module in a directory, parsed once however often it is called. */
export interface ModuleLoader {
  /** The configuration of a directory, or undefined when it holds no `.tf`/`.tf.json` file. */
  load(dir: string): TfModule | undefined;
}

/**
 * Registry modules aks-netlint reads without `terraform init`: code held as data that stands for
 * the module at a version (engine/aks/registry-modules), read as an installed module would be.
 */
export interface KnownModules {
  /** The module standing for `source` at the newest release `version` allows, or undefined for one it does not know. */
  load(source: string, version: string | undefined): { dir: string; module: TfModule } | undefined;
  /** A directory of a release loaded before (a local module it calls, `./modules/agentpool`). */
  loadDir(dir: string): TfModule | undefined;
}

export interface TreeOptions {
  /** Registry modules read when they are not installed. */
  known?: KnownModules;
  /** `.terraform/modules/modules.json` of the root, read (module-sources.ts). */
  installed?: InstalledModules;
  /** The checkout the root is in, for registry addresses that name it. */
  checkout?: Checkout;
}

/** One `module` block of an instance, expanded. */
export interface ChildCall {
  decl: ModuleCallDecl;
  /** The directory of its code, when found. */
  dir?: string;
  /** Why its code cannot be read (not installed, a cycle, a limit); then `instances` is empty. */
  opaque?: string;
  /** Why its instances are not known (`for_each` not known); then `instances` is empty. */
  uncertain?: string;
  /** True when the block has `count` or `for_each`: instances are addressed by key. */
  keyed: boolean;
  instances: ModuleInstance[];
}

/** One instance of a module in the tree: the root, or one instance of one call. */
export class ModuleInstance {
  readonly evaluator: Evaluator;
  private readonly children = new Map<string, ChildCall>();
  private readonly expanding = new Set<string>();

  constructor(
    readonly tree: ModuleTree,
    readonly module: TfModule,
    readonly dir: string,
    /** `module.aks`, `module.pools["a"]`: the calls from the root, outermost first. */
    readonly path: readonly string[],
    /** Module key for modules.json: call names from the root joined by '.' (`aks.pools`). */
    readonly key: string,
    readonly parent?: { instance: ModuleInstance; call: ModuleCallDecl; scope: Scope; key?: string | number },
  ) {
    // The root (empty path) reads its variables from var files; the evaluator asks no caller.
    const context: InstanceContext = {
      path,
      argument: (name) => this.argument(name),
      moduleReference: (steps, scope, range) => this.reference(steps, scope, range),
      shared: tree.stack,
    };
    this.evaluator = new Evaluator(module, context);
  }

  /** How messages name this instance: `module.aks["a"]`, or `the root module`. */
  get name(): string {
    return this.path.length === 0 ? 'the root module' : this.path.join('.');
  }

  /** The call `name` of this instance, expanded on first use. */
  child(name: string): ChildCall | undefined {
    const cached = this.children.get(name);
    if (cached) return cached;
    const decl = this.module.calls.get(name);
    if (!decl) return undefined;
    if (this.expanding.has(name)) {
      // count/for_each of the call reads its own outputs: Terraform's cycle error.
      return { decl, keyed: true, uncertain: `the instances of module.${name} depend on its own outputs (a cycle)`, instances: [] };
    }
    this.expanding.add(name);
    try {
      const call = this.expand(decl);
      this.children.set(name, call);
      return call;
    } finally {
      this.expanding.delete(name);
    }
  }

  /** Every call of this instance, expanded. */
  calls(): ChildCall[] {
    return [...this.module.calls.keys()].map((name) => this.child(name)!);
  }

  private expand(decl: ModuleCallDecl): ChildCall {
    const callName = `module.${decl.name}`;
    const key = this.key ? `${this.key}.${decl.name}` : decl.name;
    const keyed = findAttribute(decl.block.body, 'count') !== undefined || findAttribute(decl.block.body, 'for_each') !== undefined;
    const opaque = (reason: string, dir?: string): ChildCall => ({ decl, keyed, opaque: reason, instances: [], ...(dir ? { dir } : {}) });
    let resolved: { dir: string; module?: TfModule } | { opaque: string } = resolveModuleSource(this.dir, decl.source, key, callName, this.tree.options.installed, this.tree.options.checkout);
    if ('opaque' in resolved && decl.source !== undefined) resolved = this.tree.options.known?.load(decl.source, decl.version) ?? resolved;
    if ('opaque' in resolved) return opaque(resolved.opaque);
    const { dir } = resolved;
    if (this.path.length >= MAX_MODULE_DEPTH) return opaque(`${callName} is nested more than ${MAX_MODULE_DEPTH} module calls deep, and aks-netlint stops there`, dir);
    for (let at: ModuleInstance | undefined = this; at; at = at.parent?.instance) {
      if (at.dir === dir) return opaque(`${callName} calls ${at.path.length === 0 ? 'the root module' : at.name} again (a recursive module call)`, dir);
    }
    // A local call inside a registry module's input map is another directory of that map.
    const module = resolved.module ?? (isBuiltinUri(dir) ? this.tree.options.known?.loadDir(dir) : this.tree.loader.load(dir));
    if (!module) return opaque(`${callName} has no Terraform files in its source "${decl.source}"`, dir);
    const expanded = this.evaluator.instances(decl.block, decl.uri);
    if (expanded.length === 1 && expanded[0].uncertain) {
      const meta = findAttribute(decl.block.body, 'count') ? 'count' : 'for_each';
      const reason = expanded[0].scope.countIndex ?? expanded[0].scope.each?.key;
      const why = reason && !reason.known ? reason.reason : `${meta} is not known`;
      return { decl, dir, keyed, uncertain: `the instances of ${callName} are not known: ${why}`, instances: [] };
    }
    if (!this.tree.reserve(expanded.length)) {
      return opaque(`${callName} would make the tree larger than ${MAX_TREE_INSTANCES} module instances, and aks-netlint stops there`, dir);
    }
    const instances = expanded.map(
      (instance) =>
        new ModuleInstance(this.tree, module, dir, [...this.path, `${callName}${instance.key === undefined ? '' : `[${JSON.stringify(instance.key)}]`}`], key, {
          instance: this,
          call: decl,
          scope: instance.scope,
          key: instance.key,
        }),
    );
    return { decl, dir, keyed, instances };
  }

  private readonly arguments = new Map<string, { value: Value; step: OriginStep } | undefined>();

  /** The caller's argument for a variable of this instance, evaluated once in the caller's scope. */
  private argument(name: string): { value: Value; step: OriginStep } | undefined {
    if (this.arguments.has(name)) return this.arguments.get(name);
    if (!this.parent) return undefined;
    const { instance: caller, call, scope } = this.parent;
    const attribute = META_ARGUMENTS.has(name) ? undefined : findAttribute(call.block.body, name);
    const argument = attribute
      ? {
          value: caller.evaluator.evaluate(attribute.expr, scopeFor(attribute, scope)),
          step: { label: `var.${name} set by ${this.name}`, uri: attribute.uri ?? call.uri, range: attribute.range },
        }
      : undefined;
    this.arguments.set(name, argument);
    return argument;
  }

  /** `module.<name>[key].<output>...` read from this instance. */
  private reference(steps: TraversalStep[], scope: Scope, range: Range): Value {
    const origin = { uri: scope.uri, range, via: [] };
    const [nameStep, ...rest] = steps;
    if (nameStep?.kind !== 'attr') return unknown('module needs a call name', { origin });
    const callName = `module.${nameStep.name}`;
    const call = this.child(nameStep.name);
    if (!call) return unknown(`${callName} is not declared in this module`, { origin, error: true });
    if (call.opaque) return unknown(call.opaque, { origin });
    if (call.uncertain) return unknown(call.uncertain, { origin });
    if (!call.keyed) return this.outputOf(call.instances[0], callName, rest, scope, range);
    const [first, ...after] = rest;
    if (first?.kind === 'index') {
      const key = this.evaluator.evaluate(first.key, scope);
      if (!isKnown(key)) return wrapUnknown(`the instance key of ${callName} is not known`, key, { origin });
      // Terraform converts the key: module.x["2"] on a count call is instance 2.
      const instance = call.instances.find((i) => String(i.parent?.key) === String(key.value));
      if (!instance) return unknown(`${callName} has no instance ${JSON.stringify(key.value)}`, { origin, error: true });
      return this.outputOf(instance, `${callName}[${JSON.stringify(key.value)}]`, after, scope, range);
    }
    // The whole call: a list (count) or map (for_each) of each instance's outputs.
    const byCount = findAttribute(call.decl.block.body, 'count') !== undefined;
    const whole = byCount
      ? known(call.instances.map((i) => this.outputsOf(i, origin)), origin)
      : known(Object.fromEntries(call.instances.map((i) => [String(i.parent?.key), this.outputsOf(i, origin)])), origin);
    return this.evaluator.traverse(whole, rest, scope, range);
  }

  /**
   * `<call>.<output>...` of one instance: only the output named is evaluated (Terraform evaluates
   * each output on its own, so another output of the same module that depends on the caller is
   * no cycle); the whole object when no output is named.
   */
  private outputOf(instance: ModuleInstance, label: string, steps: TraversalStep[], scope: Scope, range: Range): Value {
    const [first, ...rest] = steps;
    if (first?.kind !== 'attr') return this.evaluator.traverse(this.outputsOf(instance, { uri: scope.uri, range, via: [] }), steps, scope, range);
    const value = instance.evaluator.output(first.name);
    if (!value) return unknown(`${label} has no output "${first.name}"`, { origin: { uri: scope.uri, range, via: [] }, error: true });
    return this.evaluator.traverse(value, rest, scope, range);
  }

  /**
   * An instance's outputs as one object value whose members are evaluated when read: the object
   * is built with every output, each computed once by the child's evaluator.
   */
  private outputsOf(instance: ModuleInstance, origin: Origin): Value {
    const outputs: Record<string, Value> = {};
    for (const name of instance.module.outputs.keys()) outputs[name] = instance.evaluator.output(name)!;
    return known(outputs, origin);
  }
}

const META_ARGUMENTS = new Set(['source', 'version', 'count', 'for_each', 'providers', 'depends_on']);

/** The module tree under one root module. */
export class ModuleTree {
  readonly root: ModuleInstance;
  readonly stack: EvaluationStack = newEvaluationStack();
  private instanceCount = 1;

  constructor(
    rootModule: TfModule,
    readonly loader: ModuleLoader,
    readonly options: TreeOptions = {},
  ) {
    this.root = new ModuleInstance(this, rootModule, rootModule.dir, [], '');
  }

  /** Counts `n` more instances; false when the tree would pass MAX_TREE_INSTANCES. */
  reserve(n: number): boolean {
    if (this.instanceCount + n > MAX_TREE_INSTANCES) return false;
    this.instanceCount += n;
    return true;
  }

  /** Every instance, the root first, each call expanded (depth first, in declaration order). */
  instances(): ModuleInstance[] {
    const out: ModuleInstance[] = [];
    const visit = (instance: ModuleInstance) => {
      out.push(instance);
      for (const call of instance.calls()) for (const child of call.instances) visit(child);
    };
    visit(this.root);
    return out;
  }
}
