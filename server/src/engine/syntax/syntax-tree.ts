/**
 * The parser-neutral syntax model that everything after `syntax/` reads. HCL (tree-sitter) and
 * Terraform JSON (jsonc-parser) both convert into it, so later layers never know the parser.
 */
import type { LineIndex, Range } from '../text/positions.js';

/** One step of a traversal: `.name`, `[key]` or a splat (`[*]`, `.*`). */
export type TraversalStep =
  | { kind: 'attr'; name: string; range: Range }
  | { kind: 'index'; key: Expr; range: Range }
  | { kind: 'splat'; range: Range };

/** An HCL expression, with the range of its source text. */
export type Expr =
  | { kind: 'literal'; value: string | number | boolean | null; range: Range }
  | { kind: 'template'; parts: (string | Expr)[]; range: Range }
  | { kind: 'tuple'; items: Expr[]; range: Range }
  | { kind: 'object'; items: ObjectItem[]; range: Range }
  | { kind: 'variable'; name: string; range: Range }
  | { kind: 'postfix'; target: Expr; steps: TraversalStep[]; range: Range }
  | { kind: 'call'; name: string; args: Expr[]; expandFinal: boolean; range: Range }
  | { kind: 'conditional'; condition: Expr; then: Expr; otherwise: Expr; range: Range }
  | { kind: 'binary'; operator: string; left: Expr; right: Expr; range: Range }
  | { kind: 'unary'; operator: string; operand: Expr; range: Range }
  | ForExpr
  | { kind: 'unsupported'; what: string; range: Range }
  | { kind: 'invalid'; range: Range };

/** `[for k, v in coll : value if cond]` or `{for k, v in coll : key => value... if cond}`. */
export interface ForExpr {
  kind: 'for';
  /** The first name of `for a, b in`: the key or index; absent with one name. */
  keyVar?: string;
  valueVar: string;
  collection: Expr;
  /** Object form only. */
  keyExpr?: Expr;
  valueExpr: Expr;
  condition?: Expr;
  /** `...` after the value: group values of equal keys into lists. */
  grouping: boolean;
  range: Range;
}

/** One `key = value` item of an object constructor. A key written as a bare word is a string. */
export interface ObjectItem {
  key: Expr;
  value: Expr;
  range: Range;
}

/** `name = expr` inside a body. */
export interface SyntaxAttribute {
  name: string;
  nameRange: Range;
  /** The whole attribute, from its name to the end of its value. */
  range: Range;
  expr: Expr;
  /** JSON files only: the property path, for edits through jsonc-parser. */
  jsonPath?: (string | number)[];
  /**
   * The file the attribute is written in, set where an override file merged it into a block of
   * another file (terraform/merge-overrides.ts); otherwise that of the declaration holding it.
   */
  uri?: string;
}

/** `type "label" ... { body }`. */
export interface SyntaxBlock {
  type: string;
  typeRange: Range;
  labels: { value: string; range: Range }[];
  /** From the type to the closing brace (or to the end of what was typed). */
  range: Range;
  /** From the type to the last label: where findings about a missing attribute point. */
  headerRange: Range;
  body: SyntaxBody;
  /** Whether the closing brace is present. */
  closed: boolean;
  /** JSON files only: the path of the block's object, for edits through jsonc-parser. */
  jsonPath?: (string | number)[];
  /** As for an attribute: the file of a block an override file merged into another file's block. */
  uri?: string;
  /**
   * For a block override files were merged into (terraform/merge-overrides.ts): the block as
   * written in its own file, whose body is where an edit inserts.
   */
  original?: SyntaxBlock;
}

/** The attributes and nested blocks of a file or a block, in source order. */
export interface SyntaxBody {
  attributes: SyntaxAttribute[];
  blocks: SyntaxBlock[];
  /** The inside of the braces (the whole file for the top level). */
  range: Range;
}

/** A syntax error found while parsing. */
export interface SyntaxProblem {
  message: string;
  range: Range;
}

/** A comment, for suppression directives. */
export interface SyntaxComment {
  text: string;
  range: Range;
}

/**
 * Why a file was not analysed: it ran into one of the limits on what one file may cost
 * (parse-limits.ts). Its body is then empty and it reports no syntax problems.
 */
export interface NotAnalysed {
  limit: 'parse-time' | 'nesting';
  /** Completes "This file was not analysed: …". */
  reason: string;
}

/** One parsed file. */
export interface SyntaxFile {
  uri: string;
  text: string;
  format: 'hcl' | 'json';
  lines: LineIndex;
  body: SyntaxBody;
  problems: SyntaxProblem[];
  comments: SyntaxComment[];
  /** Set when the file ran into a limit and was not analysed. */
  notAnalysed?: NotAnalysed;
}

/** The attribute called `name` in a body (the last one wins, as HCL would reject duplicates). */
export function findAttribute(body: SyntaxBody, name: string): SyntaxAttribute | undefined {
  let found: SyntaxAttribute | undefined;
  for (const attribute of body.attributes) if (attribute.name === name) found = attribute;
  return found;
}

/** The nested blocks of a type, in source order. */
export function findBlocks(body: SyntaxBody, type: string): SyntaxBlock[] {
  return body.blocks.filter((block) => block.type === type);
}

/** A syntax error as HashiCorp's HCL parser reports it: 1-based lines, columns in characters. */
export interface HclError {
  message: string;
  start: { line: number; column: number };
  end: { line: number; column: number };
}
