/**
 * In-place writes into model cards and the NeurIPS checklist, and importing a paper's statement:
 * byte identity outside what is written (LF, CRLF, BOM, front matter with comments), idempotence,
 * never overwriting, and hostile text escaped. Core functions and the CLI (in process).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { END_MARKER, START_MARKER, writeCardSection } from '../../src/core/cards/write-section';
import { parseCard } from '../../src/core/cards/card';
import { riskSections } from '../../src/core/cards/risk-headings';
import { fillChecklist } from '../../src/core/papers/checklist-fill';
import { findLatexStatement, findMarkdownStatement, importStatement, NoStatementError, sentences, targetOf } from '../../src/core/papers/import-statement';
import { latexToMarkdown } from '../../src/core/papers/latex';
import { main, type Io } from '../../src/cli/main';
import { FIXTURES } from './fixtures';

const PAPERS = path.join(FIXTURES, 'papers');
const EXAMPLE = path.join(__dirname, '..', '..', 'examples', 'voice-clone-study');
const TODAY = ['--today', '2026-12-04'];

function variants(lf: string): [string, string][] {
  return [
    ['LF', lf],
    ['CRLF', lf.replace(/\n/g, '\r\n')],
    ['BOM', '\ufeff' + lf],
    ['BOM+CRLF', '\ufeff' + lf.replace(/\n/g, '\r\n')],
  ];
}

/** `after` is `before` with one block inserted (or replaced between the markers), nothing else changed. */
function assertOnlyBetweenMarkers(before: string, after: string): void {
  const s = after.indexOf(START_MARKER);
  const e = after.indexOf(END_MARKER);
  assert.ok(s >= 0 && e > s, 'markers written');
  const bs = before.indexOf(START_MARKER);
  if (bs >= 0) {
    const be = before.indexOf(END_MARKER);
    assert.equal(after.slice(0, s), before.slice(0, bs));
    assert.equal(after.slice(e), before.slice(be));
    return;
  }
  const head = after.slice(0, s);
  const tail = after.slice(e + END_MARKER.length).replace(/^(\r\n|\n|\r)/, '');
  assert.ok(head.replace(/(\r\n|\n|\r)$/, '') + tail === before || head + tail === before, 'every byte outside the markers is the original');
}

const SECTION = '## Uses\n\n### Out-of-Scope Use\n\n- Cloning a voice without consent.\n\n## Bias, Risks, and Limitations\n\n**Risks.** Phone scams.\n\n### Recommendations\n\nAsk for access.\n';

const CARD = `---
# metadata, edited by hand
license: mit   # Hub id
extra_gated_prompt: "Research use only"  # gate
---

# EchoVoice

## Bias, Risks, and Limitations

Older text the authors wrote.

## Training
`;

describe('export model-card --into: the core writer', () => {
  for (const [name, card] of variants(CARD)) {
    it(`writes after the risks heading and keeps every other byte (${name})`, () => {
      const r = writeCardSection(card, SECTION);
      assert.equal(r.where, 'heading');
      assertOnlyBetweenMarkers(card, r.text);
      const headingEnd = card.indexOf('## Bias, Risks, and Limitations') + '## Bias, Risks, and Limitations'.length;
      const eol = name.includes('CRLF') ? '\r\n' : '\n';
      assert.ok(r.text.startsWith(card.slice(0, headingEnd) + eol + START_MARKER + eol), 'right after the heading line');
      if (name.includes('CRLF')) assert.ok(!/(?<!\r)\n/.test(r.text), 'only CRLF line breaks');
      if (name.includes('BOM')) assert.equal(r.text.charCodeAt(0), 0xfeff);
      assert.match(r.text, /### Out-of-Scope Use/);
      assert.doesNotMatch(r.text.slice(r.text.indexOf(START_MARKER)), /## Uses|^## Bias, Risks, and Limitations$(?![\s\S]*## Training)/m);
      const again = writeCardSection(r.text, SECTION);
      assert.equal(again.changed, false, 'a second run changes nothing');
      assert.equal(again.text, r.text);
      const changed = writeCardSection(r.text, SECTION.replace('Phone scams.', 'Phone scams and fraud.'));
      assert.ok(changed.changed);
      assertOnlyBetweenMarkers(r.text, changed.text);
      assert.equal(parseCard('c', changed.text).frontMatter!.data!.license, 'mit');
    });
    it(`appends at the end when there is no risks heading (${name})`, () => {
      const plain = card.replace('## Bias, Risks, and Limitations', '## Notes');
      const r = writeCardSection(plain, SECTION);
      assert.equal(r.where, 'end');
      assert.ok(r.text.startsWith(plain));
      assert.match(r.text, /## Bias, Risks, and Limitations/);
      assert.equal(writeCardSection(r.text, SECTION).changed, false);
      assert.ok(riskSections(parseCard('c', r.text)).some((s) => !s.empty), 'the card now has a written risks section');
    });
  }
  it('a card whose last line is the heading, with no line break', () => {
    const r = writeCardSection('# M\n\n## Bias, Risks, and Limitations', SECTION);
    assert.ok(r.text.startsWith('# M\n\n## Bias, Risks, and Limitations\n' + START_MARKER));
    assert.equal(writeCardSection(r.text, SECTION).changed, false);
  });
  it('refuses unbalanced markers instead of guessing', () => {
    assert.throws(() => writeCardSection(`# M\n${START_MARKER}\n`, SECTION), /exactly one of each/);
    assert.throws(() => writeCardSection(`# M\n${END_MARKER}\n${START_MARKER}\n`, SECTION), /start first/);
  });
  it('a heading inside a code fence is not the risks heading', () => {
    const r = writeCardSection('# M\n\n```\n## Bias, Risks, and Limitations\n```\n', SECTION);
    assert.equal(r.where, 'end');
  });
});

describe('export checklist --into: the core filler', () => {
  const official = fs.readFileSync(path.join(PAPERS, 'neurips-checklist.tex'), 'utf8');
  const model = loadModel();
  for (const [name, text] of variants(official)) {
    it(`replaces only the TODO macros of the questions it answers (${name})`, () => {
      const r = fillChecklist(text, model);
      assert.deepEqual(r.filled.map((f) => f.title), ['Broader impacts', 'Safeguards', 'New assets']);
      const before = text.split(/(?<=\r\n|\n)/);
      const after = r.text.split(/(?<=\r\n|\n)/);
      assert.equal(after.length, before.length, 'no line added or removed');
      const changed = before.map((l, i) => (l === after[i] ? -1 : i)).filter((i) => i >= 0);
      assert.equal(changed.length, 6, 'three Answer and three Justification lines');
      for (const i of changed) {
        const [b, a] = [before[i], after[i]];
        assert.match(b, /\\answerTODO\{\}|\\justificationTODO\{\}/);
        const token = b.includes('\\answerTODO{}') ? '\\answerTODO{}' : '\\justificationTODO{}';
        const at = b.indexOf(token);
        assert.equal(a.slice(0, at), b.slice(0, at), 'bytes before the macro');
        assert.ok(a.endsWith(b.slice(at + token.length)), 'bytes after the macro (the template comment included)');
      }
      assert.ok(r.text.includes('Answer: \\answerYes{} % Replace by'), 'the author-facing comment stays');
      assert.ok(r.text.includes('The authors have reviewed and followed the NeurIPS Code of Ethics.'), 'Q9 as written');
      assert.match(r.text, /Crowdsourcing[\s\S]*\\answerTODO\{\}/, 'questions it cannot answer keep their TODO');
      assert.equal(fillChecklist(r.text, model).text, r.text, 'a second run changes nothing');
      if (name.includes('BOM')) assert.equal(r.text.charCodeAt(0), 0xfeff);
    });
  }
  it('leaves written answers alone, reports a contradiction, and replaces them only with force', () => {
    const risky = loadModel({ release: publicWeightsNoSafeguards });
    const theirs = official.replace(/(Safeguards\}[\s\S]*?Answer: )\\answerTODO\{\}/, '$1\\answerYes{}').replace(/(Safeguards\}[\s\S]*?Justification: )\\justificationTODO\{\}/, '$1We gate the weights.');
    const r = fillChecklist(theirs, risky);
    assert.ok(r.text.includes('Answer: \\answerYes{} % Replace by'), 'kept');
    assert.ok(r.text.includes('Justification: We gate the weights.'));
    assert.equal(r.contradictions.length, 1);
    assert.match(r.contradictions[0].message, /answers Yes, but the assessment and the plan say No/);
    const forced = fillChecklist(theirs, risky, { force: true });
    assert.match(forced.text, /Safeguards\}[\s\S]*?Answer: \\answerNo\{\} % Replace by/);
    assert.doesNotMatch(forced.text, /We gate the weights\./);
  });
  it('escapes LaTeX specials from the plan and the assessment', () => {
    const hostile = loadModel({ release: publicWeightsNoSafeguards.replace('id: weights', 'id: w_1%$#&{}\\x') });
    const r = fillChecklist(official, hostile);
    const line = r.text.split('\n').find((l) => l.includes('Safeguards') === false && l.includes('w\\_1'))!;
    assert.ok(line, 'the artifact id appears escaped');
    assert.ok(line.includes('w\\_1\\%\\$\\#\\&\\{\\}\\textbackslash{}x'), line);
  });
  it('ignores questions that are commented out', () => {
    const commented = official.replace(/^\\item \{\\bf Safeguards\}/m, '% \\item {\\bf Safeguards}').replace(/(Safeguards\}[\s\S]*?)\n    \\item\[\] Answer/, '$1\n%    \\item[] Answer');
    const r = fillChecklist(commented, model);
    assert.ok(!r.filled.some((f) => f.title === 'Safeguards'));
  });
});

describe('import: a paper statement becomes IMPACT.md', () => {
  const tex = fs.readFileSync(path.join(PAPERS, 'driftingmol-excerpt.tex'), 'utf8');
  it("finds the section in the real paper and keeps the authors' sentences verbatim", () => {
    const st = findLatexStatement(tex)!;
    assert.equal(st.title, 'Broader Impact');
    assert.doesNotMatch(st.markdown, /Conclusion|DriftingMol,$|Multi-property/);
    const r = importStatement(tex, 'latex', { source: 'paper.tex', today: new Date('2026-12-04') });
    for (const s of ['Molecular generation technologies carry dual-use risks.', 'We encourage responsible use of molecular generation tools and adherence to ethical guidelines for chemical research.', 'DriftingMol\'s property control is coarse (“property-biased” rather than “property-precise”)'])
      assert.ok(r.impact.includes(s), s);
    assert.match(r.impact, /## Hazards\n\nMolecular generation technologies carry dual-use risks\./);
    assert.match(r.impact, /## Mitigations\n\n[^\n]*responsible use/);
    assert.match(r.impact, /## Benefits\n\n_TODO:/, 'nothing invented where the paper says nothing on its own');
    const words = (s: string) => new Set(s.toLowerCase().match(/[a-z]+/g));
    const paperWords = words(latexToMarkdown(tex));
    const scaffoldWords = words(importStatement('\\section{Ethics Statement}\nX.\n', 'latex', { source: 'paper.tex', today: new Date('2026-12-04') }).impact);
    for (const w of words(r.impact)) assert.ok(paperWords.has(w) || scaffoldWords.has(w) || /^(broader|impact|line|driftingmol|tex)$/.test(w), `invented word: ${w}`);
  });
  it('simple LaTeX becomes plain Markdown; specials and HTML are escaped', () => {
    assert.equal(latexToMarkdown('We \\emph{never} release~it \\cite{a,b}. \\textbf{Bold}.'), 'We *never* release it. **Bold**.');
    assert.equal(latexToMarkdown('50\\% of \\$5 a\\_b'), '50% of \\$5 a\\_b');
    assert.equal(latexToMarkdown('<script>alert(1)</script> *x*'), '\\<script\\>alert(1)\\</script\\> \\*x\\*');
  });
  it('reads a Markdown paper through markdown-it: raw HTML never passes', () => {
    const md = '# Paper\n\n## Impact Statement\n\nThis could enable impersonation. <img src=x onerror=alert(1)> We gate the weights.\n\n## References\n\n- x\n';
    const st = findMarkdownStatement(md)!;
    assert.equal(st.title, 'Impact Statement');
    assert.doesNotMatch(st.markdown, /(?<!\\)<img/, 'the tag is escaped, never raw');
    assert.match(st.markdown, /\\<img/);
    assert.doesNotMatch(st.markdown, /References/);
  });
  it('splits sentences but not inside emphasis, and places them by what they answer', () => {
    assert.deepEqual(sentences('It helps. *A. B* stays. e.g. this stays.'), ['It helps.', '*A. B* stays. e.g. this stays.']);
    assert.equal(targetOf('We release the weights under a gated licence.'), 'release-plan');
    assert.equal(targetOf('Generated audio carries a watermark detectors can read.'), 'detection-guidance');
    assert.equal(targetOf('This could be misused for fraud.'), 'hazards');
    assert.equal(targetOf('It accelerates accessibility research.'), 'benefits');
    assert.equal(targetOf('The model has 90M parameters.'), 'summary');
  });
  it('a paper without such a section: a clear error', () => {
    assert.throws(() => importStatement('\\section{Intro}\nHello.\n', 'latex', { source: 'p.tex', today: new Date() }), NoStatementError);
  });
});

// ---------------------------------------------------------------------------------------------
// CLI, in process
// ---------------------------------------------------------------------------------------------

let tmp: string;
before(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'impact-cards-'));
});
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function cli(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: Io = { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), cwd, env: {}, isTTY: false };
  const code = await main(args, io, []);
  return { code, stdout, stderr };
}

function copyExample(name: string): string {
  const dir = path.join(tmp, name);
  fs.cpSync(EXAMPLE, dir, { recursive: true });
  fs.writeFileSync(path.join(dir, '.impact-notes.yaml'), 'root: true\n');
  return dir;
}

describe('CLI: export --into and import', () => {
  it('model-card --into: writes once, then changes nothing; a missing file is exit 2', async () => {
    const dir = copyExample('mc');
    const card = '\ufeff---\r\n# card\r\nlicense: mit  # hub id\r\n---\r\n\r\n# Model\r\n\r\n## Bias, Risks, and Limitations\r\n\r\n## Training\r\n';
    fs.writeFileSync(path.join(dir, 'README.md'), card);
    const r1 = await cli(['export', 'model-card', '.', '--into', 'README.md', ...TODAY], dir);
    assert.equal(r1.code, 0, r1.stderr);
    const once = fs.readFileSync(path.join(dir, 'README.md'), 'utf8');
    assertOnlyBetweenMarkers(card, once);
    const r2 = await cli(['export', 'model-card', '.', '--into', 'README.md', '--today', '2027-01-01'], dir);
    assert.equal(r2.code, 0);
    assert.match(r2.stdout, /up to date/);
    assert.equal(fs.readFileSync(path.join(dir, 'README.md'), 'utf8'), once, 'another day, the same text');
    const r3 = await cli(['export', 'model-card', '.', '--into', 'NOPE.md', ...TODAY], dir);
    assert.equal(r3.code, 2);
    assert.match(r3.stderr, /does not exist/);
    const r4 = await cli(['export', 'broader-impact', '.', '--into', 'README.md', ...TODAY], dir);
    assert.equal(r4.code, 2);
  });
  it('checklist --into: fills, keeps, and exits 1 on a contradiction', async () => {
    const dir = copyExample('cl');
    const file = path.join(dir, 'checklist.tex');
    fs.copyFileSync(path.join(PAPERS, 'neurips-checklist.tex'), file);
    const r1 = await cli(['export', 'checklist', '.', '--into', 'checklist.tex', ...TODAY], dir);
    assert.equal(r1.code, 0, r1.stderr);
    assert.match(r1.stdout, /Safeguards: answered Yes/);
    const filled = fs.readFileSync(file, 'utf8');
    const r2 = await cli(['export', 'checklist', '.', '--into', 'checklist.tex', ...TODAY], dir);
    assert.equal(r2.code, 0);
    assert.equal(fs.readFileSync(file, 'utf8'), filled);
    // The plan now puts the weights out publicly with no safeguard: the written "Yes" contradicts it.
    fs.writeFileSync(path.join(dir, 'release.yaml'), publicWeightsNoSafeguards);
    const r3 = await cli(['export', 'checklist', '.', '--into', 'checklist.tex', ...TODAY], dir);
    assert.equal(r3.code, 1, r3.stderr);
    assert.match(r3.stderr, /checklist\.tex:\d+: Safeguards: the checklist answers Yes, but the assessment and the plan say No/);
    assert.equal(fs.readFileSync(file, 'utf8'), filled, 'nothing replaced without --force');
  });
  it('import: creates IMPACT.md, never overwrites it, and says so when there is no statement', async () => {
    const dir = path.join(tmp, 'imp');
    const paper = path.join(PAPERS, 'driftingmol-excerpt.tex');
    const r1 = await cli(['import', paper, dir, ...TODAY], tmp);
    assert.equal(r1.code, 0, r1.stderr);
    const text = fs.readFileSync(path.join(dir, 'IMPACT.md'), 'utf8');
    const r2 = await cli(['import', paper, dir, ...TODAY], tmp);
    assert.equal(r2.code, 2);
    assert.match(r2.stderr, /already exists and was not overwritten/);
    assert.equal(fs.readFileSync(path.join(dir, 'IMPACT.md'), 'utf8'), text);
    const r3 = await cli(['import', path.join(PAPERS, 'neurips-checklist.tex'), path.join(tmp, 'imp2'), ...TODAY], tmp);
    assert.equal(r3.code, 2);
    assert.match(r3.stderr, /no broader-impact, impact-statement or ethics-statement section/);
    assert.ok(!fs.existsSync(path.join(tmp, 'imp2', 'IMPACT.md')));
    const lint = await cli(['lint', dir, '--no-discovery', '--format', 'json'], tmp);
    const rules = new Set((JSON.parse(lint.stdout) as { rule: string }[]).map((f) => f.rule));
    assert.ok(rules.has('placeholder-text') || rules.has('hazard-unassessed'), 'lint shows what the paper left out');
  });
});

// ---------------------------------------------------------------------------------------------

const publicWeightsNoSafeguards = `impact-release: 1
assessment: IMPACT.md
modality: [audio]
artifacts:
  - id: weights
    content: trained-model
    paths: [checkpoints/**]
    timing: { kind: immediate }
    distribution: { kind: public, license: mit }
`;

function loadModel(opts: { release?: string } = {}) {
  // The example's assessment (it rates the risk high), with its plan or another one.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { lint } = require('../../src/core/engine') as typeof import('../../src/core/engine');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { buildReport } = require('../../src/core/report') as typeof import('../../src/core/report');
  const impact = fs.readFileSync(path.join(EXAMPLE, 'IMPACT.md'), 'utf8');
  const release = opts.release ?? fs.readFileSync(path.join(EXAMPLE, 'release.yaml'), 'utf8');
  const today = new Date('2026-12-04T00:00:00Z');
  const result = lint({ impact: { path: 'IMPACT.md', text: impact }, release: { path: 'release.yaml', text: release }, today });
  return buildReport({ result, today, folder: 'study' });
}
