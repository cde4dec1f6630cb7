import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  DEFENSIVE_CONTRIBUTIONS,
  GROUPS,
  HARMED_PARTIES,
  HAZARD_TYPES,
  INDIRECT_HARMS,
  MODALITIES,
  PATH_STAGES,
  PATH_TO_HARM,
  PEOPLE_MEDIA_MODALITIES,
  RATCHET_POSITIONS,
  RATINGS,
  RELEASE_CONTENT,
  RELEASE_DISTRIBUTION,
  RELEASE_TIMING,
  REVIEW_LEVELS,
  SAFEGUARDS,
  SAFEGUARD_STATUSES,
  SAFEGUARD_ENFORCEMENT,
  ARTIFACT_PURPOSES,
  SECTIONS,
  SYNTHETIC_MEDIA_MODALITIES,
  WITHHOLDING_LIMITS,
  findSection,
  findStage,
  findTerm,
  ids,
  normaliseTermKey,
  type GroupId,
} from '../../src/core/taxonomy';
import { TAXONOMY_DOC_PATH, renderTaxonomyDoc } from '../../scripts/gen-taxonomy-doc';

/** SPEC §1, transcribed: the ids every group must contain, in SPEC order. */
const SPEC_IDS: Record<GroupId, string[]> = {
  'hazard-type': ['product', 'data', 'attention'],
  'path-to-harm': [
    'adversary-attention',
    'convincibility',
    'talent-pipeline',
    'reproducibility',
    'modifiability',
    'slottability',
    'environment',
    'actual-roi',
    'assessed-roi',
  ],
  'ratchet-position': ['no-known-interest', 'attention', 'weaponized', 'sustained-use'],
  'indirect-harm': ['disinformation-ratchet', 'path-dependency'],
  'withholding-limit': ['composition', 'slow-drip', 'conflation', 'defector'],
  'release-content': [
    'runnable-system',
    'modifiable-system',
    'source-code',
    'training-data',
    'trained-model',
    'paper',
    'samples',
    'harmful-use-cases',
  ],
  // withheld, hosted, samples and the three groups below: issue 11 (real release decisions).
  'release-timing': ['immediate', 'timed', 'periodic', 'evented', 'staged', 'withheld'],
  'release-distribution': ['public', 'ask-for-access', 'safety-levels', 'access-community', 'hosted', 'private'],
  safeguard: ['consent', 'detectability', 'watermarking', 'referenceability', 'synthesis-constraints'],
  'safeguard-status': ['implemented', 'planned', 'not-implemented', 'not-applicable'],
  'safeguard-enforcement': ['released-code', 'hosted-service', 'access-process', 'license', 'other'],
  'artifact-purpose': ['defense'],
  'review-level': ['exempt', 'expedited', 'full'],
  'harmed-party': ['viewers', 'subjects', 'society'],
  'defensive-contribution': ['detection-guidance', 'subject-defense', 'verification'],
  rating: ['low', 'medium', 'high', 'unknown', 'not-applicable'],
  modality: ['text', 'image', 'audio', 'video', 'multimodal', 'other'],
};

const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const words = (s: string) => s.trim().split(/\s+/).length;
/** One sentence: ends with the given mark and has no sentence break inside. */
const oneSentence = (s: string, end: string) => s.endsWith(end) && !/[.!?]\s+[A-Z]/.test(s.slice(0, -1));

describe('taxonomy', () => {
  const groupIds = Object.keys(SPEC_IDS) as GroupId[];

  it('has exactly the groups of SPEC §1 (and the release vocabulary of issue 11), keyed by their own id', () => {
    assert.deepEqual(Object.keys(GROUPS).sort(), [...groupIds].sort());
    for (const id of groupIds) assert.equal(GROUPS[id].id, id);
  });

  it('contains every SPEC §1 id in its group, in SPEC order', () => {
    for (const g of groupIds) assert.deepEqual(ids(g), SPEC_IDS[g], g);
  });

  it('exports each group as its named constant', () => {
    const named: Record<GroupId, readonly unknown[]> = {
      'hazard-type': HAZARD_TYPES,
      'path-to-harm': PATH_TO_HARM,
      'ratchet-position': RATCHET_POSITIONS,
      'indirect-harm': INDIRECT_HARMS,
      'withholding-limit': WITHHOLDING_LIMITS,
      'release-content': RELEASE_CONTENT,
      'release-timing': RELEASE_TIMING,
      'release-distribution': RELEASE_DISTRIBUTION,
      safeguard: SAFEGUARDS,
      'safeguard-status': SAFEGUARD_STATUSES,
      'safeguard-enforcement': SAFEGUARD_ENFORCEMENT,
      'artifact-purpose': ARTIFACT_PURPOSES,
      'review-level': REVIEW_LEVELS,
      'harmed-party': HARMED_PARTIES,
      'defensive-contribution': DEFENSIVE_CONTRIBUTIONS,
      rating: RATINGS,
      modality: MODALITIES,
    };
    for (const g of groupIds) assert.equal(GROUPS[g].terms, named[g], g);
  });

  it('has unique kebab-case ids within each group, and each term knows its group', () => {
    for (const g of groupIds) {
      const list = ids(g);
      assert.equal(new Set(list).size, list.length, `duplicate id in ${g}`);
      for (const t of GROUPS[g].terms) {
        assert.match(t.id, KEBAB, `${g}/${t.id}`);
        assert.equal(t.group, g, `${g}/${t.id}`);
      }
    }
  });

  it('gives every term a label, a one-sentence definition of at most 30 words, and a source', () => {
    for (const g of groupIds) {
      const grp = GROUPS[g];
      assert.ok(grp.label && grp.source && grp.description, g);
      for (const t of grp.terms) {
        const where = `${g}/${t.id}`;
        assert.ok(t.label.trim(), `${where}: label`);
        assert.match(t.label, /^[A-Z]/, `${where}: label starts upper-case`);
        assert.ok(t.source.trim(), `${where}: source`);
        assert.ok(oneSentence(t.definition, '.'), `${where}: definition is one sentence: ${t.definition}`);
        assert.ok(words(t.definition) <= 30, `${where}: definition has ${words(t.definition)} words`);
        if (t.question !== undefined) assert.ok(oneSentence(t.question, '?'), `${where}: question is one sentence`);
        for (const a of t.aliases ?? []) assert.equal(a, a.toLowerCase(), `${where}: alias "${a}" is lower-case`);
      }
    }
  });

  it('cites the paper section each group comes from', () => {
    const expected: Partial<Record<GroupId, string>> = {
      'hazard-type': '§2.1',
      'ratchet-position': '§2.3',
      'indirect-harm': '§2.4',
      'withholding-limit': '§3.1',
      'release-content': '§3.4',
      'release-timing': '§3.4',
      safeguard: '§3.4',
      'review-level': '§3.2.3',
    };
    for (const [g, sec] of Object.entries(expected)) {
      for (const t of GROUPS[g as GroupId].terms) assert.ok(t.source.includes(sec), `${g}/${t.id}: ${t.source}`);
    }
    for (const t of [...HARMED_PARTIES, ...DEFENSIVE_CONTRIBUTIONS]) assert.match(t.source, /CACM/);
  });

  it('gives every path-to-harm factor a stage, a question and a rating guide', () => {
    const stageOf: Record<string, string> = {
      'adversary-attention': 'awareness',
      convincibility: 'awareness',
      'talent-pipeline': 'deployment',
      reproducibility: 'deployment',
      modifiability: 'deployment',
      slottability: 'deployment',
      environment: 'deployment',
      'actual-roi': 'sustained-use',
      'assessed-roi': 'sustained-use',
    };
    const sectionOf = { awareness: '§2.2 (1)', deployment: '§2.2 (2)', 'sustained-use': '§2.2 (3)' };
    for (const f of PATH_TO_HARM) {
      assert.equal(f.stage, stageOf[f.id], f.id);
      assert.ok(f.question, `${f.id}: question`);
      assert.ok(f.ratingGuide, `${f.id}: ratingGuide`);
      for (const k of ['low', 'medium', 'high'] as const) assert.ok(f.ratingGuide[k].trim(), `${f.id}: ratingGuide.${k}`);
      assert.ok(f.source.includes(sectionOf[f.stage!]), `${f.id}: ${f.source}`);
    }
  });

  it('gives hazard types, ratchet positions and harmed parties a question', () => {
    for (const t of [...HAZARD_TYPES, ...RATCHET_POSITIONS, ...HARMED_PARTIES]) assert.ok(t.question, `${t.group}/${t.id}`);
  });

  it('groups the factors into three ordered stages', () => {
    assert.deepEqual(
      PATH_STAGES.map((s) => s.id),
      ['awareness', 'deployment', 'sustained-use'],
    );
    assert.deepEqual(
      PATH_STAGES.flatMap((s) => s.factors.map((f) => f.id)),
      ids('path-to-harm'),
    );
    for (const s of PATH_STAGES) for (const f of s.factors) assert.equal(f.stage, s.id);
    assert.equal(findStage('Sustained use')?.id, 'sustained-use');
    assert.equal(findStage('### 2. Deployment')?.id, 'deployment');
    assert.equal(findStage('AWARENESS:')?.id, 'awareness');
    assert.equal(findStage('Hazards'), undefined);
  });

  it('keeps ordered groups in order', () => {
    assert.deepEqual(ids('ratchet-position'), ['no-known-interest', 'attention', 'weaponized', 'sustained-use']);
    assert.deepEqual(ids('review-level'), ['exempt', 'expedited', 'full']);
  });

  it('has no alias, label or id that means two terms in one group', () => {
    for (const g of groupIds) {
      const seen = new Map<string, string>();
      for (const t of GROUPS[g].terms) {
        const keys = new Set([t.id, t.label, ...(t.aliases ?? [])].map(normaliseTermKey));
        for (const k of keys) {
          const other = seen.get(k);
          assert.ok(other === undefined, `${g}: "${k}" names both ${other} and ${t.id}`);
          seen.set(k, t.id);
        }
      }
    }
  });

  describe('findTerm', () => {
    it('resolves ids, labels and aliases regardless of case and separators', () => {
      const cases: [GroupId, string, string][] = [
        ['hazard-type', 'Product hazard', 'product'],
        ['hazard-type', 'DATA', 'data'],
        ['path-to-harm', 'Slottability', 'slottability'],
        ['path-to-harm', 'reproducible', 'reproducibility'],
        ['path-to-harm', 'Environmental factors', 'environment'],
        ['path-to-harm', 'talent_pipeline', 'talent-pipeline'],
        ['path-to-harm', 'Assessment of ROI', 'assessed-roi'],
        ['path-to-harm', 'actual ROI', 'actual-roi'],
        ['path-to-harm', '‘Convincibility’', 'convincibility'],
        ['path-to-harm', 'Attention of adversaries', 'adversary-attention'],
        ['ratchet-position', 'weaponised', 'weaponized'],
        ['ratchet-position', 'Sustained_Use', 'sustained-use'],
        ['release-distribution', 'ASK FOR ACCESS', 'ask-for-access'],
        ['release-distribution', 'withheld', 'private'],
        ['release-timing', 'staged release', 'staged'],
        ['release-content', 'weights', 'trained-model'],
        ['release-content', 'Fully runnable system', 'runnable-system'],
        ['safeguard', 'Watermark', 'watermarking'],
        ['review-level', 'Full review', 'full'],
        ['harmed-party', 'audience', 'viewers'],
        ['defensive-contribution', 'subject defence', 'subject-defense'],
        ['rating', 'N/A', 'not-applicable'],
        ['rating', 'Not applicable', 'not-applicable'],
        ['rating', 'moderate', 'medium'],
        ['rating', '**High**', 'high'],
        ['modality', 'multi-modal', 'multimodal'],
        ['modality', 'speech', 'audio'],
      ];
      for (const [g, input, id] of cases) assert.equal(findTerm(g, input)?.id, id, `${g}: ${input}`);
    });

    it('finds every id and label of every group', () => {
      for (const g of groupIds) {
        for (const t of GROUPS[g].terms) {
          assert.equal(findTerm(g, t.id), t);
          assert.equal(findTerm(g, t.label), t);
          assert.equal(findTerm(g, t.id.toUpperCase()), t);
        }
      }
    });

    it('looks only inside the requested group', () => {
      assert.equal(findTerm('hazard-type', 'attention')?.group, 'hazard-type');
      assert.equal(findTerm('ratchet-position', 'attention')?.group, 'ratchet-position');
      assert.equal(findTerm('rating', 'slottability'), undefined);
      assert.equal(findTerm('rating', ''), undefined);
      assert.equal(findTerm('rating', 'TBD'), undefined);
    });
  });

  it('lists synthetic-media and people-media modalities from the modality ids', () => {
    const mods = new Set(ids('modality'));
    for (const m of [...SYNTHETIC_MEDIA_MODALITIES, ...PEOPLE_MEDIA_MODALITIES]) assert.ok(mods.has(m), m);
    assert.deepEqual([...SYNTHETIC_MEDIA_MODALITIES].sort(), ['audio', 'image', 'multimodal', 'text', 'video']);
    assert.deepEqual([...PEOPLE_MEDIA_MODALITIES].sort(), ['audio', 'image', 'multimodal', 'video']);
  });

  describe('SECTIONS', () => {
    it('lists the SPEC §2 sections in document order', () => {
      assert.deepEqual(
        SECTIONS.map((s) => s.id),
        [
          'summary',
          'capability',
          'benefits',
          'hazards',
          'path-to-harm',
          'access-ratchet',
          'indirect-harms',
          'harmed-parties',
          'mitigations',
          'detection-guidance',
          'release-plan',
          'review-log',
          'disagreements',
          'conference-checklist',
        ],
      );
    });

    it('marks what is required', () => {
      const req = Object.fromEntries(SECTIONS.map((s) => [s.id, s.required]));
      assert.equal(req['detection-guidance'], 'synthetic-media');
      assert.equal(req.disagreements, false);
      assert.equal(req['conference-checklist'], false);
      for (const s of SECTIONS) {
        if (!['detection-guidance', 'disagreements', 'conference-checklist'].includes(s.id)) assert.equal(s.required, true, s.id);
      }
    });

    it('gives every section a title, a question prompt, a source and lower-case, unambiguous aliases', () => {
      const seen = new Map<string, string>();
      for (const s of SECTIONS) {
        assert.match(s.id, KEBAB);
        assert.ok(s.title && s.source, s.id);
        assert.ok(s.prompt.trim().length > 20, `${s.id}: prompt`);
        for (const a of s.aliases) assert.equal(a, a.toLowerCase(), `${s.id}: alias "${a}"`);
        for (const k of new Set([s.title, ...s.aliases].map((x) => findSection(x)?.id))) {
          assert.equal(k, s.id, `${s.id}: a heading resolves elsewhere`);
        }
        for (const k of [s.title, ...s.aliases].map(normaliseTermKey)) {
          assert.ok(!seen.has(k) || seen.get(k) === s.id, `"${k}" names ${seen.get(k)} and ${s.id}`);
          seen.set(k, s.id);
        }
      }
    });
  });

  describe('findSection', () => {
    it('matches titles case-insensitively', () => {
      assert.equal(findSection('Path to harm')?.id, 'path-to-harm');
      assert.equal(findSection('PATH TO HARM')?.id, 'path-to-harm');
      assert.equal(findSection('path-to-harm')?.id, 'path-to-harm');
      assert.equal(findSection('  capability AND modality  ')?.id, 'capability');
      assert.equal(findSection('Capability & modality')?.id, 'capability');
    });

    it('ignores leading numbering and trailing punctuation', () => {
      assert.equal(findSection('3. Benefits')?.id, 'benefits');
      assert.equal(findSection('3) Benefits')?.id, 'benefits');
      assert.equal(findSection('4.2 Hazards:')?.id, 'hazards');
      assert.equal(findSection('(5) Path to harm')?.id, 'path-to-harm');
      assert.equal(findSection('IV. Mitigations')?.id, 'mitigations');
      assert.equal(findSection('Who could be harmed?')?.id, 'harmed-parties');
      assert.equal(findSection('10 Review log.')?.id, 'review-log');
      assert.equal(findSection('**Summary**')?.id, 'summary');
    });

    it('matches aliases that authors write', () => {
      const cases: [string, string][] = [
        ['Capabilities', 'capability'],
        ['Modality', 'capability'],
        ['Positive societal impacts', 'benefits'],
        ['Negative societal impacts', 'hazards'],
        ['Risks', 'hazards'],
        ['Threat model', 'path-to-harm'],
        ['Paths to harm', 'path-to-harm'],
        ['Access-ratchet position', 'access-ratchet'],
        ['Second-order effects', 'indirect-harms'],
        ['Who is harmed', 'harmed-parties'],
        ['Affected parties', 'harmed-parties'],
        ['Stakeholders', 'harmed-parties'],
        ['Safeguards', 'mitigations'],
        ['How to detect generated output', 'detection-guidance'],
        ['Release strategy', 'release-plan'],
        ['Ethics review', 'review-log'],
        ['Tradeoffs', 'disagreements'],
        ['Trade-offs', 'disagreements'],
        ['NeurIPS checklist', 'conference-checklist'],
      ];
      for (const [heading, id] of cases) assert.equal(findSection(heading)?.id, id, heading);
    });

    it('drops a trailing parenthetical when nothing else matches', () => {
      assert.equal(findSection('Detection guidance (synthetic media only)')?.id, 'detection-guidance');
      assert.equal(findSection('Conference checklist mapping (optional)')?.id, 'conference-checklist');
    });

    it('does not claim headings that name the whole statement or something else', () => {
      for (const h of ['Broader impact', 'Broader impacts', 'Ethics statement', 'Limitations', 'Introduction', '', '3.']) {
        assert.equal(findSection(h), undefined, h);
      }
    });
  });

  it('docs/taxonomy.md is up to date (run `npx tsx scripts/gen-taxonomy-doc.ts`)', () => {
    const committed = readFileSync(TAXONOMY_DOC_PATH, 'utf8').replace(/\r\n/g, '\n');
    assert.equal(committed, renderTaxonomyDoc());
  });

  it('docs/taxonomy.md has a row for every term', () => {
    const doc = renderTaxonomyDoc();
    for (const g of groupIds) for (const t of GROUPS[g].terms) assert.ok(doc.includes(`| \`${t.id}\` | ${t.label} |`), `${g}/${t.id}`);
  });
});
