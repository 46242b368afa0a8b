/**
 * Engine values to LSP types. The engine speaks file system paths and 0-based UTF-16 ranges (the
 * LSP default encoding), so ranges pass through; paths become the URI the client knows the file
 * by: its own spelling for open buffers, VS Code's canonical one for the rest.
 */
import { DiagnosticSeverity, DiagnosticTag, type Diagnostic, type DiagnosticRelatedInformation } from 'vscode-languageserver/node';
import { URI } from 'vscode-uri';
import type { Finding, Severity } from '../engine/analyze/findings.js';

/** Maps engine paths to client URIs and back. */
export class UriMapper {
  private readonly clientUris = new Map<string, string>();

  /** The path of a client URI (non-file URIs stand for themselves). */
  toPath(uri: string): string {
    const parsed = URI.parse(uri);
    return parsed.scheme === 'file' ? parsed.fsPath : uri;
  }

  /** Remembers how the client spells an open document's URI. */
  remember(uri: string): string {
    const path = this.toPath(uri);
    this.clientUris.set(path, uri);
    return path;
  }

  forget(uri: string): void {
    this.clientUris.delete(this.toPath(uri));
  }

  toUri(path: string): string {
    return this.clientUris.get(path) ?? (path.includes('://') || path.startsWith('untitled:') ? path : URI.file(path).toString());
  }
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

export interface DiagnosticOptions {
  relatedInformation: boolean;
  codeDescription: boolean;
}

/** One finding as a diagnostic; `data` lets a code action find its finding again. */
export function toDiagnostic(finding: Finding, uris: UriMapper, options: DiagnosticOptions): Diagnostic {
  const related: DiagnosticRelatedInformation[] = finding.related.map((r) => ({
    location: { uri: uris.toUri(r.uri), range: r.range },
    message: r.message,
  }));
  return {
    range: finding.range,
    severity: SEVERITY[finding.severity],
    source: 'aks-netlint',
    code: finding.ruleId,
    ...(options.codeDescription ? { codeDescription: { href: finding.docsUrl } } : {}),
    // Without related information the other side would be lost: name it in the message instead.
    message: options.relatedInformation || related.length === 0 ? finding.message : `${finding.message}\n${finding.related.map((r) => `- ${r.message} (${describeLocation(r.uri, r.range.start.line)})`).join('\n')}`,
    ...(options.relatedInformation && related.length > 0 ? { relatedInformation: related } : {}),
    ...(finding.tags?.includes('deprecated') ? { tags: [DiagnosticTag.Deprecated] } : {}),
  };
}

function describeLocation(path: string, line: number): string {
  return `${path.split(/[\\/]/).pop()}:${line + 1}`;
}
