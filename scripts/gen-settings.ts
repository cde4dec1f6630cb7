/**
 * The settings: package.json's contributes.configuration, the `impactNotes.*` settings with one
 * JSON-schema'd property per rule under `impactNotes.rules` (from the rule list). Written by the
 * manifest generator, scripts/gen-manifest.ts (`npm run gen:settings`, or `npm run gen` for every
 * generated file); test/unit/settings-manifest.test.ts checks what it builds.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectLinks, ruleDocUrl } from '../src/core/docs-url';
import { allRules } from '../src/core/rules';

export const PACKAGE_JSON = join(__dirname, '..', 'package.json');

type Json = Record<string, unknown>;

const SEVERITY_ENUM = ['error', 'warning', 'info', 'off'];
const SEVERITY_DESCRIPTIONS = ['Shown as an error; blocks release readiness.', 'Shown as a warning.', 'Shown as information.', 'The rule does not run.'];

/** Marker globs: defaults come from .impact-notes.yaml or the built-in list when a setting is empty. */
const MARKER_SETTINGS: { key: 'weights' | 'datasets' | 'training'; what: string; example: string }[] = [
  { key: 'weights', what: 'model weights and checkpoints', example: '`*.pt`, `*.pth`, `*.ckpt`, `*.safetensors`, `*.onnx`, `*.gguf`, `*.h5`' },
  { key: 'datasets', what: 'dataset folders and files', example: '`data/**`, `datasets/**`' },
  { key: 'training', what: 'training scripts', example: '`train*.py`, `**/training/**`' },
];

function docLink(url: string | undefined): string {
  return url ? ` [Documentation](${url})` : '';
}

function ruleProperties(): Json {
  // Rule pages are linked only when package.json names where the project lives (homepage/repository).
  const links = projectLinks(JSON.parse(readFileSync(PACKAGE_JSON, 'utf8')) as Json);
  const props: Json = {};
  for (const r of [...allRules].sort((a, b) => (a.meta.name < b.meta.name ? -1 : 1))) {
    const m = r.meta;
    props[m.name] = {
      type: 'string',
      enum: SEVERITY_ENUM,
      enumDescriptions: SEVERITY_DESCRIPTIONS,
      markdownDescription: `${m.description} Default: \`${m.defaultSeverity}\`${m.fixable ? ' (fixable)' : ''}.${docLink(ruleDocUrl(links, m.name))}`,
    };
  }
  return props;
}

export function buildConfiguration(): Json {
  const properties: Json = {
    'impactNotes.run': {
      type: 'string',
      enum: ['onType', 'onSave'],
      enumDescriptions: ['Lint while you type, after a short pause (`#impactNotes.debounceMs#`).', 'Lint only when the file is opened or saved.'],
      default: 'onType',
      scope: 'resource',
      markdownDescription: 'When Impact Notes lints `IMPACT.md` and `release.yaml`.',
    },
    'impactNotes.debounceMs': {
      type: 'number',
      default: 300,
      minimum: 0,
      maximum: 10000,
      scope: 'resource',
      markdownDescription: 'How long to wait after the last keystroke before linting, in milliseconds (with `#impactNotes.run#` set to `onType`).',
    },
    'impactNotes.rules': {
      type: 'object',
      default: {},
      scope: 'resource',
      additionalProperties: false,
      properties: ruleProperties(),
      markdownDescription:
        'Rule severities, on top of `.impact-notes.yaml` (a value here wins). Example: `{ "rationale-too-short": "info", "review-overdue": "off" }`. Rule options stay in `.impact-notes.yaml`.',
    },
    'impactNotes.readiness.blockingWarnings': {
      type: 'array',
      items: { type: 'string', enum: [...allRules].map((r) => r.meta.name).sort() },
      uniqueItems: true,
      default: [],
      scope: 'resource',
      markdownDescription: '**Check Release Readiness** fails on every error; list warning rules here that should block a release too (for example `placeholder-text`).',
    },
  };
  for (const m of MARKER_SETTINGS) {
    properties[`impactNotes.markers.${m.key}`] = {
      type: 'array',
      items: { type: 'string' },
      default: [],
      scope: 'resource',
      markdownDescription: `Glob patterns that mark ${m.what} as research artifacts that need a release plan (e.g. ${m.example}). Empty: use \`markers.${m.key}\` from \`.impact-notes.yaml\`, else the built-in list. A value here replaces the file's list.`,
    };
  }
  return { title: 'Impact Notes', properties };
}

export function readManifest(): Json {
  return JSON.parse(readFileSync(PACKAGE_JSON, 'utf8')) as Json;
}
