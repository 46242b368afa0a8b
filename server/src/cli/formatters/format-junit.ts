/**
 * JUnit XML as CI systems read test reports (GitLab's junit artifact, Azure Pipelines'
 * PublishTestResults, Jenkins): one test case per finding, named for the rule and place, failed
 * with the message; a run without findings is one passing case, so the report shows a pass
 * rather than an empty suite.
 */
import { toOneBased } from '../../engine/text/positions.js';
import { displayPath, type CliReport } from '../report-model.js';
import { escapeXml } from './xml-text.js';

export function formatJunit(report: CliReport): string {
  const cases = report.findings.map((f) => {
    const file = displayPath(f.uri, report.cwd);
    const { line, column } = toOneBased(f.range.start);
    const where = `${file}:${line}:${column}`;
    const body = `${where} ${f.severity} ${f.ruleId}: ${f.message}\n${f.docsUrl}`;
    return (
      `    <testcase classname="${escapeXml(file)}" name="${escapeXml(`${f.ruleId} at ${where}`)}" file="${escapeXml(file)}" line="${line}" time="0">\n` +
      `      <failure type="${f.severity}" message="${escapeXml(f.message)}">${escapeXml(body)}</failure>\n` +
      `    </testcase>\n`
    );
  });
  if (cases.length === 0) cases.push(`    <testcase classname="aks-netlint" name="${report.fileCount} files checked" time="0"/>\n`);
  const tests = Math.max(report.findings.length, 1);
  const failures = report.findings.length;
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="aks-netlint" tests="${tests}" failures="${failures}" errors="0" time="0">\n` +
    `  <testsuite name="aks-netlint" tests="${tests}" failures="${failures}" errors="0" skipped="0" time="0">\n${cases.join('')}  </testsuite>\n</testsuites>\n`
  );
}
