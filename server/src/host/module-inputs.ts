/**
 * What decides a module's variable values besides its own files, made in one place for the CLI's
 * check, the diagram command and the language server, so that they agree: the var files of the
 * config file (`.aks-netlint.json` varFiles) and then the user's own (`--var-file`, the editor's
 * `aksNetlint.varFiles`), `--var` values, and `TF_VAR_*` from the environment, in Terraform's
 * precedence (environment < var files in order < --var).
 */
import type { ModuleInput } from '../engine/terraform/module.js';
import type { NetlintConfig } from './load-config.js';
import { regularFileProblem } from './read-regular-file.js';

export interface ModuleInputs {
  /** Absolute paths, lowest precedence first. */
  varFiles: string[];
  cliVars: NonNullable<ModuleInput['cliVars']>;
  envVars: NonNullable<ModuleInput['envVars']>;
}

/** `TF_VAR_<name>` variables of an environment, as Terraform reads them. */
export function envVarsOf(env: Record<string, string | undefined>): ModuleInputs['envVars'] {
  return Object.entries(env).flatMap(([key, value]) => (key.startsWith('TF_VAR_') && value !== undefined ? [{ name: key.slice('TF_VAR_'.length), value }] : []));
}

/**
 * The inputs of a module: the config's var files first, then the user's (absolute paths),
 * `--var` values and the environment's `TF_VAR_*`.
 */
export function moduleInputs(config: NetlintConfig | undefined, user: { varFiles?: string[]; vars?: ModuleInputs['cliVars']; env?: Record<string, string | undefined> }): ModuleInputs {
  return { varFiles: [...(config?.varFiles ?? []), ...(user.varFiles ?? [])], cliVars: user.vars ?? [], envVars: user.env ? envVarsOf(user.env) : [] };
}

/**
 * Why a var file the user named (`--var-file`) cannot be read, as the message of a usage error:
 * checked before any read, since a FIFO would block it and /dev/zero never end. `shown` are the
 * names as the user wrote them.
 */
export function userVarFileProblem(varFiles: readonly string[], shown: readonly string[]): string | undefined {
  for (const [i, file] of varFiles.entries()) {
    const problem = regularFileProblem(file);
    if (problem) return `cannot read var file '${shown[i]}': ${problem}`;
  }
  return undefined;
}

/**
 * Why a var file the config names cannot be read (a FIFO, a device, missing...), as the message
 * of a usage error; undefined when every one is a regular file.
 */
export function configVarFileProblem(config: NetlintConfig | undefined): string | undefined {
  for (const file of config?.varFiles ?? []) {
    const problem = regularFileProblem(file);
    if (problem) return `cannot read var file '${file}' named in ${config!.path}: ${problem}`;
  }
  return undefined;
}
