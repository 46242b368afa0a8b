/**
 * The azurerm version a module runs on, as the rules and the schema use it (how it is found:
 * detect-provider-version.ts).
 */
import type { Range } from '../text/positions.js';

export const SUPPORTED_MAJORS = [3, 4, 5] as const;
export type ProviderMajor = (typeof SUPPORTED_MAJORS)[number];
export const NEWEST_MAJOR: ProviderMajor = 5;

/** The provider version the rules and schema use, and how sure we are of it. */
export interface ProviderVersion {
  major: ProviderMajor;
  /** Exact minor/patch: only from the lock file or an exact constraint. */
  minor?: number;
  patch?: number;
  source: 'lock' | 'constraint' | 'assumed';
  /** e.g. `4.57.0 from .terraform.lock.hcl`, `~> 4.0 from versions.tf`. */
  detail: string;
  /** Why the major was assumed (only when source is `assumed`). */
  assumption?: string;
  /** Where the version or constraint is written, if anywhere. */
  uri?: string;
  range?: Range;
}

/** Whether the module's provider is at least `major.minor` for sure (false when the minor is not known). */
export function isAtLeast(version: ProviderVersion, major: number, minor: number): boolean | undefined {
  if (version.major !== major) return version.major > major;
  if (version.minor === undefined) return undefined;
  return version.minor >= minor;
}

/** Whether a major is one aks-netlint knows. */
export function isSupported(major: number): major is ProviderMajor {
  return (SUPPORTED_MAJORS as readonly number[]).includes(major);
}
