/**
 * Reads a `terraform show -json` plan file for the CLI: a regular file only, under a cap (a plan
 * of a few hundred clusters is a few megabytes; the cap bounds a wrong path to a huge file), read
 * by the engine's plan reader. Every problem is one sentence for the CLI's usage line.
 */
import { readPlanJson, PlanFormatError, type PlanDocument } from '../engine/terraform/plan-json.js';
import { readRegularFile } from './read-regular-file.js';

/** The largest plan file read. */
export const MAX_PLAN_BYTES = 256 * 1024 * 1024;

/** The plan at `path`, or why it cannot be read (`shown` is how the user wrote the path). */
export function readPlanFile(path: string, shown: string): PlanDocument | { problem: string } {
  const read = readRegularFile(path, MAX_PLAN_BYTES);
  if ('refused' in read) return { problem: `cannot read plan '${shown}': ${read.refused}` };
  if ('error' in read) return { problem: `cannot read plan '${shown}': ${read.error}` };
  if ('tooLarge' in read) return { problem: `plan '${shown}' is larger than ${MAX_PLAN_BYTES / 1024 / 1024} MB` };
  // terraform show -json writes UTF-8; a BOM (PowerShell redirection) is not part of the JSON.
  const text = read.bytes.toString('utf8').replace(/^\uFEFF/, '');
  try {
    return readPlanJson(path, text);
  } catch (error) {
    if (error instanceof PlanFormatError) return { problem: `plan '${shown}' is ${error.message}` };
    throw error;
  }
}
