import { findTerm, MODALITIES } from '../../taxonomy';
import type { ImpactDoc, Marker } from '../../impact/model';
import type { Rule } from '../../types';
import { joinList, tightValueRange } from './read';

/**
 * IMPACT.md's `Modality:` line in the Capability section and release.yaml's `modality:` must name
 * the same media; `multimodal` on either side is compatible with any combination.
 */
export const modalityMismatch: Rule = {
  meta: {
    name: 'modality-mismatch',
    description: "IMPACT.md's Capability and modality section and release.yaml's `modality:` name different media.",
    scope: 'pair',
    defaultSeverity: 'warning',
    fixable: false,
    source: 'Ovadya & Whittlestone 2019, §1 (the media of synthetic media)',
  },
  check(ctx) {
    if (!ctx.impact || !ctx.release || ctx.release.value === undefined) return;
    const fromImpact = impactModalities(ctx.impact);
    if (!fromImpact) return;
    const raw = ctx.release.get(['modality']);
    const list = Array.isArray(raw) ? raw : raw !== undefined && raw !== null ? [raw] : [];
    const fromPlan = new Set<string>();
    for (const v of list) {
      const t = typeof v === 'string' ? findTerm('modality', v) : undefined;
      if (t) fromPlan.add(t.id);
    }
    if (!fromPlan.size) return;
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
};

/** Modalities on the Capability section's `Modality:` marker, or undefined when none is recognised. */
function impactModalities(doc: ImpactDoc): { ids: Set<string>; marker: Marker } | undefined {
  const cap = doc.byId.get('capability');
  if (!cap) return undefined;
  const marker = cap.allMarkers.find((m) => m.keyId === 'modality' || m.keyId === 'modalities');
  if (!marker) return undefined;
  const ids = new Set<string>();
  // What follows a dash or an opening parenthesis is explanation, not a modality.
  const head = marker.value.split(/\s[—–-]\s|[—–(]|\s--\s/)[0];
  for (const part of head.split(/[,;/+&]|\band\b|\bplus\b/i)) {
    const t = findTerm('modality', part.trim().replace(/[*_`.)]/g, ''));
    if (t) ids.add(t.id);
  }
  return ids.size ? { ids, marker } : undefined;
}
