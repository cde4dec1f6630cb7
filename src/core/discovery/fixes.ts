/**
 * Quick fixes for `artifact-uncovered`: add the uncovered paths to one of the plan's artifacts (one
 * suggestion per artifact: the author picks which artifact releases them), or add new artifacts for
 * them. Comment-preserving text insertions into release.yaml (yaml-edit.ts); never applied
 * automatically, since which artifact a file belongs to is the author's decision.
 */
import { isSeq, isMap } from '../util/yaml';
import type { ReleaseDoc } from '../release/release-doc';
import { addToMapEdit, appendToSeqEdit, type NewValue } from '../rules/release/yaml-edit';
import type { Fix } from '../types';
import type { SuggestedArtifact } from './roots';

/** A glob written into YAML: quoted when a plain scalar would not read back as the same string. */
function yamlString(s: string): string {
  return /^[A-Za-z0-9_./-][A-Za-z0-9_./*-]*$/.test(s) && !/^[-.]/.test(s) ? s : JSON.stringify(s);
}

const list = (xs: readonly string[]) => xs.map((x) => `'${x}'`).join(', ');

/**
 * Suggestions for a plan whose artifacts miss `globs` (relative to the plan's folder): "Add … to
 * artifact 'weights'" for each artifact with a `paths` list (or none yet), then "Add artifacts for
 * them" with the discovery's suggested artifacts (ids made unique).
 */
export function artifactUncoveredFixes(plan: ReleaseDoc, globs: readonly string[], suggested: readonly SuggestedArtifact[]): Fix[] {
  const out: Fix[] = [];
  if (!plan.doc || plan.syntaxErrors.length || !globs.length) return out;
  const artifacts = plan.node(['artifacts']);
  const values = globs.map(yamlString);
  const ids = new Set<string>();
  if (isSeq(artifacts)) {
    artifacts.items.forEach((item, i) => {
      if (!isMap(item)) return;
      const id = plan.get(['artifacts', i, 'id']);
      const name = typeof id === 'string' && id.trim() ? `'${id.trim()}'` : `#${i + 1}`;
      if (typeof id === 'string') ids.add(id.trim());
      const paths = plan.node(['artifacts', i, 'paths']);
      let edit;
      if (isSeq(paths)) {
        const have = new Set(paths.items.map((p) => String((p as { value?: unknown })?.value ?? '')));
        const missing = values.filter((v, k) => !have.has(globs[k]));
        if (!missing.length) return;
        edit = appendToSeqEdit(plan, ['artifacts', i, 'paths'], missing);
      } else if (paths === undefined || paths === null) {
        edit = addToMapEdit(plan, ['artifacts', i], [['paths', { seq: values }]]);
      }
      if (edit) out.push({ title: `Add ${list(globs)} to the paths of artifact ${name}`, edits: [edit] });
    });
  }
  const fresh: NewValue[] = suggested.map((a) => {
    let id = a.id;
    for (let n = 2; ids.has(id); n++) id = `${a.id}-${n}`;
    ids.add(id);
    return { map: [['id', id], ['content', a.content], ['paths', { seq: a.paths.map(yamlString) }]] };
  });
  if (fresh.length && isSeq(artifacts)) {
    const edit = appendToSeqEdit(plan, ['artifacts'], fresh);
    if (edit) out.push({ title: fresh.length === 1 ? 'Add a new artifact for them' : `Add ${fresh.length} new artifacts for them (one per kind)`, edits: [edit] });
  }
  return out;
}
