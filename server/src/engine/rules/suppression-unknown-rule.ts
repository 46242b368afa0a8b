/**
 * A suppression naming a rule that does not exist suppresses nothing: usually a typo.
 */
import { parseSuppressions } from '../analyze/suppressions.js';
import { defineRule } from './define-rule.js';

export default defineRule({
  id: 'suppression-unknown-rule',
  title: 'Suppressions name existing rules',
  severity: 'warning',
  messages: {
    unknownRule: 'aks-netlint has no rule "{{id}}", so this comment suppresses nothing.',
  },
  checkModule({ model }, report) {
    for (const file of model.module.files.values()) {
      for (const suppression of parseSuppressions(file)) {
        for (const { id, range } of suppression.ruleIds) {
          if (!model.knownRuleIds.has(id)) report({ messageId: 'unknownRule', data: { id }, uri: file.uri, range });
        }
      }
    }
  },
});
