/**
 * A suppression naming a rule that does not exist suppresses nothing: usually a typo.
 */
import { parseSuppressions } from '../suppressions.js';
import { defineFileCheck } from './define-file-check.js';

export default defineFileCheck({
  id: 'suppression-unknown-rule',
  title: 'Suppressions name existing rules',
  severity: 'warning',
  messages: {
    unknownRule: 'aks-netlint has no rule "{{id}}", so this comment suppresses nothing.',
  },
  check({ module, knownIds }, report) {
    for (const file of module.files.values()) {
      for (const suppression of parseSuppressions(file)) {
        for (const { id, range } of suppression.ruleIds) {
          if (!knownIds.has(id)) report({ messageId: 'unknownRule', data: { id }, uri: file.uri, range });
        }
      }
    }
  },
});
