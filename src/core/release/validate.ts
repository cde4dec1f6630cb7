import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import type { OffsetRange } from '../text';
import type { Fix } from '../types';
import { didYouMean } from '../util/suggest';
import type { ReleaseDoc, YamlPath } from './model';
import { buildSchema } from './schema';

export interface SchemaProblem {
  message: string;
  range: OffsetRange;
  path: YamlPath;
  keyword: string;
  suggestions?: Fix[];
}

let validator: ValidateFunction | undefined;
let schemaCache: Record<string, unknown> | undefined;

export function releaseSchema(): Record<string, unknown> {
  return (schemaCache ??= buildSchema());
}

function getValidator(): ValidateFunction {
  if (!validator) {
    const ajv = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true });
    validator = ajv.compile(releaseSchema());
  }
  return validator;
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

/**
 * Validates the plan's data against the schema and turns ajv's errors into findings with ranges
 * and did-you-mean fixes. `skipRequired` lists (parent key, missing key) pairs that other rules
 * report with better fixes.
 */
export function validateRelease(plan: ReleaseDoc, skipRequired: (path: YamlPath, missing: string) => boolean): SchemaProblem[] {
  if (plan.value === undefined) return [];
  const validate = getValidator();
  if (validate(plan.value)) return [];
  const errors = (validate.errors ?? []) as ErrorObject[];
  // anyOf failures report each branch's errors too; keep the anyOf summary only.
  const anyOfPaths = errors.filter((e) => e.keyword === 'anyOf').map((e) => e.schemaPath.replace(/\/anyOf$/, '/anyOf/'));
  const out: SchemaProblem[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    if (e.keyword !== 'anyOf' && anyOfPaths.some((p) => e.schemaPath.startsWith(p))) continue;
    const path = toPath(e.instancePath);
    const where = showPath(path);
    let problem: SchemaProblem | undefined;
    switch (e.keyword) {
      case 'additionalProperties': {
        const key = String((e.params as { additionalProperty: string }).additionalProperty);
        const keyPath = [...path, key];
        const allowed = Object.keys((e.parentSchema as { properties?: object })?.properties ?? {});
        const guess = didYouMean(key, allowed);
        const range = plan.rangeOf(keyPath, 'key');
        problem = {
          message: `Unknown key '${key}' in ${where}.` + (guess ? ` Did you mean '${guess}'?` : ` Allowed keys: ${allowed.join(', ')}.`),
          range,
          path: keyPath,
          keyword: e.keyword,
          suggestions: guess ? [{ title: `Rename '${key}' to '${guess}'`, edits: [{ file: 'release', range, newText: guess }] }] : undefined,
        };
        break;
      }
      case 'enum': {
        const allowed = ((e.params as { allowedValues: unknown[] }).allowedValues ?? []).map(String);
        const value = plan.get(path);
        const guess = typeof value === 'string' ? didYouMean(value, allowed) : undefined;
        const range = plan.rangeOf(path, 'value');
        problem = {
          message: `${JSON.stringify(value)} is not a valid value for ${where}.` + (guess ? ` Did you mean '${guess}'?` : '') + ` Expected one of: ${allowed.join(', ')}.`,
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
        problem = { message: `${where === 'the plan' ? 'The plan' : `'${where}'`} is missing the required key '${missing}'.`, range: plan.rangeOf(path, 'key'), path, keyword: e.keyword };
        break;
      }
      case 'type':
        problem = { message: `'${where}' should be ${article((e.params as { type: string }).type)}.`, range: plan.rangeOf(path, 'value'), path, keyword: e.keyword };
        break;
      case 'const':
        problem = { message: `'${where}' must be ${JSON.stringify((e.params as { allowedValue: unknown }).allowedValue)}: it is the format version this tool reads.`, range: plan.rangeOf(path, 'value'), path, keyword: e.keyword };
        break;
      case 'pattern': {
        const isDate = /\\d\{4\}/.test(String((e.params as { pattern: string }).pattern));
        problem = {
          message: isDate ? `'${where}' should be a date written YYYY-MM-DD.` : `'${where}' has an invalid format (${(e.parentSchema as { description?: string })?.description ?? e.message}).`,
          range: plan.rangeOf(path, 'value'),
          path,
          keyword: e.keyword,
        };
        break;
      }
      case 'minLength':
        problem = { message: `'${where}' is empty.`, range: plan.rangeOf(path, 'value'), path, keyword: e.keyword };
        break;
      case 'minItems':
        problem = { message: `'${where}' needs at least ${(e.params as { limit: number }).limit} item(s).`, range: plan.rangeOf(path, 'value'), path, keyword: e.keyword };
        break;
      case 'anyOf': {
        const node = schemaAt(e.schemaPath.replace(/\/anyOf$/, ''));
        const branches = (node?.anyOf as Record<string, unknown>[] | undefined) ?? [];
        const onlyRequired = branches.length > 0 && branches.every((b) => Object.keys(b).length === 1 && Array.isArray(b.required));
        const message = onlyRequired
          ? `'${where}' needs one of: ${branches.map((b) => (b.required as string[]).join(' + ')).join(' or ')}.`
          : `'${where}' has the wrong shape. ${String(node?.description ?? '')}`.trim();
        problem = { message, range: plan.rangeOf(path, onlyRequired ? 'key' : 'value'), path, keyword: e.keyword };
        break;
      }
      default:
        problem = { message: `'${where}' ${e.message ?? 'is invalid'}.`, range: plan.rangeOf(path, 'value'), path, keyword: e.keyword };
    }
    const k = `${problem.range.start}:${problem.message}`;
    if (!seen.has(k)) {
      seen.add(k);
      out.push(problem);
    }
  }
  return out;
}

function article(type: string): string {
  const t = type.replace(/,/g, ' or ');
  if (t === 'object') return 'a mapping (key: value pairs)';
  if (t === 'array') return 'a list';
  return /^[aeiou]/.test(t) ? `an ${t}` : `a ${t}`;
}
