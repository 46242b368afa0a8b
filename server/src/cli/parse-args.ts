/**
 * The command line: `aks-netlint [paths...] [--format text|json|sarif|checkstyle|junit] [--fix]
 * [--var-file f] [--var k=v] [--config f] [--report-unknown] [--plan plan.json] [--baseline ref]`, and the options
 * CI scripts know from TFLint and Trivy (--minimum-failure-severity, --enable-rule/--disable-rule,
 * --chdir, --quiet, --no-color). Bad usage is a UsageError (exit 2).
 */
import { parseArgs } from 'node:util';
import { CHECK_IDS } from '../engine/analyze/checks.js';
import type { Severity } from '../engine/analyze/findings.js';

export const OUTPUT_FORMATS = ['text', 'json', 'sarif', 'checkstyle', 'junit'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

export interface CliOptions {
  paths: string[];
  format: OutputFormat;
  fix: boolean;
  varFiles: string[];
  vars: { name: string; value: string }[];
  config?: string;
  /** `--plan`: a `terraform show -json` plan; `paths` is then its root module's directory, or empty. */
  plan?: string;
  /** `--baseline`: the git ref the files are compared with (what the change alters). */
  baseline?: string;
  reportUnknown: boolean;
  /** The least severe finding that makes the exit code 1 (default: error). */
  minimumFailureSeverity: Severity;
  /** `--enable-rule`: rules turned back on where the config turns them off. */
  enableRules: string[];
  /** `--disable-rule`: rules turned off, whatever the config says. */
  disableRules: string[];
  /** `--chdir`: the directory paths and the config are relative to, as terraform -chdir. */
  chdir?: string;
  /** `--quiet`: findings only, no summary line. */
  quiet: boolean;
  color?: boolean;
  debug: boolean;
  help: boolean;
  version: boolean;
}

export class UsageError extends Error {}

export const USAGE = `Usage: aks-netlint [paths...] [options]
       aks-netlint --plan <plan.json> [root module directory] [options]
       aks-netlint diagram [path] [--cluster name] [--format mermaid|markdown] [--view v]

Checks the network settings of AKS clusters in Terraform modules (azurerm and azapi).
Paths are module directories (searched recursively, skipping .terraform/) or files; default ".".
\`diagram\` prints how packets flow through one cluster (aks-netlint diagram --help).
With --plan, checks what a plan will apply (terraform show -json tfplan > plan.json): its azurerm
and azapi clusters and node pools in every module instance, registry modules included; given the
root module's directory too, findings point at the lines that produced the values.

Options:
  --format <format>         text, json, sarif, checkstyle or junit (default: text)
  --fix                     apply safe fixes and rewrite the files that change
  --var-file <file>         a Terraform var file, as terraform -var-file (repeatable)
  --var <name=value>        a variable value, as terraform -var (repeatable)
  --config <file>           config file (default: the nearest .aks-netlint.json)
  --plan <file>             check a plan in JSON (terraform show -json) instead of the files alone
  --baseline <ref>          compare with the files committed at a git ref (HEAD, origin/main, a
                            tag or commit): what the change replaces or the AKS API refuses
  --report-unknown          add "not checked" notes for values unknown before apply
  --minimum-failure-severity error|warning|info
                            the least severe finding that fails the run, exit 1 (default: error)
  --enable-rule <id>        turn on a rule the config turns off (repeatable)
  --disable-rule <id>       turn a rule off (repeatable)
  --chdir <dir>             switch to <dir> first, as terraform -chdir: paths, --config,
                            --var-file and --plan are relative to it
  -q, --quiet               print the findings only, no summary line
  --color / --no-color      force colour on or off (default: on for a terminal without NO_COLOR)
  --debug                   print stack traces of internal errors
  -h, --help                show this help
  -v, --version             print the version

Exit codes: 0 no findings at the failure severity (error unless --minimum-failure-severity says
otherwise), 1 such findings, 2 usage error or unreadable input.
`;

export function parseCliArgs(argv: string[]): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', short: 'f' },
        fix: { type: 'boolean' },
        'var-file': { type: 'string', multiple: true },
        var: { type: 'string', multiple: true },
        config: { type: 'string', short: 'c' },
        plan: { type: 'string' },
        baseline: { type: 'string' },
        'report-unknown': { type: 'boolean' },
        'minimum-failure-severity': { type: 'string' },
        'enable-rule': { type: 'string', multiple: true },
        'disable-rule': { type: 'string', multiple: true },
        chdir: { type: 'string' },
        quiet: { type: 'boolean', short: 'q' },
        color: { type: 'boolean' },
        'no-color': { type: 'boolean' },
        debug: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    throw new UsageError(((error as Error).message.split('\n')[0] ?? 'invalid arguments').replace(/\. To specify.*$/, ''));
  }
  const { values, positionals } = parsed;
  const format = values.format ?? 'text';
  if (!isOutputFormat(format)) throw new UsageError(`unknown format '${format}' (expected text, json, sarif, checkstyle or junit)`);
  const minimum = values['minimum-failure-severity'] ?? 'error';
  if (!SEVERITIES.includes(minimum as Severity)) throw new UsageError(`unknown severity '${minimum}' for --minimum-failure-severity (expected error, warning or info)`);
  const enableRules = ruleIds(values['enable-rule'], '--enable-rule');
  const disableRules = ruleIds(values['disable-rule'], '--disable-rule');
  const both = enableRules.find((id) => disableRules.includes(id));
  if (both) throw new UsageError(`rule '${both}' is both enabled and disabled`);
  if (values.chdir === '') throw new UsageError('--chdir needs a directory');
  const vars = (values.var ?? []).map((assignment) => {
    const eq = assignment.indexOf('=');
    if (eq <= 0) throw new UsageError(`--var '${assignment}' must be name=value`);
    return { name: assignment.slice(0, eq), value: assignment.slice(eq + 1) };
  });
  if (values.plan !== undefined) {
    if (positionals.length > 1) throw new UsageError(`--plan takes one root module directory, not ${positionals.length} paths`);
    if (values.fix) throw new UsageError('--fix cannot be used with --plan: the plan would no longer match the files');
    if (values.baseline !== undefined) throw new UsageError("--baseline cannot be used with --plan: the plan's prior state is the baseline");
  }
  if (values.baseline !== undefined && values.baseline.trim() === '') throw new UsageError('--baseline needs a git ref (HEAD, a branch, a tag or a commit)');
  return {
    paths: positionals.length > 0 || values.plan !== undefined ? positionals : ['.'],
    format,
    fix: values.fix ?? false,
    varFiles: values['var-file'] ?? [],
    vars,
    config: values.config,
    ...(values.plan !== undefined ? { plan: values.plan } : {}),
    ...(values.baseline !== undefined ? { baseline: values.baseline } : {}),
    reportUnknown: values['report-unknown'] ?? false,
    minimumFailureSeverity: minimum as Severity,
    enableRules,
    disableRules,
    ...(values.chdir !== undefined ? { chdir: values.chdir } : {}),
    quiet: values.quiet ?? false,
    color: values['no-color'] ? false : values.color,
    debug: values.debug ?? false,
    help: values.help ?? false,
    version: values.version ?? false,
  };
}

const isOutputFormat = (format: string): format is OutputFormat => (OUTPUT_FORMATS as readonly string[]).includes(format);

/** The ids given to a rule option; an id no check has is a typo the run would silently ignore. */
function ruleIds(ids: string[] | undefined, option: string): string[] {
  for (const id of ids ?? []) {
    if (!CHECK_IDS.has(id)) throw new UsageError(`${option}: unknown rule '${id}' (the rules are listed in docs/rules/README.md)`);
  }
  return ids ?? [];
}
