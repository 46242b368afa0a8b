/**
 * The command line: `aks-netlint [paths...] [--format text|json|sarif] [--fix] [--var-file f]
 * [--var k=v] [--config f] [--report-unknown] [--plan plan.json]`. Bad usage is a UsageError (exit 2).
 */
import { parseArgs } from 'node:util';

export type OutputFormat = 'text' | 'json' | 'sarif';

export interface CliOptions {
  paths: string[];
  format: OutputFormat;
  fix: boolean;
  varFiles: string[];
  vars: { name: string; value: string }[];
  config?: string;
  /** `--plan`: a `terraform show -json` plan; `paths` is then its root module's directory, or empty. */
  plan?: string;
  reportUnknown: boolean;
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
  --format text|json|sarif  output format (default: text)
  --fix                     apply safe fixes and rewrite the files that change
  --var-file <file>         a Terraform var file, as terraform -var-file (repeatable)
  --var <name=value>        a variable value, as terraform -var (repeatable)
  --config <file>           config file (default: the nearest .aks-netlint.json)
  --plan <file>             check a plan in JSON (terraform show -json) instead of the files alone
  --report-unknown          add "not checked" notes for values unknown before apply
  --color / --no-color      force colour on or off (default: on for a terminal)
  --debug                   print stack traces of internal errors
  -h, --help                show this help
  -v, --version             print the version

Exit codes: 0 no error findings, 1 error findings, 2 usage error or unreadable input.
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
        'report-unknown': { type: 'boolean' },
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
  if (format !== 'text' && format !== 'json' && format !== 'sarif') {
    throw new UsageError(`unknown format '${format}' (expected text, json or sarif)`);
  }
  const vars = (values.var ?? []).map((assignment) => {
    const eq = assignment.indexOf('=');
    if (eq <= 0) throw new UsageError(`--var '${assignment}' must be name=value`);
    return { name: assignment.slice(0, eq), value: assignment.slice(eq + 1) };
  });
  if (values.plan !== undefined) {
    if (positionals.length > 1) throw new UsageError(`--plan takes one root module directory, not ${positionals.length} paths`);
    if (values.fix) throw new UsageError('--fix cannot be used with --plan: the plan would no longer match the files');
  }
  return {
    paths: positionals.length > 0 || values.plan !== undefined ? positionals : ['.'],
    format,
    fix: values.fix ?? false,
    varFiles: values['var-file'] ?? [],
    vars,
    config: values.config,
    ...(values.plan !== undefined ? { plan: values.plan } : {}),
    reportUnknown: values['report-unknown'] ?? false,
    color: values['no-color'] ? false : values.color,
    debug: values.debug ?? false,
    help: values.help ?? false,
    version: values.version ?? false,
  };
}
