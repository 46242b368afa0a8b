/**
 * SARIF 2.1.0 for code scanning (GitHub, Azure DevOps): every rule in the driver, every finding a
 * result with its region (1-based, UTF-16 columns), related locations, and safe fixes as
 * replacements. Paths are relative to the working directory under uriBaseId %SRCROOT%.
 */
import type { Finding, Severity } from '../../engine/analyze/findings.js';
import { CHECKS } from '../../engine/analyze/checks.js';
import type { Range } from '../../engine/text/positions.js';
import { toOneBased } from '../../engine/text/positions.js';
import { displayPath, type CliReport } from '../report-model.js';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

const region = (range: Range) => {
  const start = toOneBased(range.start);
  const end = toOneBased(range.end);
  return { startLine: start.line, startColumn: start.column, endLine: end.line, endColumn: end.column };
};

export function formatSarif(report: CliReport, version: string): string {
  const ruleIndex = new Map(CHECKS.map((rule, i) => [rule.id, i]));
  const location = (uri: string, range: Range) => ({
    artifactLocation: { uri: encodeURI(displayPath(uri, report.cwd)), uriBaseId: '%SRCROOT%' },
    region: region(range),
  });
  const result = (f: Finding) => ({
    ruleId: f.ruleId,
    ruleIndex: ruleIndex.get(f.ruleId) ?? -1,
    level: LEVEL[f.severity],
    message: { text: f.message },
    locations: [{ physicalLocation: location(f.uri, f.range) }],
    ...(f.related.length > 0
      ? { relatedLocations: f.related.map((r, id) => ({ id, physicalLocation: location(r.uri, r.range), message: { text: r.message } })) }
      : {}),
    ...(f.fix
      ? {
          fixes: [
            {
              description: { text: f.fix.title },
              artifactChanges: groupByFile(f.fix.edits).map(([uri, edits]) => ({
                artifactLocation: { uri: encodeURI(displayPath(uri, report.cwd)), uriBaseId: '%SRCROOT%' },
                replacements: edits.map((e) => ({ deletedRegion: region(e.range), insertedContent: { text: e.newText } })),
              })),
            },
          ],
        }
      : {}),
  });
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'aks-netlint',
            version,
            informationUri: 'https://github.com/aks-netlint/aks-netlint',
            rules: CHECKS.map((rule) => ({
              id: rule.id,
              name: rule.id.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase()),
              shortDescription: { text: rule.title },
              helpUri: rule.docsUrl,
              defaultConfiguration: { level: LEVEL[rule.severity] },
            })),
          },
        },
        columnKind: 'utf16CodeUnits',
        results: report.findings.map(result),
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}

function groupByFile<T extends { uri: string }>(items: readonly T[]): [string, T[]][] {
  const map = new Map<string, T[]>();
  for (const item of items) map.set(item.uri, [...(map.get(item.uri) ?? []), item]);
  return [...map];
}
