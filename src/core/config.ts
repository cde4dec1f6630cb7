/**
 * `.impact-notes.yaml`: one configuration for the CLI and the editor, found by walking up from
 * the checked file. The nearest file wins; a file with `root: true` stops the walk.
 *
 *   rules:
 *     rationale-too-short: { severity: info, minWords: 15 }
 *     placeholder-text: error
 *     review-overdue: off
 *   ignore: ["vendor/**", "third_party/**"]
 *   markers:
 *     weights: ["*.pt", "*.safetensors"]
 *   maxFileSize: 2000000
 */
import { isMap, isScalar, LineCounter, parseDocument } from './util/yaml';
import type { Rule, SeveritySetting } from './types';
import { didYouMean } from './util/suggest';

export interface RuleConfig {
  severity?: SeveritySetting;
  options: Record<string, unknown>;
}

export interface MarkerConfig {
  weights?: string[];
  datasets?: string[];
  training?: string[];
}

export interface Config {
  rules: Record<string, RuleConfig>;
  ignore: string[];
  markers: MarkerConfig;
  /** Files larger than this many bytes are skipped with a finding. */
  maxFileSize: number;
  /** Absolute path of the file the configuration came from, if any. */
  path?: string;
  root?: boolean;
}

export interface ConfigProblem {
  message: string;
  line: number;
  column: number;
}

export const CONFIG_FILE_NAMES = ['.impact-notes.yaml', '.impact-notes.yml'];
export const DEFAULT_MAX_FILE_SIZE = 2 * 1024 * 1024;

export function defaultConfig(): Config {
  return { rules: {}, ignore: [], markers: {}, maxFileSize: DEFAULT_MAX_FILE_SIZE };
}

const SEVERITIES = ['error', 'warning', 'info', 'off'];
const SEVERITY_ALIASES: Record<string, SeveritySetting> = { warn: 'warning', information: 'info', hint: 'info', false: 'off', true: 'warning', '0': 'off', '1': 'warning', '2': 'error' };

function normaliseSeverity(v: unknown): SeveritySetting | undefined {
  const s = String(v).toLowerCase();
  if (SEVERITIES.includes(s)) return s as SeveritySetting;
  // Own keys only: 'constructor' or '__proto__' must not find Object.prototype's members.
  return Object.prototype.hasOwnProperty.call(SEVERITY_ALIASES, s) ? SEVERITY_ALIASES[s] : undefined;
}

/** Parses a configuration file. Problems are reported, never thrown; unknown rules get a did-you-mean. */
export function parseConfig(text: string, path: string | undefined, rules: readonly Rule[]): { config: Config; problems: ConfigProblem[] } {
  const config = defaultConfig();
  config.path = path;
  const problems: ConfigProblem[] = [];
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, uniqueKeys: true, prettyErrors: false });
  const at = (offset: number | undefined) => {
    const p = lc.linePos(offset ?? 0);
    return { line: p.line, column: p.col };
  };
  for (const e of doc.errors) problems.push({ message: e.message.split('\n')[0], ...at(e.pos[0]) });
  if (problems.length) return { config, problems };
  if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) return { config, problems };
  if (!isMap(doc.contents)) {
    problems.push({ message: 'The configuration must be a mapping (key: value pairs).', ...at(0) });
    return { config, problems };
  }
  let data: Record<string, unknown>;
  try {
    data = doc.toJS({ maxAliasCount: 50 }) as Record<string, unknown>;
  } catch (err) {
    problems.push({ message: (err as Error).message, ...at(0) });
    return { config, problems };
  }
  const keyPos = (key: string, sub?: string): { line: number; column: number } => {
    const pair = (doc.contents as ReturnType<typeof doc.createNode>) && isMap(doc.contents) ? doc.contents.items.find((p) => isScalar(p.key) && p.key.value === key) : undefined;
    if (pair && sub && isMap(pair.value)) {
      const inner = pair.value.items.find((p) => isScalar(p.key) && p.key.value === sub);
      if (inner && isScalar(inner.key)) return at(inner.key.range?.[0]);
    }
    return at(pair && isScalar(pair.key) ? pair.key.range?.[0] : 0);
  };
  const names = rules.map((r) => r.meta.name);
  for (const [key, value] of Object.entries(data)) {
    switch (key) {
      case 'root':
        config.root = value === true;
        break;
      case 'rules': {
        if (value === null) break;
        if (typeof value !== 'object' || Array.isArray(value)) {
          problems.push({ message: "'rules' must map rule names to a severity or to { severity, …options }.", ...keyPos('rules') });
          break;
        }
        for (const [name, setting] of Object.entries(value as Record<string, unknown>)) {
          const rule = rules.find((r) => r.meta.name === name);
          if (!rule) {
            const guess = didYouMean(name, names);
            problems.push({ message: `Unknown rule '${name}'.${guess ? ` Did you mean '${guess}'?` : ''}`, ...keyPos('rules', name) });
            continue;
          }
          const rc: RuleConfig = { options: {} };
          if (setting !== null && typeof setting === 'object' && !Array.isArray(setting)) {
            for (const [opt, v] of Object.entries(setting as Record<string, unknown>)) {
              if (opt === 'severity') {
                const sev = normaliseSeverity(v);
                if (!sev) problems.push({ message: `Rule '${name}': severity must be one of ${SEVERITIES.join(', ')}.`, ...keyPos('rules', name) });
                else rc.severity = sev;
                continue;
              }
              const spec = rule.meta.options && Object.prototype.hasOwnProperty.call(rule.meta.options, opt) ? rule.meta.options[opt] : undefined;
              if (!spec) {
                const known = Object.keys(rule.meta.options ?? {});
                const guess = didYouMean(opt, ['severity', ...known]);
                problems.push({ message: `Rule '${name}' has no option '${opt}'.${guess ? ` Did you mean '${guess}'?` : known.length ? ` Options: ${known.join(', ')}.` : ''}`, ...keyPos('rules', name) });
                continue;
              }
              const ok =
                spec.type === 'string[]' ? Array.isArray(v) && v.every((x) => typeof x === 'string') : typeof v === spec.type;
              if (!ok) problems.push({ message: `Rule '${name}': option '${opt}' must be ${spec.type === 'string[]' ? 'a list of strings' : `a ${spec.type}`}.`, ...keyPos('rules', name) });
              else rc.options[opt] = v;
            }
          } else {
            const sev = normaliseSeverity(setting);
            if (!sev) problems.push({ message: `Rule '${name}': use a severity (${SEVERITIES.join(', ')}) or a mapping with 'severity' and options.`, ...keyPos('rules', name) });
            else rc.severity = sev;
          }
          config.rules[name] = rc;
        }
        break;
      }
      case 'ignore':
        if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) problems.push({ message: "'ignore' must be a list of glob patterns.", ...keyPos('ignore') });
        else config.ignore = value as string[];
        break;
      case 'markers': {
        if (value === null || typeof value !== 'object' || Array.isArray(value)) {
          problems.push({ message: "'markers' must be a mapping with weights, datasets and/or training lists.", ...keyPos('markers') });
          break;
        }
        for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
          if (!['weights', 'datasets', 'training'].includes(k)) {
            const guess = didYouMean(k, ['weights', 'datasets', 'training']);
            problems.push({ message: `Unknown marker group '${k}'.${guess ? ` Did you mean '${guess}'?` : ' Use weights, datasets or training.'}`, ...keyPos('markers', k) });
          } else if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) {
            problems.push({ message: `'markers.${k}' must be a list of glob patterns.`, ...keyPos('markers', k) });
          } else {
            config.markers[k as keyof MarkerConfig] = v as string[];
          }
        }
        break;
      }
      case 'maxFileSize':
        if (typeof value !== 'number' || !(value > 0)) problems.push({ message: "'maxFileSize' must be a positive number of bytes.", ...keyPos('maxFileSize') });
        else config.maxFileSize = value;
        break;
      default: {
        const guess = didYouMean(key, ['rules', 'ignore', 'markers', 'maxFileSize', 'root']);
        problems.push({ message: `Unknown configuration key '${key}'.${guess ? ` Did you mean '${guess}'?` : ''}`, ...keyPos(key) });
      }
    }
  }
  return { config, problems };
}

/** Lays `over` on top of `base` (rule by rule, option by option). */
export function mergeConfig(base: Config, over: Partial<Config>): Config {
  const rules: Record<string, RuleConfig> = { ...base.rules };
  for (const [name, rc] of Object.entries(over.rules ?? {})) {
    const prev = rules[name];
    rules[name] = { severity: rc.severity ?? prev?.severity, options: { ...(prev?.options ?? {}), ...rc.options } };
  }
  return {
    rules,
    ignore: [...base.ignore, ...(over.ignore ?? [])],
    markers: { ...base.markers, ...(over.markers ?? {}) },
    maxFileSize: over.maxFileSize ?? base.maxFileSize,
    path: over.path ?? base.path,
    root: over.root ?? base.root,
  };
}

/** Options for a rule: defaults from its metadata, then configuration. */
export function ruleOptions(rule: Rule, config: Config): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, spec] of Object.entries(rule.meta.options ?? {})) out[k] = spec.default;
  return { ...out, ...(config.rules[rule.meta.name]?.options ?? {}) };
}

export function ruleSeverity(rule: Rule, config: Config): SeveritySetting {
  return config.rules[rule.meta.name]?.severity ?? rule.meta.defaultSeverity;
}
