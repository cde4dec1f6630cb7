import { isMap, isPair, isScalar, type Node as YamlNode } from '../../util/yaml';
import { parseIsoDate } from '../../release/date';
import { findTerm } from '../../taxonomy';
import type { ReleaseDoc, YamlPath } from '../../release/release-doc';
import type { OffsetRange } from '../../source-text';
import type { Fix } from '../../types';
import { definePairRule } from '../define';
import {
  factorRatings,
  hazardVerdicts,
  implementedSafeguards,
  joinList,
  lineNo,
  planArtifacts,
  planSafeguardEnforcement,
  planSafeguards,
  stringList,
  tightValueRange,
  type PlanArtifact,
} from './read';

const DEFAULT_EASE = ['reproducibility', 'slottability', 'modifiability', 'talent-pipeline'];
const DEFAULT_CONTENTS = ['trained-model', 'runnable-system', 'modifiable-system'];
const DEFAULT_DATA_CONTENTS = ['source-code', 'training-data'];
const DEFAULT_SOON_DAYS = 90;
const DAY = 86_400_000;

/** When and where an artifact reaches the public: at once, or on a date within `soonDays`. */
interface PublicRelease {
  /** "goes out immediately to the public", "goes out to the public on 2027-01-10 (in 30 days)". */
  when: string;
  range: OffsetRange;
}

/**
 * The assessment says misuse is likely or easy, yet the plan hands a model or runnable system (or,
 * when the data hazard applies, code or data) to anyone now or soon, with nothing in place that
 * actually protects it (Ovadya & Whittlestone 2019, §2.1, §2.2 (2), §3.4).
 */
export const planLessCautiousThanAssessment = definePairRule({
  meta: {
    name: 'plan-less-cautious-than-assessment',
    description:
      'release.yaml releases a model or runnable system (or code or data, when the data hazard applies) to the public now or within 90 days, with no safeguard that protects it, although IMPACT.md rates the risk high.',
    defaultSeverity: 'warning',
    fixable: false,
    suggestions: true,
    source: 'Ovadya & Whittlestone 2019, §2.1, §2.2 (2) and §3.4',
    options: {
      easeFactors: {
        type: 'string[]',
        default: DEFAULT_EASE,
        description: 'Path-to-harm factors whose high rating alone makes an unguarded public release worth a warning.',
      },
      contents: {
        type: 'string[]',
        default: DEFAULT_CONTENTS,
        description: 'Release-content kinds the rule checks (ids from the taxonomy).',
      },
      dataHazardContents: {
        type: 'string[]',
        default: DEFAULT_DATA_CONTENTS,
        description: 'Release-content kinds also checked when IMPACT.md says the data hazard applies.',
      },
      soonDays: {
        type: 'number',
        default: DEFAULT_SOON_DAYS,
        description: 'A public release (or public stage) dated within this many days counts as imminent, like an immediate one.',
      },
    },
  },
  check(ctx) {
    if (!ctx.impact || !ctx.release) return;
    const ease = stringList(ctx.options.easeFactors, DEFAULT_EASE);
    const contents = stringList(ctx.options.contents, DEFAULT_CONTENTS);
    const dataContents = stringList(ctx.options.dataHazardContents, DEFAULT_DATA_CONTENTS);
    const soonOption = Number(ctx.options.soonDays ?? DEFAULT_SOON_DAYS);
    const soonDays = Number.isFinite(soonOption) && soonOption >= 0 ? soonOption : DEFAULT_SOON_DAYS;

    const verdicts = hazardVerdicts(ctx.impact, ctx.release);
    const applying = verdicts.filter((h) => h.verdict === 'yes');
    const dataHazard = applying.find((h) => h.hazard === 'data');
    const ratings = factorRatings(ctx.impact, ctx.release);
    const high = ratings.filter((f) => f.rating === 'high');
    const highEase = high.filter((f) => ease.includes(f.factor));
    const modifiability = high.find((f) => f.factor === 'modifiability');
    // A hazard that applies, together with any high factor; or high ease of deployment alone.
    let drivers: string[] = [];
    if (applying.length && high.length) {
      drivers = [
        ...applying.map((h) => `the ${h.label.toLowerCase()} as applying (line ${lineNo(h.line)})`),
        ...high.map((f) => `${f.label.toLowerCase()} high (line ${lineNo(f.line)})`),
      ];
    } else if (highEase.length) {
      drivers = highEase.map((f) => `${f.label.toLowerCase()} high (line ${lineNo(f.line)})`);
    }
    const dataDrivers = dataHazard ? [`the ${dataHazard.label.toLowerCase()} as applying (line ${lineNo(dataHazard.line)})`] : [];
    if (!drivers.length && !dataDrivers.length) return;

    const plan = planSafeguards(ctx.release);
    const enforcement = planSafeguardEnforcement(ctx.release);
    for (const a of planArtifacts(ctx.release)) {
      if (!a.content) continue;
      if (a.raw.purpose === 'defense') continue;
      if (a.status === 'withheld' || a.status === 'withdrawn') continue;
      // Models and systems need the general drivers; code and data are checked when the data hazard applies.
      const why = contents.includes(a.content) && drivers.length ? drivers : dataContents.includes(a.content) && dataDrivers.length ? dataDrivers : undefined;
      if (!why) continue;
      const release = publicRelease(ctx.release, a, ctx.today, soonDays);
      if (!release) continue;

      const implemented = implementedSafeguards(a, plan);
      // A safeguard enforced only by the released code protects nothing once the code is out, when
      // IMPACT.md rates modifiability high (anyone can strip a watermark that open code adds).
      const strippable = modifiability ? implemented.filter((s) => enforcement.get(s) === 'released-code') : [];
      const protecting = implemented.filter((s) => !strippable.includes(s));
      if (protecting.length) continue;

      const what = `${a.id ? `'${a.id}'` : `Artifact ${a.index + 1}`} (${findTerm('release-content', a.content)!.label.toLowerCase()})`;
      const unprotected = unprotectedListed(a, plan);
      let none: string;
      if (strippable.length) {
        none =
          `its only implemented ${strippable.length === 1 ? 'safeguard' : 'safeguards'} (${joinList(strippable)}) ${strippable.length === 1 ? 'is' : 'are'} enforced by the released code, ` +
          `which IMPACT.md rates easy to modify (modifiability high, line ${lineNo(modifiability!.line)})`;
      } else if (unprotected.length) {
        none = `no safeguard protects it (${joinList(unprotected)})`;
      } else if (!a.safeguards) {
        none = 'no safeguard is implemented';
      } else if (a.safeguards.length) {
        none = 'none of the safeguards it lists is implemented yet';
      } else {
        none = 'it lists no safeguard';
      }
      ctx.report({
        message:
          `${what} ${release.when} and ${none}, yet IMPACT.md rates ${joinList(why)}. ` +
          (strippable.length
            ? 'Enforce a safeguard where recipients cannot remove it (a hosted service, an access process), stage or delay the release, or gate access.'
            : why === dataDrivers
              ? 'Gate access, delay the release, or release a reduced version (a sample of the data, code without the parts that enable misuse).'
              : 'Stage or delay the release, gate access, or implement a safeguard such as watermarking or consent checks.'),
        file: 'release',
        range: release.range,
        suggestions: suggestions(ctx.release, a),
        data: { artifact: a.id ?? a.index },
      });
    }
  },
});

/** "watermarking planned, consent not-implemented": the listed safeguards that are not in place. */
function unprotectedListed(a: PlanArtifact, plan: Map<string, string>): string[] {
  const ids = a.safeguards ?? [...plan.keys()];
  return ids
    .map((s) => [s, plan.get(s)] as const)
    .filter(([, status]) => status === 'planned' || status === 'not-implemented')
    .map(([s, status]) => `${s} ${status === 'planned' ? 'only planned' : 'not implemented'}`);
}

/**
 * Whether the artifact reaches the public now or within `soonDays`: an immediate public release;
 * a timed public release dated up to `soonDays` ahead (or already past); or a staged release with
 * a public stage dated so.
 */
function publicRelease(release: ReleaseDoc, a: PlanArtifact, today: Date, soonDays: number): PublicRelease | undefined {
  const base: YamlPath = ['artifacts', a.index];
  const timing = a.raw.timing !== null && typeof a.raw.timing === 'object' ? (a.raw.timing as Record<string, unknown>) : undefined;
  const soon = (d: Date) => (d.getTime() - today.getTime()) / DAY <= soonDays;
  const inDays = (d: Date) => {
    const days = Math.round((d.getTime() - today.getTime()) / DAY);
    return days > 0 ? ` (in ${days} day${days === 1 ? '' : 's'}, within ${soonDays})` : '';
  };
  if (a.distribution === 'public') {
    if (a.timing === 'immediate') return { when: 'goes out immediately to the public', range: timingDistributionRange(release, a) };
    if (a.timing === 'timed') {
      const d = parseIsoDate(timing?.date);
      if (d && soon(d)) return { when: `goes out to the public on ${timing!.date as string}${inDays(d)}`, range: tightValueRange(release, [...base, 'timing', 'date']) };
    }
  }
  if (a.timing === 'staged' && Array.isArray(timing?.stages)) {
    const stages = timing!.stages as unknown[];
    for (let i = 0; i < stages.length; i++) {
      const s = stages[i];
      if (s === null || typeof s !== 'object') continue;
      const st = s as Record<string, unknown>;
      const dist = typeof st.distribution === 'string' ? findTerm('release-distribution', st.distribution)?.id : a.distribution;
      if (dist !== 'public' || st.status === 'skipped') continue;
      const d = parseIsoDate(st.date);
      if (!d || !soon(d)) continue;
      const label = typeof st.release === 'string' && st.release ? ` ('${st.release}')` : '';
      return {
        when: `reaches the public in stage ${i + 1}${label} on ${st.date as string}${inDays(d)}`,
        range: tightValueRange(release, [...base, 'timing', 'stages', i, 'date']),
      };
    }
  }
  return undefined;
}

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
