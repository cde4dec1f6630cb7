/**
 * The scaffold contract: a freshly scaffolded pair is structurally complete, valid against the
 * release.yaml schema, and lints with nothing but "fill this in" findings, whatever the answers.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseDocument } from 'yaml';
import { lint } from '../../src/core/engine';
import { parseImpact } from '../../src/core/impact/parse';
import { parseRelease } from '../../src/core/release/parse';
import { SCHEMA_ID } from '../../src/core/release/schema';
import { validateRelease } from '../../src/core/release/validate';
import { allRules } from '../../src/core/rules';
import { scaffold, ScaffoldError, yamlScalar, type ScaffoldAnswers } from '../../src/core/scaffold';
import { sentenceCase } from '../../src/core/util/text-case';
import { HARMED_PARTIES, HAZARD_TYPES, PATH_TO_HARM, SAFEGUARDS, SECTIONS, findSection, findTerm } from '../../src/core/taxonomy';
import { writeScaffold } from '../../src/cli/fs-host';
import { isFillIn } from './fill-in';

const TODAY = new Date('2026-06-01T00:00:00Z');

const ANSWER_SETS: Record<string, ScaffoldAnswers> = {
  'audio, one artifact': {
    title: 'VoxShift few-shot voice conversion',
    modality: ['audio'],
    artifacts: [{ id: 'weights', content: 'trained-model', paths: ['checkpoints/**'] }],
    reviewLevel: 'expedited',
    contact: 'mailto:misuse@example.org',
    today: TODAY,
  },
  'text, no artifacts, no title, no contact': {
    modality: ['text'],
    artifacts: [],
    reviewLevel: 'exempt',
    today: TODAY,
  },
  'image and video via aliases, many artifacts': {
    title: 'FaceFlow: "real-time" reenactment #2',
    modality: ['photos', 'videos'],
    artifacts: [
      { id: 'paper', content: 'paper', paths: ['paper/**'] },
      { id: 'code', content: 'code', paths: ['src/**', 'train.py'] },
      { id: 'data', content: 'dataset', paths: ['data/{train,val}/**'] },
      { id: 'weights', content: 'weights', paths: ['*.safetensors', 'checkpoints/**'] },
      { id: 'demo', content: 'demo', paths: [] },
      { id: 'toolkit_v2.0', content: 'modifiable-system', paths: ['toolkit/'] },
      { id: 'misuse-notes', content: 'harmful-use-cases', paths: ['docs/misuse.md'] },
    ],
    reviewLevel: 'full review',
    contact: 'https://example.org/report-misuse',
    today: TODAY,
  },
  'no modality yet': {
    title: 'Untitled',
    modality: [],
    artifacts: [{ id: 'code', content: 'source-code', paths: ['.'] }],
    reviewLevel: 'expedited',
    today: TODAY,
  },
  'non-media (other)': {
    modality: ['other'],
    artifacts: [{ id: 'weights', content: 'trained-model', paths: ['model.pt'] }],
    reviewLevel: 'exempt',
    today: TODAY,
  },
  'multimodal, CRLF': {
    modality: ['multimodal', 'audio'],
    artifacts: [{ id: 'weights', content: 'trained-model', paths: ['checkpoints/**'] }],
    reviewLevel: 'full',
    today: TODAY,
    eol: '\r\n',
  },
};

describe('scaffold', () => {
  for (const [name, answers] of Object.entries(ANSWER_SETS)) {
    describe(name, () => {
      const { impact, release } = scaffold(answers);

      it('lints with only fill-in findings (no structural error)', () => {
        const r = lint({
          impact: { path: '/p/IMPACT.md', text: impact },
          release: { path: '/p/release.yaml', text: release },
          today: TODAY,
          rules: allRules,
        });
        const other = r.findings.filter((f) => {
          const doc = f.file === 'impact' ? r.impact : r.release;
          return !isFillIn(f.rule, doc?.source.text ?? '', f.range, f.file === 'impact' ? r.impact : undefined);
        });
        assert.deepEqual(
          other.map((f) => `${f.file}:${f.start.line + 1}: ${f.rule}: ${f.message}`),
          [],
          'findings other than fill-in prompts on a fresh scaffold',
        );
      });

      it('is valid YAML that matches the release.yaml schema, with the modeline', () => {
        const plan = parseRelease('/p/release.yaml', release);
        assert.deepEqual(plan.syntaxErrors, []);
        assert.deepEqual(plan.duplicateKeys, []);
        assert.ok(plan.declared);
        assert.deepEqual(validateRelease(plan).map((p) => p.message), []);
        assert.equal(release.split(/\r?\n/)[0], `# yaml-language-server: $schema=${SCHEMA_ID}`);
        const data = parseDocument(release).toJS() as Record<string, unknown>;
        assert.equal(data['impact-release'], 1);
        assert.equal((data.artifacts as unknown[]).length, answers.artifacts.length);
        assert.equal((data.review as { level: string }).level, findTerm('review-level', answers.reviewLevel)!.id);
        if (answers.contact) assert.equal(data.contact, answers.contact);
        if (answers.title) assert.equal(data.title, answers.title);
      });

      it('has every required section in order, each hazard, factor and harmed party', () => {
        const doc = parseImpact('/p/IMPACT.md', impact);
        const ids = doc.sections.map((s) => s.id);
        const expected = SECTIONS.filter((s) => s.id !== 'detection-guidance' || !answers.modality.every((m) => m === 'other') || answers.modality.length === 0).map((s) => s.id);
        assert.deepEqual(ids, expected);
        const hazards = doc.byId.get('hazards')!;
        assert.deepEqual(
          hazards.subsections.map((s) => s.heading.text),
          HAZARD_TYPES.map((h) => sentenceCase(h.label)),
        );
        for (const sub of hazards.subsections) {
          assert.deepEqual(sub.markers.map((m) => m.keyId), ['applies', 'rationale']);
        }
        const factors = doc.byId.get('path-to-harm')!.allMarkers;
        assert.deepEqual(
          factors.map((m) => findTerm('path-to-harm', m.key)?.id),
          PATH_TO_HARM.map((t) => t.id),
        );
        for (const m of factors) {
          // A prompt, never a rating: `unknown` is an answer only a person gives.
          assert.match(m.value, /^_TODO: low, medium, high or unknown — .+\?_$/);
        }
        const parties = doc.byId.get('harmed-parties')!.allMarkers.map((m) => findTerm('harmed-party', m.key)?.id);
        assert.deepEqual(parties, HARMED_PARTIES.map((p) => p.id));
        assert.ok(doc.byId.get('access-ratchet')!.markers.some((m) => m.keyId === 'position'));
        assert.ok(/release\.yaml/.test(doc.byId.get('release-plan')!.allProse.map((p) => p.text).join(' ')));
      });

      it('uses one line-break style throughout', () => {
        const eol = answers.eol ?? '\n';
        for (const text of [impact, release]) {
          const breaks = text.match(/\r\n|\r|\n/g) ?? [];
          assert.ok(breaks.every((b) => b === eol));
          assert.ok(text.endsWith(eol));
        }
      });
    });
  }

  it('writes safeguards for synthetic media only', () => {
    const media = parseDocument(scaffold(ANSWER_SETS['audio, one artifact']).release).toJS();
    assert.deepEqual(Object.keys(media.safeguards), SAFEGUARDS.map((s) => s.id));
    const other = parseDocument(scaffold(ANSWER_SETS['non-media (other)']).release).toJS();
    assert.equal(other.safeguards, undefined);
  });

  it('keeps headings recognisable by the section matcher', () => {
    for (const s of SECTIONS) assert.equal(findSection(s.title)?.id, s.id);
  });

  it('rejects unknown modalities, review levels, contents and bad or duplicate ids with one-line messages', () => {
    const base = ANSWER_SETS['audio, one artifact'];
    assert.throws(() => scaffold({ ...base, modality: ['smell'] }), (e: Error) => e instanceof ScaffoldError && /Unknown modality 'smell'/.test(e.message));
    assert.throws(() => scaffold({ ...base, reviewLevel: 'none' }), ScaffoldError);
    assert.throws(() => scaffold({ ...base, artifacts: [{ id: 'w', content: 'vibes', paths: [] }] }), ScaffoldError);
    assert.throws(() => scaffold({ ...base, artifacts: [{ id: '-bad id', content: 'paper', paths: [] }] }), ScaffoldError);
    assert.throws(() => scaffold({ ...base, artifacts: [{ id: 'a', content: 'paper', paths: [] }, { id: 'a', content: 'paper', paths: [] }] }), /given twice/);
  });

  it('quotes YAML scalars only when needed', () => {
    assert.equal(yamlScalar('checkpoints/**'), '"checkpoints/**"');
    assert.equal(yamlScalar('train.py'), 'train.py');
    assert.equal(yamlScalar('yes'), '"yes"');
    assert.equal(yamlScalar('2026-01-01'), '"2026-01-01"');
    assert.equal(yamlScalar('a: b'), '"a: b"');
    assert.equal(yamlScalar('*.pt'), '"*.pt"');
    for (const s of ['checkpoints/**', 'a, b', '[x]', '#x', 'x #y', '@a', 'null', '1e3', ' lead', "it's"]) {
      assert.equal(parseDocument(`k: [${yamlScalar(s)}]`).toJS().k[0], s, s);
      assert.equal(parseDocument(`k: ${yamlScalar(s)}`).toJS().k, s, s);
    }
  });

  it('is deterministic', () => {
    const a = scaffold(ANSWER_SETS['image and video via aliases, many artifacts']);
    const b = scaffold(ANSWER_SETS['image and video via aliases, many artifacts']);
    assert.deepEqual(a, b);
  });
});

describe('writeScaffold', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'impact-scaffold-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes both files into a new folder', () => {
    const target = path.join(dir, 'nested', 'project');
    const r = writeScaffold(target, ANSWER_SETS['audio, one artifact']);
    assert.deepEqual(r.skipped, []);
    assert.deepEqual(r.written.map((f) => path.basename(f)), ['IMPACT.md', 'release.yaml']);
  });

  it('never overwrites an existing file and says which it skipped', () => {
    fs.writeFileSync(path.join(dir, 'IMPACT.md'), 'mine\n');
    const r = writeScaffold(dir, ANSWER_SETS['audio, one artifact']);
    assert.deepEqual(r.skipped, [path.join(dir, 'IMPACT.md')]);
    assert.deepEqual(r.written, [path.join(dir, 'release.yaml')]);
    assert.equal(fs.readFileSync(path.join(dir, 'IMPACT.md'), 'utf8'), 'mine\n');
    const again = writeScaffold(dir, ANSWER_SETS['audio, one artifact']);
    assert.deepEqual(again.written, []);
    assert.equal(again.skipped.length, 2);
  });

  it('treats a release.yml (or another tool\'s release.yaml) as existing', () => {
    fs.writeFileSync(path.join(dir, 'release.yml'), 'chart: x\n');
    const r = writeScaffold(dir, ANSWER_SETS['audio, one artifact']);
    assert.deepEqual(r.skipped, [path.join(dir, 'release.yml')]);
    assert.equal(fs.readFileSync(path.join(dir, 'release.yml'), 'utf8'), 'chart: x\n');
    assert.ok(!fs.existsSync(path.join(dir, 'release.yaml')));
  });
});
