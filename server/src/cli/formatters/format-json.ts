/**
 * The JSON output, a documented contract (README "JSON output"): version 1, 1-based lines and
 * columns (UTF-16 code units), paths relative to the working directory.
 */
import type { Range } from '../../engine/text/positions.js';
import { toOneBased } from '../../engine/text/positions.js';
import { countBySeverity, displayPath, type CliReport } from '../report-model.js';

const oneBasedRange = (range: Range) => ({ start: toOneBased(range.start), end: toOneBased(range.end) });

export function formatJson(report: CliReport): string {
  const findings = report.findings.map((f) => ({
    ruleId: f.ruleId,
    severity: f.severity,
    message: f.message,
    file: displayPath(f.uri, report.cwd),
    range: oneBasedRange(f.range),
    docsUrl: f.docsUrl,
    fixable: f.fix !== undefined,
    related: f.related.map((r) => ({ message: r.message, file: displayPath(r.uri, report.cwd), range: oneBasedRange(r.range) })),
    ...(f.calls ? { calls: f.calls } : {}),
  }));
  const { errors, warnings, infos } = countBySeverity(report.findings);
  const baselines = report.baselines ? { baselines: report.baselines } : {};
  return `${JSON.stringify({ version: 1, ...baselines, findings, summary: { files: report.fileCount, errors, warnings, infos } }, null, 2)}\n`;
}
