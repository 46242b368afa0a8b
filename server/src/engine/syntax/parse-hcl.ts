/**
 * HCL (.tf, .tfvars) -> syntax model, through web-tree-sitter and the tree-sitter HCL grammar.
 * The grammar is error tolerant: a half-typed attribute or a missing `}` leaves the rest of the
 * file intact, and this converter keeps every intact part (DESIGN.md §4 "Parser").
 */
import { Query, type Language, type Node, type Parser, type Tree } from 'web-tree-sitter';
import { LineIndex, type Position, type Range } from '../text/positions.js';
import { decodeHeredocLiteral, decodeTemplateLiteral, describeSnippet, describeToken, heredocLines, joinTemplateTokens, type TemplateToken } from './hcl-text.js';
import { DEFAULT_PARSE_LIMITS, FileLimitError, nestingTooDeep, notAnalysedFile, type ParseLimits } from './parse-limits.js';
import { isTree, parseHclTree } from './parse-tree.js';
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
/** Syntax problems kept per file. */
const MAX_PROBLEMS = 100;
/** How much of an unexpected part is read to quote its first line. */
const SNIPPET_SCAN = 200;

/**
 * Parses HCL text; pass the previous tree (already `edit`ed) to reparse incrementally. There is
 * no tree when the parse ran out of its budget (the file says why, in `notAnalysed`).
 */
export function parseHcl(uri: string, text: string, parser: Parser, oldTree?: Tree, limits: ParseLimits = DEFAULT_PARSE_LIMITS): { file: SyntaxFile; tree?: Tree } {
  const tree = parseHclTree(parser, text, oldTree, limits);
  if (!isTree(tree)) return { file: notAnalysedFile(uri, text, 'hcl', tree) };
  return { file: convertTree(uri, text, tree, undefined, limits), tree };
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

/** Lists of identical items longer than this get an index (a file may repeat one item thousands of times). */
const INDEXED_LIST = 8;
const listIndexes = new WeakMap<CachedItem[], { exact: Map<string, CachedItem>; column: Map<number, CachedItem> }>();

/**
 * The cached item with this text to reuse at `start`: the one at exactly that position, else the
 * first at the same column (then shifted). Found by scanning a short list, or through an index
 * built once for a long one, so neither a large file nor a repeated item costs more than its size.
 */
function findCached(list: CachedItem[] | undefined, start: Position): CachedItem | undefined {
  if (!list) return undefined;
  if (list.length <= INDEXED_LIST) {
    let sameColumn: CachedItem | undefined;
    for (const item of list) {
      if (item.start.character !== start.character) continue;
      if (item.start.line === start.line) return item;
      sameColumn ??= item;
    }
    return sameColumn;
  }
  let index = listIndexes.get(list);
  if (!index) {
    index = { exact: new Map(), column: new Map() };
    for (const item of list) {
      index.exact.set(`${item.start.line}:${item.start.character}`, item);
      if (!index.column.has(item.start.character)) index.column.set(item.start.character, item);
    }
    listIndexes.set(list, index);
  }
  return index.exact.get(`${start.line}:${start.character}`) ?? index.column.get(start.character);
}

/**
 * Converts an existing tree-sitter tree of `text`; `cache` lets unchanged top-level items be
 * reused. A file nested deeper than the limit is not analysed (its syntax is empty).
 */
export function convertTree(uri: string, text: string, tree: Tree, cache?: ConversionCache, limits: ParseLimits = DEFAULT_PARSE_LIMITS): SyntaxFile {
  const converter = new HclConverter(text, limits);
  const root = tree.rootNode;
  const bodyNode = root.namedChildren.find((child) => child?.type === 'body') ?? null;
  let body: SyntaxBody;
  try {
    body = bodyNode ? (cache ? converter.topLevelBody(bodyNode, cache) : converter.body(bodyNode)) : { attributes: [], blocks: [], range: converter.range(root) };
  } catch (error) {
    if (error instanceof FileLimitError) return notAnalysedFile(uri, text, 'hcl', error.notAnalysed);
    throw error;
  }
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

/**
 * Node types that open a level of nesting. The converter follows nesting by recursion, and so
 * does every step after it: past the limit, the file is not analysed rather than the stack
 * exhausted.
 */
const NESTING_TYPES = new Set([
  'tuple',
  'object',
  'function_call',
  'conditional',
  'binary_operation',
  'unary_operation',
  'for_expr',
  'quoted_template',
  'heredoc_template',
]);

class HclConverter {
  readonly lines: LineIndex;
  readonly problems: SyntaxProblem[] = [];
  readonly comments: SyntaxComment[] = [];
  /** Levels of nesting (NESTING_TYPES, blocks, parentheses, index keys) entered. */
  private depth = 0;
  /** Calls of `expression` entered: a backstop for nesting through any node type. */
  private calls = 0;

  constructor(
    private readonly text: string,
    private readonly limits: ParseLimits,
  ) {
    this.lines = new LineIndex(text);
  }

  /** Runs `convert` one level deeper; past the limit the whole file is given up. */
  private nested<T>(convert: () => T): T {
    if (++this.depth > this.limits.nesting) throw new FileLimitError(nestingTooDeep(this.limits));
    try {
      return convert();
    } finally {
      this.depth--;
    }
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
      const hit = reusable ? findCached(cache.items.get(key), start) : undefined;
      if (hit) converted = hit.start.line === start.line ? hit.converted : shiftLines(hit.converted, start.line - hit.start.line);
      else converted = child.type === 'attribute' ? this.attribute(child) : this.block(child);
      if (reusable) {
        const list = next.get(key);
        if (list) list.push({ start, converted });
        else next.set(key, [{ start, converted }]);
      }
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
    return this.nested(() => this.blockAt(node));
  }

  private blockAt(node: Node): SyntaxBlock | undefined {
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
    if (++this.calls > 4 * this.limits.nesting) throw new FileLimitError(nestingTooDeep(this.limits));
    try {
      return NESTING_TYPES.has(node.type) ? this.nested(() => this.expressionAt(node)) : this.expressionAt(node);
    } finally {
      this.calls--;
    }
  }

  private expressionAt(node: Node): Expr {
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
      primary = { ...this.nested(() => this.expression(nodes[1])), range: this.lines.rangeOf(nodes[0].startIndex, nodes[close].endIndex) };
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
    // A parenthesised expression is an `expression` inside one: a level of its own.
    const target = children[0].type === 'expression' ? this.nested(() => this.expression(children[0])) : this.expression(children[0]);
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
        return key ? [{ kind: 'index', key: this.nested(() => this.expression(key)), range }] : undefined;
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

  /** A string literal (a label or a value): the text between its quotes, unescaped. */
  private stringLiteral(node: Node): string {
    const { from, to } = quotedContent(node);
    return decodeTemplateLiteral(this.text.slice(from, to));
  }

  /**
   * A quoted template. Its text is read from the file between the parts tree-sitter found, not
   * from tree-sitter's literal nodes: its scanner leaves whitespace out of them (`" a "` read as
   * "a"), and the lexer may not have been shown every character (lexer-ranges.ts).
   */
  private template(node: Node): Expr {
    const range = this.range(node);
    const { from, to } = quotedContent(node);
    const tokens = this.templateTokens(node, from, to, (raw) => [decodeTemplateLiteral(raw)]);
    if (tokens === 'directive') return { kind: 'unsupported', what: 'a template directive', range };
    if (!tokens) return { kind: 'invalid', range };
    return templateExpr(joinTemplateTokens(tokens, false), range);
  }

  /** A heredoc: its lines between the marker lines; `<<-` strips the common indentation, as HCL does. */
  private heredoc(node: Node): Expr {
    const range = this.range(node);
    const markers = node.children.filter((c): c is Node => c?.type === 'heredoc_identifier');
    const open = markers[0];
    if (!open) return { kind: 'invalid', range };
    const close = markers.length > 1 ? markers[markers.length - 1] : undefined;
    // The text starts on the line after the opening marker and ends before the closing marker's line.
    const lineBreak = this.text.indexOf('\n', open.endIndex);
    const from = lineBreak === -1 ? node.endIndex : Math.min(lineBreak + 1, node.endIndex);
    const to = close ? Math.max(from, this.text.lastIndexOf('\n', close.startIndex - 1) + 1) : node.endIndex;
    const tokens = this.templateTokens(node, from, to, (raw) => heredocLines(raw).map(decodeHeredocLiteral));
    if (tokens === 'directive') return { kind: 'unsupported', what: 'a template directive', range };
    if (!tokens) return { kind: 'invalid', range };
    const flush = node.children.some((c) => c?.type === 'heredoc_start' && c.text === '<<-');
    return templateExpr(joinTemplateTokens(tokens, flush), range);
  }

  /**
   * The literal text and interpolations of a template whose text lies in [from, to). Undefined for
   * an interpolation without an expression; 'directive' when the template holds `%{ ... }`.
   */
  private templateTokens(node: Node, from: number, to: number, literals: (raw: string) => string[]): TemplateToken<Expr>[] | 'directive' | undefined {
    const tokens: TemplateToken<Expr>[] = [];
    let at = from;
    const addLiteral = (end: number) => {
      if (end > at) for (const literal of literals(this.text.slice(at, end))) tokens.push({ literal });
    };
    for (const child of node.namedChildren) {
      if (!child || child.startIndex < from || child.endIndex > to) continue;
      if (child.type === 'template_directive') return 'directive';
      if (child.type !== 'template_interpolation') continue;
      addLiteral(child.startIndex);
      const parts = child.children.filter((c): c is Node => c !== null);
      const inner = parts.find((c) => c.type === 'expression');
      if (!inner) return undefined;
      tokens.push({
        expr: this.expression(inner),
        stripBefore: parts[1]?.type === 'strip_marker' && parts[1].startIndex < inner.startIndex,
        stripAfter: parts[parts.length - 2]?.type === 'strip_marker' && parts[parts.length - 2].startIndex > inner.startIndex,
      });
      at = child.endIndex;
    }
    addLiteral(to);
    return tokens;
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
   * nothing here (a full walk of every node was most of the CLI's time). The walk keeps its own
   * stack (errors nest as deep as the input does) and stops at MAX_PROBLEMS: past a hundred,
   * more of them tell the user nothing.
   */
  collectProblems(root: Node): void {
    const pending: Node[] = [root];
    while (pending.length > 0 && this.problems.length < MAX_PROBLEMS) {
      const node = pending.pop()!;
      if (node.isMissing) {
        this.problems.push({ message: `Missing ${describeToken(node.type)}.`, range: this.range(node) });
      } else if (node.isError) {
        const snippet = this.text.slice(node.startIndex, Math.min(node.endIndex, node.startIndex + SNIPPET_SCAN));
        this.problems.push({ message: `Unexpected ${describeSnippet(snippet)}.`, range: this.range(node) });
      } else {
        const children = node.children;
        for (let i = children.length - 1; i >= 0; i--) {
          const child = children[i];
          if (child && (child.hasError || child.isMissing)) pending.push(child);
        }
      }
    }
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

/** Where the text of a quoted string lies: between its quotes, or to its end when the closing one is missing. */
function quotedContent(node: Node): { from: number; to: number } {
  const first = node.firstChild;
  const last = node.lastChild;
  const from = first?.type === 'quoted_template_start' ? first.endIndex : node.startIndex;
  const to = last?.type === 'quoted_template_end' && last !== first ? last.startIndex : node.endIndex;
  return { from, to: Math.max(from, to) };
}

/** A template of literal parts only is a string literal. */
function templateExpr(parts: (string | Expr)[], range: Range): Expr {
  if (parts.every((p) => typeof p === 'string')) return { kind: 'literal', value: parts.join(''), range };
  return { kind: 'template', parts, range };
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
