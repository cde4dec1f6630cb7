import { isMap } from '../util/yaml';
import { findTerm, GROUPS, ids, type GroupId } from '../taxonomy';
import type { OffsetRange } from '../source-text';
import type { Fix } from '../types';
import { didYouMean } from '../util/suggest';
import type { ReleaseDoc, YamlPath } from './release-doc';
import { buildSchema, DATE_PATTERN } from './schema';
import { parseIsoDate } from './date';
import { schemaErrors, type SchemaError, type SchemaNode } from './schema-check';

type ErrorObject = SchemaError;

export { parseIsoDate };

export interface SchemaProblem {
  message: string;
  range: OffsetRange;
  /** Path of the offending value (for an unknown key: the key's own path). */
  path: YamlPath;
  /** The JSON Schema keyword that failed (`required`, `enum`, `additionalProperties`, …). */
  keyword: string;
  /** For `required`: the missing key. */
  missing?: string;
  suggestions?: Fix[];
}

let schemaCache: Record<string, unknown> | undefined;

export function releaseSchema(): Record<string, unknown> {
  return (schemaCache ??= buildSchema());
}


function toPath(instancePath: string): (string | number)[] {
  if (!instancePath) return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

export function showPath(path: YamlPath): string {
  let out = '';
  for (const seg of path) out += typeof seg === 'number' ? `[${seg}]` : (out ? '.' : '') + seg;
  return out || 'the plan';
}

/** Schema node at an ajv schemaPath such as `#/properties/artifacts/items/properties/timing`. */
function schemaAt(schemaPath: string): Record<string, unknown> | undefined {
  let node: unknown = releaseSchema();
  for (const seg of schemaPath.replace(/^#\/?/, '').split('/').filter(Boolean)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[seg];
  }
  return node as Record<string, unknown> | undefined;
}

/** The schema object holding the failed keyword. */
function parentSchema(e: ErrorObject): Record<string, unknown> | undefined {
  return schemaAt(e.schemaPath.replace(/\/[^/]*$/, ''));
}

/** The taxonomy group whose ids make up an enum, for alias-aware did-you-mean hints. */
let enumGroups: Map<string, GroupId> | undefined;
function groupOfEnum(allowed: readonly string[]): GroupId | undefined {
  if (!enumGroups) {
    enumGroups = new Map();
    for (const g of Object.keys(GROUPS) as GroupId[]) enumGroups.set(ids(g).join('|'), g);
  }
  return enumGroups.get(allowed.join('|'));
}

function guessValue(value: string, allowed: readonly string[]): string | undefined {
  const group = groupOfEnum(allowed);
  const term = group ? findTerm(group, value) : undefined;
  if (term && allowed.includes(term.id)) return term.id;
  return didYouMean(value, allowed);
}

function guessKey(key: string, allowed: readonly string[]): string | undefined {
  // Safeguard names have aliases ("watermark", "c2pa"); other keys only typos.
  if (allowed.length && allowed.every((k) => ids('safeguard').includes(k))) {
    const t = findTerm('safeguard', key);
    if (t) return t.id;
  }
  return didYouMean(key, allowed);
}

const quote = (v: unknown) => (typeof v === 'string' ? `'${v}'` : JSON.stringify(v));

function lowerFirst(s: string): string {
  return /^[A-Z](?:[a-z]|\s)/.test(s) ? s[0].toLowerCase() + s.slice(1) : s;
}

function typeWords(type: string): string {
  return type
    .split(',')
    .map((t) =>
      t === 'object' ? 'a mapping (key: value pairs)' : t === 'array' ? 'a list' : t === 'string' ? 'text' : t === 'boolean' ? 'true or false' : 'a number',
    )
    .join(' or ');
}

/** "2026/01/01", "2026.1.1", "2026-1-1" → "2026-01-01" when that is a real day. */
function normaliseDate(text: unknown): string | undefined {
  if (typeof text !== 'string') return undefined;
  const m = /^\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\s*$/.exec(text);
  if (!m) return undefined;
  const iso = `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
  return parseIsoDate(iso) ? iso : undefined;
}

/**
 * Validates the plan's data against the schema and turns ajv's errors into findings with ranges
 * and did-you-mean suggestions. `skipRequired` drops (parent path, missing key) pairs and `skip`
 * drops any other problem that another rule reports with a better message or a fix.
 */
export function validateRelease(
  plan: ReleaseDoc,
  skipRequired: (path: YamlPath, missing: string) => boolean = () => false,
  skip: (problem: SchemaProblem) => boolean = () => false,
): SchemaProblem[] {
  if (plan.value === undefined) return [];
  const found = schemaErrors(releaseSchema() as SchemaNode, plan.value);
  if (!found.length) return [];
  const errors = selectErrors(found, plan);
  const text = plan.source.text;

  /** Where a finding about the whole item at `path` sits: its `id` value, else its first key. */
  const anchor = (path: YamlPath): OffsetRange => {
    if (path.length === 0) return plan.rangeOf(['impact-release'], 'key');
    if (typeof path[path.length - 1] === 'number') {
      const node = plan.node(path);
      if (isMap(node) && node.items.length) {
        const hasId = node.items.some((p) => (p.key as { value?: unknown } | null)?.value === 'id');
        if (hasId) return plan.rangeOf([...path, 'id'], 'value');
        const k = node.items[0].key as { range?: [number, number, number] } | null;
        if (k?.range) return { start: k.range[0], end: k.range[1] };
      }
      const r = plan.rangeOf(path, 'value');
      const line = plan.source.positionAt(r.start).line;
      return { start: r.start, end: Math.min(r.end, plan.source.lineEnd(line)) };
    }
    return plan.rangeOf(path, 'key');
  };
  const valueRange = (path: YamlPath): OffsetRange => {
    if (path.length === 0) return anchor(path);
    const r = plan.rangeOf(path, 'value');
    return r.end > r.start ? r : anchor(path);
  };
  const artifactId = (path: YamlPath): string | undefined => {
    if (path[0] !== 'artifacts' || typeof path[1] !== 'number') return undefined;
    const id = plan.get(['artifacts', path[1], 'id']);
    return typeof id === 'string' && id ? id : undefined;
  };
  /** "'review.date'", "'timing.kind' of artifact 'weights'", "artifact 'weights'", "the plan". */
  const where = (path: YamlPath): string => {
    if (path.length === 0) return 'the plan';
    const id = artifactId(path);
    if (id !== undefined) return path.length === 2 ? `artifact '${id}'` : `'${showPath(path.slice(2))}' of artifact '${id}'`;
    return `'${showPath(path)}'`;
  };
  const Where = (path: YamlPath) => {
    const w = where(path);
    return w[0] === "'" ? w : w[0].toUpperCase() + w.slice(1);
  };

  const out: SchemaProblem[] = [];
  for (const e of errors) {
    const path = toPath(e.instancePath);
    const value = plan.get(path);
    let problem: SchemaProblem;
    switch (e.keyword) {
      case 'additionalProperties': {
        const key = String((e.params as { additionalProperty: string }).additionalProperty);
        const keyPath = [...path, key];
        const allowed = Object.keys((parentSchema(e) as { properties?: object } | undefined)?.properties ?? {});
        const guess = guessKey(key, allowed);
        const range = plan.rangeOf(keyPath, 'key');
        problem = {
          message: `Unknown key '${key}' in ${where(path)}.` + (guess ? ` Did you mean '${guess}'?` : ` Allowed keys: ${allowed.join(', ')}.`),
          range,
          path: keyPath,
          keyword: e.keyword,
          suggestions: guess ? [{ title: `Rename '${key}' to '${guess}'`, edits: [{ file: 'release', range, newText: guess }] }] : undefined,
        };
        break;
      }
      case 'enum': {
        const allowed = ((e.params as { allowedValues: unknown[] }).allowedValues ?? []).map(String);
        const guess = typeof value === 'string' ? guessValue(value, allowed) : undefined;
        const range = valueRange(path);
        problem = {
          message:
            `${quote(value)} is not a valid value for ${where(path)}.` + (guess ? ` Did you mean '${guess}'?` : '') + ` Use one of: ${allowed.join(', ')}.`,
          range,
          path,
          keyword: e.keyword,
          suggestions: guess ? [{ title: `Change to '${guess}'`, edits: [{ file: 'release', range, newText: guess }] }] : undefined,
        };
        break;
      }
      case 'required': {
        const missing = (e.params as { missingProperty: string }).missingProperty;
        if (skipRequired(path, missing)) continue;
        const desc = (parentSchema(e) as { properties?: Record<string, { description?: string }> } | undefined)?.properties?.[missing]?.description;
        problem = {
          message: `${Where(path)} is missing the required key '${missing}'` + (desc ? `: ${lowerFirst(desc)}` : '.'),
          range: anchor(path),
          path,
          keyword: e.keyword,
          missing,
        };
        break;
      }
      case 'type': {
        const expected = String((e.params as { type: string }).type);
        const range = valueRange(path);
        const suggestions: Fix[] = [];
        let message: string;
        if (path.length === 0) {
          message =
            value === null
              ? "This release plan is empty: start it with 'impact-release: 1' and an 'artifacts' list."
              : `A release plan should be a mapping with keys such as 'impact-release' and 'artifacts', not ${value === null ? 'nothing' : Array.isArray(value) ? 'a list' : 'a single value'}.`;
        } else if (value === null) {
          message = `${Where(path)} is empty: it should be ${typeWords(expected)}.`;
        } else {
          message = `${Where(path)} should be ${typeWords(expected)}.`;
          const original = text.slice(range.start, range.end);
          if (expected === 'array' && typeof value === 'string' && !original.includes('\n')) {
            message += ` Write it as [${original}].`;
            suggestions.push({ title: `Make it a list: [${original}]`, edits: [{ file: 'release', range, newText: `[${original}]` }] });
          } else if (expected === 'object' && typeof value === 'string') {
            const group: GroupId | undefined = path[path.length - 1] === 'timing' ? 'release-timing' : path[path.length - 1] === 'distribution' ? 'release-distribution' : undefined;
            const term = group ? findTerm(group, value) : undefined;
            if (term) {
              message += ` Write it as { kind: ${term.id} }.`;
              suggestions.push({ title: `Change to { kind: ${term.id} }`, edits: [{ file: 'release', range, newText: `{ kind: ${term.id} }` }] });
            }
          }
        }
        problem = { message, range, path, keyword: e.keyword, suggestions: suggestions.length ? suggestions : undefined };
        break;
      }
      case 'const': {
        const allowedValue = (e.params as { allowedValue: unknown }).allowedValue;
        const quoted = typeof value === 'string' && value === String(allowedValue);
        problem = {
          message: quoted
            ? `${Where(path)} must be the number ${allowedValue}, not the text '${value}': remove the quotes.`
            : `${Where(path)} must be ${JSON.stringify(allowedValue)}: it is the format version this tool reads.`,
          range: valueRange(path),
          path,
          keyword: e.keyword,
        };
        break;
      }
      case 'pattern': {
        const pattern = String((e.params as { pattern: string }).pattern);
        const range = valueRange(path);
        if (pattern === DATE_PATTERN) {
          const iso = normaliseDate(value);
          problem = {
            message: `${Where(path)} should be a date written YYYY-MM-DD, not ${quote(value)}.` + (iso ? ` Did you mean ${iso}?` : ''),
            range,
            path,
            keyword: e.keyword,
            suggestions: iso ? [{ title: `Change to ${iso}`, edits: [{ file: 'release', range, newText: iso }] }] : undefined,
          };
        } else if (path[path.length - 1] === 'id') {
          problem = {
            message: `${Where(path)} may use only letters, digits, '.', '_' and '-', starting with a letter or digit (it is ${quote(value)}).`,
            range,
            path,
            keyword: e.keyword,
          };
        } else {
          const desc = (parentSchema(e) as { description?: string } | undefined)?.description;
          problem = { message: `${Where(path)} has an invalid format` + (desc ? `: ${lowerFirst(desc)}` : '.'), range, path, keyword: e.keyword };
        }
        break;
      }
      case 'format':
        problem = {
          message: `${Where(path)} is not a real date: ${quote(value)} does not exist in the calendar.`,
          range: valueRange(path),
          path,
          keyword: e.keyword,
        };
        break;
      case 'minLength':
        problem = { message: `${Where(path)} is empty: write something or remove the key.`, range: valueRange(path), path, keyword: e.keyword };
        break;
      case 'minItems': {
        const limit = (e.params as { limit: number }).limit;
        problem = {
          message: `${Where(path)} needs at least ${limit} ${limit === 1 ? 'item' : 'items'}.`,
          range: valueRange(path),
          path,
          keyword: e.keyword,
        };
        break;
      }
      case 'anyOf': {
        const node = schemaAt(e.schemaPath.replace(/\/anyOf$/, ''));
        const branches = (node?.anyOf as Record<string, unknown>[] | undefined) ?? [];
        const onlyRequired = branches.length > 0 && branches.every((b) => Object.keys(b).length === 1 && Array.isArray(b.required));
        if (onlyRequired) {
          problem = {
            message: `${Where(path)} needs ${branches.map((b) => (b.required as string[]).map((k) => `'${k}'`).join(' and ')).join(' or ')}.`,
            range: anchor(path),
            path,
            keyword: e.keyword,
          };
        } else {
          const kinds = branches.map((b) => (typeof b.type === 'string' ? typeWords(b.type) : undefined)).filter((k): k is string => !!k);
          problem = {
            message: `${Where(path)} should be ${kinds.length === branches.length ? kinds.join(' or ') : 'in another shape'}.`,
            range: valueRange(path),
            path,
            keyword: e.keyword,
          };
        }
        break;
      }
      default:
        problem = { message: `${Where(path)} is invalid.`, range: valueRange(path), path, keyword: e.keyword };
    }
    out.push(problem);
  }

  // A typo'd required key ("artefacts") is one mistake: keep the did-you-mean, drop "missing 'artifacts'".
  const renamed = new Set(
    out
      .filter((p) => p.keyword === 'additionalProperties' && p.suggestions)
      .map((p) => `${showPath(p.path.slice(0, -1))}\u0000${p.suggestions![0].edits[0].newText}`),
  );
  const seen = new Set<string>();
  return out.filter((p) => {
    if (p.keyword === 'required' && renamed.has(`${showPath(p.path)}\u0000${p.missing}`)) return false;
    if (skip(p)) return false;
    const k = `${p.range.start}:${p.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/**
 * Drops ajv's noise: `if` wrappers, and the branch errors of a failed `anyOf`. When exactly one
 * branch of an anyOf fits the value's type (a list for "one or more", a mapping for "text or
 * mapping"), that branch's errors are more useful than the summary, so they are kept instead.
 */
function selectErrors(errors: ErrorObject[], plan: ReleaseDoc): ErrorObject[] {
  const dropped = new Set<ErrorObject>();
  const anyOfs = errors.filter((e) => e.keyword === 'anyOf').sort((a, b) => a.schemaPath.length - b.schemaPath.length);
  for (const a of anyOfs) {
    if (dropped.has(a)) continue;
    const prefix = a.schemaPath + '/';
    const inside = (e: ErrorObject) => e !== a && e.schemaPath.startsWith(prefix) && (e.instancePath === a.instancePath || e.instancePath.startsWith(a.instancePath + '/'));
    const byBranch = new Map<string, ErrorObject[]>();
    for (const e of errors) {
      if (!inside(e)) continue;
      const branch = e.schemaPath.slice(prefix.length).split('/')[0];
      (byBranch.get(branch) ?? byBranch.set(branch, []).get(branch)!).push(e);
    }
    const fitting = [...byBranch.values()].filter((errs) => !errs.some((e) => e.keyword === 'type' && e.instancePath === a.instancePath));
    const keep = fitting.length === 1 && plan.get(toPath(a.instancePath)) !== null ? new Set(fitting[0]) : undefined;
    for (const errs of byBranch.values()) for (const e of errs) if (!keep?.has(e)) dropped.add(e);
    if (keep) dropped.add(a);
  }
  return errors.filter((e) => !dropped.has(e) && e.keyword !== 'if');
}
