/**
 * Builds text edits for fixes from the Sites of the model, in HCL or Terraform JSON as the file is
 * written. HCL edits keep the block's indentation and align `=` with the attribute above, as
 * `terraform fmt` would; JSON edits go through jsonc-parser's `modify`. A site whose edit handle
 * this module does not know (a value from a plan file, a form that is not written back) gets no
 * edit, so its fix is not offered.
 */
import { modify } from 'jsonc-parser';
import type { AttributeSite, BlockSite, Setting } from '../aks/model.js';
import { syntaxOfHandle } from '../aks/sites.js';
import type { Edits, LiteralValue } from '../rules/define-rule.js';
import type { SyntaxAttribute, SyntaxBlock, SyntaxFile } from '../syntax/syntax-tree.js';
import { lineEndingOf } from '../text/line-endings.js';
import { containsRange } from '../text/positions.js';
import type { TextEdit } from './findings.js';

export type { LiteralValue } from '../rules/define-rule.js';

const attributeOf = (site: AttributeSite | undefined): SyntaxAttribute | undefined => {
  const target = syntaxOfHandle(site?.edit);
  return target?.kind === 'attribute' ? target.attribute : undefined;
};

const blockOf = (site: BlockSite): SyntaxBlock | undefined => {
  const target = syntaxOfHandle(site.edit);
  return target?.kind === 'block' ? target.block : undefined;
};

/** An object of an azapi body that an edit inserts into, with how it names settings. */
const objectOf = (site: BlockSite) => {
  const target = syntaxOfHandle(site.edit);
  return target?.kind === 'object' ? target : undefined;
};

/** A name of one step in a form's naming (`networkDataplane`); undefined when the form puts it deeper or nowhere. */
const singleStep = (path: readonly (string | number)[] | undefined): string | undefined => (path?.length === 1 && typeof path[0] === 'string' ? path[0] : undefined);

/** Collects the edits of one fix. Each method returns false when it cannot edit safely. */
export class EditBuilder implements Edits {
  readonly edits: TextEdit[] = [];

  constructor(private readonly fileOf: (uri: string) => SyntaxFile | undefined) {}

  replaceValue(site: AttributeSite, value: LiteralValue): boolean {
    const attribute = attributeOf(site);
    const file = this.fileOf(site.uri);
    if (!file || !attribute) return false;
    const uri = site.uri;
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
    if (!setting.site?.edit || !setting.value.known) return false;
    const { origin } = setting.value;
    if (!origin.literal || !origin.uri) return false;
    // The literal is the attribute's own value: rewrite the attribute (in HCL or JSON syntax).
    if (origin.uri === setting.site.uri && containsRange(setting.site.valueRange, origin.range)) {
      return this.replaceValue(setting.site, value);
    }
    const file = this.fileOf(origin.uri);
    if (!file) return false;
    this.edits.push({ uri: origin.uri, range: origin.range, newText: file.format === 'json' ? JSON.stringify(value) : formatHcl(value) });
    return true;
  }

  renameAttribute(site: AttributeSite, newName: string): boolean {
    const attribute = attributeOf(site);
    const file = this.fileOf(site.uri);
    if (!file || !attribute) return false;
    this.edits.push({ uri: site.uri, range: attribute.nameRange, newText: file.format === 'json' ? JSON.stringify(newName) : newName });
    return true;
  }

  removeAttribute(site: AttributeSite): boolean {
    const attribute = attributeOf(site);
    const file = this.fileOf(site.uri);
    if (!file || !attribute) return false;
    const uri = site.uri;
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

  setAttribute(site: BlockSite, name: string, value: LiteralValue, existing?: Setting): boolean {
    if (existing?.site) return this.replaceValue(existing.site, value);
    const object = objectOf(site);
    if (object) {
      // An azapi body: the setting's JSON name, as an `key = value` item of the object.
      const key = singleStep(object.naming.attributePath(object.schemaBlock, name));
      return key !== undefined && this.insertText(site.uri, object.block, key, (indent, pad) => `${indent}${key}${pad} = ${formatHcl(value)}\n`, { [key]: value });
    }
    const block = blockOf(site);
    if (!block) return false;
    return this.insertText(site.uri, block, name, (indent, pad) => `${indent}${name}${pad} = ${formatHcl(value)}\n`, { [name]: value });
  }

  insertBlock(site: BlockSite, name: string, attributes: Record<string, LiteralValue>): boolean {
    const object = objectOf(site);
    if (object) return this.insertObject(site.uri, object, name, attributes);
    const parent = blockOf(site);
    if (!parent) return false;
    return this.insertText(
      site.uri,
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

  /** Inserts `key = { … }` into an object of an azapi body, every name as the body's naming says. */
  private insertObject(uri: string, object: NonNullable<ReturnType<typeof objectOf>>, name: string, attributes: Record<string, LiteralValue>): boolean {
    const key = singleStep(object.naming.blockPath(object.schemaBlock, name));
    if (key === undefined) return false;
    const items: [string, LiteralValue][] = [];
    for (const [attribute, value] of Object.entries(attributes)) {
      const field = singleStep(object.naming.attributePath(name as NonNullable<typeof object.schemaBlock>, attribute));
      if (field === undefined) return false;
      items.push([field, value]);
    }
    const width = Math.max(...items.map(([k]) => k.length));
    return this.insertText(
      uri,
      object.block,
      undefined,
      (indent) => `${indent}${key} = {\n${items.map(([k, v]) => `${indent}  ${k.padEnd(width)} = ${formatHcl(v)}\n`).join('')}${indent}}\n`,
      { [key]: Object.fromEntries(items) },
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
    // Inserted lines end as the file's lines do (a CRLF file stays CRLF).
    this.edits.push({ uri, range: { start: at, end: at }, newText: render(indent, pad).replace(/\n/g, lineEndingOf(file.text)) });
    return true;
  }

  private jsonModify(file: SyntaxFile, path: (string | number)[] | undefined, value: unknown): boolean {
    if (!path) return false;
    const edits = modify(file.text, path, value, { formattingOptions: { insertSpaces: true, tabSize: 2, eol: lineEndingOf(file.text) } });
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
