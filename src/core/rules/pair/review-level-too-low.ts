import { findTerm, PATH_STAGES } from '../../taxonomy';
import type { Fix } from '../../types';
import { definePairRule } from '../define';
import { factorRatings, hazardVerdicts, joinList, lineNo, stringList } from './read';

const DEPLOYMENT = PATH_STAGES.find((s) => s.id === 'deployment')!.factors.map((f) => f.id);

/**
 * The IRB analogy (Ovadya & Whittlestone 2019, §3.2.3): exempt is for minimal risk, expedited for
 * risk a little above it, full review for everything else. The thresholds are options.
 */
export const reviewLevelTooLow = definePairRule({
  meta: {
    name: 'review-level-too-low',
    description: "release.yaml's review level is lower than the risk IMPACT.md describes (exempt with a hazard that applies, expedited with a serious one).",
    defaultSeverity: 'warning',
    fixable: false,
    suggestions: true,
    source: 'Ovadya & Whittlestone 2019, §3.2.3',
    options: {
      fullReviewHazards: {
        type: 'string[]',
        default: ['product'],
        description: 'Hazard types that, when they apply together with enough high factors, call for full review rather than expedited.',
      },
      fullReviewHighFactors: {
        type: 'number',
        default: 3,
        description: 'How many of the counted factors rated high, with one of fullReviewHazards applying, call for full review.',
      },
      countedFactors: {
        type: 'string[]',
        default: DEPLOYMENT,
        description: 'Path-to-harm factors counted toward fullReviewHighFactors (by default the deployment stage).',
      },
    },
  },
  check(ctx) {
    if (!ctx.impact || !ctx.release) return;
    const raw = ctx.release.get(['review', 'level']);
    const level = typeof raw === 'string' ? findTerm('review-level', raw)?.id : undefined;
    if (level !== 'exempt' && level !== 'expedited') return;
    const hazards = hazardVerdicts(ctx.impact, ctx.release).filter((h) => h.verdict === 'yes');
    const high = factorRatings(ctx.impact, ctx.release).filter((f) => f.rating === 'high');
    const range = ctx.release.rangeOf(['review', 'level'], 'value');
    const change = (to: string): Fix => ({ title: `Change the review level to '${to}'`, edits: [{ file: 'release', range, newText: to }] });

    if (level === 'exempt') {
      if (!hazards.length && !high.length) return;
      const reasons = [
        ...hazards.map((h) => `the ${h.label.toLowerCase()} applies (line ${lineNo(h.line)})`),
        ...high.map((f) => `${f.label.toLowerCase()} is rated high (line ${lineNo(f.line)})`),
      ];
      ctx.report({
        message: `Review level 'exempt' is meant for minimal risk, but in IMPACT.md ${joinList(reasons)}. Have the assessment reviewed at the 'expedited' or 'full' level.`,
        file: 'release',
        range,
        suggestions: [change('expedited'), change('full')],
        data: { level },
      });
      return;
    }

    const hazardIds = stringList(ctx.options.fullReviewHazards, ['product']);
    const counted = stringList(ctx.options.countedFactors, DEPLOYMENT);
    const threshold = typeof ctx.options.fullReviewHighFactors === 'number' ? ctx.options.fullReviewHighFactors : 3;
    const serious = hazards.filter((h) => hazardIds.includes(h.hazard));
    const countedHigh = high.filter((f) => counted.includes(f.factor));
    if (!serious.length || countedHigh.length < threshold) return;
    const reasons = [
      ...serious.map((h) => `the ${h.label.toLowerCase()} applies (line ${lineNo(h.line)})`),
      `${countedHigh.length} factors are rated high: ${joinList(countedHigh.map((f) => `${f.label.toLowerCase()} (line ${lineNo(f.line)})`))}`,
    ];
    ctx.report({
      message: `Review level 'expedited' is meant for risk only a little above minimal, but in IMPACT.md ${joinList(reasons)}. Have the assessment reviewed at the 'full' level.`,
      file: 'release',
      range,
      suggestions: [change('full')],
      data: { level },
    });
  },
});

