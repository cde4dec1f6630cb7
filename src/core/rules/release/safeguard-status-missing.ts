import { findTerm, ids, SYNTHETIC_MEDIA_MODALITIES } from '../../taxonomy';
import type { Fix, RuleContext } from '../../types';
import { defineReleaseRule } from '../define';
import { detectModalities } from '../helpers';
import { asRecord, has, isBlank, isPlaceholder, listWords, own, planAnchor, planOf, valueOrKey } from './common';
import { TODO } from './kind-fields';
import { addOrFillEdit, addToMapEdit, fillEmptyValueEdit, type NewValue } from './yaml-edit';

const STATUSES = ids('safeguard-status');
/** Statuses that must say why. */
const NEEDS_REASON: Record<string, string> = {
  'not-applicable': 'why it does not apply to this work',
  'not-implemented': 'why it was not implemented although it applies',
};

/** The synthetic-media modalities of the pair (from release.yaml `modality`, else IMPACT.md). */
export function syntheticModalities(ctx: RuleContext): string[] {
  return detectModalities(ctx.impact, ctx.release).filter((m) => SYNTHETIC_MEDIA_MODALITIES.includes(m));
}

/**
 * For synthetic media, each safeguard of Ovadya & Whittlestone §3.4 needs an entry with a status.
 * The fix adds missing entries and fields with the placeholder `TODO`, which this rule keeps
 * reporting until the author chooses implemented, planned or not-applicable: it never decides.
 */
export const safeguardStatusMissing = defineReleaseRule({
  meta: {
    name: 'safeguard-status-missing',
    description:
      'For synthetic media, a safeguard (consent, detectability, watermarking, referenceability, synthesis constraints) has no entry or no status, or is not-implemented or not-applicable without a reason.',
    defaultSeverity: 'warning',
    fixable: true,
    suggestions: true,
    source: 'Ovadya & Whittlestone 2019, §3.4 (synthetic-media safeguards)',
  },
  check(ctx) {
    const plan = planOf(ctx);
    if (!plan) return;
    const media = syntheticModalities(ctx);
    if (!media.length) return;
    const root = asRecord(plan.value);
    if (!root) return;
    const all = ids('safeguard');
    const placeholderEntry = (): NewValue => ({ map: [['status', TODO]] });
    const what = `synthetic media (${listWords(media)})`;

    const sg = own(root, 'safeguards');
    if (!has(root, 'safeguards') || sg === null) {
      const entries = all.map((id): [string, NewValue] => [id, placeholderEntry()]);
      const edit = has(root, 'safeguards') ? fillEmptyValueEdit(plan, ['safeguards'], { map: entries }) : addToMapEdit(plan, [], [['safeguards', { map: entries, block: true }]]);
      ctx.report({
        message: `This plan covers ${what} but has no 'safeguards': give ${listWords(all)} each a status (implemented, planned, or not-applicable with a reason).`,
        file: 'release',
        range: has(root, 'modality') ? valueOrKey(plan, ['modality']) : has(root, 'safeguards') ? plan.rangeOf(['safeguards'], 'key') : planAnchor(plan),
        fix: edit && { title: 'Add the safeguards with placeholder statuses', edits: [edit] },
        data: { missing: all.join(',') },
      });
      return;
    }
    const map = asRecord(sg);
    if (!map) return; // schema-violation: safeguards should be a mapping

    // Keys written as aliases ("watermark") count as present: schema-violation offers the rename.
    const present = new Set<string>();
    for (const k of Object.keys(map)) {
      const t = findTerm('safeguard', k);
      if (t) present.add(t.id);
    }
    const absent = all.filter((id) => !present.has(id));
    if (absent.length) {
      const edit = addToMapEdit(plan, ['safeguards'], absent.map((id): [string, NewValue] => [id, placeholderEntry()]));
      ctx.report({
        message: `No entry for the ${absent.length === 1 ? 'safeguard' : 'safeguards'} ${listWords(absent.map((s) => `'${s}'`))}: for ${what}, say whether each is implemented, planned or not applicable (and why).`,
        file: 'release',
        range: plan.rangeOf(['safeguards'], 'key'),
        fix: edit && { title: `Add ${listWords(absent.map((s) => `'${s}'`))} with a placeholder status`, edits: [edit] },
        data: { missing: absent.join(',') },
      });
    }

    for (const id of all) {
      if (!has(map, id)) continue;
      const path = ['safeguards', id];
      const entry = own(map, id);
      if (isBlank(entry)) {
        const edit = fillEmptyValueEdit(plan, path, placeholderEntry());
        ctx.report({
          message: `The safeguard '${id}' has no status: say whether it is implemented, planned or not applicable (and why).`,
          file: 'release',
          range: plan.rangeOf(path, 'key'),
          fix: edit && { title: `Add a placeholder status to '${id}'`, edits: [edit] },
          data: { safeguard: id },
        });
        continue;
      }
      const rec = asRecord(entry);
      if (!rec) continue; // a bare value: schema-violation suggests { status: … }
      const status = own(rec, 'status');
      const statusPath = [...path, 'status'];
      if (isBlank(status)) {
        const edit = has(rec, 'status') ? fillEmptyValueEdit(plan, statusPath, TODO) : addOrFillEdit(plan, path, [['status', TODO]]);
        ctx.report({
          message: `The safeguard '${id}' has no status: choose implemented, planned or not-applicable.`,
          file: 'release',
          range: plan.rangeOf(has(rec, 'status') ? statusPath : path, 'key'),
          fix: edit && { title: `Add a placeholder status to '${id}'`, edits: [edit] },
          data: { safeguard: id },
        });
        continue;
      }
      if (isPlaceholder(status)) {
        const range = plan.rangeOf(statusPath, 'value');
        ctx.report({
          message: `The status of the safeguard '${id}' is still a placeholder: choose implemented, planned or not-applicable.`,
          file: 'release',
          range,
          suggestions: STATUSES.map((s): Fix => ({ title: `Set the status to '${s}'`, edits: [{ file: 'release', range, newText: s }] })),
          data: { safeguard: id, placeholder: 'status' },
        });
        continue;
      }
      const why = typeof status === 'string' ? NEEDS_REASON[status] : undefined;
      if (!why) continue;
      const reason = own(rec, 'reason');
      if (isBlank(reason)) {
        const edit = has(rec, 'reason') ? fillEmptyValueEdit(plan, [...path, 'reason'], TODO) : addToMapEdit(plan, path, [['reason', TODO]]);
        ctx.report({
          message: `The safeguard '${id}' is marked ${status} without a reason: say ${why}.`,
          file: 'release',
          range: plan.rangeOf(statusPath, 'value'),
          fix: edit && { title: `Add a placeholder reason to '${id}'`, edits: [edit] },
          data: { safeguard: id, missing: 'reason' },
        });
      } else if (isPlaceholder(reason)) {
        ctx.report({
          message: `The reason for the ${status} safeguard '${id}' is still a placeholder: say ${why}.`,
          file: 'release',
          range: plan.rangeOf([...path, 'reason'], 'value'),
          data: { safeguard: id, placeholder: 'reason' },
        });
      }
    }
  },
});
