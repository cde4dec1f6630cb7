import type { YamlPath } from '../../release/release-doc';
import { validateRelease, type SchemaProblem } from '../../release/validate';
import { defineReleaseRule } from '../define';
import { isPlaceholder, planOf } from './common';
import { DISTRIBUTION_SPEC } from './distribution-incomplete';
import { ownsField, type KindSpec } from './kind-fields';
import { syntheticModalities } from './safeguard-status-missing';
import { TIMING_SPEC } from './timing-incomplete';

const isArtifact = (p: YamlPath) => p[0] === 'artifacts' && typeof p[1] === 'number';
const specOf = (key: unknown): KindSpec | undefined => (key === 'timing' ? TIMING_SPEC : key === 'distribution' ? DISTRIBUTION_SPEC : undefined);

/**
 * Whether another rule reports this spot with a more specific message or a fix:
 * timing-incomplete / distribution-incomplete own an artifact's timing and distribution (missing,
 * empty, kind-specific fields, TODO placeholders, stage dates); safeguard-status-missing owns
 * missing or placeholder safeguard statuses for synthetic media; review-date-invalid owns review
 * dates that do not exist in the calendar.
 */
function ownedElsewhere(path: YamlPath, p: SchemaProblem, get: (path: YamlPath) => unknown, synthetic: boolean): boolean {
  const value = get(p.path);
  const placeholderOrEmpty = value === null || isPlaceholder(value) || (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0);
  if (p.keyword === 'format' && path[0] === 'review' && path.length === 2) return true;
  if (isArtifact(path)) {
    const spec = specOf(path[2]);
    if (path.length === 2 && p.keyword === 'required') return p.missing === 'timing' || p.missing === 'distribution';
    if (!spec) return false;
    if (path.length === 3) {
      if (p.keyword === 'required') return ownsField(spec, p.missing!);
      return p.keyword === 'type' && value === null;
    }
    const field = path[3];
    if (typeof field !== 'string') return false;
    const kind = get([...path.slice(0, 3), 'kind']);
    const required = field === 'kind' || (typeof kind === 'string' && (spec.required[kind] ?? []).includes(field));
    if (!required) return false;
    if (path.length === 4) return p.keyword === 'minItems' || placeholderOrEmpty;
    // An entry of stages / levels: neither date nor after, or a placeholder in a field.
    if (path.length === 5) return p.keyword === 'anyOf';
    if (path.length === 6) {
      const itemFields = spec.fields[field]?.itemFields ?? {};
      return typeof path[5] === 'string' && path[5] in itemFields && isPlaceholder(value);
    }
    return false;
  }
  if (synthetic && path[0] === 'safeguards') {
    if (path.length === 1) return p.keyword === 'type' && value === null;
    if (path.length === 2) return (p.keyword === 'required' && p.missing === 'status') || (p.keyword === 'type' && value === null);
    if (path.length === 3 && (path[2] === 'status' || path[2] === 'reason')) return placeholderOrEmpty;
  }
  return false;
}

/** Everything the JSON Schema of release.yaml says, with ranges and did-you-mean suggestions. */
export const schemaViolation = defineReleaseRule({
  meta: {
    name: 'schema-violation',
    description: 'release.yaml does not follow the schema: an unknown key, a value of the wrong type, an unknown id, or a missing required key.',
    defaultSeverity: 'error',
    fixable: false,
    suggestions: true,
    source: 'The release-plan schema (schemas/release.schema.json)',
  },
  check(ctx) {
    const plan = planOf(ctx);
    if (!plan || plan.value === undefined) return;
    const synthetic = syntheticModalities(ctx).length > 0;
    const problems = validateRelease(plan, undefined, (p) => ownedElsewhere(p.keyword === 'additionalProperties' ? p.path.slice(0, -1) : p.path, p, (q) => plan.get(q), synthetic));
    for (const p of problems) {
      ctx.report({
        message: p.message,
        file: 'release',
        range: p.range,
        suggestions: p.suggestions,
        data: { keyword: p.keyword, path: p.path.join('.') },
      });
    }
  },
});
