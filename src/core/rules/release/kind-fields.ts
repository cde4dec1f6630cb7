/**
 * The shared engine of timing-incomplete and distribution-incomplete: every artifact needs a
 * `timing` / `distribution` mapping with a `kind`, and each kind needs its own fields (SPEC §3).
 *
 * Fix policy (see docs/rules/timing-incomplete.md): a fix only ever adds what is missing, and
 * every value it writes is the placeholder `TODO` (or a skeleton list of TODO entries). It never
 * picks a kind, a date or a process for the author. The same rule keeps reporting a `TODO` as
 * "still a placeholder" (without a fix) until the author writes the real value, so `--fix` leaves
 * the plan valid YAML and the gap impossible to miss. Choosing a kind is offered as editor
 * suggestions only.
 */
import type { ReleaseDoc, YamlPath } from '../../release/release-doc';
import { ids } from '../../taxonomy';
import type { Fix, Report, RuleContext, TextEdit } from '../../types';
import {
  artifactAnchor,
  artifactName,
  artifactsOf,
  asRecord,
  has,
  isBlank,
  isPlaceholder,
  listWords,
  own,
  planOf,
  valueOrKey,
  type ArtifactRef,
  type Data,
} from './common';
import { addOrFillEdit, addToMapEdit, appendToSeqEdit, fillEmptyValueEdit, type NewValue } from './yaml-edit';
import { capitalize } from '../../util/text-case';

export const TODO = 'TODO';

export interface FieldSpec {
  /** What to write, shown in messages: "the release date, as YYYY-MM-DD". */
  what: string;
  /** The placeholder the fix inserts (default `TODO`). */
  skeleton?: NewValue;
  /** A list field: how many entries it needs at least, and the entry the fix appends. */
  minItems?: number;
  item?: NewValue;
  /** What one more entry should say: "a stage saying what goes out and when". */
  itemWhat?: string;
  /** Fields of each list entry whose placeholders are reported. */
  itemFields?: Record<string, string>;
}

export interface KindSpec {
  /** 'timing' or 'distribution'. */
  key: 'timing' | 'distribution';
  group: 'release-timing' | 'release-distribution';
  /** "when it goes out" / "who receives it". */
  purpose: string;
  /** Kind id → required fields, in the order the fix writes them. */
  required: Record<string, string[]>;
  fields: Record<string, FieldSpec>;
  /** "the timed release", "the ask-for-access distribution". */
  describe: (kind: string) => string;
}

/** Kind-specific fields for the skip list of schema-violation: (which, field) pairs owned by the rule. */
export function ownsField(spec: KindSpec, field: string): boolean {
  return field === 'kind' || Object.values(spec.required).some((f) => f.includes(field));
}

const fix = (title: string, edit: TextEdit | undefined): Fix | undefined => (edit ? { title, edits: [edit] } : undefined);

/** The kind, its fields and TODO placeholders, as the suggestions that write a whole new block. */
function skeletonFor(spec: KindSpec, kind: string): [string, NewValue][] {
  return [['kind', kind], ...spec.required[kind].map((f): [string, NewValue] => [f, spec.fields[f].skeleton ?? TODO])];
}

export function checkKindFields(ctx: RuleContext, spec: KindSpec): void {
  const plan = planOf(ctx);
  if (!plan) return;
  for (const a of artifactsOf(plan)) checkArtifact(ctx, plan, spec, a);
}

function checkArtifact(ctx: RuleContext, plan: ReleaseDoc, spec: KindSpec, a: ArtifactRef): void {
  const key = spec.key;
  const path: YamlPath = [...a.path, key];
  const value = own(a.data, key);
  const kinds = ids(spec.group);
  const report = (r: Omit<Report, 'file'>) => ctx.report({ ...r, file: 'release', data: { artifact: a.label, ...(r.data ?? {}) } });

  // 1. No timing/distribution at all (absent or empty).
  if (!has(a.data, key) || value === null || (typeof value === 'string' && value.trim() === '')) {
    const absent = !has(a.data, key);
    const newBlock = (kind?: string): NewValue => ({ map: kind ? skeletonFor(spec, kind) : [['kind', TODO]], block: kind === 'staged' });
    const edit = (kind?: string) => (absent ? addToMapEdit(plan, a.path, [[key, newBlock(kind)]]) : fillEmptyValueEdit(plan, path, { map: kind ? skeletonFor(spec, kind) : [['kind', TODO]] }));
    report({
      message: `${capitalize(artifactName(a))} has no '${key}': say ${spec.purpose} (${listWords(kinds, 'or')}).`,
      range: absent ? artifactAnchor(plan, a) : plan.rangeOf(path, 'key'),
      fix: fix(`Add '${key}' with a placeholder kind`, edit()),
      suggestions: kinds.map((k) => fix(`Add '${key}: ${k}'`, edit(k))).filter((f): f is Fix => !!f),
      data: { missing: key },
    });
    return;
  }
  const block = asRecord(value);
  if (!block) return; // a list or a scalar: schema-violation explains the expected shape

  // 2. The kind.
  const kind = own(block, 'kind');
  const kindPath = [...path, 'kind'];
  if (isBlank(kind)) {
    const edit = has(block, 'kind') ? fillEmptyValueEdit(plan, kindPath, TODO) : addOrFillEdit(plan, path, [['kind', TODO]]);
    report({
      message: `The '${key}' of ${artifactName(a)} has no 'kind': choose ${listWords(kinds, 'or')}.`,
      range: plan.rangeOf(has(block, 'kind') ? kindPath : path, 'key'),
      fix: fix(`Add a placeholder '${key}' kind`, edit),
      data: { missing: 'kind' },
    });
    return;
  }
  if (isPlaceholder(kind)) {
    const range = plan.rangeOf(kindPath, 'value');
    report({
      message: `The '${key}' kind of ${artifactName(a)} is still a placeholder: choose ${listWords(kinds, 'or')}.`,
      range,
      suggestions: kinds.map((k) => ({ title: `Set the kind to '${k}'`, edits: [{ file: 'release' as const, range, newText: k }] })),
      data: { placeholder: 'kind' },
    });
    return;
  }
  if (typeof kind !== 'string' || !kinds.includes(kind)) return; // schema-violation suggests the closest kind

  // 3. Kind-specific fields.
  const needed = spec.required[kind] ?? [];
  const absent = needed.filter((f) => !has(block, f));
  const kindRange = plan.rangeOf(kindPath, 'value');
  if (absent.length) {
    const entries = absent.map((f): [string, NewValue] => [f, spec.fields[f].skeleton ?? TODO]);
    report({
      message: `${capitalize(spec.describe(kind))} of ${artifactName(a)} has no ${listWords(absent.map((f) => `'${f}'`))}: add ${listWords(absent.map((f) => spec.fields[f].what))}.`,
      range: kindRange,
      fix: fix(`Add ${listWords(absent.map((f) => `'${f}'`))} with ${absent.length === 1 ? 'a placeholder' : 'placeholders'}`, addToMapEdit(plan, path, entries)),
      data: { missing: absent.join(',') },
    });
  }
  for (const f of needed) {
    if (!has(block, f)) continue;
    const v = own(block, f);
    const fpath = [...path, f];
    const field = spec.fields[f];
    if (isBlank(v) || (Array.isArray(v) && v.length === 0)) {
      const edit = Array.isArray(v) ? appendToSeqEdit(plan, fpath, seqSkeleton(field)) : fillEmptyValueEdit(plan, fpath, field.skeleton ?? TODO);
      report({
        message: `'${f}' of ${artifactName(a)} is empty: add ${field.what}.`,
        range: valueOrKey(plan, fpath),
        fix: fix(`Fill '${f}' with a placeholder`, edit),
        data: { missing: f },
      });
    } else if (isPlaceholder(v)) {
      report({
        message: `'${f}' of ${artifactName(a)} is still a placeholder: write ${field.what}.`,
        range: plan.rangeOf(fpath, 'value'),
        data: { placeholder: f },
      });
    } else if (Array.isArray(v) && field.minItems !== undefined) {
      if (v.length < field.minItems) {
        report({
          message: `${capitalize(spec.describe(kind))} of ${artifactName(a)} has ${v.length} ${v.length === 1 ? 'entry' : 'entries'} in '${f}' and needs at least ${field.minItems}: add ${field.itemWhat ?? field.what}.`,
          range: plan.rangeOf(fpath, 'key'),
          fix: fix(`Add ${field.minItems - v.length === 1 ? 'an entry' : 'entries'} with placeholders`, appendToSeqEdit(plan, fpath, seqSkeleton(field).slice(v.length))),
          data: { missing: f },
        });
      }
      v.forEach((item, i) => checkItem(report, plan, a, fpath, i, asRecord(item), field, f, kind));
    }
  }
}

/** The entries the fix writes for an empty list: as many as needed, from the skeleton. */
function seqSkeleton(field: FieldSpec): NewValue[] {
  const sk = field.skeleton;
  if (sk && typeof sk !== 'string' && 'seq' in sk) return sk.seq;
  return field.item ? Array.from({ length: field.minItems ?? 1 }, () => field.item!) : [];
}

function checkItem(
  report: (r: Omit<Report, 'file'>) => void,
  plan: ReleaseDoc,
  a: ArtifactRef,
  listPath: YamlPath,
  i: number,
  item: Data | undefined,
  field: FieldSpec,
  listName: string,
  kind: string,
): void {
  if (!item) return;
  const ipath = [...listPath, i];
  const label = `${listName === 'stages' ? 'stage' : 'entry'} ${i + 1} of ${artifactName(a)}`;
  for (const [k, what] of Object.entries(field.itemFields ?? {})) {
    const v = own(item, k);
    if (isPlaceholder(v)) {
      report({ message: `'${k}' of ${label} is still a placeholder: write ${what}.`, range: plan.rangeOf([...ipath, k], 'value'), data: { placeholder: k } });
    }
  }
  // A stage happens on a date or after an event; choosing which is the author's call, so no --fix.
  if (kind === 'staged' && listName === 'stages' && isBlank(own(item, 'date')) && isBlank(own(item, 'after'))) {
    const ins = (k: string) => addToMapEdit(plan, ipath, [[k, TODO]]);
    report({
      message: `${capitalize(label)} has neither a 'date' nor an 'after' event: say when this stage goes out.`,
      range: artifactAnchorOfItem(plan, ipath),
      suggestions: [fix("Add a 'date' placeholder", ins('date')), fix("Add an 'after' placeholder", ins('after'))].filter((f): f is Fix => !!f),
      data: { missing: 'date,after' },
    });
  }
}

function artifactAnchorOfItem(plan: ReleaseDoc, path: YamlPath) {
  const hasRelease = plan.get([...path, 'release']) !== undefined;
  if (hasRelease) return plan.rangeOf([...path, 'release'], 'key');
  const r = plan.rangeOf(path, 'value');
  const line = plan.source.positionAt(r.start).line;
  return { start: r.start, end: Math.min(r.end, plan.source.lineEnd(line)) };
}
