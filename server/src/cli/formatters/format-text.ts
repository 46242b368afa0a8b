/**
 * `file:line:col severity rule-id message`, one finding per line (1-based, UTF-16 columns as
 * editors count them), then a summary line unless `quiet`. Colour only on a terminal and without
 * NO_COLOR.
 */
import { toOneBased } from '../../engine/text/positions.js';
import { countBySeverity, displayPath, type CliReport } from '../report-model.js';

const COLOURS = { error: '\x1b[31m', warning: '\x1b[33m', info: '\x1b[36m', dim: '\x1b[2m', bold: '\x1b[1m', reset: '\x1b[0m' };

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function formatText(report: CliReport, colour: boolean, quiet = false): string {
  const paint = (code: string, text: string) => (colour ? `${code}${text}${COLOURS.reset}` : text);
  const lines = report.findings.map((f) => {
    const { line, column } = toOneBased(f.range.start);
    const location = paint(COLOURS.bold, `${displayPath(f.uri, report.cwd)}:${line}:${column}`);
    return `${location} ${paint(COLOURS[f.severity], f.severity)} ${paint(COLOURS.dim, f.ruleId)} ${f.message}`;
  });
  if (quiet) return lines.map((line) => `${line}\n`).join('');
  const { errors, warnings, infos } = countBySeverity(report.findings);
  const files = plural(report.fileCount, 'file');
  if (report.findings.length === 0) {
    lines.push(`No problems found in ${files}.`);
  } else {
    const fixable = report.findings.filter((f) => f.fix).length;
    const hint = fixable > 0 ? ` ${plural(fixable, 'finding')} can be fixed with --fix.` : '';
    lines.push(
      `${plural(report.findings.length, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')}, ${infos} info) in ${files}.${hint}`,
    );
  }
  return `${lines.join('\n')}\n`;
}
