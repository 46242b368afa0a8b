/**
 * Files over 5 MB are not analysed, to keep the editor responsive; the rest of the module is.
 */
import { defineFileCheck } from './define-file-check.js';

const ORIGIN = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

export default defineFileCheck({
  id: 'file-too-large',
  title: 'Files over 5 MB are skipped',
  severity: 'warning',
  messages: {
    tooLarge: 'This file is {{size}} MB, over the 5 MB aks-netlint analyses: it was skipped, so clusters it declares are not checked.',
  },
  check({ module }, report) {
    for (const skipped of module.skipped) {
      if (skipped.reason !== 'too-large') continue;
      report({ messageId: 'tooLarge', data: { size: ((skipped.size ?? 0) / 1048576).toFixed(1) }, uri: skipped.uri, range: ORIGIN });
    }
  },
});
