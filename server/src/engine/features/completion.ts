/**
 * Completion of what only aks-netlint knows: the allowed values of network attributes (exact
 * case for the detected azurerm major) and the attribute names inside `network_profile` and its
 * sub-blocks. Anywhere else it answers nothing, leaving Terraform completion to HashiCorp's
 * extension. A value the rules would then flag is not offered: each candidate is tried in a copy
 * of the module and dropped if it brings an error or warning.
 */
import { analyzeModule, type AnalysisResult, type AnalysisSettings } from '../analyze/analyze-module.js';
import type { Finding } from '../analyze/findings.js';
import { attributeSchema, blockSchema, type AttributeSchema, type SchemaBlock } from '../aks/schema/network-schema.js';
import type { Parsers } from '../syntax/parse-file.js';
import type { ModuleInput } from '../terraform/module.js';
import type { Position, Range } from '../text/positions.js';
import { locate } from './locate.js';
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
  if (!location?.schemaBlock) return undefined;
  const major = result.model.provider.major;
  const lineText = file.lines.lineText(position.line);
  const before = lineText.slice(0, position.character);

  const value = /^(\s*)([A-Za-z_][\w-]*)\s*=\s*(")?([^"]*)$/.exec(before);
  if (value) {
    const schema = attributeSchema(major, location.schemaBlock, value[2]);
    if (!schema?.allowed) return undefined;
    const quoted = value[3] !== undefined;
    const after = lineText.slice(position.character);
    const closing = quoted ? /^[^"]*"/.exec(after) : null;
    const startCharacter = quoted ? position.character - value[4].length : position.character;
    const endCharacter = closing ? position.character + closing[0].length - 1 : position.character;
    const range = { start: { line: position.line, character: startCharacter }, end: { line: position.line, character: endCharacter } };
    const wrap = (v: string) => (quoted ? (closing ? v : `${v}"`) : `"${v}"`);
    const flagged = flaggedBy(result, path, position.line, context);
    const [start, end] = [file.lines.offsetAt(range.start), file.lines.offsetAt(range.end)];
    const accepted = schema.allowed.filter((candidate) => !context.isCancelled() && !flagged(file.text.slice(0, start) + wrap(candidate) + file.text.slice(end)));
    return accepted.map((candidate) => ({
      label: candidate,
      kind: 'value' as const,
      detail: `${schema.name} · azurerm ${major}.x`,
      documentation: describe(schema),
      newText: wrap(candidate),
      range,
      sortText: String(schema.allowed!.indexOf(candidate)).padStart(2, '0'),
    }));
  }

  const name = /^(\s*)([A-Za-z_]*)$/.exec(before);
  if (name && NAME_BLOCKS.has(location.schemaBlock)) {
    const present = new Set(location.block.body.attributes.map((a) => a.name));
    const range = { start: { line: position.line, character: position.character - name[2].length }, end: position };
    return blockSchema(major, location.schemaBlock)
      .filter((a) => !a.deprecated && !present.has(a.name))
      .map((a, index) => ({
        label: a.name,
        kind: 'attribute' as const,
        detail: `${a.type} · ${location.schemaBlock} · azurerm ${major}.x`,
        documentation: describe(a),
        newText: `${a.name} = `,
        range,
        sortText: String(index).padStart(2, '0'),
      }));
  }
  return undefined;
}

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
    const files = context.input.files.map((f) => (f.uri === path ? { uri: f.uri, text: edited } : f));
    const trial = analyzeModule({ ...context.input, files }, context.parsers, context.settings);
    return trial.findings.some((f) => serious(f) && (onLine(f) || !before.has(key(f))));
  };
}
