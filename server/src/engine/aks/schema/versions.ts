/**
 * Provider versions in the schema: a fact holds from a version (`since`) and until a version
 * (`until`, exclusive), compared with the module's azurerm version, whose minor may be unknown.
 */
import type { ProviderVersion } from '../../terraform/provider-version.js';

/** An azurerm release a fact starts or stops at: `4.58`. */
export type Version = `${number}.${number}`;

/** The versions a fact holds in: from `since` (inclusive) until `until` (exclusive). */
export interface VersionSpan {
  since?: Version;
  until?: Version;
}

function parts(version: Version): [number, number] {
  const [major, minor] = version.split('.').map(Number);
  return [major, minor];
}

/** Whether the module's provider is at least `version`: undefined when its minor is not known and matters. */
export function isAtLeastVersion(provider: ProviderVersion, version: Version): boolean | undefined {
  const [major, minor] = parts(version);
  if (provider.major !== major) return provider.major > major;
  if (minor === 0) return true;
  if (provider.minor === undefined) return undefined;
  return provider.minor >= minor;
}

/** Whether a fact holds for the module's provider: undefined when that depends on a minor that is not known. */
export function holdsFor(provider: ProviderVersion, span: VersionSpan | undefined): boolean | undefined {
  if (!span) return true;
  const after = span.since ? isAtLeastVersion(provider, span.since) : true;
  const atOrAfterEnd = span.until ? isAtLeastVersion(provider, span.until) : false;
  if (after === false || atOrAfterEnd === true) return false;
  if (after === true && atOrAfterEnd === false) return true;
  return undefined;
}

/** Whether a fact holds at some release of a major (how hover and completion, which know only the major, see it). */
export function holdsInMajor(major: number, span: VersionSpan | undefined): boolean {
  if (!span) return true;
  if (span.since && parts(span.since)[0] > major) return false;
  if (span.until) {
    const [untilMajor, untilMinor] = parts(span.until);
    if (untilMajor < major || (untilMajor === major && untilMinor === 0)) return false;
  }
  return true;
}
