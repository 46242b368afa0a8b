/**
 * Which azurerm major the module runs on (network-profile.md §6): the locked version in
 * `.terraform.lock.hcl` (exact), else the `required_providers` constraints (the highest major that
 * satisfies all of them), else the newest major we know, said so in one info finding.
 */
import { findAttribute, type SyntaxFile } from '../syntax/syntax-tree.js';
import type { Evaluator } from './evaluate.js';
import type { TfModule } from './module.js';
import { isSupported, NEWEST_MAJOR, SUPPORTED_MAJORS, type ProviderVersion } from './provider-version.js';
import type { Range } from '../text/positions.js';
import { isKnown, isObjectValue, knownString } from './values.js';
import { parseConstraint, parseExact, parseVersion, type SemVer } from './semver.js';

const AZURERM_SOURCE = /^(registry\.terraform\.io\/)?hashicorp\/azurerm$/i;

/**
 * Detects the azurerm version of a module; for a module tree, `others` are the instances of the
 * modules it calls: Terraform selects one version for the whole configuration, from the root's
 * lock file, else the newest that every module's constraints allow.
 */
export function detectProviderVersion(module: TfModule, evaluator: Evaluator, others: readonly Evaluator[] = []): ProviderVersion {
  const locked = fromLockFile(module.lockFile);
  if (locked) return locked;
  const constraints = collectConstraints(module, evaluator);
  const seen = new Set([module]);
  for (const other of others) {
    if (seen.has(other.module)) continue;
    seen.add(other.module);
    constraints.push(...collectConstraints(other.module, other));
  }
  if (constraints.length > 0) return fromConstraints(constraints);
  return {
    major: NEWEST_MAJOR,
    source: 'assumed',
    detail: `${NEWEST_MAJOR}.x (assumed)`,
    assumption: 'there is no .terraform.lock.hcl and no azurerm version constraint in required_providers',
  };
}

function fromLockFile(lock: SyntaxFile | undefined): ProviderVersion | undefined {
  if (!lock) return undefined;
  for (const block of lock.body.blocks) {
    if (block.type !== 'provider' || !AZURERM_SOURCE.test(block.labels[0]?.value ?? '')) continue;
    const attribute = findAttribute(block.body, 'version');
    const text = attribute?.expr.kind === 'literal' && typeof attribute.expr.value === 'string' ? attribute.expr.value : undefined;
    const version = text ? parseVersion(text) : undefined;
    if (!attribute || !text || !version) continue;
    const where = { uri: lock.uri, range: attribute.expr.range };
    if (isSupported(version.major)) {
      return { major: version.major, minor: version.minor, patch: version.patch, source: 'lock', detail: `${text} from .terraform.lock.hcl`, ...where };
    }
    return {
      major: NEWEST_MAJOR,
      source: 'assumed',
      detail: `${NEWEST_MAJOR}.x (assumed)`,
      assumption: `the locked azurerm ${text} is a major this version of aks-netlint has no schema for`,
      ...where,
    };
  }
  return undefined;
}

export interface Constraint {
  text: string;
  uri: string;
  range: Range;
}

function collectConstraints(module: TfModule, evaluator: Evaluator): Constraint[] {
  const out: Constraint[] = [];
  for (const file of module.configFiles) {
    for (const terraform of file.body.blocks.filter((b) => b.type === 'terraform')) {
      for (const requirements of terraform.body.blocks.filter((b) => b.type === 'required_providers')) {
        const entry = findAttribute(requirements.body, 'azurerm');
        if (!entry) continue;
        // An override file may have replaced the entry: it is written there.
        const uri = entry.uri ?? file.uri;
        const value = evaluator.evaluate(entry.expr, { uri });
        if (!isKnown(value)) continue;
        if (typeof value.value === 'string') {
          out.push({ text: value.value, uri, range: entry.expr.range }); // legacy `azurerm = "~> 3.0"`
        } else if (value.value !== null && isObjectValue(value.value)) {
          const source = knownString(value.value.source);
          if (source && !AZURERM_SOURCE.test(source)) continue;
          const version = value.value.version;
          const text = knownString(version);
          if (text && version?.known) out.push({ text, uri, range: version.origin.range });
        }
      }
    }
  }
  return out;
}

/** The version azurerm constraints allow (required_providers, or a plan's provider_config). */
export function fromConstraints(constraints: Constraint[]): ProviderVersion {
  const ranges = constraints.flatMap((c) => c.text.split(',').map((part) => parseConstraint(part.trim())));
  const where = { uri: constraints[0].uri, range: constraints[0].range };
  const texts = constraints.map((c) => c.text).join(' and ');
  if (ranges.some((r) => r === undefined)) {
    return {
      major: NEWEST_MAJOR,
      source: 'assumed',
      detail: `${NEWEST_MAJOR}.x (assumed)`,
      assumption: `the azurerm version constraint "${texts}" could not be read`,
      ...where,
    };
  }
  const satisfies = (v: SemVer) => ranges.every((r) => r!(v));
  const compatible = SUPPORTED_MAJORS.filter((major) => candidates(major, constraints).some(satisfies));
  if (compatible.length === 1) {
    const major = compatible[0];
    const exact = constraints.length === 1 ? parseExact(constraints[0].text) : undefined;
    return {
      major,
      minor: exact?.minor,
      patch: exact?.patch,
      source: 'constraint',
      detail: `${texts} (required_providers)`,
      ...where,
    };
  }
  const major = compatible.length > 0 ? compatible[compatible.length - 1] : NEWEST_MAJOR;
  return {
    major,
    source: 'assumed',
    detail: `${major}.x (assumed)`,
    assumption:
      compatible.length > 0
        ? `the azurerm constraint "${texts}" allows ${compatible.map((m) => `${m}.x`).join(', ')}`
        : `the azurerm constraint "${texts}" allows no major this version of aks-netlint knows`,
    ...where,
  };
}

/** Versions worth testing in a major: its bounds and every version a constraint names. */
function candidates(major: number, constraints: Constraint[]): SemVer[] {
  const out: SemVer[] = [
    { major, minor: 0, patch: 0 },
    { major, minor: 99999, patch: 99999 },
  ];
  for (const c of constraints) {
    for (const match of c.text.matchAll(/(\d+)(?:\.(\d+))?(?:\.(\d+))?/g)) {
      const v = { major: Number(match[1]), minor: Number(match[2] ?? 0), patch: Number(match[3] ?? 0) };
      if (v.major !== major) continue;
      out.push(v, { ...v, patch: v.patch + 1 }, { ...v, minor: v.minor + 1, patch: 0 });
      if (v.patch > 0) out.push({ ...v, patch: v.patch - 1 });
      if (v.minor > 0) out.push({ ...v, minor: v.minor - 1, patch: 99999 });
    }
  }
  return out;
}
