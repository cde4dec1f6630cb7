/**
 * Bugs the fuzzer found (test/fuzz), each pinned by the smallest input that showed it.
 */
import * as assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import { INTERNAL_ERROR, lint } from '../../src/core/engine';
import { applyEdits, fixEditsByFile, fixKeepsHeadings, headingsOf, lintAndFix } from '../../src/core/fix';
import { parseImpact } from '../../src/core/impact/parse';
import { keepBreaksApart } from '../../src/core/source-text';
import { parseRelease } from '../../src/core/release/parse';
import { buildReport, EXPORT_FORMATS, EXPORT_KINDS, renderExport, renderReportMarkdown } from '../../src/core/report';
import { findRule } from '../../src/core/rules';
import { defineImpactRule } from '../../src/core/rules/define';
import { scaffold, ScaffoldError } from '../../src/core/scaffold';
import type { Rule } from '../../src/core/types';
import { writeAnswer } from '../../src/extension/assessment/answers';

const TODAY = new Date('2026-06-01T00:00:00Z');
const rules = (...names: string[]) => names.map((n) => findRule(n)).filter((r): r is Rule => !!r);

/** Whether a further --fix would still change the texts of a lint result. */
function pendingFixes(impact: string | undefined, release: string | undefined, only?: Rule[]): string[] {
  const r = lint({
    impact: impact === undefined ? undefined : { path: 'IMPACT.md', text: impact },
    release: release === undefined ? undefined : { path: 'release.yaml', text: release },
    today: TODAY,
    rules: only,
  });
  const out: string[] = [];
  for (const [file, edits] of fixEditsByFile(r.findings)) {
    const text = file === 'impact' ? r.impact!.source.text : r.release!.source.text;
    if (applyEdits(text, edits).text !== text) out.push(...r.findings.filter((f) => f.fix?.edits.some((e) => e.file === file)).map((f) => f.rule));
  }
  return out;
}

describe('fuzz regressions', () => {
  it('release.yaml: an anchor used inside its own value is reported, not an internal error', () => {
    // schema-violation used to throw "Converting circular structure to JSON".
    const text = 'impact-release: 1\nartifacts:\n  - id: w\n    distribution: &a0\n      kind: public\n      process: *a0\n';
    const r = lint({ release: { path: 'release.yaml', text }, today: TODAY });
    assert.deepEqual(r.findings.filter((f) => f.rule === INTERNAL_ERROR).map((f) => f.message), []);
    assert.equal(r.release!.value, undefined);
    const syntax = r.findings.find((f) => f.rule === 'yaml-syntax');
    assert.match(syntax?.message ?? '', /anchor \(&name\) is used inside its own value/);
    // An anchor reused elsewhere (not inside itself) is still fine.
    const shared = parseRelease('release.yaml', 'impact-release: 1\nartifacts: []\nnotes: &n hello\ntitle: *n\n');
    assert.deepEqual(shared.value, { 'impact-release': 1, artifacts: [], notes: 'hello', title: 'hello' });
  });

  it('release.yaml: with a duplicated key, ranges and fixes point at the last pair (the one the data holds)', () => {
    // timing-incomplete used to read the second `timing` but insert `kind: TODO` into the first, forever.
    const text = 'impact-release: 1\nartifacts:\n  - id: w\n    content: paper\n    timing: { kind: immediate }\n    distribution: { kind: public }\n    timing: { when: later }\n';
    const plan = parseRelease('release.yaml', text);
    const range = plan.rangeOf(['artifacts', 0, 'timing'], 'value');
    assert.equal(text.slice(range.start, range.end), '{ when: later }');
    const res = lintAndFix({ release: { path: 'release.yaml', text }, today: TODAY, rules: rules('timing-incomplete') });
    assert.ok(res.passes < 5, `took ${res.passes} passes`);
    assert.deepEqual(pendingFixes(undefined, res.release, rules('timing-incomplete')), []);
    assert.match(res.release!, /timing: \{ when: later, kind: TODO \}/);
    assert.match(res.release!, /timing: \{ kind: immediate \}/, 'the first pair is left alone');
  });

  for (const [name, open] of [
    ['an unclosed HTML comment', '<!-- notes to self'],
    ['an unclosed code fence', '```yaml\nkey: value'],
    ['an unclosed <pre> block', '<pre>\nraw'],
  ] as const) {
    it(`IMPACT.md ending in ${name}: no fix writes into it, and --fix converges`, () => {
      // missing-section used to insert its headings inside the open block on every pass (30 passes, never done).
      const text = `# T\n\n## Summary\n\nA study.\n\n${open}\n`;
      const doc = parseImpact('IMPACT.md', text);
      assert.equal(doc.openBlock?.start, text.indexOf(open.split('\n')[0]));
      const r = lint({ impact: { path: 'IMPACT.md', text }, today: TODAY, rules: rules('missing-section') });
      assert.ok(r.findings.length > 5, 'the missing sections are still reported');
      assert.ok(r.findings.every((f) => !f.fix || f.fix.edits.every((e) => e.range.start <= doc.openBlock!.start)));
      const res = lintAndFix({ impact: { path: 'IMPACT.md', text }, today: TODAY, rules: rules('missing-section') });
      assert.ok(res.passes < 3, `took ${res.passes} passes`);
      assert.ok(res.impact === undefined || res.impact.endsWith(`${open}\n`), 'the open block stays last, untouched');
    });
  }

  it('IMPACT.md ending in a closed comment or fence still gets its fixes', () => {
    for (const tail of ['<!-- done -->', '```\ncode\n```', '<div>\nhtml\n']) {
      const text = `# T\n\n## Summary\n\nA study.\n\n${tail}\n`;
      assert.equal(parseImpact('IMPACT.md', text).openBlock, undefined, tail);
      const r = lint({ impact: { path: 'IMPACT.md', text }, today: TODAY, rules: rules('missing-section') });
      assert.ok(r.findings.every((f) => f.fix), tail);
    }
  });

  it('a list inserted before a heading indented by 1-3 spaces does not swallow it', () => {
    // writeAnswer (via hazard-unassessed's fix) used to turn "  ## indirect risks ##" into part of the
    // new Rationale item and then replace it with the answer.
    const text = '\n  ## indirect risks ##';
    const out = writeAnswer(text, 'hazard', 'product', { value: 'yes', reasoning: 'the demo works as is' });
    assert.match(out, /^## indirect risks ##$/m);
    assert.match(out, /- \*\*Rationale:\*\* the demo works as is\n/);
    assert.ok(parseImpact('IMPACT.md', out).byId.has('indirect-harms'));
    // The same through --fix: the heading stays a heading.
    const md = '# T\n\n## Path to harm\n\nWe rate each factor below.\n\n  ## Access ratchet\n\nText.\n';
    assert.ok(parseImpact('IMPACT.md', md).byId.has('access-ratchet'));
    const res = lintAndFix({ impact: { path: 'IMPACT.md', text: md }, today: TODAY, rules: rules('factor-unrated') });
    assert.ok(res.impact);
    assert.ok(parseImpact('IMPACT.md', res.impact).byId.has('access-ratchet'), res.impact);
    assert.match(res.impact, /\n## Access ratchet\n\nText\.\n$/);
    // Right under a heading, with no blank line before the indented one.
    const md2 = '\n## Access ratchet\n  ### _attention hazards_ #\n';
    const res2 = lintAndFix({ impact: { path: 'IMPACT.md', text: md2 }, today: TODAY, rules: rules('ratchet-position-missing') });
    assert.match(res2.impact!, /^- \*\*Position:\*\* .*\n### _attention hazards_ #\n$/m);
    assert.equal(parseImpact('IMPACT.md', res2.impact!).sections[0].subsections.length, 1);
  });

  it('a part inserted before a heading indented by 1-3 spaces does not swallow it into its last list item', () => {
    // factor-unrated put '### Awareness' and its list right before '  ### Deployment'; after the blank
    // line the indented heading became part of the last new item, and a second '### Deployment' was added.
    for (const md of ['# T\n\n## Path to harm\n\n  ### Deployment\n- **Talent pipeline:** high — anyone can run it.\n', '# T\n\n## Path to harm\n  ### Deployment:\n']) {
      const res = lintAndFix({ impact: { path: 'IMPACT.md', text: md }, today: TODAY, rules: rules('factor-unrated') });
      assert.ok(res.impact);
      const subs = parseImpact('IMPACT.md', res.impact).sections[0].subsections.map((x) => x.heading.text);
      assert.deepEqual(subs, ['Awareness', md.includes(':\n') ? 'Deployment:' : 'Deployment', 'Sustained use'], res.impact);
      assert.match(res.impact, /\n\n### Deployment:?\n/);
    }
    // hazard-unassessed, through the guided answer: writeAnswer then filled the new Rationale, whose
    // value had swallowed the indented heading and the lines under it, and so deleted them.
    const out = writeAnswer('\n## Hazards\n  ### Attention hazard\n- **Applies:** no\n', 'hazard', 'product', { value: 'yes', reasoning: 'anyone can use the demo' });
    assert.equal(out, '\n## Hazards\n### Product hazard\n- **Applies:** yes\n- **Rationale:** anyone can use the demo\n\n### Attention hazard\n- **Applies:** no\n');
  });

  it('lines inserted before a setext heading indented by 1-3 spaces do not swallow its text', () => {
    // hazard-unassessed inserted list lines right above '  Who could be harmed' over '---' and added a
    // blank line; the indented text then sat inside the last new item, and the section was gone.
    for (const md of ['# T\n\n## Hazards\n### Product hazard\n  Who could be harmed\n---\n\nViewers.\n', '# T\n\n## Hazards\n### Product hazard\n\n  Who could be\n  harmed\n---\n\nViewers.\n']) {
      assert.ok(parseImpact('IMPACT.md', md).byId.has('harmed-parties'));
      const res = lintAndFix({ impact: { path: 'IMPACT.md', text: md }, today: TODAY, rules: rules('hazard-unassessed') });
      assert.ok(res.impact);
      assert.ok(parseImpact('IMPACT.md', res.impact).byId.has('harmed-parties'), res.impact);
      assert.match(res.impact, /\n\nWho could be(?: harmed|\n  harmed)\n---\n\nViewers\.\n$/);
    }
  });

  it('release.yaml: a key alone in a flow mapping ({ kind }) gets its value after it, not after the next colon', () => {
    // timing-incomplete wrote ' TODO' after the next key's colon ('distribution: TODO { kind: public }'), a syntax error.
    const text = 'impact-release: 1\nartifacts:\n  - id: demo\n    timing: { kind }\n    distribution: { kind: public }\n';
    const res = lintAndFix({ release: { path: 'release.yaml', text }, today: TODAY, rules: rules('timing-incomplete') });
    assert.equal(res.release, text.replace('{ kind }', '{ kind: TODO }'));
    assert.deepEqual(parseRelease('release.yaml', res.release!).syntaxErrors, []);
  });

  it('release.yaml: an empty block scalar gets its placeholder in place of its header, keeping the line break after it', () => {
    // distribution-incomplete replaced the whole range of 'community: |' and its blank line, which ran
    // to the next key's line: 'community: TODO     levels: []', a syntax error.
    const text = 'impact-release: 1\nartifacts:\n  - id: w\n    timing:\n      kind: timed\n      date: | # later\n        \n    distribution: { kind: public }\n';
    const res = lintAndFix({ release: { path: 'release.yaml', text }, today: TODAY, rules: rules('timing-incomplete') });
    assert.equal(res.release, text.replace('date: | # later', 'date: TODO # later'));
    assert.deepEqual(parseRelease('release.yaml', res.release!).syntaxErrors, []);
  });

  it('a setext heading right after a part keeps a blank line before it when lines are inserted', () => {
    // hazard-unassessed appended a sub-section and the next setext heading's text became a lazy
    // continuation of its last list item.
    const md = '# T\n\n## Hazards\n### Product hazard\nWho could be harmed\n---\n\nViewers.\n';
    assert.ok(parseImpact('IMPACT.md', md).byId.has('harmed-parties'));
    const res = lintAndFix({ impact: { path: 'IMPACT.md', text: md }, today: TODAY, rules: rules('hazard-unassessed') });
    assert.ok(res.impact);
    assert.ok(parseImpact('IMPACT.md', res.impact).byId.has('harmed-parties'), res.impact);
    assert.match(res.impact, /\n\nWho could be harmed\n---\n/);
  });

  it('a heading inside a list item or block quote is not a section (fixes would pull it out)', () => {
    const md = '# T\n\n- **Viewers:** people who hear it\n\t## victims\n\n> ## Summary\n';
    const doc = parseImpact('IMPACT.md', md);
    assert.deepEqual(doc.sections.map((s) => s.heading.text), []);
    const res = lintAndFix({ impact: { path: 'IMPACT.md', text: md }, today: TODAY, rules: rules('missing-section') });
    assert.ok(res.impact!.startsWith(md.trimEnd()), 'everything is kept, sections are added after it');
  });

  it('a multi-line setext heading with CRLF: its range ends at its last text line, never inside a character', () => {
    const md = '# T\r\n\r\nthe\r\npotential negative impacts 😀\r\n-----\r\n';
    const h = parseImpact('IMPACT.md', md).sections[0].heading;
    assert.equal(md.slice(h.range.start, h.range.end), 'the\r\npotential negative impacts 😀');
    assert.equal(h.endLine, 4);
  });

  it('boilerplate-dismissal does not read quoted code as the author\'s sentence', () => {
    // A scaffold whose artifact path was such a sentence got a boilerplate-dismissal on the Release plan list.
    const md = '# T\n\n## Release plan\n\n- `weights` at `We do not foresee any negative societal impact.`\n\n## Mitigations\n\nWe do not foresee any negative societal impact.\n';
    const r = lint({ impact: { path: 'IMPACT.md', text: md }, today: TODAY, rules: rules('boilerplate-dismissal') });
    assert.deepEqual(r.findings.map((f) => f.start.line + 1), [9], 'only the sentence in prose');
  });

  it('ScaffoldError messages stay on one line when an answer holds a line break', () => {
    assert.throws(
      () => scaffold({ modality: ['line\nbreak'], artifacts: [], reviewLevel: 'full', today: TODAY }),
      (err: unknown) => err instanceof ScaffoldError && !/[\r\n]/.test(err.message) && /Unknown modality 'line break'/.test(err.message),
    );
  });

  it('lines appended after an HTML block that runs into a list start with a blank line, so --fix settles', () => {
    // `</details>` (or `</div>`) then a list with no blank line: the HTML block goes on until a blank
    // line, the lines appended without one landed inside it, were never read, and were added again on
    // every pass (fuzz fix-gen-1975919047 with factor-unrated, fix-gen-2483830989 with harmed-parties-missing).
    const cases: [string, string][] = [
      ['factor-unrated', '# T\n\n## Path to harm\n### Adversary attention\n### Other\n<details>\n</details>\n- **Note:** x\n'],
      ['harmed-parties-missing', '# T\n\n## Who could be harmed\n<div>\n</div>\n- **Note:** x\n\n## Capability and modality\n- **Modality:** audiovisual\n'],
    ];
    for (const [rule, impact] of cases) {
      const r = lintAndFix({ impact: { path: 'IMPACT.md', text: impact }, today: TODAY, rules: rules(rule) });
      assert.ok(r.impact !== undefined && r.impact !== impact, rule);
      assert.match(r.impact!, /- \*\*Note:\*\* x\n\n- \*\*/, rule);
      assert.deepEqual(pendingFixes(r.impact, undefined, rules(rule)), [], `${rule}:\n${r.impact}`);
    }
  });

  it('an indented HTML comment after lines inserted under a heading stays a comment', () => {
    // `  <!--` indented two spaces, after the inserted '- **Rationale:**' item and a blank line, became
    // that item's content; the comment's unindented `> -->` line ended the item, so the comment
    // lost its end and its `## Summary` line became a heading (fuzz fix-gen-1328881133).
    const impact = '# T\n\n## Hazards\n### Product hazard\n  <!-- \n  ## Summary\n> --> x\n';
    const r = lintAndFix({ impact: { path: 'IMPACT.md', text: impact }, today: TODAY, rules: rules('hazard-unassessed') });
    assert.ok(r.impact !== undefined && r.impact.includes('- **Applies:**'), r.impact);
    const comments = (md: string) =>
      new MarkdownIt({ html: true })
        .parse(md, {})
        .filter((t) => t.type === 'html_block')
        .map((t) => t.content.trim());
    assert.deepEqual(comments(r.impact!), ['<!-- \n  ## Summary\n> --> x'], r.impact);
    assert.deepEqual(pendingFixes(r.impact, undefined, rules('hazard-unassessed')), []);
  });

  it('front matter closed by `---` and a lone CR is front matter, before and after --fix', () => {
    // It was read as a setext heading '## title: x'; a fix rewrote the CR's line break and the
    // parser then found front matter, so the heading vanished (fuzz fix-gen-1975919047, seed 7 again).
    const impact = '---\ntitle: x\n---\r\r\n';
    const before = parseImpact('IMPACT.md', impact);
    assert.deepEqual(before.sections.map((s) => s.heading.text), []);
    assert.ok([0, 1, 2].every((l) => before.nonProseLines.has(l)));
    const r = lintAndFix({ impact: { path: 'IMPACT.md', text: impact }, today: TODAY, rules: rules('missing-section') });
    assert.ok(r.impact?.startsWith('---\ntitle: x\n---'), r.impact);
    assert.ok(!parseImpact('IMPACT.md', r.impact!).sections.some((s) => s.heading.text === 'title: x'));
  });

  it('lines inserted under a heading join an indented list there, keeping an indented heading after it', () => {
    // '- **Position:**' went in unindented above '  - **talent:**', which became its sub-list, and the
    // '  ###' heading after it fell into the new item (fuzz fix-gen-1975919047, seed 7 again).
    // Also with blank lines between; a tab-indented line is code, not a list, and gets no tab.
    for (const impact of ['# T\n\n## Access ratchet\n  - **talent:** people\n  ### The public\n', '# T\n\n## Access ratchet\n\n  * **talent:** people\n\n  ### The public\n', '# T\n\n## Access ratchet\n\t- x\n']) {
      const r = lintAndFix({ impact: { path: 'IMPACT.md', text: impact }, today: TODAY, rules: rules('ratchet-position-missing') });
      const doc = parseImpact('IMPACT.md', r.impact!);
      assert.ok(doc.byId.get('access-ratchet')?.markers.some((m) => m.key === 'Position'), r.impact);
      if (!impact.includes('\t')) assert.deepEqual(doc.byId.get('access-ratchet')?.subsections.map((x) => x.heading.text), ['The public'], r.impact);
      assert.deepEqual(pendingFixes(r.impact, undefined, rules('ratchet-position-missing')), []);
    }
  });

  it('Markdown exports: an author section opening with a code fence never follows our sentence on its line', () => {
    // The broader-impact statement wrote "How output of this method can be recognised: ```": mid-line
    // the fence was no fence, and the <script> inside it became a raw HTML block when rendered.
    const renderer = new MarkdownIt({ html: true });
    const scripts = (markdown: string) => (renderer.render(markdown).match(/<script/gi) ?? []).length;
    const minimal = '# T\n\n## Detection guidance\n\n```\n<script>alert(1)</script>\n```\n\nOur detector flags it.\n';
    const model = (impact: string) => buildReport({ result: lint({ impact: { path: 'IMPACT.md', text: impact }, today: TODAY }), today: TODAY });
    const out = renderExport('broader-impact', model(minimal), 'md').text;
    assert.match(out, /recognised:\n\n```\n<script>alert\(1\)<\/script>\n```\n\nOur detector flags it\./);
    assert.match(renderer.render(out), /<pre><code>&lt;script&gt;alert\(1\)&lt;\/script&gt;\n<\/code><\/pre>/);
    // Every section the exports quote as a block, opening with a fence, a list or a quote, in every Markdown output.
    const openings = ['```\n<script>alert(1)</script>\n```', '- ```\n  <script>alert(1)</script>\n  ```', '> ```\n> <script>alert(1)</script>\n> ```'];
    const sections = ['Benefits', 'Who could be harmed', 'Indirect harms', 'Mitigations', 'Detection guidance', 'Release plan', 'Summary'];
    for (const opening of openings) {
      const impact = ['# T', '', ...sections.flatMap((s) => [`## ${s}`, '', opening, '', 'Real text.', ''])].join('\n');
      const m = model(impact);
      const outputs: [string, string][] = [['report', renderReportMarkdown(m)]];
      for (const kind of EXPORT_KINDS) if (EXPORT_FORMATS[kind].includes('md')) outputs.push([kind, renderExport(kind, m, 'md').text]);
      for (const [name, text] of outputs) assert.equal(scripts(text), 0, `${name} with sections opening ${JSON.stringify(opening)}:\n${text}`);
    }
  });

  it('IMPACT.md: the prompt put into an empty section keeps a setext heading after it a heading (fix-gen-967150058)', () => {
    // The prompt paragraph, written right above `Notes` / `-----`, became the first line of that
    // heading's text: `Notes` stopped being a heading and the Summary stayed empty, so a second pass
    // inserted the prompt again.
    const impact = '# Impact assessment\n\n## Summary\nNotes\n-----\n';
    const r = lintAndFix({ impact: { path: 'IMPACT.md', text: impact }, today: TODAY, rules: rules('missing-section') });
    assert.deepEqual(headingsOf(parseImpact('IMPACT.md', r.impact!)).slice(0, 3), ['# Impact assessment', '## Summary', '## Notes'], r.impact);
    assert.equal(r.impact!.match(/_TODO: In a few sentences/g)?.length, 1, r.impact);
    assert.match(r.impact!, /## Summary\n\n_TODO: In a few sentences[^\n]*\n\nNotes\n-----\n/);
  });

  // Written right under the heading, the new `- **Key:** …` item took what was indented after it
  // (indented code, an indented paragraph or list) as its own content, and a heading indented by two
  // spaces after that with it. The lines now go after the part's own content.
  for (const [name, rule, impact, part, headings] of [
    ['indented code (fix-gen-2102553169)', 'modality-missing', '# T\n\n## Capability and modality\n    - **Product Hazard:**\n  ### A detail\n\nText.\n', 'Capability and modality', ['# T', '## Capability and modality', '### A detail']],
    ['indented code and an indented list', 'modality-missing', '# T\n\n## Capability and modality\n    - **Product Hazard:**\n  - **Note:** nlp\n  ### A detail\n', 'Capability and modality', ['# T', '## Capability and modality', '### A detail']],
    ['a tab-indented `##` line, which is code, and an indented sub-section (impact-gen-2463811769)', 'modality-missing', '# T\n\n## Capability and modality\n\t## 4.1 notes\n  ### A detail\n', 'Capability and modality', ['# T', '## Capability and modality', '### A detail']],
    ['indented code and an indented paragraph (fix-gen-3187562477)', 'factor-unrated', '# T\n\n## Path to harm\n\n### Adversary attention\n    - **Note:**\n  the\n  ### Awareness\n', 'Adversary attention', ['# T', '## Path to harm', '### Adversary attention', '### Awareness']],
  ] as const) {
    it(`IMPACT.md: lines under a heading followed by ${name} go after the part's own content`, () => {
      const r = lintAndFix({ impact: { path: 'IMPACT.md', text: impact }, today: TODAY, rules: rules(rule) });
      assert.deepEqual(r.refused, []);
      const doc = parseImpact('IMPACT.md', r.impact!);
      assert.deepEqual(headingsOf(doc).filter((h) => headings.includes(h as never)), [...headings], r.impact);
      const parts = doc.sections.flatMap((sec) => [sec, ...sec.subsections]);
      const target = parts.find((x) => x.heading.text === part)!;
      assert.ok(target.markers.length > 0, `no marker in '${part}':\n${r.impact}`);
      assert.ok(doc.codeLines.has(impact.split('\n').findIndex((l) => /^(?: {4}|\t)/.test(l))), 'the indented code stays code');
      assert.deepEqual(pendingFixes(r.impact, undefined, rules(rule)), []);
    });
  }

  it('IMPACT.md with mixed line endings: a blank line a fix writes before an LF of the file stays a blank line (impact-gen-2015786119)', () => {
    // The file's line break is a lone CR; written before an LF, the CR that ended the new lines made a
    // CRLF with it, the blank line after them was gone and `the` / `---` became part of the last item.
    const impact = '\r## Hazards\n### Product hazard\r \nthe\r### Attention hazard\nthe\r---';
    const r = lintAndFix({ impact: { path: 'IMPACT.md', text: impact }, today: TODAY, rules: rules('hazard-unassessed') });
    assert.deepEqual(r.refused, []);
    assert.deepEqual(headingsOf(parseImpact('IMPACT.md', r.impact!)), ['## Hazards', '### Product hazard', '### Data hazard', '### Attention hazard', '## the']);
    // The rule itself, without the engine: an LF after a CR, a CR before an LF, and a CRLF rewritten.
    const edit = (start: number, end: number, newText: string) => ({ range: { start, end }, newText });
    assert.equal(keepBreaksApart('a\nb', edit(1, 1, '\rx\r')).newText, '\rx\r\n');
    assert.equal(keepBreaksApart('a\rb', edit(2, 2, '\nx')).newText, '\r\nx');
    assert.equal(keepBreaksApart('a\r\nb', edit(1, 2, 'x\r')).newText, 'x\r', 'a CRLF whose CR is rewritten stays one line break');
    assert.equal(keepBreaksApart('a\r\nb', edit(2, 3, '\ny')).newText, '\ny', 'a CRLF whose LF is rewritten stays one line break');
    assert.equal(keepBreaksApart('a\nb', edit(1, 1, 'x\n')).newText, 'x\n');
  });

  it('IMPACT.md: the prompt for an empty section with sub-sections goes before them, and a line of U+2028 is text (pair-gen-3656031614)', () => {
    // It went after the sub-section's heading, into the sub-section, and right above a setext heading
    // whose first line is a U+2028: JavaScript's trim() read that line as blank, Markdown as text.
    const impact = '# Impact assessment\n\n## Summary\n### Product Hazard\n\u2028\nthe\n---\n';
    const r = lintAndFix({ impact: { path: 'IMPACT.md', text: impact }, today: TODAY, rules: rules('missing-section') });
    assert.deepEqual(r.refused, []);
    const doc = parseImpact('IMPACT.md', r.impact!);
    assert.deepEqual(headingsOf(doc).slice(0, 4), ['# Impact assessment', '## Summary', '### Product Hazard', '## the'], r.impact);
    assert.match(doc.byId.get('summary')!.prose.map((p) => p.text).join('\n'), /In a few sentences/);
    assert.deepEqual(pendingFixes(r.impact, undefined, rules('missing-section')), []);
    // With no sub-section between, the prompt stays apart from the U+2028 line.
    const direct = lintAndFix({ impact: { path: 'IMPACT.md', text: '# T\n\n## Summary\n\u2028\nthe\n---\n' }, today: TODAY, rules: rules('missing-section') });
    assert.deepEqual(direct.refused, []);
    assert.match(direct.impact!, /## Summary\n\n_TODO: In a few sentences[^\n]*\n\n\u2028\nthe\n---\n/);
  });

  it('IMPACT.md: items added beside one written `-<tab>` use the same gap, so what follows keeps its place (fix-gen-1990214029)', () => {
    // `-\t` puts an item's text in column 4; the added `- ` items put theirs in column 2, and the
    // list line and the heading indented by 2-3 spaces after them fell inside the last one.
    const impact = '# T\n\n## Path to harm\n\n### Awareness\n-\t**Adversary attention:** high — they watch.\n   - a note\n  ## Benefits\n\nHelps.\n';
    const r = lintAndFix({ impact: { path: 'IMPACT.md', text: impact }, today: TODAY, rules: rules('factor-unrated') });
    assert.deepEqual(r.refused, []);
    assert.ok(headingsOf(parseImpact('IMPACT.md', r.impact!)).includes('## Benefits'), r.impact);
    assert.match(r.impact!, /\n-\t\*\*Convincibility:\*\* /);
    // One space, or a gap so wide the text is code, stays one space.
    for (const [item, added] of [['- **Adversary attention:** high — they watch.', '- **Convincibility:** '], ['-      **Adversary attention:** high', '- **Convincibility:** ']]) {
      const out = lintAndFix({ impact: { path: 'IMPACT.md', text: `# T\n\n## Path to harm\n\n### Awareness\n${item}\n` }, today: TODAY, rules: rules('factor-unrated') });
      assert.ok(out.impact!.includes(`\n${added}`), out.impact);
    }
  });

  it('an answer replaces the first paragraph of the item only: a heading indented into it after a blank line stays (answers-1868489750)', () => {
    // `  ### Data hazard` after a blank line is inside the Rationale item to Markdown, so it was part
    // of the value writeAnswer replaced, and the author's heading was gone.
    const text = '# T\n\n## Hazards\n\n### Product hazard\n- **Applies:** yes\n- **Rationale:** anyone can\n  use it as is.\n\n  ### Data hazard\n- **Applies:** no\n';
    const out = writeAnswer(text, 'hazard', 'product', { value: 'unsure', reasoning: 'we have not tried' });
    assert.match(out, /- \*\*Rationale:\*\* we have not tried\n\n {2}### Data hazard\n- \*\*Applies:\*\* no\n$/);
    assert.match(out, /- \*\*Applies:\*\* unsure\n/);
    // A comment that spans a blank line is not cut in two.
    const noted = writeAnswer('# T\n\n## Hazards\n\n### Product hazard\n- **Applies:** yes\n- **Rationale:** <!-- ask\n\n  Ana --> old\n', 'hazard', 'product', { value: 'no', reasoning: 'new' });
    assert.match(noted, /- \*\*Rationale:\*\* <!-- ask\n\n {2}Ana --> new\n$/);
  });

  describe('a fix that would turn a heading into text is neither offered nor applied', () => {
    const text = '# T\n\n## S\n\n\nTitle\n---\n';
    /** A fixable test rule: `where` returns the range to replace with `newText`, or nothing to report. */
    const testRule = (name: string, where: (text: string) => number | undefined, length: number, newText: string) =>
      defineImpactRule({
        meta: { name, description: 'A test rule.', defaultSeverity: 'warning', fixable: true },
        check(ctx) {
          const at = where(ctx.impact.source.text);
          if (at === undefined) return;
          const range = { start: at, end: at + length };
          ctx.report({ message: name, file: 'impact', range, fix: { title: name, edits: [{ file: 'impact', range, newText }] } });
        },
      });
    const found = (text: string, what: string, plus: number) => (text.includes(what) ? text.indexOf(what) + plus : undefined);

    it('alone: lintAndFix leaves it out, and the finding it leaves has no fix', () => {
      // `glued` written on the line right above `Title` / `---` makes it the heading's first line.
      const glue = testRule('glue', (t) => (t.includes('glued') ? undefined : t.indexOf('Title')), 0, 'glued\n');
      const before = lint({ impact: { path: 'IMPACT.md', text }, today: TODAY, rules: [glue] });
      assert.equal(fixKeepsHeadings(before.impact, before.findings[0].fix!), false);
      const r = lintAndFix({ impact: { path: 'IMPACT.md', text }, today: TODAY, rules: [glue] });
      assert.equal(r.impact, undefined, 'nothing changed');
      assert.deepEqual(r.result.findings.map((f) => [f.rule, !!f.fix]), [['glue', false]]);
    });

    it('findings that share the refused fix are named once', () => {
      const twice = defineImpactRule({
        meta: { name: 'twice', description: 'A test rule.', defaultSeverity: 'warning', fixable: true },
        check(ctx) {
          const at = ctx.impact.source.text.indexOf('Title');
          const fix = { title: 'glue', edits: [{ file: 'impact' as const, range: { start: at, end: at }, newText: 'glued\n' }] };
          for (const message of ['one', 'two']) ctx.report({ message, file: 'impact', range: { start: at, end: at + 5 }, fix });
        },
      });
      const r = lintAndFix({ impact: { path: 'IMPACT.md', text }, today: TODAY, rules: [twice] });
      assert.deepEqual(r.refused.map((f) => f.message), ['one']);
      assert.deepEqual(r.result.findings.map((f) => [f.message, !!f.fix]), [['one', false], ['two', false]]);
    });

    it('together with another fix: each alone is safe, so they are applied one at a time, and the one that then loses it is left out', () => {
      // `fills` writes `x` into the first of two blank lines, `joins` deletes the second: either alone
      // leaves a blank line above `Title`; both make `x` its first line.
      const fills = testRule('fills', (t) => found(t, '## S\n\n', 5), 0, 'x');
      const joins = testRule('joins', (t) => found(t, '\n\nTitle', 1), 1, '');
      const first = lint({ impact: { path: 'IMPACT.md', text }, today: TODAY, rules: [fills, joins] });
      assert.ok(first.findings.every((f) => fixKeepsHeadings(first.impact, f.fix!)));
      const r = lintAndFix({ impact: { path: 'IMPACT.md', text }, today: TODAY, rules: [fills, joins] });
      assert.equal(r.impact, '# T\n\n## S\nx\n\nTitle\n---\n');
      assert.deepEqual(headingsOf(parseImpact('IMPACT.md', r.impact!)), ['# T', '## S', '## Title']);
      assert.deepEqual(r.result.findings.map((f) => [f.rule, !!f.fix]), [['joins', false]]);
      assert.equal(r.passes, 1);
    });
  });

  it('release.yaml: an artifact written as a pair in a flow list (`[id: w]`) gets braces, not a second list item (fix-gen-1689365101)', () => {
    // `, distribution: { kind: TODO }` after `id: w` made a new list item, an artifact lacking both
    // keys in turn: the plan doubled on every pass and --fix took 47 s.
    const text = 'impact-release: 1\nartifacts: [id: w]\n';
    const started = Date.now();
    const r = lintAndFix({ release: { path: 'release.yaml', text }, today: TODAY, rules: rules('distribution-incomplete', 'timing-incomplete') });
    assert.ok(Date.now() - started < 5000);
    assert.equal(r.release, 'impact-release: 1\nartifacts: [{ id: w, distribution: { kind: TODO }, timing: { kind: TODO } }]\n');
    assert.equal(r.passes, 2);
    assert.deepEqual(pendingFixes(undefined, r.release, rules('distribution-incomplete', 'timing-incomplete')), []);
  });

  it('--fix stops when a fix feeds on its own output (a file past twice its size and 32 KB)', () => {
    const doubles = defineImpactRule({
      meta: { name: 'doubles', description: 'A test rule.', defaultSeverity: 'warning', fixable: true },
      check(ctx) {
        const end = ctx.impact.source.text.length;
        ctx.report({ message: 'more', file: 'impact', range: { start: end, end }, fix: { title: 'more', edits: [{ file: 'impact', range: { start: end, end }, newText: ctx.impact.source.text }] } });
      },
    });
    const text = '# T\n\nSome text.\n';
    const r = lintAndFix({ impact: { path: 'IMPACT.md', text }, today: TODAY, rules: [doubles] });
    assert.ok(r.impact!.length <= 2 * text.length + 32768, `${r.impact!.length} characters`);
    assert.ok(r.impact!.length > 16384, 'the passes before the limit were applied');
    assert.ok(r.passes < 30, `${r.passes} passes`);
  });
});
