/**
 * Calls of registry modules read through their input maps (engine/aks/registry-modules): the
 * maps, parsed once per set of parsers, and where a call is written, for the findings of its map
 * (place-findings.ts placeOutsideBuiltin).
 */
import { knownModules } from '../aks/registry-modules/known-modules.js';
import type { Parsers } from '../syntax/parse-file.js';
import { findAttribute, type Expr, type SyntaxAttribute, type SyntaxBody } from '../syntax/syntax-tree.js';
import type { ModuleCallDecl, TfModule } from '../terraform/module.js';
import type { KnownModules } from '../terraform/module-tree.js';
import { containsRange, type Range } from '../text/positions.js';
import type { placeOutsideBuiltin } from './place-findings.js';

export type BuiltinCall = Parameters<typeof placeOutsideBuiltin>[3];

/**
 * Where a call of a registry module is written: its `version` and `source` lines, and the
 * argument an attribute of the module's input map reads (`vnet_subnet_id = try(var.vnet_subnet.id,
 * null)` reads the call's `vnet_subnet`).
 */
export function callSite(call: ModuleCallDecl, builtin: TfModule): BuiltinCall {
  const version = findAttribute(call.block.body, 'version');
  const source = findAttribute(call.block.body, 'source');
  const argumentFor = (uri: string, range: Range) => {
    const attribute = attributeAt(builtin.files.get(uri)?.body, range);
    const names = attribute ? variablesIn(attribute.expr) : [];
    for (const name of names) {
      const argument = findAttribute(call.block.body, name);
      if (argument) return argument.expr.range;
    }
    return undefined;
  };
  return { uri: call.uri, block: call.block.headerRange, argumentFor, ...(version ? { version: version.expr.range } : {}), ...(source ? { source: source.expr.range } : {}) };
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

