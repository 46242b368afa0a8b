/**
 * One file edited in place, as an editor buffer is: text changes are applied as they arrive and
 * the tree-sitter tree is told about each (`tree.edit`), so that the next parse reuses every
 * unchanged subtree instead of starting from scratch (DESIGN.md §4). Terraform JSON has no tree to
 * keep and is parsed whole; it is rarely typed by hand.
 */
import type { Tree } from 'web-tree-sitter';
import { LineIndex, type Range } from '../text/positions.js';
import { ConversionCache, convertTree } from './parse-hcl.js';
import { isJsonFileName, parseFile, type Parsers } from './parse-file.js';
import { DEFAULT_PARSE_LIMITS, notAnalysedFile, type ParseLimits } from './parse-limits.js';
import { isTree, parseHclTree } from './parse-tree.js';
import type { SyntaxFile } from './syntax-tree.js';

/** An edit as LSP sends it: a range of the text before the edit, or the whole text. */
export interface TextChange {
  range?: Range;
  text: string;
}

export class IncrementalFile {
  private currentText: string;
  /** The tree of the last parse, edited to match `currentText` (HCL only). */
  private tree: Tree | undefined;
  private parsed: SyntaxFile | undefined;
  private readonly conversions = new ConversionCache();

  constructor(
    readonly uri: string,
    text: string,
    private readonly limits: ParseLimits = DEFAULT_PARSE_LIMITS,
  ) {
    this.currentText = text;
  }

  get text(): string {
    return this.currentText;
  }

  /** Applies changes in order; each range refers to the text the previous change left. */
  applyChanges(changes: readonly TextChange[]): void {
    for (const change of changes) {
      if (!change.range) {
        this.replaceAll(change.text);
        continue;
      }
      const lines = new LineIndex(this.currentText);
      const startIndex = lines.offsetAt(change.range.start);
      const oldEndIndex = Math.max(startIndex, lines.offsetAt(change.range.end));
      const next = this.currentText.slice(0, startIndex) + change.text + this.currentText.slice(oldEndIndex);
      const newEndIndex = startIndex + change.text.length;
      // Indices and columns are UTF-16 code units (web-tree-sitter parses JS strings as UTF-16);
      // rows count '\n' only, as tree-sitter's lexer does.
      this.tree?.edit({
        startIndex,
        oldEndIndex,
        newEndIndex,
        startPosition: pointAt(this.currentText, startIndex),
        oldEndPosition: pointAt(this.currentText, oldEndIndex),
        newEndPosition: pointAt(next, newEndIndex),
      });
      this.currentText = next;
      this.parsed = undefined;
    }
  }

  /** The syntax model of the current text, reparsed incrementally when the text changed. */
  syntax(parsers: Parsers): SyntaxFile {
    if (this.parsed) return this.parsed;
    if (isJsonFileName(this.uri)) {
      this.parsed = parseFile(this.uri, this.currentText, parsers, this.limits);
      return this.parsed;
    }
    const tree = parseHclTree(parsers.hcl, this.currentText, this.tree, this.limits);
    this.tree?.delete();
    if (!isTree(tree)) {
      // Out of budget: no tree to reuse, so the next edit parses from scratch.
      this.tree = undefined;
      this.parsed = notAnalysedFile(this.uri, this.currentText, 'hcl', tree);
      return this.parsed;
    }
    this.tree = tree;
    this.parsed = convertTree(this.uri, this.currentText, tree, this.conversions, this.limits);
    return this.parsed;
  }

  /**
   * Frees the tree but keeps the text and the converted items: the next parse starts from scratch,
   * possibly with another parser (the language server renews its tree-sitter runtime to give
   * WebAssembly memory back), and still reuses every item whose text did not change.
   */
  releaseTree(): void {
    this.tree?.delete();
    this.tree = undefined;
  }

  /** Frees the tree (wasm memory is not garbage collected). */
  dispose(): void {
    this.tree?.delete();
    this.tree = undefined;
    this.parsed = undefined;
  }

  private replaceAll(text: string): void {
    this.tree?.delete();
    this.tree = undefined;
    this.currentText = text;
    this.parsed = undefined;
  }
}

/** tree-sitter's point of a UTF-16 offset. */
function pointAt(text: string, offset: number): { row: number; column: number } {
  let row = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    row++;
    lineStart = i + 1;
  }
  return { row, column: offset - lineStart };
}
