import { isCollection, isPair, visit, type Pair } from '../../util/yaml';
import { defineReleaseRule } from '../define';
import { planOf } from './common';

/** The same key twice in one mapping: YAML keeps only the last, silently dropping the first. */
export const duplicateKey = defineReleaseRule({
  meta: {
    name: 'duplicate-key',
    description: 'A key appears twice in the same mapping of release.yaml, so one of the values is silently lost.',
    defaultSeverity: 'error',
    fixable: false,
    source: 'YAML 1.2 requires unique keys',
  },
  check(ctx) {
    const plan = planOf(ctx);
    if (!plan || !plan.duplicateKeys.length || !plan.doc) return;
    // The parser marks the first character of the repeated key; find that key to mark all of it.
    const wanted = new Set(plan.duplicateKeys.map((d) => d.range.start));
    const found = new Map<number, { end: number; name: string; first?: number }>();
    visit(plan.doc, {
      Map(_, map) {
        const seen = new Map<string, number>();
        for (const p of map.items as Pair[]) {
          if (!isPair(p)) continue;
          const k = p.key as { range?: [number, number, number]; value?: unknown; source?: string } | null;
          if (!k?.range || isCollection(k)) continue;
          const name = String(k.value ?? k.source ?? '');
          if (wanted.has(k.range[0])) found.set(k.range[0], { end: k.range[1], name, first: seen.get(name) });
          if (!seen.has(name)) seen.set(name, k.range[0]);
        }
      },
    });
    for (const d of plan.duplicateKeys) {
      const hit = found.get(d.range.start);
      const line = hit?.first !== undefined ? plan.source.positionAt(hit.first).line + 1 : undefined;
      ctx.report({
        message: hit
          ? `Duplicate key '${hit.name}'${line ? ` (first on line ${line})` : ''}: YAML keeps only one of the two values. Merge them or remove one.`
          : 'Duplicate key in this mapping: YAML keeps only one of the values. Merge them or remove one.',
        file: 'release',
        range: hit ? { start: d.range.start, end: hit.end } : d.range,
      });
    }
  },
});
