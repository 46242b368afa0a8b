/**
 * SARIF 2.1.0 for code scanning (GitHub, Azure DevOps): every rule in the driver, every finding a
 * result with its region (1-based, UTF-16 columns), related locations, and safe fixes as
 * replacements. Paths are relative to the working directory under uriBaseId %SRCROOT%. Results
 * carry partialFingerprints (sarif-fingerprint.ts) and rules their page as help.markdown.
 */
import type { Finding, Severity } from '../../engine/analyze/findings.js';
import { CHECKS } from '../../engine/analyze/checks.js';
import type { Range } from '../../engine/text/positions.js';
import { toOneBased } from '../../engine/text/positions.js';
import { displayPath, type CliReport } from '../report-model.js';
import { FINGERPRINT_KEY, fingerprints } from './sarif-fingerprint.js';

/** What SARIF adds from outside the findings; both default to nothing (tests of the shape). */
export interface SarifSources {
  /** A file's text, for fingerprints; undefined if it cannot be read. */
  source?: (uri: string) => string | undefined;
  /** A rule's docs page (docs/rules/<id>.md), undefined when the docs are not installed. */
  ruleDoc?: (id: string) => string | undefined;
}

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

const region = (range: Range) => {
  const start = toOneBased(range.start);
  const end = toOneBased(range.end);
  return { startLine: start.line, startColumn: start.column, endLine: end.line, endColumn: end.column };
};

export function formatSarif(report: CliReport, version: string, sources: SarifSources = {}): string {
  const prints = fingerprints(report.findings, (uri) => displayPath(uri, report.cwd), sources.source ?? (() => undefined));
  const ruleDoc = sources.ruleDoc ?? (() => undefined);
  const ruleIndex = new Map(CHECKS.map((rule, i) => [rule.id, i]));
  const location = (uri: string, range: Range) => ({
    artifactLocation: { uri: encodeURI(displayPath(uri, report.cwd)), uriBaseId: '%SRCROOT%' },
    region: region(range),
  });
  const result = (f: Finding, i: number) => ({
    ruleId: f.ruleId,
    ruleIndex: ruleIndex.get(f.ruleId) ?? -1,
    level: LEVEL[f.severity],
    message: { text: f.message },
    locations: [{ physicalLocation: location(f.uri, f.range) }],
    partialFingerprints: { [FINGERPRINT_KEY]: prints[i] },
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
              help: {
                text: `${rule.title}: ${rule.docsUrl}`,
                markdown: withAbsoluteLinks(ruleDoc(rule.id), rule.docsUrl) ?? `**${rule.title}.** See [${rule.id}](${rule.docsUrl}).`,
              },
              defaultConfiguration: { level: LEVEL[rule.severity] },
            })),
          },
        },
        columnKind: 'utf16CodeUnits',
        results: report.findings.map(result),
        // What the files were compared with: not the revision analysed (versionControlProvenance),
        // so it goes in the run's property bag.
        ...(report.baselines ? { properties: { baselines: report.baselines } } : {}),
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

/** Code scanning shows the page away from docs/rules/, so its relative links are made absolute. */
function withAbsoluteLinks(markdown: string | undefined, pageUrl: string): string | undefined {
  return markdown?.replace(/\]\((?![a-z]+:|#)([^)\s]+)\)/g, (_, target: string) => `](${new URL(target, pageUrl).href})`);
}
