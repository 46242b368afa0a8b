/**
 * Terraform's version constraints (`~> 4.0`, `>= 3.100, < 4`, `4.57.0`), for provider versions and
 * module versions alike.
 */

export interface SemVer {
  major: number;
  minor: number;
  patch: number;
}

export function parseVersion(text: string): SemVer | undefined {
  const match = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:[-+].*)?$/.exec(text.trim());
  if (!match) return undefined;
  return { major: Number(match[1]), minor: Number(match[2] ?? 0), patch: Number(match[3] ?? 0) };
}

export function parseExact(text: string): SemVer | undefined {
  const match = /^=?\s*(\d+)\.(\d+)\.(\d+)$/.exec(text.trim());
  return match ? { major: Number(match[1]), minor: Number(match[2]), patch: Number(match[3]) } : undefined;
}

export function compareVersions(a: SemVer, b: SemVer): number {
  return a.major - b.major || a.minor - b.minor || a.patch - b.patch;
}

/** One constraint (`~> 4.0`, `>= 3.100`, `4.57.0`) as a predicate, or undefined if unreadable. */
export function parseConstraint(part: string): ((v: SemVer) => boolean) | undefined {
  const match = /^(~>|>=|<=|!=|=|>|<)?\s*v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-[0-9A-Za-z.-]+)?$/.exec(part);
  if (!match) return undefined;
  const [, op = '=', a, b, c] = match;
  const v = { major: Number(a), minor: Number(b ?? 0), patch: Number(c ?? 0) };
  switch (op) {
    case '=':
      return (x) => compareVersions(x, v) === 0;
    case '!=':
      return (x) => compareVersions(x, v) !== 0;
    case '>':
      return (x) => compareVersions(x, v) > 0;
    case '>=':
      return (x) => compareVersions(x, v) >= 0;
    case '<':
      return (x) => compareVersions(x, v) < 0;
    case '<=':
      return (x) => compareVersions(x, v) <= 0;
    case '~>': {
      // Only the right-most written component may grow, and a lone major stays that major:
      // ~> 4.0 and ~> 4 are >= 4.0, < 5; ~> 4.57.0 is < 4.58.
      const upper = c !== undefined ? { major: v.major, minor: v.minor + 1, patch: 0 } : { major: v.major + 1, minor: 0, patch: 0 };
      return (x) => compareVersions(x, v) >= 0 && compareVersions(x, upper) < 0;
    }
    default:
      return undefined;
  }
}


/**
 * Whether a version satisfies a constraint string (comma-separated parts, all of which must hold):
 * undefined when a part cannot be read.
 */
export function satisfiesConstraint(version: SemVer, constraint: string): boolean | undefined {
  const parts = constraint.split(',').map((part) => parseConstraint(part.trim()));
  if (parts.some((p) => p === undefined)) return undefined;
  return parts.every((p) => p!(version));
}
