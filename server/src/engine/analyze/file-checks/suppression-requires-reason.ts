/**
 * A suppression says why: `# aks-netlint-ignore <rule-id> -- <reason>`. One without a reason
 * still suppresses, and is reported so that reviewers see it.
 */
import { parseSuppressions } from '../suppressions.js';
import { defineFileCheck } from './define-file-check.js';

export default defineFileCheck({
  id: 'suppression-requires-reason',
  title: 'Suppressions give a reason',
  severity: 'warning',
  messages: {
    missingReason: 'This aks-netlint-ignore comment gives no reason: write "# aks-netlint-ignore <rule-id> -- <why this is safe here>".',
    missingRule: 'This aks-netlint-ignore comment names no rule: write "# aks-netlint-ignore <rule-id> -- <reason>".',
  },
  check({ module }, report) {
    for (const file of module.files.values()) {
      for (const suppression of parseSuppressions(file)) {
        if (suppression.ruleIds.length === 0) report({ messageId: 'missingRule', uri: file.uri, range: suppression.range });
        else if (!suppression.reason) report({ messageId: 'missingReason', uri: file.uri, range: suppression.range });
      }
    }
  },
});
