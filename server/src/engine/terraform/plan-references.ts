/**
 * Follows the references a plan's `configuration` records (input-forms.md §5) to the resource
 * attribute a value comes from, across module boundaries: `var.x` to the argument of the module
 * call that set it (in the caller), `module.m.o` to the output's expression (in that module
 * instance). A plan without its configuration files knows the id of a subnet created in the same
 * plan only after apply; this is how a pool in one module still joins the subnet another module
 * creates (and an agentPools resource the cluster its parent_id names).
 *
 * The configuration records only which names an expression references, not what it computes. So
 * a step is followed only when its expression references exactly one thing (with the shorter
 * forms Terraform lists of that same reference): `coalesce(var.a, azurerm_subnet.b.id)`, a `local`
 * (the configuration does not record locals), `each.value` or a module instance the reference
 * does not pin down all stop the chain, and the value stays unlinked: never a false link.
 */
import type { ResourceRef } from './values.js';

/** The configuration of one module, as the plan records it (plain JSON). */
export interface ConfigModule {
  module_calls?: { [name: string]: ConfigCall };
  outputs?: { [name: string]: { expression?: ConfigExpression } };
}

interface ConfigCall {
  expressions?: { [name: string]: ConfigExpression };
  count_expression?: unknown;
  for_each_expression?: unknown;
  module?: ConfigModule;
}

interface ConfigExpression {
  references?: unknown;
}

/** How many variables and outputs one chain may pass through: more is a loop or a guess. */
const MAX_STEPS = 16;
/** How many reference strings one expression may list before it is not read at all. */
const MAX_REFERENCES = 64;

const RESOURCE = /^(data\.)?([a-z][\w-]*)\.([\w-]+)(?:\[("(?:[^"\\]|\\.)*"|\d+)\])?\.([\w-]+)$/;
const VARIABLE = /^var\.([\w-]+)$/;
const OUTPUT = /^module\.([\w-]+)(\[(?:"(?:[^"\\]|\\.)*"|\d+)\])?\.([\w-]+)$/;

/** Follows references through the configuration of a plan (its `configuration.root_module`). */
export class ConfigurationReferences {
  constructor(private readonly root: ConfigModule | undefined) {}

  /**
   * The resource attribute the expression with these `references`, in the module instance
   * `modulePath` (`module.aks`, `module.pools["u1"]`), stands for, or undefined when the
   * configuration does not say it surely.
   */
  resolve(references: unknown, modulePath: readonly string[]): ResourceRef | undefined {
    let reference = soleReference(references);
    let path = [...modulePath];
    for (let step = 0; reference !== undefined && step <= MAX_STEPS; step++) {
      const resource = RESOURCE.exec(reference);
      if (resource && !/^(var|local|module|each|count|path|terraform|self)$/.test(resource[2])) return resourceRef(resource, path);
      const variable = VARIABLE.exec(reference);
      if (variable) {
        // A root variable's value is in the plan's variables, never a resource created in it.
        if (path.length === 0) return undefined;
        const call = this.callOf(path.slice(0, -1), path[path.length - 1]);
        path = path.slice(0, -1);
        reference = soleReference(call?.expressions?.[variable[1]]?.references);
        continue;
      }
      const output = OUTPUT.exec(reference);
      if (output) {
        const [, name, key, outputName] = output;
        const call = this.module(path)?.module_calls?.[name];
        if (!call) return undefined;
        // `module.m.o` of a module with count or for_each is a collection, not one instance's output.
        const repeated = call.count_expression !== undefined || call.for_each_expression !== undefined;
        if (repeated !== (key !== undefined)) return undefined;
        path = [...path, `module.${name}${key ?? ''}`];
        reference = soleReference(call.module?.outputs?.[outputName]?.expression?.references);
        continue;
      }
      return undefined;
    }
    return undefined;
  }

  /** The configuration of the module instance at `path` (instance keys do not matter here). */
  private module(path: readonly string[]): ConfigModule | undefined {
    let module = this.root;
    for (const step of path) module = module?.module_calls?.[callName(step)]?.module;
    return module;
  }

  /** The call (`module.pools["u1"]`) made from the module instance at `parent`. */
  private callOf(parent: readonly string[], step: string): ConfigCall | undefined {
    return this.module(parent)?.module_calls?.[callName(step)];
  }
}

/** `module.pools["u1"]` → `pools`. */
function callName(step: string): string {
  return step.replace(/^module\./, '').replace(/\[.*$/, '');
}

/**
 * The one reference an expression makes: Terraform lists each reference with its shorter forms
 * (`module.net.ids["a"]`, `module.net.ids`, `module.net`); more than one reference that is not
 * a shorter form of another is more than one input, and which one the value is cannot be known.
 */
export function soleReference(references: unknown): string | undefined {
  if (!Array.isArray(references) || references.length === 0 || references.length > MAX_REFERENCES) return undefined;
  if (!references.every((r): r is string => typeof r === 'string')) return undefined;
  const longest = references.filter((r) => !references.some((other) => other !== r && other.length > r.length && other.startsWith(r) && (other[r.length] === '.' || other[r.length] === '[')));
  const distinct = new Set(longest);
  return distinct.size === 1 ? longest[0] : undefined;
}

function resourceRef(match: RegExpExecArray, modulePath: readonly string[]): ResourceRef {
  const [, data, type, name, key, attribute] = match;
  const parsedKey = key === undefined ? undefined : key.startsWith('"') ? (JSON.parse(key) as string) : Number(key);
  return {
    ...(modulePath.length > 0 ? { module: [...modulePath] } : {}),
    mode: data ? 'data' : 'managed',
    type,
    name,
    ...(parsedKey !== undefined ? { key: parsedKey } : {}),
    attribute,
  };
}
