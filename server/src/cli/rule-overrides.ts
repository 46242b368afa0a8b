/**
 * `--enable-rule` and `--disable-rule` over the config file's `rules`: the command line wins, as
 * TFLint's flags win over .tflint.hcl. Enabling a rule the config turns off gives it back its
 * default severity (or the config's, if it names one); value-unknown, off unless "not checked"
 * notes are asked for, is turned on by enabling it.
 */
import type { SeveritySetting } from '../engine/analyze/findings.js';
import type { CliOptions } from './parse-args.js';

export interface RuleSettings {
  rules: Record<string, SeveritySetting>;
  reportUnknown: boolean;
}

export function applyRuleOptions(
  config: { rules: Record<string, SeveritySetting>; reportUnknown: boolean },
  options: Pick<CliOptions, 'enableRules' | 'disableRules' | 'reportUnknown'>,
): RuleSettings {
  const rules = { ...config.rules };
  for (const id of options.enableRules) if (rules[id] === 'off') delete rules[id];
  for (const id of options.disableRules) rules[id] = 'off';
  return { rules, reportUnknown: options.reportUnknown || config.reportUnknown || options.enableRules.includes('value-unknown') };
}
