/**
 * The editor settings `aksNetlint.*`, as the client contributes them and the server reads them
 * per resource through `workspace/configuration`. Shared by both sides (DESIGN.md §2: the only
 * server code the client imports), so it imports nothing.
 */

export type RuleSeverity = 'off' | 'info' | 'warning' | 'error';

export interface AksNetlintSettings {
  /** Check Terraform files at all. */
  enable: boolean;
  /** Per-rule severity, over the rule's own and over `.aks-netlint.json`. */
  rules: Record<string, RuleSeverity>;
  /** Extra `.tfvars` files, relative to the workspace folder (or absolute), as `-var-file`. */
  varFiles: string[];
  /** Show "not checked: unknown value" notes. */
  reportUnknown: boolean;
  /**
   * The git ref a change is compared with (issue 13): `HEAD`, a branch, a tag or a commit of the
   * file's repository; `off` compares with nothing.
   */
  baseline: string;
}

/** The configuration section the server asks for. */
export const SETTINGS_SECTION = 'aksNetlint';

export const DEFAULT_SETTINGS: AksNetlintSettings = {
  enable: true,
  rules: {},
  varFiles: [],
  reportUnknown: false,
  baseline: 'HEAD',
};

/** The `baseline` value that turns the comparison off. */
export const BASELINE_OFF = 'off';

const SEVERITIES: readonly string[] = ['off', 'info', 'warning', 'error'];

/**
 * Settings as the client sent them, checked field by field: a wrong type falls back to the
 * default for that field rather than failing the whole analysis.
 */
export function normalizeSettings(raw: unknown): AksNetlintSettings {
  const value = (raw ?? {}) as Record<string, unknown>;
  const rules: Record<string, RuleSeverity> = {};
  if (value.rules && typeof value.rules === 'object') {
    for (const [id, severity] of Object.entries(value.rules as Record<string, unknown>)) {
      if (typeof severity === 'string' && SEVERITIES.includes(severity)) rules[id] = severity as RuleSeverity;
    }
  }
  return {
    enable: typeof value.enable === 'boolean' ? value.enable : DEFAULT_SETTINGS.enable,
    rules,
    varFiles: Array.isArray(value.varFiles) ? value.varFiles.filter((f): f is string => typeof f === 'string') : [],
    reportUnknown: typeof value.reportUnknown === 'boolean' ? value.reportUnknown : DEFAULT_SETTINGS.reportUnknown,
    // An empty ref names nothing: the default applies, as for any wrong value.
    baseline: typeof value.baseline === 'string' && value.baseline.trim() !== '' ? value.baseline.trim() : DEFAULT_SETTINGS.baseline,
  };
}
