import type { YamlPath } from '../../release/release-doc';
import type { OffsetRange } from '../../source-text';
import { defineReleaseRule } from '../define';
import { artifactName, artifactsOf, asRecord, has, isBlank, isPlaceholder, listWords, own, planOf, valueOrKey, type ArtifactRef } from './common';
import { addToMapEdit } from './yaml-edit';
import { capitalize } from '../../util/text-case';

/** Content that someone could run or adapt straight away once it is out. */
export const WITHDRAWABLE_CONTENT = ['trained-model', 'runnable-system', 'modifiable-system'];

/** The spot that makes the artifact public: its distribution kind, or a public stage's distribution. */
function publicAt(a: ArtifactRef): YamlPath | undefined {
  const dist = asRecord(own(a.data, 'distribution'));
  if (own(dist, 'kind') === 'public') return [...a.path, 'distribution', 'kind'];
  const stages = own(asRecord(own(a.data, 'timing')), 'stages');
  if (Array.isArray(stages)) {
    const i = stages.findIndex((s) => own(asRecord(s), 'distribution') === 'public');
    if (i >= 0) return [...a.path, 'timing', 'stages', i, 'distribution'];
  }
  return undefined;
}

/**
 * Public models and runnable or modifiable systems need a plan for pulling them back after misuse.
 * A hosted release needs none (the service can be switched off), and neither does an artifact
 * released for defence (`purpose: defense`).
 */
export const withdrawalPlanMissing = defineReleaseRule({
  meta: {
    name: 'withdrawal-plan-missing',
    description: "A trained model, runnable system or modifiable system goes out publicly, but the plan has no 'withdrawal' (how it would be pulled back after misuse).",
    defaultSeverity: 'warning',
    fixable: false,
    suggestions: true,
    source: 'Ovadya & Whittlestone 2019, §2.3 (access is hard to undo) and §3.2.3 (approval can be suspended)',
  },
  check(ctx) {
    const plan = planOf(ctx);
    if (!plan) return;
    const root = asRecord(plan.value);
    if (!root) return;
    // A mapping without 'plan' is schema-violation's (a missing required key); here: no withdrawal at all, or a placeholder.
    const w = own(root, 'withdrawal');
    const wPlan = asRecord(w) ? own(asRecord(w), 'plan') : w;
    if (asRecord(w) && !has(asRecord(w), 'plan')) return;
    const missing = isBlank(wPlan);
    const placeholder = !missing && isPlaceholder(wPlan);
    if (!missing && !placeholder) return;
    const hits: { a: ArtifactRef; at: YamlPath }[] = [];
    for (const a of artifactsOf(plan)) {
      if (!WITHDRAWABLE_CONTENT.includes(own(a.data, 'content') as string)) continue;
      // A detector or detection dataset released for defenders is not something to pull back.
      if (own(a.data, 'purpose') === 'defense') continue;
      const at = publicAt(a);
      // A comment above the artifact's list item (or its line) that disables this rule leaves it out.
      if (at && !ctx.isSuppressed?.('release', plan.rangeOf(at, 'value').start)) hits.push({ a, at });
    }
    if (!hits.length) return;
    const labels = hits.map((h) => (h.a.label.startsWith('#') ? h.a.label : `'${h.a.label}'`));
    const subject = hits.length === 1 ? `${artifactName(hits[0].a)} goes` : `artifacts ${listWords(labels)} go`;
    const it = hits.length === 1 ? 'it' : 'them';
    if (placeholder) {
      const path = asRecord(w) ? ['withdrawal', 'plan'] : ['withdrawal'];
      ctx.report({
        message: `'${path.join('.')}' is still a placeholder, and ${subject} out publicly: say how you would pull ${it} back if misused.`,
        file: 'release',
        range: plan.rangeOf(path, 'value'),
      });
      return;
    }
    const range: OffsetRange = has(root, 'withdrawal') ? plan.rangeOf(['withdrawal'], 'key') : valueOrKey(plan, hits[0].at);
    const edit = has(root, 'withdrawal') ? undefined : addToMapEdit(plan, [], [['withdrawal', 'TODO']]);
    ctx.report({
      message: `${capitalize(subject)} out publicly, but the plan has no 'withdrawal': say how you would pull ${it} back if misused (revoke access, take down downloads and demos, tell users).`,
      file: 'release',
      range,
      suggestions: edit ? [{ title: "Add a 'withdrawal' placeholder", edits: [edit] }] : undefined,
      data: { artifacts: hits.map((h) => h.a.label).join(',') },
    });
  },
});
