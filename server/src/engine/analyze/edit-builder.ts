/**
 * Builds text edits for fixes against the syntax model, in HCL or Terraform JSON as the file is
 * written. HCL edits keep the block's indentation and align `=` with the attribute above, as
 * `terraform fmt` would; JSON edits go through jsonc-parser's `modify`.
 */
import { modify } from 'jsonc-parser';
import type { Setting } from '../aks/model.js';
import { containsRange } from '../text/positions.js';
import type { SyntaxAttribute, SyntaxBlock, SyntaxFile } from '../syntax/syntax-tree.js';
import type { TextEdit } from './findings.js';

/** A literal a fix writes. */
export type LiteralValue = string | number | boolean;

/** Collects the edits of one fix. Each method returns false when it cannot edit safely. */
export class EditBuilder {
  readonly edits: TextEdit[] = [];

  constructor(private readonly fileOf: (uri: string) => SyntaxFile | undefined) {}

  /** Replaces an attribute's value. */
  replaceValue(uri: string, attribute: SyntaxAttribute, value: LiteralValue): boolean {
    const file = this.fileOf(uri);
    if (!file) return false;
    if (file.format === 'json') return this.jsonModify(file, attribute.jsonPath, value);
    this.edits.push({ uri, range: attribute.expr.range, newText: formatHcl(value) });
    return true;
  }

  /**
   * Changes a setting's value where that value is written: in the attribute, or in the variable
   * default, var file or local it comes from. No edit when the value is computed (a function,
   * a template), since a literal there would change more than this value.
   */
  replaceSettingValue(setting: Setting, value: LiteralValue): boolean {
    if (!setting.attribute || !setting.value.known) return false;
    const { origin } = setting.value;
    if (!origin.literal || !origin.uri) return false;
    // The literal is the attribute's own value: rewrite the attribute (in HCL or JSON syntax).
    if (origin.uri === setting.uri && containsRange(setting.attribute.expr.range, origin.range)) {
      return this.replaceValue(setting.uri, setting.attribute, value);
    }
    const file = this.fileOf(origin.uri);
    if (!file) return false;
    this.edits.push({ uri: origin.uri, range: origin.range, newText: file.format === 'json' ? JSON.stringify(value) : formatHcl(value) });
    return true;
  }

  /** Renames an attribute, keeping its value. */
  renameAttribute(uri: string, attribute: SyntaxAttribute, newName: string): boolean {
    const file = this.fileOf(uri);
    if (!file) return false;
    this.edits.push({ uri, range: attribute.nameRange, newText: file.format === 'json' ? JSON.stringify(newName) : newName });
    return true;
  }

  /** Removes an attribute with its line. */
  removeAttribute(uri: string, attribute: SyntaxAttribute): boolean {
    const file = this.fileOf(uri);
    if (!file) return false;
    if (file.format === 'json') return this.jsonModify(file, attribute.jsonPath, undefined);
    const { lines } = file;
    const startLine = attribute.range.start.line;
    const endLine = attribute.range.end.line;
    const before = lines.text.slice(lines.lineStart(startLine), lines.offsetAt(attribute.range.start));
    const after = lines.text.slice(lines.offsetAt(attribute.range.end), lines.lineEnd(endLine));
    if (before.trim() !== '' || (after.trim() !== '' && !/^\s*(#|\/\/)/.test(after))) return false; // not alone on its lines
    const start = { line: startLine, character: 0 };
    const end = endLine + 1 < lines.lineCount ? { line: endLine + 1, character: 0 } : lines.positionAt(lines.lineEnd(endLine));
    this.edits.push({ uri, range: { start, end }, newText: '' });
    return true;
  }

  /** Sets an attribute in a block: replaces its value, or inserts it as the block's last attribute. */
  setAttribute(uri: string, block: SyntaxBlock, name: string, value: LiteralValue, existing?: SyntaxAttribute): boolean {
    if (existing) return this.replaceValue(uri, existing, value);
    return this.insertText(uri, block, name, (indent, pad) => `${indent}${name}${pad} = ${formatHcl(value)}\n`, { [name]: value });
  }

  /** Inserts `name { key = value ... }` as the last item of a block. */
  insertBlock(uri: string, parent: SyntaxBlock, name: string, attributes: Record<string, LiteralValue>): boolean {
    return this.insertText(
      uri,
      parent,
      undefined,
      (indent) => {
        const width = Math.max(...Object.keys(attributes).map((k) => k.length));
        const inner = Object.entries(attributes)
          .map(([k, v]) => `${indent}  ${k.padEnd(width)} = ${formatHcl(v)}\n`)
          .join('');
        return `${indent}${name} {\n${inner}${indent}}\n`;
      },
      { [name]: [attributes] },
    );
  }

  private insertText(
    uri: string,
    block: SyntaxBlock,
    alignName: string | undefined,
    render: (indent: string, pad: string) => string,
    json: Record<string, unknown>,
  ): boolean {
    const file = this.fileOf(uri);
    if (!file) return false;
    if (file.format === 'json') {
      const [key, value] = Object.entries(json)[0];
      return block.jsonPath ? this.jsonModify(file, [...block.jsonPath, key], value) : false;
    }
    if (!block.closed || block.range.start.line === block.range.end.line) return false; // one-line or unfinished block
    const { lines } = file;
    const closeLine = block.range.end.line;
    const closeLineText = lines.lineText(closeLine);
    if (closeLineText.trim() !== '}') return false;
    const blockIndent = /^\s*/.exec(lines.lineText(block.range.start.line))![0];
    const last = block.body.attributes.filter((a) => a.range.end.line < closeLine).at(-1);
    const lastLine = last ? lines.lineText(last.range.start.line) : undefined;
    const indent = lastLine ? /^\s*/.exec(lastLine)![0] : `${blockIndent}  `;
    let pad = '';
    if (alignName && lastLine) {
      const match = /^(\s*)(\S+)(\s*)=/.exec(lastLine);
      if (match) pad = ' '.repeat(Math.max(0, match[2].length + match[3].length - 1 - alignName.length));
    }
    const at = { line: closeLine, character: 0 };
    this.edits.push({ uri, range: { start: at, end: at }, newText: render(indent, pad) });
    return true;
  }

  private jsonModify(file: SyntaxFile, path: (string | number)[] | undefined, value: unknown): boolean {
    if (!path) return false;
    const edits = modify(file.text, path, value, { formattingOptions: { insertSpaces: true, tabSize: 2, eol: '\n' } });
    for (const edit of edits) {
      this.edits.push({ uri: file.uri, range: file.lines.rangeOf(edit.offset, edit.offset + edit.length), newText: edit.content });
    }
    return edits.length > 0;
  }
}

/** An HCL literal. */
export function formatHcl(value: LiteralValue): string {
  if (typeof value !== 'string') return String(value);
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\$\{/g, '$${').replace(/%\{/g, '%%{')}"`;
}
