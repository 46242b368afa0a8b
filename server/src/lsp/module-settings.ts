/**
 * The settings that apply to one module in the editor: the team's `.aks-netlint.json` (as the CLI
 * reads it) with the user's `aksNetlint.*` editor settings over it. Editor settings are asked for
 * per resource (`workspace/configuration` with the module's URI), so a folder can override them.
 */
import { isAbsolute, resolve } from 'node:path';
import type { AnalysisSettings } from '../engine/analyze/analyze-module.js';
import { ConfigError, findConfigFile, isIgnored, loadConfig, type NetlintConfig } from '../host/load-config.js';
import { moduleInputs } from '../host/module-inputs.js';
import { BASELINE_OFF, DEFAULT_SETTINGS, normalizeSettings, type AksNetlintSettings } from '../protocol/settings.js';

export interface ModuleSettings {
  enable: boolean;
  analysis: AnalysisSettings;
  /** Absolute paths of explicit var files. */
  varFiles: string[];
  /** The git ref a change is compared with (`aksNetlint.baseline`); undefined when it is "off". */
  baseline?: string;
  /** Files the config's ignorePaths exclude: no diagnostics for them. */
  isIgnored: (path: string) => boolean;
  /** Changes whenever any of the above changes (part of the analysis cache key). */
  key: string;
  /** A config file that could not be used, to tell the user once. */
  configError?: string;
}

export interface SettingsSource {
  /** The editor settings for a resource, or undefined when the client cannot answer. */
  editorSettings(scopeUri: string): Promise<unknown>;
  /** The workspace folder holding a path, for relative var files. */
  folderOf(path: string): string | undefined;
}

export class ModuleSettingsCache {
  private readonly cache = new Map<string, Promise<ModuleSettings>>();

  constructor(private readonly source: SettingsSource) {}

  /** Forget everything (editor settings or a config file changed). */
  clear(): void {
    this.cache.clear();
  }

  get(dir: string, scopeUri: string): Promise<ModuleSettings> {
    let settings = this.cache.get(dir);
    if (!settings) {
      settings = this.load(dir, scopeUri);
      this.cache.set(dir, settings);
    }
    return settings;
  }

  private async load(dir: string, scopeUri: string): Promise<ModuleSettings> {
    let editor: AksNetlintSettings = DEFAULT_SETTINGS;
    try {
      editor = normalizeSettings(await this.source.editorSettings(scopeUri));
    } catch {
      // A client without workspace/configuration: the defaults apply (issue 5, item 5).
    }
    let config: NetlintConfig | undefined;
    let configError: string | undefined;
    const configPath = findConfigFile(dir);
    if (configPath) {
      try {
        config = loadConfig(configPath);
      } catch (error) {
        configError = error instanceof ConfigError ? error.message : String(error);
      }
    }
    const base = this.source.folderOf(dir) ?? dir;
    const { varFiles } = moduleInputs(config, { varFiles: editor.varFiles.map((f) => (isAbsolute(f) ? f : resolve(base, f))) });
    const analysis: AnalysisSettings = {
      rules: { ...(config?.rules ?? {}), ...editor.rules },
      reportUnknown: editor.reportUnknown || (config?.reportUnknown ?? false),
    };
    const ignore = config ? { baseDir: config.baseDir, patterns: config.ignorePaths } : undefined;
    const baseline = editor.baseline.toLowerCase() === BASELINE_OFF ? undefined : editor.baseline;
    return {
      enable: editor.enable,
      analysis,
      varFiles,
      ...(baseline ? { baseline } : {}),
      isIgnored: (path) => (ignore ? isIgnored(path, ignore.baseDir, ignore.patterns) : false),
      key: JSON.stringify([editor.enable, analysis, varFiles, ignore, baseline]),
      ...(configError ? { configError } : {}),
    };
  }
}
