/**
 * The one typed accessor for the extension's settings (contributes.configuration in package.json,
 * generated from rule metadata by scripts/gen-settings.ts). Settings lie on top of the
 * `.impact-notes.yaml` chain: a severity set here beats the file's.
 */
import * as vscode from 'vscode';
import type { Config, MarkerConfig, RuleConfig } from '../core/config';
import type { SeveritySetting } from '../core/types';

export const SECTION = 'impactNotes';

export type RunMode = 'onType' | 'onSave';

export interface Settings {
  /** Lint while typing (debounced) or only when a file is saved. */
  run: RunMode;
  /** Delay after the last keystroke before linting, in milliseconds. */
  debounceMs: number;
  /** Rule severities that override .impact-notes.yaml. */
  rules: Record<string, SeveritySetting>;
  /** Warning rules that block release readiness as errors do. */
  readinessBlockingWarnings: string[];
  /** Artifact markers (globs) used to find research artifacts; empty = the configuration file's or the defaults. */
  markers: MarkerConfig;
}

const SEVERITIES: readonly string[] = ['error', 'warning', 'info', 'off'];
export const DEFAULT_DEBOUNCE_MS = 300;

function stringList(v: unknown): string[] | undefined {
  return Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : undefined;
}

export function readSettings(scope?: vscode.ConfigurationScope): Settings {
  const c = vscode.workspace.getConfiguration(SECTION, scope);
  const run = c.get<string>('run') === 'onSave' ? 'onSave' : 'onType';
  const rawDebounce = c.get<number>('debounceMs');
  const debounceMs = typeof rawDebounce === 'number' && rawDebounce >= 0 ? Math.min(rawDebounce, 10000) : DEFAULT_DEBOUNCE_MS;
  const rules: Record<string, SeveritySetting> = {};
  const rawRules = c.get<unknown>('rules');
  if (rawRules && typeof rawRules === 'object' && !Array.isArray(rawRules)) {
    for (const [name, sev] of Object.entries(rawRules as Record<string, unknown>)) {
      if (typeof sev === 'string' && SEVERITIES.includes(sev)) rules[name] = sev as SeveritySetting;
    }
  }
  const markers: MarkerConfig = {};
  for (const k of ['weights', 'datasets', 'training'] as const) {
    const v = stringList(c.get<unknown>(`markers.${k}`));
    if (v && v.length) markers[k] = v;
  }
  return {
    run,
    debounceMs,
    rules,
    readinessBlockingWarnings: stringList(c.get<unknown>('readiness.blockingWarnings')) ?? [],
    markers,
  };
}

/** Lays the settings on top of a configuration from .impact-notes.yaml files. */
export function applySettings(config: Config, settings: Settings): Config {
  const rules: Record<string, RuleConfig> = { ...config.rules };
  for (const [name, severity] of Object.entries(settings.rules)) {
    rules[name] = { severity, options: { ...(config.rules[name]?.options ?? {}) } };
  }
  return { ...config, rules, markers: { ...config.markers, ...settings.markers } };
}

/** Whether a configuration change touches settings that change lint results. */
export function affectsLinting(e: vscode.ConfigurationChangeEvent): boolean {
  return e.affectsConfiguration(`${SECTION}.rules`) || e.affectsConfiguration(`${SECTION}.markers`);
}
