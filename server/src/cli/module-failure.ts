/**
 * One module that fails never takes the run down (issue 16): an unexpected exception while
 * checking a module, in this thread or in a worker, becomes one `internal-error` finding on
 * that module, so text, JSON and SARIF all show it and the exit code follows the findings.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding } from '../engine/analyze/findings.js';
import { INTERNAL_ERROR as internalError } from '../engine/analyze/internal-error.js';
import { formatMessage } from '../engine/rules/define-rule.js';
import { fileRole, isConfigurationFile } from '../engine/terraform/module.js';
import { isIgnored } from '../host/load-config.js';
import type { ModuleOutcome, ModuleTask } from './check-module.js';
import { displayPath } from './report-model.js';

/** What went wrong, as plain data (it crosses from worker threads). */
export interface ModuleFailure {
  message: string;
  stack?: string;
}

/** Longest error text put in a finding: a message can quote a whole input. */
const MAX_MESSAGE_CHARS = 300;

/** The failure an exception describes. */
export function describeFailure(error: unknown): ModuleFailure {
  if (error instanceof Error) return { message: error.message, stack: error.stack };
  return { message: String(error) };
}

/**
 * The outcome of a module whose check threw: one internal-error finding on its first file (the
 * first the user asked about), and with `debug` the stack on stderr.
 */
export function failedModuleOutcome(task: ModuleTask, failure: ModuleFailure, cwd: string, debug: boolean): ModuleOutcome {
  const files = reportedFiles(task);
  const module = displayPath(task.dir, cwd);
  const firstLine = failure.message.split('\n', 1)[0].trim() || 'unknown error';
  const error = firstLine.length > MAX_MESSAGE_CHARS ? `${firstLine.slice(0, MAX_MESSAGE_CHARS)}…` : firstLine;
  const configured = task.settings.rules?.[internalError.id];
  const finding: Finding = {
    ruleId: internalError.id,
    messageId: 'moduleFailed',
    severity: configured && configured !== 'off' ? configured : internalError.severity,
    message: formatMessage(internalError.messages.moduleFailed, { module, error }),
    uri: files[0] ?? task.dir,
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    related: [],
    suggestions: [],
    docsUrl: internalError.docsUrl,
  };
  return {
    findings: configured === 'off' ? [] : [finding],
    fileCount: files.length,
    warnings: debug && failure.stack ? [`aks-netlint: internal error in module ${module}:\n${failure.stack}`] : [],
    calledDirs: [],
    failed: true,
  };
}

/** The module's Terraform files the user asked about, configuration files first, sorted. */
function reportedFiles(task: ModuleTask): string[] {
  let names: string[];
  try {
    names = readdirSync(task.dir).sort();
  } catch {
    return [];
  }
  const only = task.onlyFiles ? new Set(task.onlyFiles) : undefined;
  const wanted = names
    .map((name) => join(task.dir, name))
    .filter((path) => fileRole(path) !== 'other' && (!only || only.has(path)) && !isIgnored(path, task.ignore.baseDir, task.ignore.patterns));
  return [...wanted.filter(isConfigurationFile), ...wanted.filter((path) => !isConfigurationFile(path))];
}
