/**
 * Writes the extension-core parts of package.json from metadata, so they never drift:
 *   - contributes.configuration: the `impactNotes.*` settings, with one JSON-schema'd property per
 *     rule under `impactNotes.rules` (from the rule list);
 *   - the commands of src/extension/commandTable.ts in contributes.commands and contributes.menus
 *     (entries with other ids, e.g. the views' commands, are kept as they are).
 * Run: `npx tsx scripts/gen-settings.ts` (or `--check` to only compare; exit 1 when out of date).
 * test/unit/settings-manifest.test.ts fails when package.json and these builders disagree.
 *
 * It reads package.json, replaces only those keys, and writes it back at once (other engineers
 * edit other keys of the same file).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectLinks, ruleDocUrl } from '../src/core/docs-url';
import { allRules } from '../src/core/rules';
import { CATEGORY, COMMAND_LIST, type CommandSpec } from '../src/extension/commandTable';

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

function commandEntry(c: CommandSpec): Json {
  const e: Json = { command: c.id, title: c.title, category: CATEGORY };
  if (c.icon) e.icon = c.icon;
  return e;
}

/** Writes the builders' output into a manifest object (in place) and returns it. */
export function applyToManifest(pkg: Json): Json {
  const contributes = (pkg.contributes ??= {}) as Json;
  contributes.configuration = buildConfiguration();

  const ours = new Set(COMMAND_LIST.map((c) => c.id));
  const others = ((contributes.commands as Json[] | undefined) ?? []).filter((c) => !ours.has(String(c.command)));
  contributes.commands = [...COMMAND_LIST.map(commandEntry), ...others];

  const menus = (contributes.menus ??= {}) as Record<string, Json[]>;
  const keep = (list: Json[] | undefined) => (list ?? []).filter((m) => !ours.has(String(m.command)));
  menus.commandPalette = [
    ...COMMAND_LIST.filter((c) => c.palette).map((c) => ({ command: c.id, when: c.palette })),
    ...keep(menus.commandPalette),
  ];
  menus['explorer/context'] = [
    ...COMMAND_LIST.filter((c) => c.explorerFolder).map((c, i) => ({ command: c.id, when: 'explorerResourceIsFolder', group: `7_modification@${8 + i}` })),
    ...keep(menus['explorer/context']),
  ];
  return pkg;
}

export function readManifest(): Json {
  return JSON.parse(readFileSync(PACKAGE_JSON, 'utf8')) as Json;
}

/** Whether package.json already holds what the builders produce. */
export function manifestInSync(pkg: Json = readManifest()): boolean {
  const before = JSON.stringify(pkg);
  const after = JSON.stringify(applyToManifest(JSON.parse(before) as Json));
  return before === after;
}

if (require.main === module) {
  const pkg = readManifest();
  if (process.argv.includes('--check')) {
    if (!manifestInSync(pkg)) {
      console.error('package.json is out of date: run npx tsx scripts/gen-settings.ts');
      process.exit(1);
    }
    console.log('package.json settings and commands are up to date');
  } else {
    applyToManifest(pkg);
    writeFileSync(PACKAGE_JSON, JSON.stringify(pkg, null, 2) + '\n');
    console.log('wrote contributes.configuration, commands and menus to package.json');
  }
}
