/**
 * Checkstyle XML as TFLint writes it (`tflint --format checkstyle`): one `<file>` per file with
 * findings, one `<error>` per finding carrying the rule id, 1-based line and column, severity,
 * message and the rule's page. Jenkins' Warnings NG, reviewdog and GitLab converters read it.
 */
import { toOneBased } from '../../engine/text/positions.js';
import { displayPath, type CliReport } from '../report-model.js';
import { escapeXml } from './xml-text.js';

export function formatCheckstyle(report: CliReport): string {
  const byFile = new Map<string, string[]>();
  for (const f of report.findings) {
    const file = displayPath(f.uri, report.cwd);
    const { line, column } = toOneBased(f.range.start);
    const error = `    <error source="aks-netlint.${escapeXml(f.ruleId)}" rule="${escapeXml(f.ruleId)}" line="${line}" column="${column}" severity="${f.severity}" message="${escapeXml(f.message)}" link="${escapeXml(f.docsUrl)}"/>`;
    byFile.set(file, [...(byFile.get(file) ?? []), error]);
  }
  const files = [...byFile].map(([name, errors]) => `  <file name="${escapeXml(name)}">\n${errors.join('\n')}\n  </file>\n`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<checkstyle version="4.3">\n${files.join('')}</checkstyle>\n`;
}
