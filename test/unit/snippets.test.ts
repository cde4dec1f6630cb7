import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  buildImpactSnippets,
  buildReleaseSnippets,
  IMPACT_SNIPPETS_PATH,
  RELEASE_SNIPPETS_PATH,
  renderSnippetFile,
  type Snippet,
} from '../../scripts/gen-snippets';
import { parseImpact } from '../../src/core/impact/parse';
import { parseRelease } from '../../src/core/release/parse';
import { validateRelease } from '../../src/core/release/validate';
import { findTerm, HAZARD_TYPES, ids, PATH_TO_HARM, SECTIONS } from '../../src/core/taxonomy';

/** Expands a snippet the way an editor would with every default accepted (first choice, placeholder text). */
function expand(body: string[]): string {
  let s = body.join('\n');
  const vars: Record<string, string> = { CURRENT_YEAR: '2026', CURRENT_MONTH: '05', CURRENT_DATE: '10' };
  for (let i = 0; i < 5; i++) {
    s = s
      .replace(/\$\{\d+\|((?:[^,|\\]|\\.)*)(?:,(?:[^|\\]|\\.)*)?\|\}/g, '$1')
      .replace(/\$\{([A-Z_]+)\}/g, (_, v: string) => vars[v] ?? '')
      .replace(/\$\{\d+:((?:[^${}\\]|\\.)*)\}/g, '$1');
  }
  return s.replace(/\$0/g, '').replace(/\\([$}\\,|])/g, '$1');
}

const byPrefix = (file: Record<string, Snippet>, prefix: string) => {
  const s = Object.values(file).find((x) => x.prefix === prefix);
  assert.ok(s, `no snippet ${prefix}`);
  return s;
};

function planProblems(text: string): string[] {
  const doc = parseRelease('release.yaml', text);
  assert.deepEqual(doc.syntaxErrors.map((e) => e.message), [], text);
  return validateRelease(doc).map((p) => p.message);
}

describe('snippets', () => {
  it('snippets/*.json are up to date (run `npx tsx scripts/gen-snippets.ts`)', () => {
    assert.equal(readFileSync(IMPACT_SNIPPETS_PATH, 'utf8'), renderSnippetFile(buildImpactSnippets()));
    assert.equal(readFileSync(RELEASE_SNIPPETS_PATH, 'utf8'), renderSnippetFile(buildReleaseSnippets()));
  });

  it('have unique impact- prefixes and a description each', () => {
    const all = [...Object.values(buildImpactSnippets()), ...Object.values(buildReleaseSnippets())];
    const prefixes = all.map((s) => s.prefix);
    assert.equal(new Set(prefixes).size, prefixes.length);
    for (const s of all) {
      assert.match(s.prefix, /^impact-[a-z-]+$/);
      assert.ok(s.description.length > 10, s.prefix);
    }
  });

  it('has a section skeleton for every IMPACT.md section and a snippet per hazard type and factor', () => {
    const file = buildImpactSnippets();
    for (const def of SECTIONS) {
      const text = expand(byPrefix(file, `impact-section-${def.id}`).body);
      assert.equal(parseImpact('IMPACT.md', text).sections[0]?.id, def.id, def.id);
    }
    for (const t of HAZARD_TYPES) assert.ok(byPrefix(file, `impact-hazard-${t.id}`));
    for (const t of PATH_TO_HARM) {
      const doc = parseImpact('IMPACT.md', `## Path to harm\n${expand(byPrefix(file, `impact-factor-${t.id}`).body)}\n`);
      const m = doc.sections[0].allMarkers[0];
      assert.equal(findTerm('path-to-harm', m.key)?.id, t.id);
      assert.equal(m.rating?.text, 'low');
    }
  });

  it('expands the whole-assessment snippet into a document the parser fully recognises', () => {
    const doc = parseImpact('IMPACT.md', expand(byPrefix(buildImpactSnippets(), 'impact-assessment').body));
    assert.deepEqual(doc.sections.map((s) => s.id), SECTIONS.map((s) => s.id));
    const hazards = doc.byId.get('hazards')!;
    assert.deepEqual(hazards.subsections.map((s) => findTerm('hazard-type', s.heading.text)?.id), ids('hazard-type'));
    const factors = doc.byId.get('path-to-harm')!.allMarkers.map((m) => findTerm('path-to-harm', m.key)?.id);
    assert.deepEqual(factors, ids('path-to-harm'));
    assert.match(doc.byId.get('review-log')!.markers[0].key, /^2026-05-10$/);
  });

  it('expands the release-plan skeleton into a valid plan', () => {
    assert.deepEqual(planProblems(expand(byPrefix(buildReleaseSnippets(), 'impact-release-plan').body)), []);
  });

  it('has an artifact snippet for each timing kind, each valid in a plan', () => {
    const file = buildReleaseSnippets();
    for (const kind of ids('release-timing')) {
      const artifact = expand(byPrefix(file, `impact-artifact-${kind}`).body);
      const plan = `impact-release: 1\nartifacts:\n${artifact.replace(/^(?=.)/gm, '  ')}\n`;
      assert.deepEqual(planProblems(plan), [], plan);
      assert.equal(parseRelease('release.yaml', plan).get(['artifacts', 0, 'timing', 'kind']), kind);
    }
  });

  it('has a distribution snippet for each distribution kind, each valid in an artifact', () => {
    const file = buildReleaseSnippets();
    for (const kind of ids('release-distribution')) {
      const dist = expand(byPrefix(file, `impact-distribution-${kind}`).body);
      const plan = `impact-release: 1\nartifacts:\n  - id: a\n    content: paper\n    timing: { kind: immediate }\n${dist.replace(/^(?=.)/gm, '    ')}\n`;
      assert.deepEqual(planProblems(plan), [], plan);
      assert.equal(parseRelease('release.yaml', plan).get(['artifacts', 0, 'distribution', 'kind']), kind);
    }
  });

  it('has safeguard, stage and review snippets that fit the schema', () => {
    const file = buildReleaseSnippets();
    const base = 'impact-release: 1\nartifacts: []\n';
    assert.deepEqual(planProblems(`${base}safeguards:\n  ${expand(byPrefix(file, 'impact-safeguard').body)}\n`), []);
    const all = `${base}${expand(byPrefix(file, 'impact-safeguards').body)}\n`;
    assert.deepEqual(planProblems(all), []);
    assert.deepEqual(Object.keys(parseRelease('release.yaml', all).get(['safeguards']) as object), ids('safeguard'));
    assert.deepEqual(planProblems(`${base}${expand(byPrefix(file, 'impact-review').body)}\n`), []);
    const stage = expand(byPrefix(file, 'impact-stage').body);
    const staged = `impact-release: 1\nartifacts:\n  - id: w\n    content: trained-model\n    distribution: { kind: public }\n    timing:\n      kind: staged\n      stages:\n        ${stage}\n        ${stage}\n`;
    assert.deepEqual(planProblems(staged), []);
  });
});
