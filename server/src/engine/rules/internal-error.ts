/**
 * A module aks-netlint failed to check: an unexpected exception (a bug, or input that exhausts a
 * limit no budget caught yet). The adapters report it as a finding on the module's first file, so
 * the failure is seen in every output format and the other modules are still checked (issue 16).
 * No check runs over the model: the finding exists precisely when building or checking the model
 * threw; the adapters make it with `formatMessage` from these messages.
 */
import { defineRule } from './define-rule.js';

export default defineRule({
  id: 'internal-error',
  title: 'Modules aks-netlint failed to check',
  severity: 'error',
  messages: {
    moduleFailed:
      "aks-netlint failed to check the module '{{module}}' (internal error: {{error}}): none of its findings are shown. Other modules are checked as usual.",
  },
});
