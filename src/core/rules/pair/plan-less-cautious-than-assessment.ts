import { isMap, isPair, isScalar, type Node as YamlNode } from 'yaml';
import { findTerm } from '../../taxonomy';
import type { ReleaseDoc } from '../../release/model';
import type { OffsetRange } from '../../text';
import type { Fix, Rule } from '../../types';
import { factorRatings, hazardVerdicts, implementedSafeguards, joinList, lineNo, planArtifacts, planSafeguards, stringList, tightValueRange, type PlanArtifact } from './read';

const DEFAULT_EASE = ['reproducibility', 'slottability', 'modifiability', 'talent-pipeline'];
const DEFAULT_CONTENTS = ['trained-model', 'runnable-system', 'modifiable-system'];

/**
 * The assessment says misuse is likely or easy, yet the plan hands a model or runnable system to
 * anyone at once with nothing built in to slow misuse down (Ovadya & Whittlestone 2019, §3.4).
 */
export const planLessCautiousThanAssessment: Rule = {
  meta: {
    name: 'plan-less-cautious-than-assessment',
    description:
      'release.yaml releases a model or runnable system immediately to the public with no safeguards, although IMPACT.md rates the risk high.',
    scope: 'pair',
    defaultSeverity: 'warning',
    fixable: false,
    suggestions: true,
    source: 'Ovadya & Whittlestone 2019, §2.1, §2.2 (2) and §3.4',
    options: {
      easeFactors: {
        type: 'string[]',
        default: DEFAULT_EASE,
        description: 'Path-to-harm factors whose high rating alone makes an unguarded immediate public release worth a warning.',
      },
      contents: {
        type: 'string[]',
        default: DEFAULT_CONTENTS,
        description: 'Release-content kinds the rule checks (ids from the taxonomy).',
      },
    },
  },
  check(ctx) {
    if (!ctx.impact || !ctx.release) return;
    const ease = stringList(ctx.options.easeFactors, DEFAULT_EASE);
    const contents = stringList(ctx.options.contents, DEFAULT_CONTENTS);

    const applying = hazardVerdicts(ctx.impact).filter((h) => h.verdict === 'yes');
    const high = factorRatings(ctx.impact).filter((f) => f.rating === 'high');
    const highEase = high.filter((f) => ease.includes(f.factor));
    // A hazard that applies, together with any high factor; or high ease of deployment alone.
    let drivers: string[];
    if (applying.length && high.length) {
      drivers = [
        ...applying.map((h) => `the ${h.label.toLowerCase()} as applying (line ${lineNo(h.line)})`),
        ...high.map((f) => `${f.label.toLowerCase()} high (line ${lineNo(f.line)})`),
      ];
    } else if (highEase.length) {
      drivers = highEase.map((f) => `${f.label.toLowerCase()} high (line ${lineNo(f.line)})`);
    } else {
      return;
    }

    const plan = planSafeguards(ctx.release);
    for (const a of planArtifacts(ctx.release)) {
      if (!a.content || !contents.includes(a.content)) continue;
      if (a.timing !== 'immediate' || a.distribution !== 'public') continue;
      if (a.status === 'withheld' || a.status === 'withdrawn') continue;
      if (implementedSafeguards(a, plan).length) continue;
      const what = `${a.id ? `'${a.id}'` : `Artifact ${a.index + 1}`} (${findTerm('release-content', a.content)!.label.toLowerCase()})`;
      const none = !a.safeguards
        ? 'no safeguard is implemented'
        : a.safeguards.length
          ? 'none of the safeguards it lists is implemented yet'
          : 'it lists no safeguard';
      ctx.report({
        message:
          `${what} goes out immediately to the public and ${none}, yet IMPACT.md rates ${joinList(drivers)}. ` +
          'Stage or delay the release, gate access, or implement a safeguard such as watermarking or consent checks.',
        file: 'release',
        range: timingDistributionRange(ctx.release, a),
        suggestions: suggestions(ctx.release, a),
        data: { artifact: a.id ?? a.index },
      });
    }
  },
};

/** From the `timing` key to the end of `distribution` when the two are neighbours, else timing's kind. */
function timingDistributionRange(release: ReleaseDoc, a: PlanArtifact): OffsetRange {
  const base = ['artifacts', a.index];
  const node = release.node(base);
  if (isMap(node)) {
    const keys = node.items.map((p) => (isPair(p) && isScalar(p.key) ? String(p.key.value) : ''));
    const ti = keys.indexOf('timing');
    const di = keys.indexOf('distribution');
    if (ti >= 0 && di >= 0 && Math.abs(ti - di) === 1) {
      const first = ti < di ? 'timing' : 'distribution';
      const second = ti < di ? 'distribution' : 'timing';
      const start = release.rangeOf([...base, first], 'key').start;
      const end = tightValueRange(release, [...base, second]).end;
      if (end > start) return { start, end };
    }
  }
  const kind = release.node([...base, 'timing', 'kind']);
  return tightValueRange(release, kind ? [...base, 'timing', 'kind'] : [...base, 'timing']);
}

function suggestions(release: ReleaseDoc, a: PlanArtifact): Fix[] | undefined {
  const path = ['artifacts', a.index, 'distribution', 'kind'];
  const node = release.node(path) as YamlNode | undefined;
  if (!isScalar(node) || !node.range) return undefined;
  const range = { start: node.range[0], end: node.range[1] };
  return [{ title: "Change the distribution to 'ask-for-access'", edits: [{ file: 'release', range, newText: 'ask-for-access' }] }];
}
