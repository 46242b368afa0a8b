/**
 * What aks-netlint failed to check: an unexpected exception (a bug, or input that exhausts a limit
 * no budget caught yet). A rule that throws on a cluster becomes a finding on that cluster; a
 * module whose check throws as a whole becomes one on the module's first file (the CLI makes it,
 * module-failure.ts). Either way the failure is seen in every output format and everything else
 * is still checked (issue 16). It has its own id, page and severity setting like a rule, but no
 * check over the model: the finding exists precisely when a check threw.
 */
import { DOCS_BASE } from '../rules/define-rule.js';

export const INTERNAL_ERROR = {
  id: 'internal-error',
  title: 'Modules aks-netlint failed to check',
  severity: 'error',
  messages: {
    moduleFailed:
      "aks-netlint failed to check the module '{{module}}' (internal error: {{error}}): none of its findings are shown. Other modules are checked as usual.",
    ruleFailed: 'aks-netlint failed to check {{subject}} with the rule {{rule}} (internal error: {{error}}): that rule\'s findings for it are not shown. Other rules are checked as usual.',
  },
  docsUrl: `${DOCS_BASE}/internal-error.md`,
} as const;
