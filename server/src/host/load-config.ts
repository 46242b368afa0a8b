/**
 * The config file `.aks-netlint.json` (JSON with comments): per-rule severities, var files,
 * ignored paths and "not checked" notes. The nearest one from a module directory up to the
 * repository root (the directory holding `.git`) applies, unless `--config` names one.
 */
import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import picomatch from 'picomatch';
import { createScanner, parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import type { SeveritySetting } from '../engine/analyze/findings.js';
import { CHECKS } from '../engine/analyze/checks.js';
import { readRegularFile } from './read-regular-file.js';

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

/** A config holds a few dozen settings; anything near this size is not one. */
export const MAX_CONFIG_BYTES = 1024 * 1024;
/**
 * Deepest nesting accepted (a config needs 3 levels). jsonc-parser's parse recurses per level,
 * so a config nested 10,000 deep overflowed the stack: the depth is checked first, by its
 * iterative scanner.
 */
export const MAX_CONFIG_DEPTH = 64;

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

/**
 * Reads and checks a config file; `shown` is the path as the user wrote it (`--config`), for
 * messages. Only a regular file of at most 1 MB is read.
 */
export function loadConfig(path: string, shown = path): NetlintConfig {
  const read = readRegularFile(path, MAX_CONFIG_BYTES);
  if ('refused' in read) throw new ConfigError(`cannot read config '${shown}': ${read.refused}`);
  if ('error' in read) throw new ConfigError(`cannot read config '${shown}': ${read.error}`);
  if ('tooLarge' in read) throw new ConfigError(`cannot read config '${shown}': it is larger than ${MAX_CONFIG_BYTES / 1048576} MB, the limit for a config file`);
  const text = read.bytes.toString('utf8').replace(/^\uFEFF/, '');
  if (nestingDepth(text) > MAX_CONFIG_DEPTH) throw new ConfigError(`${shown}: nested more than ${MAX_CONFIG_DEPTH} levels deep`);
  const errors: ParseError[] = [];
  const raw: unknown = parse(text, errors, { allowTrailingComma: true });
  if (errors.length > 0) throw new ConfigError(`${shown}: invalid JSON (${printParseErrorCode(errors[0].error)} at offset ${errors[0].offset})`);
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new ConfigError(`${shown}: expected an object`);
  const config = raw as Record<string, unknown>;
  const baseDir = dirname(resolve(path));
  for (const key of Object.keys(config)) {
    if (!['rules', 'varFiles', 'ignorePaths', 'reportUnknown', '$schema'].includes(key)) {
      throw new ConfigError(`${shown}: unknown key "${key}" (expected rules, varFiles, ignorePaths, reportUnknown)`);
    }
  }
  const rules: Record<string, SeveritySetting> = {};
  if (config.rules !== undefined) {
    if (typeof config.rules !== 'object' || config.rules === null || Array.isArray(config.rules)) throw new ConfigError(`${shown}: "rules" must be an object`);
    for (const [id, severity] of Object.entries(config.rules)) {
      if (!RULE_IDS.has(id)) throw new ConfigError(`${shown}: rules: unknown rule "${id}"`);
      if (typeof severity !== 'string' || !SEVERITIES.includes(severity)) {
        throw new ConfigError(`${shown}: rules.${id}: expected one of ${SEVERITIES.join(', ')}`);
      }
      rules[id] = severity as SeveritySetting;
    }
  }
  const stringList = (key: string): string[] => {
    const value = config[key];
    if (value === undefined) return [];
    if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) throw new ConfigError(`${shown}: "${key}" must be a list of strings`);
    return value as string[];
  };
  if (config.reportUnknown !== undefined && typeof config.reportUnknown !== 'boolean') throw new ConfigError(`${shown}: "reportUnknown" must be true or false`);
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

// jsonc-parser's SyntaxKind is a const enum, which isolated modules cannot read: its values.
const OPEN_BRACE = 1;
const CLOSE_BRACE = 2;
const OPEN_BRACKET = 3;
const CLOSE_BRACKET = 4;
const EOF = 17;

/** The deepest nesting of objects and arrays in a JSON text, counted without recursion. */
function nestingDepth(text: string): number {
  const scanner = createScanner(text, true);
  let depth = 0;
  let deepest = 0;
  for (let token: number = scanner.scan(); token !== EOF; token = scanner.scan()) {
    if (token === OPEN_BRACE || token === OPEN_BRACKET) deepest = Math.max(deepest, ++depth);
    else if (token === CLOSE_BRACE || token === CLOSE_BRACKET) depth--;
  }
  return deepest;
}
