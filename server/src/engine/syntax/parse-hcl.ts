/**
 * HCL (.tf, .tfvars) -> syntax model, through web-tree-sitter and the tree-sitter HCL grammar.
 * The grammar is error tolerant: a half-typed attribute or a missing `}` leaves the rest of the
 * file intact, and this converter keeps every intact part (DESIGN.md §4 "Parser").
 */
import { Query, type Language, type Node, type Parser, type Tree } from 'web-tree-sitter';

const COMMENT_QUERIES = new WeakMap<Language, Query>();
/**
 * The Query class of the runtime that loaded a language, when it is not the one imported here: a
 * runtime's classes work only on its own WebAssembly memory (host/tree-sitter-runtime.ts).
 */
const QUERY_CLASSES = new WeakMap<Language, typeof Query>();

/** Tells the converter which Query class goes with a language another runtime loaded. */
export function registerQueryClass(language: Language, queryClass: typeof Query): void {
  QUERY_CLASSES.set(language, queryClass);
}
import { LineIndex, type Position, type Range } from '../text/positions.js';
import { decodeTemplateLiteral, describeSnippet, describeToken, heredocText } from './hcl-text.js';
import type {
  Expr,
  ObjectItem,
  SyntaxAttribute,
  SyntaxBlock,
  SyntaxBody,
  SyntaxComment,
  SyntaxFile,
  SyntaxProblem,
  TraversalStep,
} from './syntax-tree.js';

/** Parses HCL text; pass the previous tree (already `edit`ed) to reparse incrementally. */
export function parseHcl(uri: string, text: string, parser: Parser, oldTree?: Tree): { file: SyntaxFile; tree: Tree } {
  const tree = parser.parse(text, oldTree ?? null);
  if (!tree) throw new Error(`tree-sitter returned no tree for ${uri}`);
  return { file: convertTree(uri, text, tree), tree };
}

/**
 * Top-level items converted before, by their text: an edit changes one block, and the language
 * server converts only that one again (converting a whole 2,000-line file per keystroke costs
 * more than everything else together). Keep one per edited file.
 */
export class ConversionCache {
  /** Items of the last conversion, by source text. */
  items = new Map<string, CachedItem[]>();
}

interface CachedItem {
  start: Position;
  converted: SyntaxAttribute[] | SyntaxBlock | undefined;
}

/** Converts an existing tree-sitter tree of `text`; `cache` lets unchanged top-level items be reused. */
export function convertTree(uri: string, text: string, tree: Tree, cache?: ConversionCache): SyntaxFile {
  const converter = new HclConverter(text);
  const root = tree.rootNode;
  const bodyNode = root.namedChildren.find((child) => child?.type === 'body') ?? null;
  const body = bodyNode ? (cache ? converter.topLevelBody(bodyNode, cache) : converter.body(bodyNode)) : { attributes: [], blocks: [], range: converter.range(root) };
  body.range = converter.range(root);
  if (root.hasError) converter.collectProblems(root);
  // Comments matter only for suppression directives: skip the search in files without one.
  if (text.includes('aks-netlint-ignore')) converter.collectComments(root);
  return {
    uri,
    text,
    format: 'hcl',
    lines: converter.lines,
    body,
    problems: converter.problems,
    comments: converter.comments,
  };
}

class HclConverter {
  readonly lines: LineIndex;
  readonly problems: SyntaxProblem[] = [];
  readonly comments: SyntaxComment[] = [];

  constructor(text: string) {
    this.lines = new LineIndex(text);
  }

  range(node: Node): Range {
    return this.lines.rangeOf(node.startIndex, node.endIndex);
  }

  /** The file's body, reusing items of the cache whose text is unchanged (shifted to their new line). */
  topLevelBody(node: Node, cache: ConversionCache): SyntaxBody {
    const attributes: SyntaxAttribute[] = [];
    const blocks: SyntaxBlock[] = [];
    const next = new Map<string, CachedItem[]>();
    for (const child of node.namedChildren) {
      if (!child || (child.type !== 'attribute' && child.type !== 'block')) continue;
      // A broken item converts differently depending on its neighbours: never reuse one.
      const reusable = !child.hasError;
      const key = reusable ? this.lines.text.slice(child.startIndex, child.endIndex) : '';
      const start = this.lines.positionAt(child.startIndex);
      let converted: CachedItem['converted'];
      const candidates = reusable ? cache.items.get(key) : undefined;
      const hit = candidates?.find((c) => c.start.line === start.line && c.start.character === start.character) ?? candidates?.find((c) => c.start.character === start.character);
      if (hit) converted = hit.start.line === start.line ? hit.converted : shiftLines(hit.converted, start.line - hit.start.line);
      else converted = child.type === 'attribute' ? this.attribute(child) : this.block(child);
      if (reusable) next.set(key, [...(next.get(key) ?? []), { start, converted }]);
      if (Array.isArray(converted)) attributes.push(...converted);
      else if (converted) blocks.push(converted);
    }
    cache.items = next;
    return { attributes, blocks, range: this.range(node) };
  }

  body(node: Node): SyntaxBody {
    const attributes: SyntaxAttribute[] = [];
    const blocks: SyntaxBlock[] = [];
    for (const child of node.namedChildren) {
      if (!child) continue;
      if (child.type === 'attribute') attributes.push(...this.attribute(child));
      else if (child.type === 'block') {
        const block = this.block(child);
        if (block) blocks.push(block);
      }
    }
    return { attributes, blocks, range: this.range(node) };
  }

  /**
   * One attribute, or two when a value-less attribute swallowed the next line: tree-sitter reads
   * `a =\n  b = "x"` as attribute `a` with an ERROR `b` and the value `"x"`; HCL (and the user)
   * mean `a` without a value, then `b = "x"`.
   */
  private attribute(node: Node): SyntaxAttribute[] {
    const nameNode = node.namedChildren.find((c) => c?.type === 'identifier');
    if (!nameNode) return [];
    const children = node.children.filter((c): c is Node => c !== null);
    const equals = children.find((c) => c.type === '=');
    const error = children.find((c) => c.type === 'ERROR');
    const exprNode = children.find((c) => c.type === 'expression');
    const name = nameNode.text;
    const nameRange = this.range(nameNode);
    const swallowed = error?.descendantsOfType('identifier').at(-1);
    if (error && swallowed && swallowed.startPosition.row > nameNode.startPosition.row) {
      const firstEnd = Math.min(this.lines.lineEnd(nameNode.startPosition.row), error.startIndex + 1);
      const first: SyntaxAttribute = {
        name,
        nameRange,
        range: this.lines.rangeOf(nameNode.startIndex, firstEnd),
        expr: { kind: 'invalid', range: this.lines.rangeOf(firstEnd, firstEnd) },
      };
      if (!exprNode) return [first];
      return [
        first,
        {
          name: swallowed.text,
          nameRange: this.range(swallowed),
          range: this.lines.rangeOf(swallowed.startIndex, exprNode.endIndex),
          expr: this.expression(exprNode),
        },
      ];
    }
    const valid = exprNode && !error && !exprNode.isMissing;
    const end = exprNode ?? equals ?? nameNode;
    return [
      {
        name,
        nameRange,
        range: this.lines.rangeOf(nameNode.startIndex, end.endIndex),
        expr: valid ? this.expression(exprNode) : { kind: 'invalid', range: this.lines.rangeOf(end.endIndex, end.endIndex) },
      },
    ];
  }

  private block(node: Node): SyntaxBlock | undefined {
    const children = node.children.filter((c): c is Node => c !== null);
    const typeNode = children[0];
    if (!typeNode || typeNode.type !== 'identifier') return undefined;
    const labels: SyntaxBlock['labels'] = [];
    let bodyNode: Node | undefined;
    let closed = false;
    for (const child of children.slice(1)) {
      if (child.type === 'string_lit') labels.push({ value: this.stringLiteral(child), range: this.range(child) });
      else if (child.type === 'identifier') labels.push({ value: child.text, range: this.range(child) });
      else if (child.type === 'body') bodyNode = child;
      else if (child.type === 'block_end') closed = !child.isMissing && !child.hasError;
    }
    const headerEnd = labels.length > 0 ? labels[labels.length - 1].range.end : this.range(typeNode).end;
    const start = this.range(typeNode).start;
    return {
      type: typeNode.text,
      typeRange: this.range(typeNode),
      labels,
      range: this.range(node),
      headerRange: { start, end: headerEnd },
      body: bodyNode ? this.body(bodyNode) : { attributes: [], blocks: [], range: this.range(node) },
      closed,
    };
  }

  expression(node: Node): Expr {
    const range = this.range(node);
    if (node.hasError && node.type !== 'expression') return { kind: 'invalid', range };
    switch (node.type) {
      case 'expression':
        return this.postfixExpression(node);
      case 'literal_value':
        return this.literal(node);
      case 'numeric_lit':
      case 'bool_lit':
      case 'null_lit':
      case 'string_lit':
        return this.literal(node);
      case 'collection_value': {
        const inner = node.namedChildren[0];
        return inner ? this.expression(inner) : { kind: 'invalid', range };
      }
      case 'tuple':
        return {
          kind: 'tuple',
          items: node.namedChildren.filter((c): c is Node => c?.type === 'expression').map((c) => this.expression(c)),
          range,
        };
      case 'object':
        return { kind: 'object', items: this.objectItems(node), range };
      case 'template_expr': {
        const inner = node.namedChildren[0];
        return inner ? this.expression(inner) : { kind: 'invalid', range };
      }
      case 'quoted_template':
        return this.template(node);
      case 'heredoc_template':
        return this.heredoc(node);
      case 'variable_expr':
        return { kind: 'variable', name: node.text, range };
      case 'function_call':
        return this.call(node);
      case 'conditional': {
        const parts = node.namedChildren.filter((c): c is Node => c?.type === 'expression').map((c) => this.expression(c));
        if (parts.length !== 3) return { kind: 'invalid', range };
        return { kind: 'conditional', condition: parts[0], then: parts[1], otherwise: parts[2], range };
      }
      case 'operation': {
        const inner = node.namedChildren[0];
        return inner ? this.expression(inner) : { kind: 'invalid', range };
      }
      case 'binary_operation': {
        // Operands are not wrapped: `var.p != ""` is variable_expr, get_attr, "!=", literal_value.
        const children = node.children.filter((c): c is Node => c !== null);
        const at = operatorIndex(children);
        if (at < 0) return { kind: 'invalid', range };
        const left = this.operand(children.slice(0, at));
        const right = this.operand(children.slice(at + 1));
        if (!left || !right) return { kind: 'invalid', range };
        return { kind: 'binary', operator: children[at].type, left, right, range };
      }
      case 'unary_operation': {
        const children = node.children.filter((c): c is Node => c !== null);
        const operand = this.operand(children.slice(1));
        if (!operand || children[0].isNamed) return { kind: 'invalid', range };
        // `-1` is a number to HCL (hcl2json prints it as one): fold it so it reads as a literal.
        if (children[0].type === '-' && operand.kind === 'literal' && typeof operand.value === 'number') {
          return { kind: 'literal', value: -operand.value, range };
        }
        return { kind: 'unary', operator: children[0].type, operand, range };
      }
      case 'for_expr': {
        const inner = node.namedChildren[0];
        return inner ? this.forExpression(inner) : { kind: 'invalid', range };
      }
      default:
        return { kind: 'invalid', range };
    }
  }

  private forExpression(node: Node): Expr {
    const range = this.range(node);
    const intro = node.namedChildren.find((c) => c?.type === 'for_intro');
    if (!intro) return { kind: 'invalid', range };
    const names = intro.namedChildren.filter((c): c is Node => c?.type === 'identifier').map((c) => c.text);
    const collection = intro.namedChildren.find((c) => c?.type === 'expression');
    const bodies = node.namedChildren.filter((c): c is Node => c?.type === 'expression');
    const condition = node.namedChildren.find((c) => c?.type === 'for_cond')?.namedChildren.find((c) => c?.type === 'expression');
    const isObject = node.type === 'for_object_expr';
    if (!collection || names.length === 0 || bodies.length !== (isObject ? 2 : 1)) return { kind: 'invalid', range };
    return {
      kind: 'for',
      keyVar: names.length === 2 ? names[0] : undefined,
      valueVar: names[names.length - 1],
      collection: this.expression(collection),
      keyExpr: isObject ? this.expression(bodies[0]) : undefined,
      valueExpr: this.expression(bodies[bodies.length - 1]),
      condition: condition ? this.expression(condition) : undefined,
      grouping: node.namedChildren.some((c) => c?.type === 'ellipsis'),
      range,
    };
  }

  /** One operand of an operation: a primary (or a parenthesised expression) and its postfix steps. */
  private operand(nodes: Node[]): Expr | undefined {
    if (nodes.length === 0) return undefined;
    let primary: Expr;
    let rest: Node[];
    if (nodes[0].type === '(') {
      const close = nodes.findIndex((n) => n.type === ')');
      if (close !== 2) return undefined;
      primary = { ...this.expression(nodes[1]), range: this.lines.rangeOf(nodes[0].startIndex, nodes[close].endIndex) };
      rest = nodes.slice(close + 1);
    } else {
      primary = this.expression(nodes[0]);
      rest = nodes.slice(1);
    }
    if (rest.length === 0) return primary;
    const steps: TraversalStep[] = [];
    for (const node of rest) {
      const step = this.step(node);
      if (!step) return undefined;
      steps.push(...step);
    }
    return { kind: 'postfix', target: primary, steps, range: this.lines.rangeOf(nodes[0].startIndex, rest[rest.length - 1].endIndex) };
  }

  /** An `expression` node: a primary (maybe parenthesised) followed by `.attr`, `[i]` or splats. */
  private postfixExpression(node: Node): Expr {
    const range = this.range(node);
    if (node.hasError) return { kind: 'invalid', range };
    const children = node.namedChildren.filter((c): c is Node => c !== null);
    if (children.length === 0) return { kind: 'invalid', range };
    const target = this.expression(children[0]);
    const steps: TraversalStep[] = [];
    for (const child of children.slice(1)) {
      const step = this.step(child);
      if (!step) return { kind: 'invalid', range };
      steps.push(...step);
    }
    if (steps.length === 0) {
      // A parenthesised expression keeps the range of its parentheses.
      return children[0].type === 'expression' ? { ...target, range } : target;
    }
    return { kind: 'postfix', target, steps, range };
  }

  private step(node: Node): TraversalStep[] | undefined {
    const range = this.range(node);
    switch (node.type) {
      case 'get_attr': {
        const id = node.namedChildren.find((c) => c?.type === 'identifier');
        return id ? [{ kind: 'attr', name: id.text, range }] : undefined;
      }
      case 'index': {
        const inner = node.namedChildren[0];
        if (!inner) return undefined;
        if (inner.type === 'legacy_index') {
          const digits = inner.text.replace(/^\./, '');
          return [{ kind: 'index', key: { kind: 'literal', value: Number(digits), range }, range }];
        }
        const key = inner.namedChildren.find((c) => c?.type === 'expression');
        return key ? [{ kind: 'index', key: this.expression(key), range }] : undefined;
      }
      case 'splat': {
        // `[*].a` / `.*.a`: the splat, then the attribute steps it applies to each element.
        const steps: TraversalStep[] = [{ kind: 'splat', range }];
        const inner = node.namedChildren[0];
        for (const child of inner?.namedChildren ?? []) {
          if (!child) continue;
          const more = this.step(child);
          if (!more) return undefined;
          steps.push(...more);
        }
        return steps;
      }
      default:
        return undefined;
    }
  }

  private literal(node: Node): Expr {
    const range = this.range(node);
    const inner = node.type === 'literal_value' ? node.namedChildren[0] : node;
    if (!inner) return { kind: 'invalid', range };
    switch (inner.type) {
      case 'numeric_lit':
        return { kind: 'literal', value: Number(inner.text), range };
      case 'bool_lit':
        return { kind: 'literal', value: inner.text === 'true', range };
      case 'null_lit':
        return { kind: 'literal', value: null, range };
      case 'string_lit':
        return { kind: 'literal', value: this.stringLiteral(inner), range };
      default:
        return { kind: 'invalid', range };
    }
  }

  private stringLiteral(node: Node): string {
    return node.namedChildren
      .filter((c): c is Node => c?.type === 'template_literal')
      .map((c) => decodeTemplateLiteral(c.text))
      .join('');
  }

  private template(node: Node): Expr {
    const range = this.range(node);
    const parts: (string | Expr)[] = [];
    for (const child of node.namedChildren) {
      if (!child) continue;
      if (child.type === 'template_literal') parts.push(decodeTemplateLiteral(child.text));
      else if (child.type === 'template_interpolation') {
        const inner = child.namedChildren.find((c) => c?.type === 'expression');
        if (!inner) return { kind: 'invalid', range };
        parts.push(this.expression(inner));
      } else if (child.type === 'template_directive') return { kind: 'unsupported', what: 'a template directive', range };
    }
    if (parts.every((p) => typeof p === 'string')) return { kind: 'literal', value: parts.join(''), range };
    return { kind: 'template', parts, range };
  }

  /** A heredoc without interpolation is a string; `<<-` strips the common indentation, as HCL does. */
  private heredoc(node: Node): Expr {
    const range = this.range(node);
    const hasInterpolation = node.namedChildren.some((c) => c?.type === 'template_interpolation' || c?.type === 'template_directive');
    if (hasInterpolation) return { kind: 'unsupported', what: 'a heredoc with interpolation', range };
    return { kind: 'literal', value: heredocText(node.text), range };
  }

  private call(node: Node): Expr {
    const range = this.range(node);
    const name = node.namedChildren.find((c) => c?.type === 'identifier')?.text ?? '';
    const argsNode = node.namedChildren.find((c) => c?.type === 'function_arguments');
    const args = (argsNode?.namedChildren ?? [])
      .filter((c): c is Node => c?.type === 'expression')
      .map((c) => this.expression(c));
    const expandFinal = argsNode?.namedChildren.some((c) => c?.type === 'ellipsis') ?? false;
    return { kind: 'call', name, args, expandFinal, range };
  }

  private objectItems(node: Node): ObjectItem[] {
    const items: ObjectItem[] = [];
    for (const elem of node.namedChildren) {
      if (elem?.type !== 'object_elem') continue;
      const keyNode = elem.childForFieldName('key');
      const valueNode = elem.childForFieldName('val');
      if (!keyNode || !valueNode) continue;
      let key = this.expression(keyNode);
      // A bare word key means the string itself, not a variable.
      if (key.kind === 'variable') key = { kind: 'literal', value: key.name, range: key.range };
      items.push({ key, value: this.expression(valueNode), range: this.range(elem) });
    }
    return items;
  }

  /**
   * Syntax problems: only subtrees that contain an error are walked, so a healthy file costs
   * nothing here (a full walk of every node was most of the CLI's time).
   */
  collectProblems(node: Node): void {
    if (node.isMissing) {
      this.problems.push({ message: `Missing ${describeToken(node.type)}.`, range: this.range(node) });
      return;
    }
    if (node.isError) {
      this.problems.push({ message: `Unexpected ${describeSnippet(node.text)}.`, range: this.range(node) });
      return;
    }
    for (const child of node.children) if (child && (child.hasError || child.isMissing)) this.collectProblems(child);
  }

  /** Comments, found by a query (in WebAssembly) rather than by walking the tree here. */
  collectComments(root: Node): void {
    const language = root.tree.language;
    let query = COMMENT_QUERIES.get(language);
    if (!query) {
      query = new (QUERY_CLASSES.get(language) ?? Query)(language, '(comment) @comment');
      COMMENT_QUERIES.set(language, query);
    }
    for (const { node } of query.captures(root)) this.comments.push({ text: node.text, range: this.range(node) });
  }
}

/** The index of an operation's operator: the first anonymous child outside parentheses. */
function operatorIndex(children: Node[]): number {
  let depth = 0;
  for (let i = 0; i < children.length; i++) {
    const type = children[i].type;
    if (type === '(') depth++;
    else if (type === ')') depth--;
    else if (!children[i].isNamed && depth === 0 && i > 0) return i;
  }
  return -1;
}

/** A copy of converted syntax with every range moved down by `delta` lines. */
function shiftLines<T>(value: T, delta: number): T {
  if (Array.isArray(value)) return value.map((item) => shiftLines(item, delta)) as T;
  if (value === null || typeof value !== 'object') return value;
  const object = value as Record<string, unknown>;
  if (typeof object.line === 'number' && typeof object.character === 'number') return { ...object, line: object.line + delta } as T;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(object)) out[key] = shiftLines(item, delta);
  return out as T;
}
