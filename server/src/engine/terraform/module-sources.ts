/**
 * Where a `module` block's code is, as Terraform finds it: a local path (`./x`, `../x`) relative
 * to the calling module; what `terraform init` installed, listed in `.terraform/modules/modules.json`
 * (input-forms.md §6); or, for a registry or git address that names the repository being
 * checked (the `examples/` of a module repository calling `<ns>/<name>/<provider>`), that checkout.
 * Anything else stays opaque. Paths are '/'-separated (file system paths or the editor's), so the
 * engine needs no `path` module.
 */

/** What a `source` address is. */
export type ModuleSource =
  | { kind: 'local'; path: string }
  | { kind: 'registry'; namespace: string; name: string; provider: string; subdir?: string }
  | { kind: 'remote'; repository?: string; subdir?: string };

/** The directories `terraform init` installed, by module key (`aks`, `aks.nodepools`). */
export type InstalledModules = ReadonlyMap<string, string>;

/** A checkout the files belong to: its root directory and the names its repository goes by. */
export interface Checkout {
  root: string;
  /** The directory's name and the repository names of its remotes (`terraform-azurerm-aks`). */
  names: readonly string[];
}

/** Why a call's code cannot be read, and what the user can do. */
export const notInstalled = (call: string, source: string) => `${call} (${source}) is not installed: run terraform init to let aks-netlint check it`;

/** Reads a `source` address (terraform: internal/addrs/module_source.go). */
export function parseModuleSource(source: string): ModuleSource {
  if (source.startsWith('./') || source.startsWith('../') || source === '.' || source === '..') return { kind: 'local', path: source };
  const [address, subdir] = splitSubdir(source);
  // Registry: [host/]namespace/name/provider, each part a plain name.
  const parts = address.split('/');
  const plain = (part: string) => /^[0-9A-Za-z][0-9A-Za-z_-]*$/.test(part);
  const registryParts = parts.length === 4 && parts[0].includes('.') ? parts.slice(1) : parts;
  if (registryParts.length === 3 && registryParts.every(plain) && !address.includes('::')) {
    const [namespace, name, provider] = registryParts;
    return { kind: 'registry', namespace, name, provider, ...(subdir ? { subdir } : {}) };
  }
  return { kind: 'remote', repository: repositoryOf(address), ...(subdir ? { subdir } : {}) };
}

/** `addr//sub/dir?ref=x` → [`addr?ref=x`, `sub/dir`]; the `//` of a URL scheme is not a subdirectory. */
function splitSubdir(source: string): [string, string | undefined] {
  const query = source.indexOf('?');
  const head = query < 0 ? source : source.slice(0, query);
  const tail = query < 0 ? '' : source.slice(query);
  const scheme = /^([a-z0-9+.-]+::)?[a-z0-9+.-]+:\/\//i.exec(head);
  const from = scheme ? scheme[0].length : 0;
  const at = head.indexOf('//', from);
  if (at < 0) return [source, undefined];
  return [head.slice(0, at) + tail, head.slice(at + 2).replace(/\/+$/, '') || undefined];
}

/**
 * The repository name a git or GitHub address (or a remote URL of `.git/config`) names:
 * `git::https://github.com/Azure/terraform-azurerm-aks.git?ref=v9` → `terraform-azurerm-aks`.
 */
export function repositoryOf(address: string): string | undefined {
  const path = address.replace(/\?.*$/, '').replace(/^[a-z0-9+.-]+::/i, '');
  const last = path.split(/[/:]/).filter(Boolean).pop();
  return last?.replace(/\.git$/, '') || undefined;
}

/** The repository names a source may be published from: Terraform's `terraform-<provider>-<name>` convention for registry modules. */
export function repositoryNames(source: ModuleSource): string[] {
  if (source.kind === 'registry') return [`terraform-${source.provider}-${source.name}`];
  if (source.kind === 'remote' && source.repository) return [source.repository];
  return [];
}

/** `a/b` joined with `../c` → `a/c`; `.` and `..` resolved, a leading `/` (or drive) kept. */
export function joinPath(dir: string, relative: string): string {
  const rel = relative.replace(/\\/g, '/');
  const absolute = rel.startsWith('/') || /^[A-Za-z]:\//.test(rel);
  const base = absolute ? '' : dir.replace(/\\/g, '/');
  const rooted = (absolute ? rel : base).startsWith('/');
  const out: string[] = [];
  for (const part of `${base}/${rel}`.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!rooted) out.push('..');
      continue;
    }
    out.push(part);
  }
  return `${rooted ? '/' : ''}${out.join('/')}` || (rooted ? '/' : '.');
}

/**
 * `.terraform/modules/modules.json` (input-forms.md §6): each record's Key and Dir, Dir joined to
 * the root directory. Undefined when the text is not such a manifest.
 */
export function parseModulesManifest(text: string, rootDir: string): Map<string, string> | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  const records = (json as { Modules?: unknown })?.Modules;
  if (!Array.isArray(records)) return undefined;
  const out = new Map<string, string>();
  for (const record of records) {
    const { Key: key, Dir: dir } = (record ?? {}) as { Key?: unknown; Dir?: unknown };
    if (typeof key === 'string' && typeof dir === 'string') out.set(key, joinPath(rootDir, dir));
  }
  return out;
}

/** Where a call's code is, or why it cannot be read. */
export type ResolvedSource = { dir: string } | { opaque: string };

/**
 * The directory a call's code is in. `key` is the call's module key from the root (`aks.pools`),
 * `callName` how messages name it (`module.aks`).
 */
export function resolveModuleSource(
  callerDir: string,
  source: string | undefined,
  key: string,
  callName: string,
  installed: InstalledModules | undefined,
  checkout: Checkout | undefined,
): ResolvedSource {
  if (source === undefined) return { opaque: `${callName} has no literal source` };
  const fromInit = installed?.get(key);
  if (fromInit !== undefined) return { dir: fromInit };
  const parsed = parseModuleSource(source);
  if (parsed.kind === 'local') return { dir: joinPath(callerDir, parsed.path) };
  if (checkout && repositoryNames(parsed).some((name) => checkout.names.includes(name))) {
    return { dir: parsed.subdir ? joinPath(checkout.root, parsed.subdir) : checkout.root };
  }
  return { opaque: notInstalled(callName, source) };
}
