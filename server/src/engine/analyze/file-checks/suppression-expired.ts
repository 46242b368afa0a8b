/**
 * A suppression may carry an expiry, `# aks-netlint-ignore <rule-id> -- <reason> (until
 * 2027-03-31)`, as tfsec's `:exp:`: an exception granted until a migration is due. After that day
 * it stops suppressing, so the finding is back, and this check says why on the comment, naming
 * the date. A date that is not a real YYYY-MM-DD day never expires, and is reported too.
 */
import { hasExpired, parseSuppressions } from '../suppressions.js';
import { defineFileCheck } from './define-file-check.js';

export default defineFileCheck({
  id: 'suppression-expired',
  title: 'Suppressions with an expiry date stop suppressing after it',
  severity: 'warning',
  messages: {
    expired: 'This aks-netlint-ignore comment expired on {{date}}: {{ids}} {{verb}} reported again. Fix the finding, or give a new date with the reason it is still needed.',
    invalidDate: '"{{date}}" is not a date: write (until YYYY-MM-DD), for example (until 2027-03-31). Until then this suppression never expires.',
  },
  check({ module, today }, report) {
    for (const file of module.files.values()) {
      for (const suppression of parseSuppressions(file)) {
        const { until } = suppression;
        if (!until) continue;
        if (!until.valid) {
          report({ messageId: 'invalidDate', data: { date: until.date }, uri: file.uri, range: until.range });
        } else if (hasExpired(suppression, today)) {
          const ids = suppression.ruleIds.map((r) => r.id);
          report({ messageId: 'expired', data: { date: until.date, ids: ids.join(', ') || 'its rules', verb: ids.length === 1 ? 'is' : 'are' }, uri: file.uri, range: until.range });
        }
      }
    }
  },
});
