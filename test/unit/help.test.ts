import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  enumAt,
  groupForEnum,
  impactCompletions,
  impactHoverAt,
  propertiesAt,
  releaseCompletions,
  releaseHoverAt,
  releaseKeyMarkdown,
  slug,
  termMarkdown,
  yamlCursorAt,
} from '../../src/core/help';
import { parseImpact } from '../../src/core/impact/parse';
import { parseRelease } from '../../src/core/release/parse';
import { findTerm, ids } from '../../src/core/taxonomy';

const CLEAN = join(__dirname, '..', 'fixtures', 'pairs', 'clean');
const cleanImpactText = readFileSync(join(CLEAN, 'IMPACT.md'), 'utf8');
const cleanReleaseText = readFileSync(join(CLEAN, 'release.yaml'), 'utf8');
const DOC = { taxonomyDocUrl: 'file:///ext/docs/taxonomy.md' };

/** Text with a `|` cursor marker: the text without it and the cursor offset. */
function at(marked: string): { text: string; offset: number } {
  const offset = marked.indexOf('¦');
  assert.ok(offset >= 0, 'no ¦ cursor in the test text');
  return { text: marked.slice(0, offset) + marked.slice(offset + 1), offset };
}

/** Offset of the n-th (0-based) occurrence of `needle` plus `delta`. */
function offsetOf(text: string, needle: string, delta = 1, nth = 0): number {
  let i = -1;
  for (let k = 0; k <= nth; k++) i = text.indexOf(needle, i + 1);
  assert.ok(i >= 0, `'${needle}' not found`);
  return i + delta;
}

const labels = (set: ReturnType<typeof releaseCompletions>) => set?.items.map((i) => i.label) ?? [];

describe('help: taxonomy text', () => {
  it('renders a factor with its stage, question, rating guide, source and a taxonomy link', () => {
    const md = termMarkdown(findTerm('path-to-harm', 'slottability')!, DOC);
    assert.match(md, /^\*\*Slottability\*\* \(`slottability`\) · Path to Harm, deployment stage/);
    assert.match(md, /\*Ask:\* Could existing abusive operations/);
    assert.match(md, /- \*\*high:\*\* It drops into established abusive workflows unchanged\./);
    assert.match(md, /Source: Ovadya & Whittlestone 2019, §2\.2 \(2\) · \[Taxonomy\]\(file:\/\/\/ext\/docs\/taxonomy\.md#path-to-harm\)/);
  });

  it('slugs headings like docs/taxonomy.md anchors', () => {
    assert.equal(slug('Who Could Be Harmed'), 'who-could-be-harmed');
    assert.equal(slug('IMPACT.md sections'), 'impactmd-sections');
    const doc = readFileSync(join(__dirname, '..', '..', 'docs', 'taxonomy.md'), 'utf8');
    for (const h of ['Hazard Types', 'Path to Harm', 'Who Could Be Harmed', 'IMPACT.md sections']) assert.ok(doc.includes(`## ${h}\n`), h);
  });
});

describe('help: IMPACT.md hover', () => {
  const doc = parseImpact('IMPACT.md', cleanImpactText);
  const hover = (needle: string, delta = 1, nth = 0) => impactHoverAt(doc, offsetOf(cleanImpactText, needle, delta, nth), DOC);

  it('explains section headings', () => {
    const h = hover('## Access ratchet', 5)!;
    assert.match(h.markdown, /^\*\*Access ratchet\*\* · Required section of IMPACT\.md/);
    assert.match(h.markdown, /§2\.3/);
    assert.equal(cleanImpactText.slice(h.range.start, h.range.end), 'Access ratchet');
  });

  it('explains hazard sub-headings and the Applies key', () => {
    assert.equal(hover('### Data hazard', 6)!.term?.id, 'data');
    assert.match(hover('**Applies:**', 3)!.markdown, /`yes`, `no` or `unsure`/);
  });

  it('explains path-to-harm stages, factor keys and the rating after them', () => {
    assert.match(hover('### Sustained use', 6)!.markdown, /Path to harm stage/);
    const key = hover('**Slottability:**', 4)!;
    assert.equal(key.term?.id, 'slottability');
    assert.equal(cleanImpactText.slice(key.range.start, key.range.end), 'Slottability');
    const rating = hover('**Slottability:** high', 19)!;
    assert.equal(rating.term?.id, 'high');
    assert.match(rating.markdown, /\*\*High slottability:\*\* It drops into established abusive workflows unchanged\./);
  });

  it('explains ratchet positions, harmed parties, indirect harms and modalities', () => {
    assert.equal(hover('**Position:** attention', 15)!.term?.id, 'attention');
    assert.equal(hover('**Position:** attention', 15)!.term?.group, 'ratchet-position');
    assert.match(hover('**Position:**', 3)!.markdown, /`no-known-interest`/);
    assert.equal(hover('**Subjects:**', 3)!.term?.id, 'subjects');
    assert.equal(hover('**Disinformation ratchet:**', 3)!.term?.id, 'disinformation-ratchet');
    assert.equal(hover('**Path dependency:** low', 22)!.term?.id, 'low');
    assert.equal(hover('**Modality:** audio', 16)!.term?.id, 'audio');
  });

  it('stays silent on prose and unknown keys', () => {
    assert.equal(hover('thirty seconds of reference audio'), undefined);
    assert.equal(hover('**Rationale:**', 3), undefined);
  });
});

describe('help: release.yaml schema lookups', () => {
  it('finds properties and enums through arrays and anyOf', () => {
    assert.deepEqual(Object.keys(propertiesAt(['artifacts', 0, 'timing'])!.properties), ['kind', 'date', 'every', 'next', 'event', 'reason', 'stages', 'notes']);
    assert.deepEqual(enumAt(['artifacts', 3, 'timing', 'kind']), ids('release-timing'));
    assert.deepEqual(enumAt(['modality']), ids('modality'));
    assert.deepEqual(enumAt(['modality', 2]), ids('modality'));
    assert.deepEqual(enumAt(['artifacts', 0, 'timing', 'stages', 1, 'distribution']), ids('release-distribution'));
    assert.deepEqual(enumAt(['safeguards', 'consent', 'status']), ['implemented', 'planned', 'not-implemented', 'not-applicable']);
    assert.deepEqual(enumAt(['impact-release']), ['1']);
    assert.equal(groupForEnum(enumAt(['review', 'level'])!), 'review-level');
    assert.equal(groupForEnum(enumAt(['artifacts', 0, 'status'])!), undefined);
  });

  it('describes keys, with taxonomy text for safeguards', () => {
    assert.match(releaseKeyMarkdown(['artifacts', 0, 'timing'])!, /\(required\)[\s\S]*When the artifact goes out/);
    assert.match(releaseKeyMarkdown(['safeguards', 'watermarking'])!, /\*\*Watermarking\*\*[\s\S]*embedded information/);
    assert.equal(releaseKeyMarkdown(['artifacts', 0, 'nope']), undefined);
  });
});

describe('help: release.yaml hover', () => {
  const release = parseRelease('release.yaml', cleanReleaseText);
  const hover = (needle: string, delta = 1, nth = 0) => releaseHoverAt(release, offsetOf(cleanReleaseText, needle, delta, nth), DOC);

  it('explains keys at any depth, block or flow', () => {
    assert.match(hover('contact:', 2)!.markdown, /Where misuse is reported/);
    assert.match(hover('kind: staged', 1)!.markdown, /`artifacts\[\]\.timing\.kind` \(required\)/);
    assert.match(hover('{ kind: immediate }', 3)!.markdown, /`artifacts\[\]\.timing\.kind`/);
    assert.match(hover('consent:', 2)!.markdown, /^\*\*consent\*\* · `safeguards\.consent`\n\n\*\*Consent\*\* \(`consent`\)/);
  });

  it('explains enum values with their taxonomy definitions', () => {
    assert.equal(hover('kind: staged', 8)!.term?.id, 'staged');
    assert.equal(hover('distribution: ask-for-access', 16)!.term?.id, 'ask-for-access');
    assert.equal(hover('content: trained-model', 11)!.term?.id, 'trained-model');
    assert.equal(hover('[audio]', 2)!.term?.id, 'audio');
    assert.equal(hover('level: expedited', 9)!.term?.id, 'expedited');
    assert.equal(hover('status: implemented', 10)!.term?.id, 'implemented');
    const vocab = 'impact-release: 1\nartifacts: []\nsafeguards:\n  watermarking: { status: not-implemented, enforced: released-code, reason: r }\n';
    const doc = parseRelease('release.yaml', vocab);
    const at = (needle: string) => releaseHoverAt(doc, offsetOf(vocab, needle, 2), DOC);
    assert.equal(at('not-implemented')!.term?.id, 'not-implemented');
    assert.match(at('not-implemented')!.markdown, /counts as no protection/);
    assert.equal(at('released-code')!.term?.id, 'released-code');
  });

  it('says nothing about free text', () => {
    assert.equal(hover('VoxShift few-shot', 2), undefined);
  });
});

describe('help: release.yaml cursor', () => {
  const plan = [
    'impact-release: 1',
    'artifacts:',
    '  - id: paper',
    '    content: paper',
    '    timing:',
    '      kind: staged',
    '      stages:',
    '        - date: 2027-01-01',
    '          release: small',
    '        - ¦',
    'safeguards:',
    '  consent: { status: planned }',
  ].join('\n');

  it('computes the schema path from indentation', () => {
    const { text, offset } = at(plan);
    const c = yamlCursorAt(text, offset)!;
    assert.equal(c.kind, 'key');
    assert.deepEqual(c.path, ['artifacts', 0, 'timing', 'stages', 1]);
  });

  it('handles non-indented sequences and sibling keys', () => {
    const { text, offset } = at('artifacts:\n- id: a\n  content: paper\n- id: b\n  ¦\n  timing: {}\n');
    const c = yamlCursorAt(text, offset)!;
    assert.deepEqual(c.path, ['artifacts', 1]);
    assert.deepEqual(c.existing.sort(), ['id', 'timing']);
  });

  it('handles flow mappings and sequences on the current line', () => {
    let p = at('artifacts:\n  - id: a\n    timing: { kind: st¦ }\n');
    assert.deepEqual(yamlCursorAt(p.text, p.offset), {
      kind: 'value',
      path: ['artifacts', 0, 'timing', 'kind'],
      prefix: 'st',
      range: { start: p.offset - 2, end: p.offset },
      existing: [],
      flow: true,
    });
    p = at('modality: [audio, ¦]\n');
    assert.deepEqual(yamlCursorAt(p.text, p.offset)!.path, ['modality', 1]);
    p = at('safeguards:\n  consent: { status: planned, ¦ }\n');
    const c = yamlCursorAt(p.text, p.offset)!;
    assert.equal(c.kind, 'key');
    assert.deepEqual(c.path, ['safeguards', 'consent']);
    assert.deepEqual(c.existing, ['status']);
  });

  it('is silent in comments and quoted strings', () => {
    let p = at('contact: x # where ¦\n');
    assert.equal(yamlCursorAt(p.text, p.offset), undefined);
    p = at('title: "Voice ¦\n');
    assert.equal(yamlCursorAt(p.text, p.offset), undefined);
  });
});

describe('help: provenance vocabulary', () => {
  it('completes content-credentials under detectability with c2pa, and samples as content', () => {
    let p = at('impact-release: 1\nartifacts: []\nsafeguards:\n  detectability:\n    status: implemented\n    ¦\n');
    assert.ok(labels(releaseCompletions(p.text, p.offset)!).includes('content-credentials'));
    p = at('impact-release: 1\nartifacts: []\nsafeguards:\n  detectability:\n    content-credentials: ¦\n');
    assert.deepEqual(labels(releaseCompletions(p.text, p.offset)!), ['c2pa']);
    p = at('impact-release: 1\nartifacts:\n  - id: a\n    content: ¦\n');
    assert.ok(labels(releaseCompletions(p.text, p.offset)!).includes('samples'));
  });
});

describe('help: release.yaml completions', () => {
  it('offers the keys of the mapping at the cursor, without those already present', () => {
    const p = at('impact-release: 1\nartifacts:\n  - id: a\n    content: paper\n    ¦\n');
    const set = releaseCompletions(p.text, p.offset)!;
    assert.deepEqual(labels(set), ['description', 'paths', 'sha256', 'timing', 'distribution', 'status', 'released', 'withdrawn', 'safeguards', 'purpose', 'model-card', 'notes']);
    const card = set.items.find((i) => i.label === 'model-card')!;
    assert.match(String(card.documentation ?? ''), /model card .*relative to this file/i);
    const timing = set.items.find((i) => i.label === 'timing')!;
    assert.equal(timing.detail, 'required');
    assert.match(timing.insertText, /^timing:\n\tkind: \$\{1\|immediate,timed,periodic,evented,staged,withheld\|\}\n\t\$0$/);
    assert.ok(timing.sortText! < set.items.find((i) => i.label === 'notes')!.sortText!);
    assert.deepEqual(set.range, { start: p.offset, end: p.offset });
  });

  it('offers top-level keys, artifact and review skeletons at the root', () => {
    const p = at('impact-release: 1\n¦');
    const set = releaseCompletions(p.text, p.offset)!;
    assert.ok(!labels(set).includes('impact-release'));
    assert.match(set.items.find((i) => i.label === 'artifacts')!.insertText, /^artifacts:\n\t- id: \$\{1:id\}\n\t  content: \$\{2\|runnable-system,/);
    assert.match(set.items.find((i) => i.label === 'review')!.insertText, /^review:\n\tlevel: \$\{1\|exempt,expedited,full\|\}/);
    assert.equal(set.items.find((i) => i.label === 'paths'), undefined);
  });

  it('offers safeguard keys with their taxonomy labels', () => {
    const p = at('safeguards:\n  consent: { status: planned }\n  wa¦\n');
    const set = releaseCompletions(p.text, p.offset)!;
    assert.deepEqual(labels(set), ['detectability', 'watermarking', 'referenceability', 'synthesis-constraints']);
    assert.equal(set.items[1].detail, 'Watermarking');
    assert.match(set.items[1].insertText, /^watermarking:\n\tstatus: \$\{1\|implemented,planned,not-implemented,not-applicable\|\}/);
    assert.equal(p.text.slice(set.range.start, set.range.end), 'wa');
  });

  it('offers enum values after kind:, content:, status:, level: and in the modality list', () => {
    const cases: [string, string[]][] = [
      ['artifacts:\n  - id: a\n    timing:\n      kind: ¦\n', ids('release-timing')],
      ['artifacts:\n  - id: a\n    distribution: { kind: ¦ }\n', ids('release-distribution')],
      ['artifacts:\n  - id: a\n    content: tr¦\n', ids('release-content')],
      ['artifacts:\n  - id: a\n    status: ¦\n', ['planned', 'released', 'withheld', 'withdrawn']],
      ['review:\n  level: ¦\n', ids('review-level')],
      ['safeguards:\n  watermarking:\n    status: ¦\n', ['implemented', 'planned', 'not-implemented', 'not-applicable']],
      ['safeguards:\n  watermarking:\n    enforced: ¦\n', ['released-code', 'hosted-service', 'access-process', 'license', 'other']],
      ['artifacts:\n  - id: a\n    purpose: ¦\n', ['defense']],
      ['modality: [audio, ¦]\n', ids('modality')],
      ['modality:\n  - ¦\n', ids('modality')],
      ['artifacts:\n  - id: a\n    safeguards: [¦]\n', ids('safeguard')],
      ['artifacts:\n  - id: w\n    timing:\n      kind: staged\n      stages:\n        - { date: 2027-01-01, distribution: ¦ }\n', ids('release-distribution')],
    ];
    for (const [marked, expected] of cases) {
      const p = at(marked);
      assert.deepEqual(labels(releaseCompletions(p.text, p.offset)), expected, marked);
    }
    const p = at('artifacts:\n  - id: a\n    timing:\n      kind: ¦\n');
    const staged = releaseCompletions(p.text, p.offset)!.items.find((i) => i.label === 'staged')!;
    assert.equal(staged.detail, 'Staged');
    assert.match(staged.documentation!, /Increasingly capable versions/);
  });

  it('offers nothing for free-text values', () => {
    const p = at('title: Voice¦\n');
    assert.equal(releaseCompletions(p.text, p.offset), undefined);
  });

  it('works on the clean plan with CRLF line ends', () => {
    const crlf = cleanReleaseText.replace(/\n/g, '\r\n');
    const offset = crlf.indexOf('kind: staged') + 'kind: '.length;
    assert.ok(labels(releaseCompletions(crlf, offset)).includes('staged'));
  });
});

describe('help: IMPACT.md completions', () => {
  it('offers ratings after a factor key, with the factor’s rating guide', () => {
    for (const line of ['- **Slottability:** ¦', '- **Slottability**: ¦', '- Slottability: hi¦', '* __Slottability:__ ¦']) {
      const p = at(`# T\n\n## Path to harm\n\n### Deployment\n${line}\n`);
      const set = impactCompletions(p.text, p.offset)!;
      assert.deepEqual(set.items.map((i) => i.label), ['low', 'medium', 'high', 'unknown', 'not-applicable'], line);
      assert.equal(set.items[2].insertText, 'high — $0');
      assert.match(set.items[2].documentation!, /For slottability: It drops into established abusive workflows unchanged\./);
    }
  });

  it('offers yes/no/unsure after Applies:, positions in Access ratchet and modalities', () => {
    let p = at('## Hazards\n### Product hazard\n- **Applies:** ¦\n');
    assert.deepEqual(impactCompletions(p.text, p.offset)!.items.map((i) => i.label), ['yes', 'no', 'unsure']);
    p = at('## Access ratchet\n- **Position:** we¦\n');
    const set = impactCompletions(p.text, p.offset)!;
    assert.deepEqual(set.items.map((i) => i.label), ids('ratchet-position'));
    assert.deepEqual(set.range, { start: p.offset - 2, end: p.offset });
    p = at('## Capability and modality\n- **Modality:** ¦\n');
    assert.deepEqual(impactCompletions(p.text, p.offset)!.items.map((i) => i.label), ids('modality'));
  });

  it('stays silent elsewhere', () => {
    for (const marked of ['## Summary\nSome prose ¦\n', '## Summary\n- **Rationale:** ¦\n', '## Summary\n- **Position:** ¦\n']) {
      const p = at(marked);
      assert.equal(impactCompletions(p.text, p.offset), undefined, marked);
    }
  });
});
