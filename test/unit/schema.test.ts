/**
 * The release.yaml JSON Schema: the committed file is what buildSchema() makes, real plans
 * validate, and the messages for everyday mistakes say what is wrong, where, and what to write.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import { renderSchema, SCHEMA_PATH } from '../../scripts/gen-schema';
import { lint } from '../../src/core/engine';
import { parseRelease } from '../../src/core/release/parse';
import { buildSchema, DATE_PATTERN } from '../../src/core/release/schema';
import { parseIsoDate, validateRelease, type SchemaProblem } from '../../src/core/release/validate';
import { schemaViolation } from '../../src/core/rules/release/schema-violation';
import { yamlSyntax } from '../../src/core/rules/release/yaml-syntax';
import { FIXTURES } from './fixtures';

const ROOT = path.join(__dirname, '..', '..');
const read = (p: string) => fs.readFileSync(path.join(ROOT, p), 'utf8');

function problems(text: string): { problem: SchemaProblem; at: string }[] {
  const doc = parseRelease('release.yaml', text);
  return validateRelease(doc).map((problem) => ({ problem, at: doc.source.text.slice(problem.range.start, problem.range.end) }));
}

const plan = (artifact: string) =>
  `impact-release: 1\nartifacts:\n  - id: weights\n    content: trained-model\n${artifact}`;

describe('release schema', () => {
  it("accepts status not-implemented, and never suggests 'implemented' for a misspelling of it", () => {
    const base = 'impact-release: 1\nartifacts: []\nsafeguards:\n  watermarking: { status: STATUS, reason: none was ready }\n';
    assert.deepEqual(problems(base.replace('STATUS', 'not-implemented')), []);
    for (const typo of ['not-implmented', 'not implemented', 'not_implemented', 'Not Implemented', 'unimplemented']) {
      const got = problems(base.replace('STATUS', typo));
      assert.equal(got.length, 1, typo);
      assert.match(got[0].problem.message, /Did you mean 'not-implemented'\?/, typo);
      assert.equal(got[0].problem.suggestions?.[0].edits[0].newText, 'not-implemented', typo);
    }
  });

  it('accepts the release vocabulary of real decisions: hosted, withheld, samples, purpose, enforced, per-stage access', () => {
    const text = [
      'impact-release: 1',
      'artifacts:',
      '  - { id: a, content: samples, timing: { kind: withheld, reason: r }, distribution: { kind: hosted, url: u } }',
      '  - id: b',
      '    content: trained-model',
      '    purpose: defense',
      '    timing: { kind: staged, stages: [{ date: 2027-01-01, release: s, distribution: ask-for-access, process: p, license: l, url: u }, { after: e, release: f, community: c }] }',
      '    distribution: { kind: public }',
      'safeguards:',
      '  consent: { status: implemented, enforced: access-process }',
      '',
    ].join('\n');
    assert.deepEqual(problems(text).map((p) => p.problem.message), []);
    assert.equal(problems(text.replace('kind: withheld, reason: r', 'kind: withheld')).length, 1, 'withheld needs a reason');
  });
  it('schemas/release.schema.json is what scripts/gen-schema.ts writes (run it after changing schema.ts)', () => {
    const committed = fs.readFileSync(SCHEMA_PATH, 'utf8').replace(/\r\n/g, '\n');
    assert.equal(committed, renderSchema());
    assert.deepEqual(JSON.parse(committed), buildSchema());
  });

  it('compiles under ajv strict schema and type checks (what editors load)', () => {
    const ajv = new Ajv({
      strictSchema: true,
      strictTypes: true,
      strictTuples: true,
      allowUnionTypes: true,
      logger: { log: () => undefined, warn: (m: unknown) => assert.fail(String(m)), error: (m: unknown) => assert.fail(String(m)) },
    });
    ajv.addFormat('date', new RegExp(DATE_PATTERN));
    ajv.compile(buildSchema());
  });

  it('the clean fixture validates with no error at all', () => {
    const doc = parseRelease('release.yaml', read('test/fixtures/pairs/clean/release.yaml'));
    assert.deepEqual(validateRelease(doc), []);
  });

  it('the example plan has no schema-violation (its gaps belong to the *-incomplete and safeguard rules)', () => {
    const dir = 'examples/voice-clone-study';
    const r = lint({
      impact: { path: `${dir}/IMPACT.md`, text: read(`${dir}/IMPACT.md`) },
      release: { path: `${dir}/release.yaml`, text: read(`${dir}/release.yaml`) },
      rules: [schemaViolation],
      today: new Date('2026-06-01T00:00:00Z'),
    });
    assert.deepEqual(r.findings.map((f) => `${f.start.line + 1}: ${f.message}`), []);
  });

  it("a typo'd key: did-you-mean on the key, and no second finding about the missing 'artifacts'", () => {
    const got = problems('impact-release: 1\nartefacts:\n  - id: paper\n');
    assert.equal(got.length, 1);
    assert.equal(got[0].problem.message, "Unknown key 'artefacts' in the plan. Did you mean 'artifacts'?");
    assert.equal(got[0].at, 'artefacts');
    assert.deepEqual(got[0].problem.suggestions?.[0].edits.map((e) => e.newText), ['artifacts']);
  });

  it('a misspelt distribution kind: did-you-mean on the value, with the allowed ids', () => {
    const got = problems(plan('    timing: {kind: immediate}\n    distribution: {kind: publc}\n'));
    assert.equal(got.length, 1);
    assert.equal(
      got[0].problem.message,
      "'publc' is not a valid value for 'distribution.kind' of artifact 'weights'. Did you mean 'public'? Use one of: public, ask-for-access, safety-levels, access-community, hosted, private.",
    );
    assert.equal(got[0].at, 'publc');
    assert.equal(got[0].problem.suggestions?.[0].title, "Change to 'public'");
  });

  it('a date written with slashes: the YYYY-MM-DD form is suggested, on the value', () => {
    const got = problems(plan('    timing: {kind: timed, date: 2026/01/01}\n    distribution: {kind: public}\n'));
    assert.equal(got.length, 1);
    assert.equal(got[0].problem.message, "'timing.date' of artifact 'weights' should be a date written YYYY-MM-DD, not '2026/01/01'. Did you mean 2026-01-01?");
    assert.equal(got[0].at, '2026/01/01');
    assert.deepEqual(got[0].problem.suggestions?.[0].edits.map((e) => e.newText), ['2026-01-01']);
  });

  it('aliases from the taxonomy drive the suggestions (embargo → timed, watermark → watermarking)', () => {
    const kind = problems(plan('    timing: { kind: embargo }\n    distribution: { kind: public }\n'));
    assert.match(kind[0].problem.message, /Did you mean 'timed'\?/);
    assert.equal(kind[0].at, 'embargo');
    const key = problems('impact-release: 1\nartifacts: []\nsafeguards:\n  watermark: { status: planned }\n');
    assert.match(key[0].problem.message, /Did you mean 'watermarking'\?/);
    assert.equal(key[0].at, 'watermark');
  });

  it('"one or more" values report the bad item, not the whole anyOf', () => {
    const got = problems('impact-release: 1\nmodality: [audio, vidoe]\nartifacts: []\n');
    assert.equal(got.length, 1);
    assert.equal(got[0].at, 'vidoe');
    assert.match(got[0].problem.message, /Did you mean 'video'\?/);
  });

  it('days that do not exist fail the date format; well-formed real days pass', () => {
    const got = problems(plan('    timing: { kind: timed, date: 2027-02-29 }\n    distribution: { kind: public }\n'));
    assert.equal(got.length, 1);
    assert.equal(got[0].problem.keyword, 'format');
    assert.equal(got[0].at, '2027-02-29');
    assert.deepEqual(problems(plan('    timing: { kind: timed, date: 2028-02-29 }\n    distribution: { kind: public }\n')), []);
    assert.ok(parseIsoDate('2028-02-29'));
    assert.equal(parseIsoDate('2026-02-30'), undefined);
    assert.equal(parseIsoDate('2026-1-1'), undefined);
  });

  it('kind-specific fields are in the schema, for editors (timed needs date, private needs reason)', () => {
    const got = problems(plan('    timing: { kind: timed }\n    distribution: { kind: private }\n'));
    assert.deepEqual(got.map((g) => `${g.problem.keyword}:${g.problem.missing}`).sort(), ['required:date', 'required:reason']);
    assert.ok(!got.some((g) => g.problem.keyword === 'if'), 'no bare "must match then schema" noise');
  });

  it('never throws on documents that are not plans', () => {
    for (const text of ['', '# only a comment\n', 'hello\n', '- a\n- b\n', '42\n', '__proto__: { a: 1 }\n', 'constructor: 1\nartifacts: {}\n', '~\n']) {
      const got = problems(text);
      assert.ok(got.length >= 1, `reports something for ${JSON.stringify(text)}`);
      for (const g of got) assert.ok(g.problem.range.start >= 0 && g.problem.range.end <= text.length);
    }
    assert.equal(({} as Record<string, unknown>).a, undefined, 'no prototype pollution');
  });
});

describe('release rule fixes', () => {
  it('every release.fixed.yaml of the release rules is valid YAML', () => {
    const root = path.join(FIXTURES, 'rules');
    for (const rule of fs.readdirSync(root)) {
      for (const c of fs.readdirSync(path.join(root, rule))) {
        const p = path.join(root, rule, c, 'release.fixed.yaml');
        if (!fs.existsSync(p)) continue;
        const doc = parseRelease(p, fs.readFileSync(p, 'utf8'));
        assert.deepEqual(doc.syntaxErrors.concat(doc.duplicateKeys).map((e) => e.message), [], p);
      }
    }
  });
});

describe('release rules: limits', () => {
  it('yaml-syntax shows the first 20 errors of a cascade and counts the rest', () => {
    const text = 'impact-release: 1\nnotes: ' + '['.repeat(60) + '\n';
    const r = lint({ release: { path: 'release.yaml', text }, rules: [yamlSyntax] });
    assert.ok(r.findings.length === 21, `got ${r.findings.length}`);
    assert.match(r.findings[20].message, /^\d+ more YAML syntax errors follow/);
  });
});
