/**
 * The config file `.aks-netlint.json` (JSON with comments): per-rule severities, var files,
 * ignored paths and "not checked" notes. The nearest one from a module directory up to the
 * repository root (the directory holding `.git`) applies, unless `--config` names one.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import picomatch from 'picomatch';
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import type { SeveritySetting } from '../engine/analyze/findings.js';
import { CHECKS } from '../engine/analyze/checks.js';
import { describeIoError } from './read-module.js';

export const CONFIG_FILE_NAME = '.aks-netlint.json';

/** A loaded config, with paths made absolute. */
export interface NetlintConfig {
  path?: string;
  rules: Record<string, SeveritySetting>;
  varFiles: string[];
  /** Glob patterns, relative to `baseDir`. */
  ignorePaths: string[];
  baseDir: string;
  reportUnknown: boolean;
}

/** A config file that cannot be used: the CLI exits 2 with this message. */
export class ConfigError extends Error {}

const SEVERITIES = ['off', 'info', 'warning', 'error'];
const RULE_IDS = new Set(CHECKS.map((r) => r.id));

/** The config that applies to a directory: the nearest config file up to the repository root. */
export function findConfigFile(dir: string): string | undefined {
  let current = resolve(dir);
  for (;;) {
    const candidate = join(current, CONFIG_FILE_NAME);
    if (existsSync(candidate)) return candidate;
    if (existsSync(join(current, '.git'))) return undefined;
    const parent = dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

/** Reads and checks a config file. */
export function loadConfig(path: string): NetlintConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`cannot read config '${path}': ${describeIoError(error)}`);
  }
  const errors: ParseError[] = [];
  const raw: unknown = parse(text, errors, { allowTrailingComma: true });
  if (errors.length > 0) throw new ConfigError(`${path}: invalid JSON (${printParseErrorCode(errors[0].error)} at offset ${errors[0].offset})`);
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new ConfigError(`${path}: expected an object`);
  const config = raw as Record<string, unknown>;
  const baseDir = dirname(resolve(path));
  for (const key of Object.keys(config)) {
    if (!['rules', 'varFiles', 'ignorePaths', 'reportUnknown', '$schema'].includes(key)) {
      throw new ConfigError(`${path}: unknown key "${key}" (expected rules, varFiles, ignorePaths, reportUnknown)`);
    }
  }
  const rules: Record<string, SeveritySetting> = {};
  if (config.rules !== undefined) {
    if (typeof config.rules !== 'object' || config.rules === null || Array.isArray(config.rules)) throw new ConfigError(`${path}: "rules" must be an object`);
    for (const [id, severity] of Object.entries(config.rules)) {
      if (!RULE_IDS.has(id)) throw new ConfigError(`${path}: rules: unknown rule "${id}"`);
      if (typeof severity !== 'string' || !SEVERITIES.includes(severity)) {
        throw new ConfigError(`${path}: rules.${id}: expected one of ${SEVERITIES.join(', ')}`);
      }
      rules[id] = severity as SeveritySetting;
    }
  }
  const stringList = (key: string): string[] => {
    const value = config[key];
    if (value === undefined) return [];
    if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) throw new ConfigError(`${path}: "${key}" must be a list of strings`);
    return value as string[];
  };
  if (config.reportUnknown !== undefined && typeof config.reportUnknown !== 'boolean') throw new ConfigError(`${path}: "reportUnknown" must be true or false`);
  return {
    path: resolve(path),
    rules,
    varFiles: stringList('varFiles').map((f) => resolve(baseDir, f)),
    ignorePaths: stringList('ignorePaths'),
    baseDir,
    reportUnknown: config.reportUnknown === true,
  };
}

/** The config for a directory when no file applies. */
export function emptyConfig(baseDir: string): NetlintConfig {
  return { rules: {}, varFiles: [], ignorePaths: [], baseDir, reportUnknown: false };
}

/** Whether a path matches one of the ignore patterns (relative to `baseDir`). */
export function isIgnored(path: string, baseDir: string, patterns: readonly string[]): boolean {
  if (patterns.length === 0) return false;
  const rel = relative(baseDir, path).split('\\').join('/');
  if (rel === '' || rel.startsWith('..')) return false;
  return picomatch.isMatch(rel, patterns as string[], { dot: true }) || picomatch.isMatch(`${rel}/`, patterns as string[], { dot: true });
}
