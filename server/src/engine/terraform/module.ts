/**
 * A Terraform module as Terraform defines it: one directory's `.tf`/`.tf.json` files, its
 * automatic variable files, explicit var files and `--var` values, and its lock file. This file
 * indexes the declarations; `evaluate.ts` computes values from them.
 */
import type { Parsers } from '../syntax/parse-file.js';
import { parseFile } from '../syntax/parse-file.js';
import { findAttribute, type Expr, type SyntaxAttribute, type SyntaxBlock, type SyntaxFile } from '../syntax/syntax-tree.js';
import { mergeOverrides } from './merge-overrides.js';
import { baseName } from './values.js';

/** One file handed to the engine. */
export interface SourceFile {
  uri: string;
  text: string;
  /**
   * The file already parsed from exactly `text`: the language server keeps each open buffer's
   * tree and reparses it incrementally, so the engine must not parse it again.
   */
  syntax?: SyntaxFile;
}

/** A file the host could not hand over as text, and why. */
export interface SkippedFile {
  uri: string;
  reason: 'binary' | 'invalid-utf8' | 'too-large' | 'unreadable';
  /** Size in bytes, for the message. */
  size?: number;
  /** For `unreadable`: the operating system's reason. */
  detail?: string;
}

/** Everything the engine needs to analyse one module. */
export interface ModuleInput {
  /** The module directory, as a URI or path (used for display only). */
  dir: string;
  /** `.tf`, `.tf.json`, automatic var files, the lock file and every explicit var file. */
  files: SourceFile[];
  /** Explicit var files in the order given (`--var-file`, settings); their text is in `files`. */
  varFiles?: string[];
  /** `--var name=value`, in the order given. */
  cliVars?: { name: string; value: string }[];
  /** `TF_VAR_name` environment variables: below every var file, as in Terraform. */
  envVars?: { name: string; value: string }[];
  skipped?: SkippedFile[];
}

/** What a file is to Terraform, decided by its name. */
export type FileRole = 'config' | 'override' | 'auto-vars' | 'explicit-vars' | 'lock' | 'other';

/** A `resource` or `data` block. */
export interface ResourceDecl {
  mode: 'managed' | 'data';
  type: string;
  name: string;
  block: SyntaxBlock;
  uri: string;
}

/** A `variable` block. */
export interface VariableDecl {
  name: string;
  block: SyntaxBlock;
  uri: string;
  default?: SyntaxAttribute;
  typeExpr?: Expr;
}

/** A `module` block: a call of another module. */
export interface ModuleCallDecl {
  name: string;
  block: SyntaxBlock;
  uri: string;
  /** The `source` attribute as written, when it is a literal string (Terraform requires one). */
  source?: string;
  /** The `version` constraint, when a literal string. */
  version?: string;
}

/** An `output` block. */
export interface OutputDecl {
  name: string;
  block: SyntaxBlock;
  uri: string;
  value?: SyntaxAttribute;
}

/** A value given to a variable from outside the configuration. */
export interface VariableAssignment {
  name: string;
  /** The expression in a var file, or the raw `--var` / `TF_VAR_` text. */
  expr?: Expr;
  raw?: string;
  /** For raw values: how the user gave it. */
  rawSource?: 'cli' | 'env';
  uri?: string;
  attribute?: SyntaxAttribute;
}

/** The indexed module. */
export interface TfModule {
  dir: string;
  /**
   * Configuration files (`.tf`, `.tf.json`), sorted by name as Terraform loads them, with the
   * override files merged into their blocks as Terraform merges them (merge-overrides.ts).
   */
  configFiles: SyntaxFile[];
  /** Every parsed file by URI, var files and lock file included. */
  files: Map<string, SyntaxFile>;
  lockFile?: SyntaxFile;
  resources: Map<string, ResourceDecl>;
  variables: Map<string, VariableDecl>;
  locals: Map<string, { attribute: SyntaxAttribute; uri: string }>;
  /** `module` blocks by call name. */
  calls: Map<string, ModuleCallDecl>;
  /** `output` blocks by name. */
  outputs: Map<string, OutputDecl>;
  /** Assignments per variable, lowest precedence first (auto var files, then explicit, then --var). */
  assignments: Map<string, VariableAssignment[]>;
  skipped: SkippedFile[];
}

/** Whether a file is part of a module's configuration (`.tf`, `.tf.json`, override files): what a call reads. */
export function isConfigurationFile(uri: string): boolean {
  const role = fileRole(uri);
  return role === 'config' || role === 'override';
}

/** What Terraform makes of a file name. */
export function fileRole(uri: string, explicitVarFiles: readonly string[] = []): FileRole {
  if (explicitVarFiles.includes(uri)) return 'explicit-vars';
  const name = baseName(uri);
  if (name === '.terraform.lock.hcl') return 'lock';
  // Terraform ignores editor leftovers: dot files (.#main.tf), backups (main.tf~) and #main.tf#.
  if (name.startsWith('.') || name.endsWith('~') || (name.startsWith('#') && name.endsWith('#'))) return 'other';
  if (/^terraform\.tfvars(\.json)?$/.test(name) || /\.auto\.tfvars(\.json)?$/.test(name)) return 'auto-vars';
  if (/^(.*_)?override\.tf(\.json)?$/.test(name)) return 'override';
  if (/\.tf(\.json)?$/.test(name)) return 'config';
  return 'other';
}

/** Resource key in the module: `azurerm_subnet.nodes` or `data.azurerm_subnet.nodes`. */
export function resourceKey(mode: 'managed' | 'data', type: string, name: string): string {
  return mode === 'data' ? `data.${type}.${name}` : `${type}.${name}`;
}

/** Parses and indexes a module. */
export function buildModule(input: ModuleInput, parsers: Parsers): TfModule {
  const explicit = input.varFiles ?? [];
  const module: TfModule = {
    dir: input.dir,
      configFiles: [],
    files: new Map(),
    resources: new Map(),
    variables: new Map(),
    locals: new Map(),
    calls: new Map(),
    outputs: new Map(),
    assignments: new Map(),
    skipped: input.skipped ?? [],
  };
  const autoVarFiles: SyntaxFile[] = [];
  const overrideFiles: SyntaxFile[] = [];
  for (const source of input.files) {
    const role = fileRole(source.uri, explicit);
    if (role === 'other') continue;
    const file = source.syntax ?? parseFile(source.uri, source.text, parsers);
    module.files.set(source.uri, file);
    if (role === 'config') module.configFiles.push(file);
    else if (role === 'override') overrideFiles.push(file);
    else if (role === 'lock') module.lockFile = file;
    else if (role === 'auto-vars') autoVarFiles.push(file);
  }
  // Names computed once per file, not per comparison (baseName decodes the URI).
  const names = new Map<SyntaxFile, string>();
  const nameOf = (file: SyntaxFile) => names.get(file) ?? names.set(file, baseName(file.uri)).get(file)!;
  const byName = (a: SyntaxFile, b: SyntaxFile) => (nameOf(a) < nameOf(b) ? -1 : nameOf(a) > nameOf(b) ? 1 : 0);
  module.configFiles = mergeOverrides(module.configFiles.sort(byName), overrideFiles);
  for (const file of module.configFiles) indexDeclarations(module, file);
  // Terraform's precedence: terraform.tfvars, terraform.tfvars.json, *.auto.tfvars in lexical
  // order, then -var-file and -var in command-line order. Later assignments win.
  for (const { name, value } of input.envVars ?? []) addAssignment(module, { name, raw: value, rawSource: 'env' });
  autoVarFiles.sort((a, b) => autoVarRank(a) - autoVarRank(b) || byName(a, b));
  for (const file of autoVarFiles) addVarFileAssignments(module, file);
  for (const uri of explicit) {
    const file = module.files.get(uri);
    if (file) addVarFileAssignments(module, file);
  }
  for (const { name, value } of input.cliVars ?? []) addAssignment(module, { name, raw: value, rawSource: 'cli' });
  return module;
}

function autoVarRank(file: SyntaxFile): number {
  const name = baseName(file.uri);
  return name === 'terraform.tfvars' ? 0 : name === 'terraform.tfvars.json' ? 1 : 2;
}

function indexDeclarations(module: TfModule, file: SyntaxFile): void {
  for (const block of file.body.blocks) {
    const [first, second] = block.labels;
    switch (block.type) {
      case 'resource':
      case 'data': {
        if (!first || !second) break;
        const mode = block.type === 'resource' ? 'managed' : 'data';
        module.resources.set(resourceKey(mode, first.value, second.value), {
          mode,
          type: first.value,
          name: second.value,
          block,
          uri: file.uri,
        });
        break;
      }
      case 'variable':
        if (!first) break;
        module.variables.set(first.value, {
          name: first.value,
          block,
          uri: file.uri,
          default: findAttribute(block.body, 'default'),
          typeExpr: findAttribute(block.body, 'type')?.expr,
        });
        break;
      case 'locals':
        for (const attribute of block.body.attributes) module.locals.set(attribute.name, { attribute, uri: attribute.uri ?? file.uri });
        break;
      case 'module':
        if (!first) break;
        module.calls.set(first.value, { name: first.value, block, uri: file.uri, source: literalString(block, 'source'), version: literalString(block, 'version') });
        break;
      case 'output':
        if (!first) break;
        module.outputs.set(first.value, { name: first.value, block, uri: file.uri, value: findAttribute(block.body, 'value') });
        break;
      default:
        break;
    }
  }
}

/** A block's attribute when it is a literal string (a module's `source` and `version` must be). */
function literalString(block: SyntaxBlock, name: string): string | undefined {
  const expr = findAttribute(block.body, name)?.expr;
  if (expr?.kind === 'literal' && typeof expr.value === 'string') return expr.value;
  if (expr?.kind === 'template' && expr.parts.length === 1 && typeof expr.parts[0] === 'string') return expr.parts[0];
  return undefined;
}

function addVarFileAssignments(module: TfModule, file: SyntaxFile): void {
  for (const attribute of file.body.attributes) {
    addAssignment(module, { name: attribute.name, expr: attribute.expr, uri: file.uri, attribute });
  }
}

function addAssignment(module: TfModule, assignment: VariableAssignment): void {
  const list = module.assignments.get(assignment.name) ?? [];
  list.push(assignment);
  module.assignments.set(assignment.name, list);
}
