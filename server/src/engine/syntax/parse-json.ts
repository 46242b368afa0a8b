/**
 * Terraform JSON (.tf.json) -> syntax model, through jsonc-parser (offsets are UTF-16). JSON does
 * not say which properties are nested blocks, so an object-valued property is both an attribute
 * and a block; readers ask by name for what the schema says it is. String values are templates
 * and go through the HCL parser for their `${...}` parts.
 */
import { createScanner, parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import type { Parser } from 'web-tree-sitter';
import { LineIndex, type Range } from '../text/positions.js';
import { convertTree } from './parse-hcl.js';
import { DEFAULT_PARSE_LIMITS, FileLimitError, nestingTooDeep, notAnalysedFile, type ParseLimits } from './parse-limits.js';
import { isTree, parseHclTree } from './parse-tree.js';
import type { Expr, SyntaxAttribute, SyntaxBlock, SyntaxBody, SyntaxFile, TraversalStep } from './syntax-tree.js';

/** Number of labels each top-level block type takes in Terraform JSON. */
const TOP_LEVEL_LABELS: Record<string, number> = {
  resource: 2,
  data: 2,
  variable: 1,
  output: 1,
  module: 1,
  provider: 1,
  locals: 0,
  terraform: 0,
};

/**
 * Parses a .tf.json file. One nested deeper than the limit is not analysed: jsonc-parser parses
 * by recursion, so the depth is measured first, by its scanner.
 */
export function parseTerraformJson(uri: string, text: string, parser: Parser, limits: ParseLimits = DEFAULT_PARSE_LIMITS): SyntaxFile {
  if (nestsDeeperThan(text, limits.nesting)) return notAnalysedFile(uri, text, 'json', nestingTooDeep(limits));
  try {
    return convertJson(uri, text, parser, limits);
  } catch (error) {
    if (error instanceof FileLimitError) return notAnalysedFile(uri, text, 'json', error.notAnalysed);
    throw error;
  }
}

/** jsonc-parser's SyntaxKind values (a const enum, which isolated modules cannot read). */
const OPEN_BRACE = 1;
const CLOSE_BRACE = 2;
const OPEN_BRACKET = 3;
const CLOSE_BRACKET = 4;
const EOF = 17;

/** Whether brackets and braces nest deeper than `limit` anywhere in the text (strings and comments aside). */
export function nestsDeeperThan(text: string, limit: number): boolean {
  const scanner = createScanner(text, true);
  let depth = 0;
  for (let token: number = scanner.scan(); token !== EOF; token = scanner.scan()) {
    if (token === OPEN_BRACE || token === OPEN_BRACKET) {
      if (++depth > limit) return true;
    } else if (token === CLOSE_BRACE || token === CLOSE_BRACKET) {
      depth = Math.max(0, depth - 1);
    }
  }
  return false;
}

function convertJson(uri: string, text: string, parser: Parser, limits: ParseLimits): SyntaxFile {
  const lines = new LineIndex(text);
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
  const converter = new JsonConverter(text, lines, parser, limits);
  const problems = errors.map((e) => ({
    message: `Invalid JSON: ${printParseErrorCode(e.error)}.`,
    range: lines.rangeOf(e.offset, e.offset + e.length),
  }));
  const body: SyntaxBody = { attributes: [], blocks: [], range: lines.rangeOf(0, text.length) };
  if (root?.type === 'object' && /\.tfvars\.json$/i.test(uri)) {
    Object.assign(body, converter.body(root, []), { range: body.range });
  } else if (root?.type === 'object') {
    for (const property of root.children ?? []) {
      const [keyNode, valueNode] = property.children ?? [];
      if (!keyNode || !valueNode) continue;
      const type = String(keyNode.value);
      const labelCount = TOP_LEVEL_LABELS[type] ?? 0;
      body.blocks.push(...converter.blocks(type, keyNode, valueNode, labelCount, [type], []));
    }
  } else if (root) {
    problems.push({ message: 'A Terraform JSON file must hold one object.', range: lines.rangeOf(root.offset, root.offset + root.length) });
  }
  return { uri, text, format: 'json', lines, body, problems, comments: [] };
}

class JsonConverter {
  /**
   * Each value converted once: an object-valued property is read both as an attribute and as a
   * block, and converting its value again at every level of nesting cost depth × size.
   */
  private readonly converted = new Map<JsonNode, Expr>();
  /** One budget for all the templates of the file. */
  private readonly deadline: number;

  constructor(
    private readonly text: string,
    private readonly lines: LineIndex,
    private readonly parser: Parser,
    private readonly limits: ParseLimits,
  ) {
    this.deadline = performance.now() + limits.parseMs;
  }

  private range(node: JsonNode): Range {
    return this.lines.rangeOf(node.offset, node.offset + node.length);
  }

  /** Blocks of `type` from `value`, consuming `labelCount` levels of object keys as labels. */
  blocks(
    type: string,
    typeNode: JsonNode,
    value: JsonNode,
    labelCount: number,
    path: (string | number)[],
    labels: SyntaxBlock['labels'],
  ): SyntaxBlock[] {
    if (labelCount > 0) {
      if (value.type !== 'object') return [];
      const out: SyntaxBlock[] = [];
      for (const property of value.children ?? []) {
        const [keyNode, inner] = property.children ?? [];
        if (!keyNode || !inner) continue;
        const label = { value: String(keyNode.value), range: this.range(keyNode) };
        out.push(...this.blocks(type, typeNode, inner, labelCount - 1, [...path, label.value], [...labels, label]));
      }
      return out;
    }
    if (value.type === 'array') {
      return (value.children ?? []).flatMap((item, index) =>
        item.type === 'object' ? [this.block(type, typeNode, item, [...path, index], labels)] : [],
      );
    }
    return value.type === 'object' ? [this.block(type, typeNode, value, path, labels)] : [];
  }

  private block(type: string, typeNode: JsonNode, value: JsonNode, path: (string | number)[], labels: SyntaxBlock['labels']): SyntaxBlock {
    const typeRange = this.range(typeNode);
    const headerEnd = labels.length > 0 ? labels[labels.length - 1].range.end : typeRange.end;
    const body = this.body(value, path);
    return {
      type,
      typeRange,
      labels,
      range: this.range(value),
      headerRange: { start: labels.length > 0 ? labels[labels.length - 1].range.start : typeRange.start, end: headerEnd },
      body,
      closed: true,
      jsonPath: path,
    };
  }

  body(value: JsonNode, path: (string | number)[]): SyntaxBody {
    const attributes: SyntaxAttribute[] = [];
    const blocks: SyntaxBlock[] = [];
    for (const property of value.children ?? []) {
      const [keyNode, inner] = property.children ?? [];
      if (!keyNode || !inner) continue;
      const name = String(keyNode.value);
      if (name === '//') continue; // Terraform JSON's comment property
      attributes.push({
        name,
        nameRange: this.range(keyNode),
        range: this.range(property),
        expr: this.expression(inner),
        jsonPath: [...path, name],
      });
      if (name === 'dynamic') blocks.push(...this.blocks(name, keyNode, inner, 1, [...path, name], []));
      else if (inner.type === 'object' || (inner.type === 'array' && inner.children?.every((c) => c.type === 'object'))) {
        blocks.push(...this.blocks(name, keyNode, inner, 0, [...path, name], []));
      }
    }
    return { attributes, blocks, range: this.range(value) };
  }

  expression(node: JsonNode): Expr {
    let expr = this.converted.get(node);
    if (!expr) {
      expr = this.convertValue(node);
      this.converted.set(node, expr);
    }
    return expr;
  }

  private convertValue(node: JsonNode): Expr {
    const range = this.range(node);
    switch (node.type) {
      case 'string':
        return this.stringTemplate(node);
      case 'number':
      case 'boolean':
      case 'null':
        return { kind: 'literal', value: node.value as number | boolean | null, range };
      case 'array':
        return { kind: 'tuple', items: (node.children ?? []).map((c) => this.expression(c)), range };
      case 'object':
        return {
          kind: 'object',
          items: (node.children ?? []).flatMap((property) => {
            const [keyNode, inner] = property.children ?? [];
            if (!keyNode || !inner) return [];
            return [{ key: { kind: 'literal', value: String(keyNode.value), range: this.range(keyNode) } as Expr, value: this.expression(inner), range: this.range(property) }];
          }),
          range,
        };
      default:
        return { kind: 'invalid', range };
    }
  }

  /** A JSON string is an HCL template: parse its `${...}` parts with the HCL grammar. */
  private stringTemplate(node: JsonNode): Expr {
    const range = this.range(node);
    const value = String(node.value);
    if (!value.includes('${') && !value.includes('%{')) return { kind: 'literal', value, range };
    // JSON strings hold no raw line breaks, so the raw text between the quotes maps 1:1 onto a
    // one-line HCL template; shift the parsed ranges back onto the JSON file.
    const raw = this.text.slice(node.offset + 1, node.offset + node.length - 1);
    const prefix = 'x = "';
    const source = `${prefix}${raw}"\n`;
    const tree = parseHclTree(this.parser, source, undefined, this.limits, this.deadline);
    if (!isTree(tree)) throw new FileLimitError(tree);
    try {
      const file = convertTree('', source, tree, undefined, this.limits);
      if (file.notAnalysed) throw new FileLimitError(file.notAnalysed);
      const attribute = file.body.attributes[0];
      if (!attribute || file.problems.length > 0) return { kind: 'invalid', range };
      const base = node.offset + 1 - prefix.length;
      const shift = (r: Range): Range => this.lines.rangeOf(base + r.start.character, base + r.end.character);
      return { ...shiftRanges(attribute.expr, shift), range };
    } finally {
      tree.delete();
    }
  }
}

/** A copy of `expr` with every range mapped through `shift`. */
function shiftRanges(expr: Expr, shift: (r: Range) => Range): Expr {
  const step = (s: TraversalStep): TraversalStep =>
    s.kind === 'index' ? { ...s, key: shiftRanges(s.key, shift), range: shift(s.range) } : { ...s, range: shift(s.range) };
  const range = shift(expr.range);
  switch (expr.kind) {
    case 'template':
      return { ...expr, range, parts: expr.parts.map((p) => (typeof p === 'string' ? p : shiftRanges(p, shift))) };
    case 'tuple':
      return { ...expr, range, items: expr.items.map((i) => shiftRanges(i, shift)) };
    case 'object':
      return {
        ...expr,
        range,
        items: expr.items.map((i) => ({ key: shiftRanges(i.key, shift), value: shiftRanges(i.value, shift), range: shift(i.range) })),
      };
    case 'postfix':
      return { ...expr, range, target: shiftRanges(expr.target, shift), steps: expr.steps.map(step) };
    case 'call':
      return { ...expr, range, args: expr.args.map((a) => shiftRanges(a, shift)) };
    case 'conditional':
      return {
        ...expr,
        range,
        condition: shiftRanges(expr.condition, shift),
        then: shiftRanges(expr.then, shift),
        otherwise: shiftRanges(expr.otherwise, shift),
      };
    case 'binary':
      return { ...expr, range, left: shiftRanges(expr.left, shift), right: shiftRanges(expr.right, shift) };
    case 'unary':
      return { ...expr, range, operand: shiftRanges(expr.operand, shift) };
    case 'for':
      return {
        ...expr,
        range,
        collection: shiftRanges(expr.collection, shift),
        keyExpr: expr.keyExpr && shiftRanges(expr.keyExpr, shift),
        valueExpr: shiftRanges(expr.valueExpr, shift),
        condition: expr.condition && shiftRanges(expr.condition, shift),
      };
    default:
      return { ...expr, range };
  }
}
