/**
 * Completion of what only aks-netlint knows: the allowed values of network attributes (exact
 * case for the detected azurerm major), also in a module argument that feeds such an attribute in
 * the called module and in an azapi body (the AKS API's exact JSON values), and the attribute
 * names inside `network_profile` and its sub-blocks.
 * Anywhere else it answers nothing, leaving Terraform completion to HashiCorp's extension. A value
 * the rules would then flag is not offered: each candidate is tried in a copy of the module (with
 * its tree of module calls) and dropped if it brings an error or warning.
 */
import { analyzeModule, type AnalysisResult, type AnalysisSettings, type TreeInput } from '../analyze/analyze-module.js';
import type { Finding } from '../analyze/findings.js';
import { attributeSchema, blockSchema, type AttributeSchema, type SchemaBlock } from '../aks/schema/network-schema.js';
import type { Parsers } from '../syntax/parse-file.js';
import type { ModuleInput } from '../terraform/module.js';
import type { Position, Range } from '../text/positions.js';
import { toApiNames } from '../analyze/form-names.js';
import { apiValues, enumFieldOfJsonName, inAzapiResource } from './azapi-body.js';
import { contains, locate } from './locate.js';
import { argumentTargets, locateArgument } from './module-arguments.js';
import { schemaFacts } from './schema-facts.js';

export interface CompletionCandidate {
  label: string;
  kind: 'value' | 'attribute';
  detail: string;
  /** Markdown. */
  documentation: string;
  /** Replaces `range` (which ends at the cursor or at a closing quote). */
  newText: string;
  range: Range;
  /** Sort order within our list (allowed values keep the schema's order). */
  sortText: string;
}

export interface CompletionContext {
  parsers: Parsers;
  input: ModuleInput;
  settings: AnalysisSettings;
  isCancelled: () => boolean;
}

/** Blocks whose attribute names we complete (issue 5, item 4). */
const NAME_BLOCKS: ReadonlySet<SchemaBlock> = new Set(['network_profile', 'load_balancer_profile', 'nat_gateway_profile', 'advanced_networking']);

export function completionAt(result: AnalysisResult, path: string, position: Position, context: CompletionContext): CompletionCandidate[] | undefined {
  const file = result.module.files.get(path);
  if (!file || file.format !== 'hcl') return undefined;
  const location = locate(file, position);
  const major = result.model.provider.major;
  const lineText = file.lines.lineText(position.line);
  const before = lineText.slice(0, position.character);

  const value = /^(\s*)([A-Za-z_][\w-]*)\s*=\s*(")?([^"]*)$/.exec(before);
  if (value) {
    const quoted = value[3] !== undefined;
    const after = lineText.slice(position.character);
    const closing = quoted ? /^[^"]*"/.exec(after) : null;
    const startCharacter = quoted ? position.character - value[4].length : position.character;
    const endCharacter = closing ? position.character + closing[0].length - 1 : position.character;
    const range = { start: { line: position.line, character: startCharacter }, end: { line: position.line, character: endCharacter } };
    const wrap = (v: string) => (quoted ? (closing ? v : `${v}"`) : `"${v}"`);
    const [start, end] = [file.lines.offsetAt(range.start), file.lines.offsetAt(range.end)];
    const edit = (candidate: string) => file.text.slice(0, start) + wrap(candidate) + file.text.slice(end);
    // In a resource, the attribute's own schema; in an azapi body, the field its JSON name is;
    // elsewhere, a module argument's, through what it feeds.
    const body = !location && inAzapiResource(file, position) ? bodyTarget(result, value[2]) : undefined;
    const target = location ? attributeTarget(result, location.schemaBlock, value[2]) : (body ?? argumentTarget(result, path, range.start, edit(''), context));
    if (!target) return undefined;
    const { schema } = target;
    const detail = body ? `${value[2]} · AKS API` : `${schema.name} · azurerm ${major}.x`;
    const flagged = flaggedBy(target.baseline, path, position.line, context);
    const accepted = schema.allowed.filter((candidate) => !context.isCancelled() && !flagged(edit(candidate)));
    return accepted.map((candidate) => ({
      label: candidate,
      kind: 'value' as const,
      detail,
      documentation: body ? toApiNames(describe(schema)) : describe(schema),
      newText: wrap(candidate),
      range,
      sortText: String(schema.allowed.indexOf(candidate)).padStart(2, '0'),
    }));
  }

  const name = /^(\s*)([A-Za-z_]*)$/.exec(before);
  if (name && location?.schemaBlock && NAME_BLOCKS.has(location.schemaBlock)) {
    const schemaBlock = location.schemaBlock;
    const present = new Set(location.block.body.attributes.map((a) => a.name));
    const range = { start: { line: position.line, character: position.character - name[2].length }, end: position };
    return blockSchema(major, schemaBlock)
      .filter((a) => !a.deprecated && !present.has(a.name))
      .map((a, index) => ({
        label: a.name,
        kind: 'attribute' as const,
        detail: `${a.type} · ${schemaBlock} · azurerm ${major}.x`,
        documentation: describe(a),
        newText: `${a.name} = `,
        range,
        sortText: String(index).padStart(2, '0'),
      }));
  }
  return undefined;
}

/** The schema whose allowed values are offered, and the analysis candidates are compared with. */
interface ValueTarget {
  schema: AttributeSchema & { allowed: readonly string[] };
  baseline: AnalysisResult;
}

const withAllowed = (schema: AttributeSchema | undefined): ValueTarget['schema'] | undefined => (schema?.allowed ? (schema as ValueTarget['schema']) : undefined);

function attributeTarget(result: AnalysisResult, block: SchemaBlock | undefined, name: string): ValueTarget | undefined {
  const schema = block && withAllowed(attributeSchema(result.model.provider.major, block, name));
  return schema && { schema, baseline: result };
}

/** The enum field of an azapi body a JSON name stands for, with the AKS API's exact values. */
function bodyTarget(result: AnalysisResult, jsonName: string): ValueTarget | undefined {
  const field = enumFieldOfJsonName(jsonName);
  const allowed = field && apiValues(field.schemaBlock, field.name, field.schema);
  return field && allowed ? { schema: { ...field.schema, allowed }, baseline: result } : undefined;
}

/**
 * The attribute a module argument feeds in the called module (module-arguments.ts) with the string
 * under the cursor: the whole argument, or a member of an object argument (`network = { policy =
 * "" }`). Only when that string feeds one attribute: values of two have no one list to offer.
 * An argument being typed (`x = "`, `x = `) does not parse, and feeds nothing yet: in a file that
 * does not parse, it is asked of the text with an empty string written there, whose analysis is
 * also what candidates are compared with.
 */
function argumentTarget(result: AnalysisResult, path: string, position: Position, probeText: string, context: CompletionContext): ValueTarget | undefined {
  const fed = (analysis: AnalysisResult) => {
    const file = analysis.module.files.get(path);
    const argument = file && locateArgument(file, position);
    if (!argument) return undefined;
    const here = argumentTargets(analysis, path, argument.attribute.range).filter(({ setting: { value } }) => value.known && value.origin.uri === path && contains(value.origin.range, position));
    const schemas = new Map(here.map((t) => [`${t.schema.block}|${t.schema.name}`, t.schema]));
    const schema = schemas.size === 1 ? withAllowed([...schemas.values()][0]) : undefined;
    return schema && { schema, baseline: analysis };
  };
  if (!result.tree || result.module.calls.size === 0) return undefined;
  // A file that parses has the argument as typed: its analysis is the answer.
  if (result.module.files.get(path)!.problems.length === 0 || context.isCancelled()) return fed(result);
  return fed(analyzeModule(withText(context.input, path, probeText), context.parsers, context.settings, undefined, undefined, treeOf(result)));
}

const withText = (input: ModuleInput, path: string, text: string): ModuleInput => ({ ...input, files: input.files.map((f) => (f.uri === path ? { uri: f.uri, text } : f)) });

/** The tree input of an analysis, for analysing an edited text of its root the same way. */
const treeOf = (result: AnalysisResult): TreeInput | undefined => (result.tree ? { loader: result.tree.loader, options: result.tree.options } : undefined);

function describe(schema: AttributeSchema): string {
  const lines = [schema.description, '', ...schemaFacts(schema)];
  if (schema.learnUrl) lines.push('', `[Microsoft Learn](${schema.learnUrl})`);
  return lines.join('\n');
}

/**
 * A test of edited texts of `path`: whether writing one makes the rules complain, i.e. brings a
 * finding (error or warning) on the edited line, or one elsewhere that the module does not have
 * now. What the module has now is computed once for all candidates.
 */
function flaggedBy(result: AnalysisResult, path: string, line: number, context: CompletionContext): (edited: string) => boolean {
  const serious = (f: Finding) => f.severity === 'error' || f.severity === 'warning';
  const onLine = (f: Finding) => f.uri === path && f.range.start.line <= line && line <= f.range.end.line;
  const key = (f: Finding) => `${f.ruleId}|${f.messageId}|${f.uri}|${f.range.start.line}`;
  const before = new Set(result.findings.filter((f) => serious(f) && !onLine(f)).map(key));
  return (edited) => {
    const trial = analyzeModule(withText(context.input, path, edited), context.parsers, context.settings, undefined, undefined, treeOf(result));
    return trial.findings.some((f) => serious(f) && (onLine(f) || !before.has(key(f))));
  };
}
