/**
 * Three-valued evaluation results (DESIGN.md §4 "never guessing"): a value is Known, with where it
 * came from, or Unknown, with why. Rules must stay silent on Unknown.
 */
import type { Range } from '../text/positions.js';
import { builtinModuleName, isBuiltinUri } from './builtin-modules.js';

/** One link of the chain that led to a value: "var.pod_cidr default in variables.tf:12". */
export interface OriginStep {
  /** e.g. `var.pod_cidr default`, `set`, `local.cidr`, `set by --var`. */
  label: string;
  /** Where that link is written; absent for the command line. */
  uri?: string;
  range?: Range;
  /** Set on the one step that stands for links left out of a long chain: how many. */
  elided?: number;
}

/** Where a value is written, and how the expression under the cursor reached it. */
export interface Origin {
  uri: string;
  range: Range;
  via: OriginStep[];
  /** True when `range` is a literal in the source: a fix may rewrite the value right there. */
  literal?: boolean;
}

/** A resource an Unknown value points to (e.g. `azurerm_subnet.nodes.id`), for cross-resource rules. */
export interface ResourceRef {
  /** The module instance the resource is declared in (`module.net`), outermost first; absent for the root. */
  module?: readonly string[];
  mode: 'managed' | 'data';
  type: string;
  name: string;
  key?: string | number;
  attribute: string;
  /**
   * Set when the value belongs to one element of a block collection of the resource (the inline
   * `subnet` named "aks" of a VNet; inline-subnets.ts): `attribute` is then the collection
   * (`subnet`) and `element.attribute` the element's own attribute (`id`).
   */
  element?: { name: string; attribute: string };
}

export type Plain = string | number | boolean | null | Value[] | { [key: string]: Value };

export interface Known {
  known: true;
  value: Plain;
  origin: Origin;
  /**
   * Set on a collection whose order cannot be known before apply (unordered.ts): `set` is a
   * Terraform set of objects, which has no index; `list` a list made from one (by tolist, a splat,
   * a for expression). What depends on the order of two or more of its elements is Unknown.
   */
  unordered?: 'set' | 'list';
}

export interface Unknown {
  known: false;
  /** Why it cannot be known before apply, in words for an info note: "var.dp has no value". */
  reason: string;
  origin?: Origin;
  ref?: ResourceRef;
  /** True when Terraform would surely fail here (a missing key, a function error): try() skips it. */
  error?: boolean;
  /**
   * The first reason in a chain of "depends on" reasons: each wrapper names it, not the whole
   * chain, so a reason stays one sentence however long the chain of references.
   */
  cause?: string;
}

export type Value = Known | Unknown;

/** Whether a value is Known. */
export function isKnown(value: Value | undefined): value is Known {
  return value !== undefined && value.known;
}

/** A Known value. */
export function known(value: Plain, origin: Origin): Known {
  return { known: true, value, origin };
}

/** An Unknown value. */
export function unknown(reason: string, extra: Partial<Omit<Unknown, 'known' | 'reason'>> = {}): Unknown {
  return { known: false, reason, ...extra };
}

/**
 * An Unknown because of another: "<prefix>: <first cause>" ("lower() depends on a value that is
 * not known: var.x has no value"), never the whole chain of wrapped reasons.
 */
export function wrapUnknown(prefix: string, inner: Unknown, extra: Partial<Omit<Unknown, 'known' | 'reason' | 'cause'>> = {}): Unknown {
  const cause = inner.cause ?? inner.reason;
  return { known: false, reason: `${prefix}: ${cause}`, cause, ...extra };
}

/** The string, when the value is a Known string. */
export function knownString(value: Value | undefined): string | undefined {
  return isKnown(value) && typeof value.value === 'string' ? value.value : undefined;
}

/** The number, when the value is a Known number. */
export function knownNumber(value: Value | undefined): number | undefined {
  return isKnown(value) && typeof value.value === 'number' ? value.value : undefined;
}

/** The boolean, when the value is a Known boolean. */
export function knownBoolean(value: Value | undefined): boolean | undefined {
  return isKnown(value) && typeof value.value === 'boolean' ? value.value : undefined;
}

/** The elements, when the value is a Known list. */
export function knownList(value: Value | undefined): Value[] | undefined {
  return isKnown(value) && Array.isArray(value.value) ? value.value : undefined;
}

/** Whether a Known value is an object (map). */
export function isObjectValue(value: Plain): value is { [key: string]: Value } {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Strips origins: the plain JavaScript value, or undefined if any part is Unknown. */
export function toPlainJson(value: Value): unknown {
  if (!value.known) return undefined;
  const v = value.value;
  if (Array.isArray(v)) {
    const items = v.map(toPlainJson);
    return items.some((i) => i === undefined) ? undefined : items;
  }
  if (isObjectValue(v)) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(v)) {
      const plain = toPlainJson(item);
      if (plain === undefined) return undefined;
      out[key] = plain;
    }
    return out;
  }
  return v;
}

/** "main.tf:5" or "var.pod_cidr default in variables.tf:12, set in prod.tfvars:3" (1-based lines). */
export function describeOrigin(origin: Origin, displayName: (uri: string) => string): string {
  // A line of a registry module's input map means nothing to the user: the module is named.
  const at = (uri: string, range: Range) => (isBuiltinUri(uri) ? `the module ${builtinModuleName(uri)}` : `${displayName(uri)}:${range.start.line + 1}`);
  if (origin.via.length === 0) return at(origin.uri, origin.range);
  return origin.via
    .map((step) => (step.uri && step.range ? `${step.label} in ${at(step.uri, step.range)}` : step.label))
    .join(', ');
}

/** The last path segment of a URI or path, for messages. */
export function baseName(uri: string): string {
  const trimmed = uri.replace(/[\\/]+$/, '');
  const last = trimmed.slice(Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\')) + 1);
  // A file system name may hold a '%' that is no URI escape ("50%.tf"): keep it as it is.
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}
