/**
 * Syntax errors. HashiCorp's own HCL parser (hcl2json) is the authority when the host ran it;
 * otherwise the error-tolerant tree-sitter parse says where it stopped making sense
 * (DESIGN.md §4 "Parser"). Terraform refuses the whole module on any of them.
 */
import { defineFileCheck } from './define-file-check.js';

export default defineFileCheck({
  id: 'hcl-syntax',
  title: 'The file parses as HCL',
  severity: 'error',
  messages: {
    syntax: '{{message}}',
    partialRead:
      "aks-netlint's parser could not read this part, which HashiCorp's parser accepts ({{message}}): settings after it in this file may be unchecked.",
  },
  check({ module, hclErrors }, report) {
    for (const file of module.files.values()) {
      const authoritative = hclErrors.get(file.uri);
      if (authoritative && file.format === 'hcl') {
        // HCL accepts what tree-sitter could not read (e.g. `1e3`): say what may be unchecked.
        const [first] = file.problems;
        if (authoritative.length === 0 && first) {
          report({ messageId: 'partialRead', data: { message: first.message }, uri: file.uri, range: first.range, severity: 'info' });
        }
        for (const error of authoritative) {
          const start = file.lines.fromHclPos(error.start.line, error.start.column);
          const end = file.lines.fromHclPos(error.end.line, error.end.column);
          report({ messageId: 'syntax', data: { message: error.message }, uri: file.uri, range: { start, end } });
        }
        continue;
      }
      for (const problem of file.problems) {
        report({ messageId: 'syntax', data: { message: problem.message }, uri: file.uri, range: problem.range });
      }
    }
  },
});
