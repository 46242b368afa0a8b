/**
 * What every formatter prints: findings with display paths, and the summary. Paths are relative
 * to the working directory with `/` separators, so output is the same on every machine.
 */
import { relative, sep } from 'node:path';
import type { Finding } from '../engine/analyze/findings.js';
import type { BaselineReport } from './resolve-baselines.js';

export interface CliReport {
  findings: Finding[];
  /** Number of files analysed (configuration, var and lock files, and skipped files). */
  fileCount: number;
  cwd: string;
  /** `--baseline`: what the files were compared with, per repository. */
  baselines?: BaselineReport[];
}

/** A path as the user sees it. */
export function displayPath(uri: string, cwd: string): string {
  const rel = relative(cwd, uri);
  return (rel === '' ? '.' : rel).split(sep).join('/');
}

/** Counts per severity. */
export function countBySeverity(findings: readonly Finding[]): { errors: number; warnings: number; infos: number } {
  return {
    errors: findings.filter((f) => f.severity === 'error').length,
    warnings: findings.filter((f) => f.severity === 'warning').length,
    infos: findings.filter((f) => f.severity === 'info').length,
  };
}
