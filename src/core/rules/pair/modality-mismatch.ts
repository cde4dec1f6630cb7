import { MODALITIES } from '../../taxonomy';
import { assessment } from '../../assessment/assessment-model';
import { definePairRule } from '../define';
import { joinList, tightValueRange } from './read';

/**
 * IMPACT.md's `Modality:` line in the Capability section and release.yaml's `modality:` must name
 * the same media; `multimodal` on either side is compatible with any combination.
 */
export const modalityMismatch = definePairRule({
  meta: {
    name: 'modality-mismatch',
    description: "IMPACT.md's Capability and modality section and release.yaml's `modality:` name different media.",
    defaultSeverity: 'warning',
    fixable: false,
    source: 'Ovadya & Whittlestone 2019, §1 (the media of synthetic media)',
  },
  check(ctx) {
    if (!ctx.impact || !ctx.release || ctx.release.value === undefined) return;
    const q = assessment(ctx.impact, ctx.release).modality;
    if (!q.fromImpact.length || !q.fromPlan.length || !q.impactMarker) return;
    const fromImpact = { ids: new Set(q.fromImpact), marker: q.impactMarker };
    const fromPlan = new Set(q.fromPlan);
    const a = fromImpact.ids;
    if (a.has('multimodal') || fromPlan.has('multimodal')) return;
    const onlyImpact = [...a].filter((m) => !fromPlan.has(m));
    const onlyPlan = [...fromPlan].filter((m) => !a.has(m));
    if (!onlyImpact.length && !onlyPlan.length) return;
    const label = (ids: string[]) => joinList(ids.map((id) => MODALITIES.find((t) => t.id === id)!.label.toLowerCase()));
    const parts: string[] = [];
    if (onlyImpact.length) parts.push(`IMPACT.md (line ${fromImpact.marker.line + 1}) names ${label(onlyImpact)}, which release.yaml does not`);
    if (onlyPlan.length) parts.push(`release.yaml names ${label(onlyPlan)}, which IMPACT.md does not`);
    const union = [...new Set([...a, ...fromPlan])];
    ctx.report({
      message: `The two files disagree about modality: ${parts.join('; ')}. Make them match (use 'multimodal' for a mix).`,
      file: 'release',
      range: tightValueRange(ctx.release, ['modality']),
      data: { impact: [...a].join(','), release: [...fromPlan].join(','), union: union.join(',') },
    });
  },
});
