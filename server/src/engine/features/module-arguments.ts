/**
 * Module arguments that feed cluster and node-pool settings (issue 11, item 5): the argument of a
 * `module` block under the cursor, and the settings of the called instances that take its value.
 * They are found in the model, not by reading the child's syntax: a value passed through a call
 * carries the origin step "var.x set by module.y" at the argument (module-tree.ts), so locals,
 * objects, conditionals and deeper calls in between are followed exactly as the evaluator did.
 * A setting whose value is Unknown without an origin (the caller's `var.x` has no value) is not
 * found: nothing records that it came through the argument.
 */
import type { AnalysisResult } from '../analyze/analyze-module.js';
import type { AksCluster, AksNodePool, Setting } from '../aks/model.js';
import { attributeSchema, type AttributeSchema, type SchemaBlock } from '../aks/schema/network-schema.js';
import { NEWEST_MAJOR } from '../terraform/provider-version.js';
import type { Expr, ObjectItem, SyntaxAttribute, SyntaxBlock, SyntaxFile } from '../syntax/syntax-tree.js';
import { comparePositions, type Position, type Range } from '../text/positions.js';
import { schemaBlockOf, settingsOf } from './instance-settings.js';
import { contains } from './locate.js';

/** A module block's meta-arguments: Terraform's own, never a variable of the child. */
const META_ARGUMENTS = new Set(['source', 'version', 'count', 'for_each', 'providers', 'depends_on']);

export interface ModuleArgument {
  /** The `module` block. */
  call: SyntaxBlock;
  attribute: SyntaxAttribute;
}

/** A setting of a called instance that takes the value of a caller's argument. */
export interface ArgumentTarget {
  instance: AksCluster | AksNodePool;
  setting: Setting;
  /** The object holding the setting (a pool's network knows the subnet an id names). */
  holder: object;
  /** The schema block the setting belongs to. */
  schemaBlock: SchemaBlock;
  /** The setting's attribute, as hover and completion describe it for the attribute itself. */
  schema: AttributeSchema;
  /** The index of the argument's step in the value's origin chain: later steps say where the caller got the value. */
  step: number;
  /** The setting's path in the instance (instance-settings.ts). */
  path: string;
}

/** The argument (not a meta-argument) of a `module` block whose name or value holds the position. */
export function locateArgument(file: SyntaxFile, position: Position): ModuleArgument | undefined {
  const call = file.body.blocks.find((b) => b.type === 'module' && contains(b.range, position));
  const attribute = call?.body.attributes.find((a) => contains(a.range, position));
  if (!call || !attribute || META_ARGUMENTS.has(attribute.name)) return undefined;
  return { call, attribute };
}

/** The innermost `key = value` member of an object argument under the cursor (`network_profile = { network_policy = "" }`). */
export function memberAt(expr: Expr, position: Position): ObjectItem | undefined {
  if (expr.kind !== 'object') return undefined;
  const item = expr.items.find((i) => contains(i.range, position));
  return item && (memberAt(item.value, position) ?? item);
}

/**
 * The settings an argument written at `range` of file `uri` feeds, over every instance of the
 * tree (one per instance of a count/for_each call), in the model's order. Only settings the
 * schema describes: the others have no docs nor allowed values to show.
 */
export function argumentTargets(result: AnalysisResult, uri: string, range: Range): ArgumentTarget[] {
  if (!result.tree) return [];
  const major = result.model.provider.major;
  const targets: ArgumentTarget[] = [];
  for (const instance of [...result.model.clusters, ...result.model.nodePools]) {
    if (instance.modulePath.length === 0) continue;
    for (const { setting, holder, path } of settingsOf(instance)) {
      const via = setting.value.origin?.via ?? [];
      const step = via.findIndex((s) => s.uri === uri && s.range !== undefined && sameRange(s.range, range));
      if (step < 0 || !setting.site) continue;
      // Where the setting sits in the schema (network_profile, a pool's body...), whatever form writes it.
      const schemaBlock = schemaBlockOf(instance, setting, holder);
      const schema = schemaBlock && attributeSchema(instance.form === 'azapi' ? NEWEST_MAJOR : major, schemaBlock, setting.name);
      if (schemaBlock && schema) targets.push({ instance, setting, holder, schemaBlock, schema, step, path });
    }
  }
  return targets;
}

const sameRange = (a: Range, b: Range) => comparePositions(a.start, b.start) === 0 && comparePositions(a.end, b.end) === 0;
