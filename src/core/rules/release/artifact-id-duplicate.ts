import { defineReleaseRule } from '../define';
import { artifactsOf, own, planOf } from './common';

/** Two artifacts with the same id: IMPACT.md, reports and decisions could not tell them apart. */
export const artifactIdDuplicate = defineReleaseRule({
  meta: {
    name: 'artifact-id-duplicate',
    description: 'Two artifacts in release.yaml share the same id.',
    defaultSeverity: 'error',
    fixable: false,
    source: 'The release-plan schema (schemas/release.schema.json)',
  },
  check(ctx) {
    const plan = planOf(ctx);
    if (!plan) return;
    const first = new Map<string, { index: number; id: string }>();
    for (const a of artifactsOf(plan)) {
      const id = own(a.data, 'id');
      if (typeof id !== 'string' || !id.trim()) continue;
      const key = id.trim().toLowerCase();
      const prev = first.get(key);
      if (prev === undefined) {
        first.set(key, { index: a.index, id });
        continue;
      }
      const line = plan.source.positionAt(plan.rangeOf(['artifacts', prev.index, 'id'], 'value').start).line + 1;
      const spelled = prev.id === id ? '' : ` as '${prev.id}'`;
      ctx.report({
        message: `The artifact id '${id}' is already used${spelled} by artifact ${prev.index + 1} (line ${line}): give each artifact its own id, since IMPACT.md, reports and decisions refer to artifacts by id (ignoring case).`,
        file: 'release',
        range: plan.rangeOf([...a.path, 'id'], 'value'),
        data: { id },
      });
    }
  },
});
