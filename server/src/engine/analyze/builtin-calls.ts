/**
 * Calls of registry modules read through their input maps (engine/aks/registry-modules): the
 * maps, parsed once per set of parsers, and where a call is written, for the findings of its map
 * (place-findings.ts placeOutsideBuiltin).
 */
import { knownModules } from '../aks/registry-modules/known-modules.js';
import type { Parsers } from '../syntax/parse-file.js';
import { findAttribute, type Expr, type SyntaxAttribute, type SyntaxBody } from '../syntax/syntax-tree.js';
import type { ModuleCallDecl } from '../terraform/module.js';
import type { KnownModules, ModuleInstance } from '../terraform/module-tree.js';
import { isBuiltinUri } from '../terraform/builtin-modules.js';
import { containsRange, type Range } from '../text/positions.js';
import type { placeOutsideBuiltin } from './place-findings.js';

export type BuiltinCall = Parameters<typeof placeOutsideBuiltin>[3];

/**
 * Where the call of a registry module an instance of its input map belongs to is written: its
 * `version` and `source` lines, and the argument an attribute of the map reads
 * (`vnet_subnet_id = try(var.vnet_subnet.id, null)` reads the call's `vnet_subnet`), followed
 * through the map's own local module calls (`module.nodepools["u1"]`) up to the user's call.
 * Undefined for an instance that is not the map's.
 */
export function callSite(instance: ModuleInstance): BuiltinCall | undefined {
  const call = userCallOf(instance);
  if (!call) return undefined;
  const version = findAttribute(call.block.body, 'version');
  const source = findAttribute(call.block.body, 'source');
  const argumentFor = (uri: string, range: Range): Range | undefined => {
    let at: ModuleInstance | undefined = instance;
    let where = { uri, range };
    // Up one call per step: the attribute's variables, to the argument that sets one of them.
    for (let depth = 0; at?.parent && depth < 8; depth++) {
      const attribute = attributeAt(at.module.files.get(where.uri)?.body, where.range);
      const caller: ModuleCallDecl = at.parent.call;
      const names = attribute ? variablesIn(attribute.expr) : [];
      const argument = names.map((name) => findAttribute(caller.block.body, name)).find((a) => a !== undefined);
      if (!argument) return undefined;
      if (!isBuiltinUri(caller.uri)) return argument.expr.range;
      // An argument of the map's own call: `each.value.x` comes from the call's for_each.
      const forEach = findAttribute(caller.block.body, 'for_each');
      const expr = variablesIn(argument.expr).length === 0 && forEach ? forEach : argument;
      where = { uri: expr.uri ?? caller.uri, range: expr.expr.range };
      at = at.parent.instance;
    }
    return undefined;
  };
  return { uri: call.uri, block: call.block.headerRange, argumentFor, ...(version ? { version: version.expr.range } : {}), ...(source ? { source: source.expr.range } : {}) };
}

/**
 * The user's `module` block an instance of a registry module's input map comes from (through the
 * map's own local calls); undefined for an instance that is not the map's.
 */
export function userCallOf(instance: ModuleInstance): ModuleCallDecl | undefined {
  if (!isBuiltinUri(instance.dir)) return undefined;
  let top = instance;
  while (top.parent && isBuiltinUri(top.parent.instance.dir)) top = top.parent.instance;
  return top.parent?.call;
}

/** The attribute (at any depth) whose value holds a range. */
function attributeAt(body: SyntaxBody | undefined, range: Range): SyntaxAttribute | undefined {
  if (!body) return undefined;
  const attribute = body.attributes.find((a) => containsRange(a.expr.range, range));
  if (attribute) return attribute;
  for (const block of body.blocks) {
    const found = containsRange(block.range, range) ? attributeAt(block.body, range) : undefined;
    if (found) return found;
  }
  return undefined;
}

/** The `var.<name>` an expression reads, in order. */
function variablesIn(expr: Expr): string[] {
  const names: string[] = [];
  const visit = (node: unknown): void => {
    if (node === null || typeof node !== 'object') return;
    const e = node as Expr;
    if (e.kind === 'postfix' && e.target.kind === 'variable' && e.target.name === 'var' && e.steps[0]?.kind === 'attr') names.push(e.steps[0].name);
    for (const child of Object.values(node)) if (typeof child === 'object') visit(child);
  };
  visit(expr);
  return names;
}

const knownModulesByParsers = new WeakMap<Parsers, KnownModules>();

/** The registry modules' input maps, parsed once per set of parsers. */
export function knownModulesFor(parsers: Parsers): KnownModules {
  let known = knownModulesByParsers.get(parsers);
  if (!known) knownModulesByParsers.set(parsers, (known = knownModules(parsers)));
  return known;
}

