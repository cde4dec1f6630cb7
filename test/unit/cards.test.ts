/** Model cards: reading the front matter, licences and risk headings, and the model-card-mismatch rule's quick fixes. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cardIsGated, parseCard } from '../../src/core/cards/card';
import { cardLicense, licenseId, sameLicense } from '../../src/core/cards/licenses';
import { cardRef, isRelativeCardPath } from '../../src/core/cards/locate';
import { isRiskHeading, riskSections } from '../../src/core/cards/risk-headings';
import { lint, type LintInput } from '../../src/core/engine';
import { applyEdits } from '../../src/core/fix';
import { FIXTURES } from './fixtures';

const CARDS = path.join(FIXTURES, 'cards');
const read = (n: string) => fs.readFileSync(path.join(CARDS, n), 'utf8');

describe('model cards: licences', () => {
  it('treats a common name and its Hub id as the same licence', () => {
    assert.ok(sameLicense('Llama 2 Community License Agreement', 'llama2'));
    assert.ok(sameLicense('CreativeML OpenRAIL-M', 'creativeml-openrail-m'));
    assert.ok(sameLicense('MIT License', 'MIT'));
    assert.ok(sameLicense('Apache License 2.0', 'apache-2.0'));
    assert.ok(sameLicense('Apache 2.0', 'Apache-2.0'));
    assert.ok(sameLicense('CC BY-NC 4.0', 'cc-by-nc-4.0'));
    assert.ok(sameLicense('Tongyi Qianwen License Agreement', 'tongyi-qianwen'));
    assert.ok(sameLicense('Llama 3.1 Community License Agreement', 'llama3.1'));
  });
  it('keeps different licences apart', () => {
    assert.ok(!sameLicense('llama2', 'llama3'));
    assert.ok(!sameLicense('apache-2.0', 'mit'));
    assert.ok(!sameLicense('cc-by-4.0', 'cc-by-nc-4.0'));
    assert.ok(!sameLicense('creativeml-openrail-m', 'openrail++'));
  });
  it('reads license: other with license_name as that name', () => {
    assert.equal(cardLicense('other', 'tongyi-qianwen'), 'tongyi-qianwen');
    assert.equal(cardLicense('mit', 'ignored'), 'mit');
    assert.equal(cardLicense(undefined, 'x'), 'x');
    assert.equal(licenseId('  LLAMA2 '), 'llama2');
  });
});

describe('model cards: reading real cards', () => {
  it('reads the front matter, gating and risk sections of the fixtures', () => {
    const sd = parseCard('sd.md', read('sd-v1-4-gated.md'));
    assert.ok(sd.isCard);
    assert.ok(cardIsGated(sd));
    assert.deepEqual(
      riskSections(sd).map((s) => s.heading.text),
      ['Misuse, Malicious Use, and Out-of-Scope Use', 'Out-of-Scope Use', 'Limitations and Bias', 'Limitations', 'Bias'],
    );
    const ll = parseCard('ll.md', read('llama2-70b-chat-h2ogpt-reupload.md'));
    assert.ok(ll.isCard && !cardIsGated(ll));
    assert.equal(riskSections(ll).length, 0, 'a heading inside a code fence is no heading');
    const g2 = parseCard('g2.md', read('gpt2-xl-mit.md'));
    assert.ok(riskSections(g2).some((s) => s.heading.text === 'Risks, Limitations and Biases' && !s.empty));
  });
  it('accepts the risk headings real cards use, and not others', () => {
    for (const h of ['Bias, Risks, and Limitations', 'Out-of-Scope Use', 'Ethical Considerations and Limitations', 'Limitations and Bias', 'Broader Implications', 'Misuse and Out-of-scope Use', 'Out-of-scope Uses', 'Risks, Limitations and Biases'])
      assert.ok(isRiskHeading(h), h);
    for (const h of ['Model Details', 'Training Data', 'Citation', 'Uses', 'Model Architecture', 'Environmental Impact']) assert.ok(!isRiskHeading(h), h);
  });
  it("counts a template's [More Information Needed] as an empty section", () => {
    const c = parseCard('c.md', '---\nlicense: mit\n---\n\n## Bias, Risks, and Limitations\n\n<!-- What are the known risks? -->\n\n[More Information Needed]\n\n## Training\n\ntext\n');
    assert.deepEqual(riskSections(c).map((s) => s.empty), [true]);
  });
  it('an ordinary README is not a card; a front matter without card keys neither', () => {
    assert.ok(!parseCard('r.md', '# Project\n\nCode.\n').isCard);
    assert.ok(!parseCard('r.md', '---\ntitle: Project\nlayout: page\n---\n# Project\n').isCard);
    assert.ok(parseCard('r.md', '\ufeff---\r\nlicense: mit\r\n---\r\n# Model\r\n').isCard, 'BOM and CRLF');
  });
  it('finds the card path from the plan, and refuses absolute paths and URLs', () => {
    assert.equal(cardRef('impact-release: 1\nartifacts:\n  - id: w\n    model-card: hub/README.md\n'), 'hub/README.md');
    assert.equal(cardRef('artifacts: [ {id: a}, {id: b, model-card: x.md} ]'), 'x.md');
    assert.equal(cardRef('artifacts: [ {id: a} ]'), undefined);
    assert.equal(cardRef('model-card: [unclosed'), undefined);
    assert.ok(isRelativeCardPath('../README.md'));
    for (const bad of ['/etc/passwd', 'C:\\x.md', 'https://huggingface.co/x', '\\\\server\\x']) assert.ok(!isRelativeCardPath(bad), bad);
  });
});

// ---------------------------------------------------------------------------------------------
// Quick fixes: every byte outside the edit stays, whatever the line breaks, BOM and comments
// ---------------------------------------------------------------------------------------------

const PLAN = (dist: string) => `impact-release: 1\nartifacts:\n  - id: weights\n    content: trained-model\n    timing: { kind: immediate }\n    distribution: ${dist}\n`;

function run(card: string, plan: string): ReturnType<typeof lint> {
  const input: LintInput = { release: { path: 'release.yaml', text: plan }, card: { path: 'README.md', text: card, via: 'readme' }, rules: undefined };
  return lint(input);
}

function variants(lf: string): [string, string][] {
  return [
    ['LF', lf],
    ['CRLF', lf.replace(/\n/g, '\r\n')],
    ['BOM', '\ufeff' + lf],
    ['BOM+CRLF', '\ufeff' + lf.replace(/\n/g, '\r\n')],
  ];
}

const CARD_WITH_COMMENTS = `---
# Card metadata, kept by hand
license: llama2   # the Hub id
tags:
  - llama-2 # family
pipeline_tag: text-generation
---

# My model

## Bias, Risks, and Limitations

It may produce false text.
`;

describe('model-card-mismatch quick fixes', () => {
  for (const [name, card] of variants(CARD_WITH_COMMENTS)) {
    it(`gating: adds the plan's terms inside the front matter only (${name})`, () => {
      const plan = PLAN('{ kind: ask-for-access, process: "reviewed by the authors, 10 days", terms: research use only, license: llama2 }');
      const r = run(card, plan);
      const f = r.findings.filter((x) => x.rule === 'model-card-mismatch');
      assert.equal(f.length, 1, f.map((x) => x.message).join('\n'));
      const s = f[0].suggestions![0];
      assert.match(s.title, /Gate the card/);
      const src = r.card!.source;
      const out = applyEdits(src.text, s.edits.filter((e) => e.file === 'card')).text;
      const e = s.edits[0];
      assert.equal(out.slice(0, e.range.start), src.text.slice(0, e.range.start));
      assert.equal(out.slice(e.range.start + e.newText.length), src.text.slice(e.range.end));
      if (name.includes('CRLF')) assert.ok(!/(?<!\r)\n/.test(e.newText), "new lines use the file's CRLF");
      assert.match(out, /extra_gated_prompt: "Terms of use: research use only\. How requests are handled: reviewed by the authors, 10 days\."/);
      const withBom = (src.hadBom ? '\ufeff' : '') + out;
      assert.equal(run(withBom, plan).findings.filter((x) => x.rule === 'model-card-mismatch').length, 0, 'the gated card agrees with the plan');
    });

    it(`licence: two suggestions, one per file, each fixes the mismatch (${name})`, () => {
      const plan = PLAN('{ kind: public, license: Apache License 2.0 }  # chosen in review');
      const r = run(card, plan);
      const f = r.findings.filter((x) => x.rule === 'model-card-mismatch');
      assert.equal(f.length, 1);
      const [toCard, toPlan] = f[0].suggestions!;
      assert.match(toCard.title, /card's licence to 'apache-2.0'/);
      assert.match(toPlan.title, /release.yaml's licence to 'llama2'/);
      const cardOut = (r.card!.source.hadBom ? '\ufeff' : '') + applyEdits(r.card!.source.text, toCard.edits).text;
      assert.equal(cardOut, card.replace('license: llama2   #', 'license: apache-2.0   #'));
      assert.equal(run(cardOut, plan).findings.filter((x) => x.rule === 'model-card-mismatch').length, 0);
      const planOut = applyEdits(r.release!.source.text, toPlan.edits).text;
      assert.equal(planOut, plan.replace('Apache License 2.0', 'llama2'));
      assert.equal(run(card, planOut).findings.filter((x) => x.rule === 'model-card-mismatch').length, 0);
    });
  }

  it('a card without front matter gets one, before its first line', () => {
    const r = lint({ release: { path: 'release.yaml', text: PLAN('{ kind: ask-for-access, process: form, license: mit }') + '    model-card: README.md\n' }, card: { path: 'README.md', text: '# Model\n\n## Limitations\n\nSome.\n', via: 'model-card' } });
    const f = r.findings.filter((x) => x.rule === 'model-card-mismatch');
    assert.equal(f.length, 2, f.map((x) => x.message).join('\n'));
    const gate = f.find((x) => /not gated/.test(x.message))!;
    const out = applyEdits(r.card!.source.text, gate.suggestions![0].edits).text;
    assert.ok(out.startsWith('---\nextra_gated_prompt: '));
    assert.ok(out.endsWith('---\n# Model\n\n## Limitations\n\nSome.\n'));
  });

  it('hostile plan text stays a YAML string (no new keys, no HTML)', () => {
    const plan = PLAN('{ kind: ask-for-access, process: "x\\"\\nlicense: evil # <script>alert(1)</script>", license: mit }');
    const card = '---\nlicense: mit\n---\n\n## Limitations\n\nSome.\n';
    const r = run(card, plan);
    const gate = r.findings.find((x) => x.rule === 'model-card-mismatch')!;
    const out = applyEdits(r.card!.source.text, gate.suggestions![0].edits).text;
    const c = parseCard('c.md', out);
    assert.equal(c.frontMatter!.data!.license, 'mit');
    assert.match(String(c.frontMatter!.data!.extra_gated_prompt), /license: evil # <script>/);
  });
});
