/**
 * "Not checked" for a whole module call (issue "Every form the cluster takes", point 4): a call
 * whose code aks-netlint cannot read (a registry or git module `terraform init` has not
 * installed and that is none of the Microsoft AKS modules it knows, a recursive call, a tree past
 * its bounds) may create clusters no rule sees. Like value-unknown, it is said only on request
 * (`--report-unknown`), once per call, on its `source`.
 */
import { defineFileCheck } from './define-file-check.js';

export default defineFileCheck({
  id: 'module-not-read',
  title: 'Module calls that could not be read',
  severity: 'info',
  messages: {
    notRead: 'Not checked: {{reason}}.',
  },
  check({ unreadCalls, reportUnknown }, report) {
    if (!reportUnknown) return;
    for (const call of unreadCalls) report({ messageId: 'notRead', data: { reason: call.reason }, uri: call.uri, range: call.range });
  },
});
