/**
 * Terraform reads configuration as UTF-8 text; a binary or non-UTF-8 `.tf` file stops
 * `terraform init`. The other files of the module are still checked.
 */
import { defineFileCheck } from './define-file-check.js';

const ORIGIN = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

export default defineFileCheck({
  id: 'file-not-text',
  title: 'Terraform files are readable UTF-8 text',
  severity: 'error',
  messages: {
    binary: 'This file holds binary data, not Terraform text: Terraform cannot read it, and aks-netlint skipped it.',
    invalidUtf8: 'This file is not valid UTF-8: Terraform cannot read it, and aks-netlint skipped it.',
    unreadable: 'This file could not be read ({{detail}}): aks-netlint skipped it.',
  },
  check({ module }, report) {
    for (const skipped of module.skipped) {
      if (skipped.reason === 'binary') report({ messageId: 'binary', uri: skipped.uri, range: ORIGIN });
      if (skipped.reason === 'invalid-utf8') report({ messageId: 'invalidUtf8', uri: skipped.uri, range: ORIGIN });
      if (skipped.reason === 'unreadable') report({ messageId: 'unreadable', data: { detail: skipped.detail ?? 'unknown error' }, uri: skipped.uri, range: ORIGIN });
    }
  },
});
