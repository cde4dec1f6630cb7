import type { YamlPath } from '../../release/release-doc';
import { defineReleaseRule } from '../define';
import { artifactName, artifactsOf, asRecord, has, isoDay, own, parseIsoDate, planOf, type Data } from './common';

/**
 * Whether the plan still records the artifact as not released: status planned or withheld, or no
 * status and no `released` date. Released and withdrawn artifacts are out (or pulled back).
 */
export function stillWithheld(a: Data): boolean {
  const status = own(a, 'status');
  if (status === 'planned' || status === 'withheld') return true;
  if (status === undefined || status === null) return !has(a, 'released') || own(a, 'released') === null;
  return false;
}

/** A release date in the plan has passed while the plan still says the artifact is not out. */
export const timedReleasePassed = defineReleaseRule({
  meta: {
    name: 'timed-release-passed',
    description:
      'A release date has passed (a timed release, a dated stage, or the next periodic evaluation) while the plan still records the artifact as not released.',
    defaultSeverity: 'warning',
    fixable: false,
    source: 'Ovadya & Whittlestone 2019, §3.4 (timed, periodic and staged release)',
  },
  check(ctx) {
    const plan = planOf(ctx);
    if (!plan) return;
    const today = ctx.today.getTime();
    const passed = (v: unknown) => {
      const d = parseIsoDate(v);
      return d && d.getTime() < today ? d : undefined;
    };
    for (const a of artifactsOf(plan)) {
      const timing = asRecord(own(a.data, 'timing'));
      if (!timing) continue;
      const kind = own(timing, 'kind');
      const withheld = stillWithheld(a.data);
      const tpath: YamlPath = [...a.path, 'timing'];
      if (kind === 'timed' && withheld) {
        const d = passed(own(timing, 'date'));
        if (d) {
          ctx.report({
            message: `The timed release of ${artifactName(a)} was due on ${isoDay(d)}, but the plan does not record it as released: once it is out, set 'status: released' and 'released: <date>'; if it was postponed, move the date.`,
            file: 'release',
            range: plan.rangeOf([...tpath, 'date'], 'value'),
            data: { artifact: a.label },
          });
        }
      } else if (kind === 'periodic' && withheld) {
        const d = passed(own(timing, 'next'));
        if (d) {
          ctx.report({
            message: `The periodic evaluation of ${artifactName(a)} was due on ${isoDay(d)}: decide again whether to release it, then record the decision and the next evaluation date.`,
            file: 'release',
            range: plan.rangeOf([...tpath, 'next'], 'value'),
            data: { artifact: a.label },
          });
        }
      } else if (kind === 'staged') {
        const stages = own(timing, 'stages');
        if (!Array.isArray(stages)) continue;
        stages.forEach((s, i) => {
          const stage = asRecord(s);
          if (!stage) return;
          const status = own(stage, 'status');
          const stageWithheld = status === 'planned' || ((status === undefined || status === null) && withheld);
          if (!stageWithheld || own(a.data, 'status') === 'withdrawn') return;
          const d = passed(own(stage, 'date'));
          if (!d) return;
          const what = typeof own(stage, 'release') === 'string' ? ` (${own(stage, 'release')})` : '';
          ctx.report({
            message: `Stage ${i + 1}${what} of ${artifactName(a)} was due on ${isoDay(d)}, but the plan does not record it as released: set the stage's 'status: released' once it is out, or move the date.`,
            file: 'release',
            range: plan.rangeOf([...tpath, 'stages', i, 'date'], 'value'),
            data: { artifact: a.label, stage: i + 1 },
          });
        });
      }
    }
  },
});
