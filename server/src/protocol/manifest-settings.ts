/**
 * The `contributes.configuration` of the VS Code manifest, generated from the settings type and
 * the rule registry so that every rule has a severity setting with its title and page.
 * `node --import tsx scripts/update-manifest.ts` writes it into package.json; a test checks it.
 */

export interface RuleInfo {
  id: string;
  title: string;
  severity: string;
  docsUrl: string;
}

export function configurationContribution(rules: readonly RuleInfo[]): Record<string, unknown> {
  const severity = { type: 'string', enum: ['off', 'info', 'warning', 'error'], enumDescriptions: ['Not checked', 'Information', 'Warning', 'Error'] };
  return {
    title: 'AKS NetLint',
    properties: {
      'aksNetlint.enable': {
        type: 'boolean',
        default: true,
        scope: 'resource',
        description: 'Check the network settings of AKS clusters in Terraform files.',
      },
      'aksNetlint.rules': {
        type: 'object',
        default: {},
        scope: 'resource',
        markdownDescription: 'Severity per rule, over the rule\'s own and over `.aks-netlint.json`. `"off"` turns a rule off.',
        properties: Object.fromEntries(
          rules.map((rule) => [rule.id, { ...severity, markdownDescription: `${rule.title} (default: ${rule.severity}). [Rule page](${rule.docsUrl})` }]),
        ),
        additionalProperties: false,
      },
      'aksNetlint.varFiles': {
        type: 'array',
        items: { type: 'string' },
        default: [],
        scope: 'resource',
        markdownDescription: 'Variable files to read as `terraform plan -var-file` would, relative to the workspace folder (e.g. `envs/prod.tfvars`). `terraform.tfvars` and `*.auto.tfvars` are always read.',
      },
      'aksNetlint.reportUnknown': {
        type: 'boolean',
        default: false,
        scope: 'resource',
        description: 'Show a note where a value cannot be known before apply and a check was skipped.',
      },
      'aksNetlint.baseline': {
        type: 'string',
        default: 'HEAD',
        scope: 'resource',
        markdownDescription: 'What a change is compared with: a git ref of the file\'s repository (`HEAD`, a branch such as `origin/main`, a tag or a commit), read without running git. Hover then shows what a changed setting was there, the packet-flow diagram marks what the change alters, and the rules about replacements and refused migrations run. `"off"` compares with nothing.',
      },
      'aksNetlint.trace.server': {
        type: 'string',
        enum: ['off', 'messages', 'verbose'],
        default: 'off',
        scope: 'window',
        description: 'Log the messages between VS Code and the aks-netlint language server in the AKS NetLint output channel.',
      },
    },
  };
}
