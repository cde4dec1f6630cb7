/**
 * Completions, as pure functions: the keys and values valid at a position of release.yaml (from the
 * JSON Schema, at the YAML cursor) or after a marker key in IMPACT.md (from the taxonomy), and where
 * the release.yaml snippets fit. The VS Code completion provider and the language server are thin
 * adapters.
 */
import type { YamlPath } from '../release/release-doc';
import { findSection, findTerm, GROUPS, RATINGS, type GroupId, type SectionDef } from '../taxonomy';
import type { OffsetRange } from '../source-text';
import { isSafeguardsPath, RATCHET_KEYS, releaseKeyMarkdown, termMarkdown } from './hover';
import { descriptionAt, enumAt, groupForEnum, propertiesAt, schemasAt, variants, type Schema } from './schema';
import { splitLines, yamlCursorAt } from './yaml-cursor';

export interface HelpCompletion {
  label: string;
  kind: 'key' | 'value';
  /** Short text shown beside the label. */
  detail?: string;
  /** Markdown. */
  documentation?: string;
  /** Snippet syntax ($1, ${1|a,b|}, $0); tabs stand for one indentation step. */
  insertText: string;
  sortText?: string;
}

export interface CompletionSet {
  /** The text the chosen item replaces. */
  range: OffsetRange;
  items: HelpCompletion[];
}

function snippetEscape(s: string): string {
  return s.replace(/[$}\\,|]/g, (c) => `\\${c}`);
}

function choice(n: number, values: readonly string[]): string {
  return values.length === 1 ? `\${${n}:${snippetEscape(values[0])}}` : `\${${n}|${values.map(snippetEscape).join(',')}|}`;
}

function isObjectSchema(s: Schema | undefined): boolean {
  return variants(s).some((v) => !!v.properties);
}

function isArraySchema(s: Schema | undefined): Schema | undefined {
  return variants(s).find((v) => v.type === 'array' && !v.anyOf)?.items;
}

/** What to insert for `key` whose schema is `s`, in block or flow context. */
function keySnippet(key: string, path: YamlPath, flow: boolean): string {
  const s = schemasAt(path)[0];
  const values = enumAt(path);
  const plain = variants(s).find((v) => v.type === 'string' || v.const !== undefined || Array.isArray(v.enum));
  if (values && plain) return `${key}: ${choice(1, values)}`;
  const items = isArraySchema(s);
  if (flow) return `${key}: $0`;
  if (isObjectSchema(s) && !plain) return `${key}:\n\t${requiredLines(path, 1, '\t')}$0`;
  if (items && isObjectSchema(items)) return `${key}:\n\t- ${requiredLines([...path, 0], 1, '\t  ')}$0`;
  if (items) return `${key}: [$1]$0`;
  return `${key}: $0`;
}

/** `kind: ${1|…|}` lines for the required scalar keys of the object at `path`. */
function requiredLines(path: YamlPath, first: number, indent: string): string {
  const props = propertiesAt(path);
  if (!props) return '';
  let n = first;
  const out: string[] = [];
  for (const req of props.required) {
    const values = enumAt([...path, req]);
    const s = props.properties[req];
    if (isObjectSchema(s) || isArraySchema(s)) continue;
    out.push(`${req}: ${values ? choice(n, values) : `\${${n}:${snippetEscape(req)}}`}`);
    n++;
  }
  return out.length ? out.join(`\n${indent}`) + `\n${indent}` : '';
}

function valueDoc(group: GroupId | undefined, value: string, path: YamlPath): { detail?: string; documentation?: string } {
  const term = group ? findTerm(group, value) : undefined;
  if (term) return { detail: term.label, documentation: termMarkdown(term) };
  return { documentation: descriptionAt(path) };
}

/** Completions at an offset of a release plan: keys valid at the cursor's path, or enum values. */
export function releaseCompletions(text: string, offset: number): CompletionSet | undefined {
  const cursor = yamlCursorAt(text, offset);
  if (!cursor) return undefined;
  const items: HelpCompletion[] = [];
  if (cursor.kind === 'key') {
    const props = propertiesAt(cursor.path);
    if (props) {
      let order = 0;
      for (const [key, s] of Object.entries(props.properties)) {
        order++;
        if (cursor.existing.includes(key)) continue;
        const path = [...cursor.path, key];
        const safeguard = isSafeguardsPath(cursor.path) ? findTerm('safeguard', key) : undefined;
        items.push({
          label: key,
          kind: 'key',
          detail: safeguard ? safeguard.label : props.required.includes(key) ? 'required' : undefined,
          documentation: releaseKeyMarkdown(path) ?? s.description,
          insertText: keySnippet(key, path, cursor.flow),
          sortText: `${props.required.includes(key) ? 0 : 1}${String(order).padStart(3, '0')}`,
        });
      }
      return { range: cursor.range, items };
    }
    // A scalar list item (`modality:` then `- au|`): offer the item values.
    if (cursor.path.length && typeof cursor.path[cursor.path.length - 1] === 'number') return valueItems(cursor.path, cursor.range);
    return undefined;
  }
  return valueItems(cursor.path, cursor.range);
}

function valueItems(path: YamlPath, range: OffsetRange): CompletionSet | undefined {
  const values = enumAt(path);
  if (!values) return undefined;
  const group = groupForEnum(values);
  return {
    range,
    items: values.map((v, i) => ({
      label: v,
      kind: 'value' as const,
      ...valueDoc(group, v, path),
      insertText: snippetEscape(v),
      sortText: String(i).padStart(3, '0'),
    })),
  };
}

const MARKER_PREFIX_RE = /^(\s*(?:[-*+]|\d{1,9}[.)])[ \t]+)(\*\*|__)?([^:*_\n`[\]]{1,60}?)(?:\*\*|__)?[ \t]*:[ \t]*(?:\*\*|__)?[ \t]*([\p{L}-]*)$/u;

const APPLIES_VALUES: { value: string; doc: string }[] = [
  { value: 'yes', doc: 'The hazard applies to this work. Say how in the rationale.' },
  { value: 'no', doc: 'The hazard does not apply. Say why in the rationale, specifically.' },
  { value: 'unsure', doc: 'You cannot tell yet. Say what evidence would settle it.' },
];

function sectionAt(lines: string[], lineNo: number): SectionDef | undefined {
  for (let j = lineNo; j >= 0; j--) {
    const m = /^ {0,3}##(?!#)\s+(.*?)\s*#*\s*$/.exec(lines[j]);
    if (m) return findSection(m[1]);
  }
  return undefined;
}

/**
 * Completions in IMPACT.md after a marker key: ratings after a factor (`- **Slottability:** |`),
 * yes/no/unsure after `Applies:` or a hazard type, positions after `Position:` in Access ratchet,
 * modalities after `Modality:`.
 */
export function impactCompletions(text: string, offset: number): CompletionSet | undefined {
  const { lines, starts } = splitLines(text);
  let lineNo = starts.length - 1;
  while (lineNo > 0 && starts[lineNo] > offset) lineNo--;
  const prefix = lines[lineNo].slice(0, offset - starts[lineNo]);
  const m = MARKER_PREFIX_RE.exec(prefix);
  if (!m) return undefined;
  const key = m[3].trim();
  const word = m[4];
  const after = /^[\p{L}-]*/u.exec(lines[lineNo].slice(offset - starts[lineNo]))![0];
  const range = { start: offset - word.length, end: offset + after.length };
  const section = sectionAt(lines, lineNo);
  const keyId = key.toLowerCase().replace(/[\s_]+/g, '-');

  const factor = findTerm('path-to-harm', key) ?? (section?.id === 'indirect-harms' ? findTerm('indirect-harm', key) : undefined);
  if (factor && (factor.group === 'path-to-harm' || section?.id === 'indirect-harms')) {
    return {
      range,
      items: RATINGS.map((r, i) => {
        const guide = factor.ratingGuide && r.id in factor.ratingGuide ? factor.ratingGuide[r.id as 'low' | 'medium' | 'high'] : undefined;
        return {
          label: r.id,
          kind: 'value' as const,
          detail: `${factor.label}: ${r.label}`,
          documentation: [`**${r.label}** · ${r.definition}`, ...(guide ? ['', `For ${factor.label.toLowerCase()}: ${guide}`] : [])].join('\n'),
          insertText: `${r.id} — $0`,
          sortText: String(i),
        };
      }),
    };
  }
  if ((section?.id === 'hazards' && keyId === 'applies') || findTerm('hazard-type', key)) {
    return {
      range,
      items: APPLIES_VALUES.map((a, i) => ({ label: a.value, kind: 'value' as const, documentation: a.doc, insertText: a.value, sortText: String(i) })),
    };
  }
  const groupItems = (g: GroupId, suffix: string) => ({
    range,
    items: GROUPS[g].terms.map((t, i) => ({
      label: t.id,
      kind: 'value' as const,
      detail: t.label,
      documentation: termMarkdown(t),
      insertText: `${t.id}${suffix}`,
      sortText: String(i).padStart(2, '0'),
    })),
  });
  if (section?.id === 'access-ratchet' && RATCHET_KEYS.includes(keyId)) return groupItems('ratchet-position', '');
  if (keyId === 'modality' || keyId === 'modalities') return groupItems('modality', '');
  return undefined;
}

/**
 * Where a group of release.yaml snippets fits. The snippets (snippets/release-yaml.json, from
 * scripts/gen-snippets.ts) are offered by the completion provider only where they make sense: a
 * whole artifact where an artifact goes, never inside an existing one (there the keys are offered).
 */
export type ReleaseSnippetPlace = 'plan' | 'top' | 'artifact' | 'distribution' | 'stage' | 'safeguard';

/** The snippet group a snippet prefix belongs to (`impact-artifact-staged` → 'artifact'). */
export function releaseSnippetPlace(prefix: string): ReleaseSnippetPlace | undefined {
  if (prefix === 'impact-release-plan') return 'plan';
  if (prefix.startsWith('impact-artifact-')) return 'artifact';
  if (prefix.startsWith('impact-distribution-')) return 'distribution';
  if (prefix === 'impact-stage') return 'stage';
  if (prefix === 'impact-safeguard') return 'safeguard';
  if (prefix === 'impact-safeguards' || prefix === 'impact-review') return 'top';
  return undefined;
}

/** Which snippet groups fit at an offset of a release plan (none inside a value or a flow mapping). */
export function releaseSnippetPlaces(text: string, offset: number): ReleaseSnippetPlace[] {
  const cursor = yamlCursorAt(text, offset);
  if (!cursor || cursor.kind !== 'key' || cursor.flow) return [];
  const p = cursor.path;
  if (p.length === 0) {
    const places: ReleaseSnippetPlace[] = ['artifact'];
    if (!cursor.existing.includes('review') || !cursor.existing.includes('safeguards')) places.push('top');
    if (!/^impact-release\s*:/m.test(text)) places.push('plan');
    return places;
  }
  if (p.length === 1 && p[0] === 'artifacts') return ['artifact'];
  if (p.length === 2 && p[0] === 'artifacts' && typeof p[1] === 'number') return cursor.existing.includes('distribution') ? [] : ['distribution'];
  if (p[0] === 'artifacts' && p.includes('stages')) return ['stage'];
  if (p.length === 1 && p[0] === 'safeguards') return ['safeguard'];
  return [];
}
