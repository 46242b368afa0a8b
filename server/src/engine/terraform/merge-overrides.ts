/**
 * Override files (`override.tf`, `*_override.tf` and their `.tf.json` forms) merged into the
 * configuration the way Terraform merges them (internal/configs/module_merge.go and
 * module_merge_body.go; developer.hashicorp.com/terraform/language/files/override): after all the
 * other files, one override file at a time in lexical order, each top-level block into the block
 * with the same type and labels.
 * - An attribute replaces the attribute of the same name.
 * - In a resource, data source, module call or provider configuration, the nested blocks of one
 *   type replace every nested block of that type (`dynamic "x"` counts as type `x`); a resource's
 *   `lifecycle` takes only create_before_destroy, prevent_destroy, ignore_changes and
 *   action_trigger from the override.
 * - A variable or output keeps its own nested blocks (validation, precondition).
 * - A `locals` attribute replaces the local of that name.
 * - A `required_providers` entry replaces that provider's requirement, or adds it.
 * Everything taken from an override file carries that file's `uri`, so that a finding, a hover or
 * an edit on it lands in the override file, at the range it is written at there.
 *
 * What Terraform refuses (an override of a resource, variable, local, output or module call no
 * other file declares, of an aliased provider no other file configures, or of `depends_on`) makes
 * the configuration fail to load: it is ignored here, and the configuration is checked as the
 * other files write it. Terraform settings other than required_providers (required_version,
 * backend, cloud) are not read by aks-netlint and stay as the other files write them.
 */
import type { SyntaxAttribute, SyntaxBlock, SyntaxFile } from '../syntax/syntax-tree.js';
import { baseName } from './values.js';

/**
 * The configuration as Terraform sees it once the override files are merged: each primary file
 * (the same object when no override touches it) with its blocks merged, then, for each override
 * file that declares something no other file does (a default provider configuration, a
 * required_providers entry where no other file has the block), that file holding only those blocks.
 */
export function mergeOverrides(primaries: readonly SyntaxFile[], overrides: readonly SyntaxFile[]): SyntaxFile[] {
  if (overrides.length === 0) return [...primaries];
  const configuration = new Configuration(primaries);
  const byName = overrides
    .map((file) => ({ file, name: baseName(file.uri) }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map(({ file }) => file);
  for (const file of byName) configuration.merge(file);
  return configuration.files();
}

/** How a block merges an override of it. */
interface MergePolicy {
  /** Whether an override's attribute of this name replaces the block's. */
  replaces(name: string): boolean;
  /** What an override's nested blocks of a type do: replace those of the block, merge into its first one, or nothing. */
  nested(type: string): 'replace' | 'ignore' | MergePolicy;
}

/** Terraform refuses an overridden depends_on ("Unsupported override"). */
const notDependsOn = (name: string) => name !== 'depends_on';

const LIFECYCLE: MergePolicy = {
  replaces: (name) => name === 'create_before_destroy' || name === 'prevent_destroy' || name === 'ignore_changes',
  nested: (type) => (type === 'action_trigger' ? 'replace' : 'ignore'),
};
const RESOURCE: MergePolicy = { replaces: notDependsOn, nested: (type) => (type === 'lifecycle' ? LIFECYCLE : 'replace') };
/** A data source's lifecycle (its conditions) is not merged: Terraform keeps the original's. */
const DATA: MergePolicy = { replaces: notDependsOn, nested: (type) => (type === 'lifecycle' ? 'ignore' : 'replace') };
const CALL: MergePolicy = { replaces: notDependsOn, nested: () => 'replace' };
const DECLARATION: MergePolicy = { replaces: notDependsOn, nested: () => 'ignore' };
const ENTRIES: MergePolicy = { replaces: () => true, nested: () => 'ignore' };
const TERRAFORM: MergePolicy = { replaces: () => false, nested: (type) => (type === 'required_providers' ? ENTRIES : 'ignore') };

const POLICIES: Record<string, MergePolicy> = { resource: RESOURCE, data: DATA, module: CALL, provider: CALL, variable: DECLARATION, output: DECLARATION };

/** The type a nested block counts as: `dynamic "x"` is an `x`. */
const typeOf = (block: SyntaxBlock) => (block.type === 'dynamic' ? (block.labels[0]?.value ?? '') : block.type);

/** Blocks grouped by the type they count as, in order. */
function byType(blocks: readonly SyntaxBlock[]): Map<string, SyntaxBlock[]> {
  const groups = new Map<string, SyntaxBlock[]>();
  for (const block of blocks) {
    const group = groups.get(typeOf(block));
    if (group) group.push(block);
    else groups.set(typeOf(block), [block]);
  }
  return groups;
}

/** A copy of an attribute taken from an override file, marked with that file. */
const fromFile = (attribute: SyntaxAttribute, uri: string): SyntaxAttribute => ({ ...attribute, uri });

/** A copy of a block taken from an override file, marked with that file down to its last attribute. */
function blockFromFile(block: SyntaxBlock, uri: string): SyntaxBlock {
  return {
    ...block,
    uri,
    body: { ...block.body, attributes: block.body.attributes.map((a) => fromFile(a, uri)), blocks: block.body.blocks.map((b) => blockFromFile(b, uri)) },
  };
}

/**
 * What a block becomes as override files merge into it: collected override by override, built
 * once at the end, so that many overrides of one large block cost their size, not its size each.
 */
class BlockMerge {
  private readonly attributes = new Map<string, SyntaxAttribute>();
  private readonly nested: Map<string, SyntaxBlock[]>;
  private readonly merges = new Map<string, BlockMerge>();
  /** The first override merged in, as the template of a block no other file writes. */
  private first?: { block: SyntaxBlock; uri: string };
  private changed = false;

  constructor(
    private readonly base: SyntaxBlock | undefined,
    private readonly policy: MergePolicy,
  ) {
    for (const attribute of base?.body.attributes ?? []) this.attributes.set(attribute.name, attribute);
    this.nested = byType(base?.body.blocks ?? []);
  }

  /** Merges one override of the block, written in the file `uri`. */
  merge(override: SyntaxBlock, uri: string): void {
    this.first ??= { block: override, uri };
    for (const [type, blocks] of byType(override.body.blocks)) {
      const rule = this.policy.nested(type);
      if (rule === 'ignore') continue;
      this.changed = true;
      if (rule === 'replace') {
        this.nested.set(type, blocks.map((b) => blockFromFile(b, uri)));
        // In JSON an object is both an attribute and a block: the replaced block's twin goes too.
        if (this.attributes.get(type)?.jsonPath) this.attributes.delete(type);
        continue;
      }
      let inner = this.merges.get(type);
      if (!inner) this.merges.set(type, (inner = new BlockMerge(this.nested.get(type)?.[0], rule)));
      // Terraform refuses a second block of these types in one body: the first one counts.
      inner.merge(blocks[0], uri);
    }
    for (const attribute of override.body.attributes) this.mergeAttribute(attribute, uri);
  }

  /** Merges one attribute of an override, written in the file `uri`. */
  mergeAttribute(attribute: SyntaxAttribute, uri: string): void {
    if (!this.policy.replaces(attribute.name)) return;
    this.attributes.set(attribute.name, fromFile(attribute, uri));
    this.changed = true;
  }

  /** The merged block; the base itself when nothing changed it. */
  build(): SyntaxBlock | undefined {
    const blocks: SyntaxBlock[] = [];
    for (const [type, list] of this.nested) {
      const inner = this.merges.get(type)?.build();
      blocks.push(...(inner ? [inner, ...list.slice(1)] : list));
    }
    for (const [type, inner] of this.merges) {
      const built = this.nested.has(type) ? undefined : inner.build();
      if (built) blocks.push(built);
    }
    const attributes = [...this.attributes.values()];
    if (this.base) {
      if (!this.changed) return this.base;
      return { ...this.base, body: { ...this.base.body, attributes, blocks }, original: this.base.original ?? this.base };
    }
    if (!this.first || !this.changed) return undefined;
    const { block, uri } = this.first;
    return { ...block, uri, body: { ...block.body, attributes, blocks } };
  }
}

/** Where a top-level block is: in which file (primary, then override) and at which position. */
interface Location {
  slot: number;
  index: number;
}

class Configuration {
  /** The primary files, then one per override file for the blocks it adds. */
  private readonly slots: { file: SyntaxFile; blocks: SyntaxBlock[]; primary: boolean }[];
  /** Blocks override files merge into, by `resource aks.x`-like key. */
  private readonly declared = new Map<string, Location>();
  /** The `locals` block declaring each local. */
  private readonly locals = new Map<string, Location>();
  /** The `terraform` block holding the module's required_providers (Terraform reads only the first). */
  private requiredProviders?: Location;
  private readonly merges = new Map<string, { at: Location; merge: BlockMerge }>();

  constructor(primaries: readonly SyntaxFile[]) {
    this.slots = primaries.map((file) => ({ file, blocks: [...file.body.blocks], primary: true }));
    this.slots.forEach((slot, s) =>
      slot.blocks.forEach((block, index) => {
        const at = { slot: s, index };
        const key = keyOf(block);
        // The last of two declarations wins, as in the module's index (a duplicate is an error anyway).
        if (key) this.declared.set(key, at);
        if (block.type === 'locals') for (const attribute of block.body.attributes) this.locals.set(attribute.name, at);
        if (block.type === 'terraform' && !this.requiredProviders && block.body.blocks.some((b) => b.type === 'required_providers')) this.requiredProviders = at;
      }),
    );
  }

  merge(file: SyntaxFile): void {
    const slot = this.slots.push({ file, blocks: [], primary: false }) - 1;
    for (const block of file.body.blocks) {
      if (block.type === 'locals') {
        for (const attribute of block.body.attributes) {
          const at = this.locals.get(attribute.name);
          if (at) this.mergeAt(at, ENTRIES).mergeAttribute(attribute, file.uri);
        }
      } else if (block.type === 'terraform') {
        if (!block.body.blocks.some((b) => b.type === 'required_providers')) continue;
        if (this.requiredProviders) {
          this.mergeAt(this.requiredProviders, TERRAFORM).merge(block, file.uri);
        } else {
          // No other file has required_providers: this file's entries are the module's.
          this.requiredProviders = this.add(slot, block);
        }
      } else {
        const key = keyOf(block);
        const policy = POLICIES[block.type];
        const at = key ? this.declared.get(key) : undefined;
        if (at && policy) this.mergeAt(at, policy).merge(block, file.uri);
        // A default provider configuration no file writes is an empty one, which the override sets.
        else if (key && block.type === 'provider' && aliasOf(block) === undefined) this.declared.set(key, this.add(slot, block));
      }
    }
  }

  /** The configuration files, merged. */
  files(): SyntaxFile[] {
    for (const { at, merge } of this.merges.values()) {
      const built = merge.build();
      if (built) this.slots[at.slot].blocks[at.index] = built;
    }
    return this.slots.flatMap(({ file, blocks, primary }) => {
      if (primary && blocks.every((block, i) => block === file.body.blocks[i])) return [file];
      if (!primary && blocks.length === 0) return [];
      return [{ ...file, body: { ...file.body, attributes: primary ? file.body.attributes : [], blocks } }];
    });
  }

  private mergeAt(at: Location, policy: MergePolicy): BlockMerge {
    const id = `${at.slot}:${at.index}`;
    let entry = this.merges.get(id);
    if (!entry) this.merges.set(id, (entry = { at, merge: new BlockMerge(this.slots[at.slot].blocks[at.index], policy) }));
    return entry.merge;
  }

  /** A block an override file adds, in that file's own slot (its ranges are that file's). */
  private add(slot: number, block: SyntaxBlock): Location {
    return { slot, index: this.slots[slot].blocks.push(block) - 1 };
  }
}

/** The identity override files match blocks by: type and labels, and a provider's alias. */
function keyOf(block: SyntaxBlock): string | undefined {
  const [first, second] = block.labels.map((label) => label.value);
  switch (block.type) {
    case 'resource':
    case 'data':
      return first !== undefined && second !== undefined ? `${block.type} ${first}.${second}` : undefined;
    case 'variable':
    case 'output':
    case 'module':
      return first !== undefined ? `${block.type} ${first}` : undefined;
    case 'provider':
      return first !== undefined ? `provider ${first}.${aliasOf(block) ?? ''}` : undefined;
    default:
      return undefined;
  }
}

/** A provider configuration's alias, which Terraform requires to be a literal name. */
function aliasOf(block: SyntaxBlock): string | undefined {
  const alias = block.body.attributes.find((a) => a.name === 'alias')?.expr;
  return alias?.kind === 'literal' && typeof alias.value === 'string' ? alias.value : undefined;
}
