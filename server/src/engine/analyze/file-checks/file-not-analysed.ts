/**
 * A file that ran into one of the limits on what one file may cost (its parse took too long, or
 * it nests deeper than aks-netlint follows) is not analysed; the rest of the module is. Its
 * clusters are not checked, so silence about them is not a pass (engine/syntax/parse-limits.ts).
 */
import { defineFileCheck } from './define-file-check.js';

const ORIGIN = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

export default defineFileCheck({
  id: 'file-not-analysed',
  title: 'Input past a limit is not analysed',
  severity: 'warning',
  messages: {
    notAnalysed: 'This file was not analysed: {{reason}}. Clusters it declares are not checked.',
    partlyEvaluated: 'Part of this module was not evaluated: {{reason}}. Settings whose value depends on it are not checked.',
  },
  check({ module, limitsReached }, report) {
    // An evaluation limit is reported once, where it was first reached; its values are Unknown.
    for (const [reason, where] of limitsReached) report({ messageId: 'partlyEvaluated', data: { reason }, uri: where.uri, range: where.range });
    for (const file of module.files.values()) {
      if (file.notAnalysed) report({ messageId: 'notAnalysed', data: { reason: file.notAnalysed.reason }, uri: file.uri, range: ORIGIN });
    }
  },
});
