import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  assessCompleteness,
  completenessLabel,
  factorAnswer,
  hazardAnswer,
  isPlaceholder,
  parseApplies,
  ratchetAnswer,
} from '../../src/core/completeness';
import { parseImpact } from '../../src/core/impact/parse';
import { parseRelease } from '../../src/core/release/parse';
import { scaffold } from '../../src/core/scaffold';
import { findTerm, HAZARD_TYPES, PATH_TO_HARM } from '../../src/core/taxonomy';

const CLEAN = join(__dirname, '..', 'fixtures', 'pairs', 'clean');
const cleanImpact = () => parseImpact('IMPACT.md', readFileSync(join(CLEAN, 'IMPACT.md'), 'utf8'));
const cleanRelease = () => parseRelease('release.yaml', readFileSync(join(CLEAN, 'release.yaml'), 'utf8'));

describe('completeness', () => {
  it('counts every required item of the clean pair as done', () => {
    const c = assessCompleteness(cleanImpact(), cleanRelease());
    // 9 plain sections (detection guidance included: audio is synthetic media) + 3 hazards + 9 factors + ratchet
    assert.equal(c.total, 22);
    assert.deepEqual(
      c.items.filter((i) => !i.done).map((i) => `${i.id}: ${i.missing}`),
      [],
    );
    assert.equal(completenessLabel(c), '22/22');
  });

  it('lists items in document order with ranges', () => {
    const impact = cleanImpact();
    const c = assessCompleteness(impact, cleanRelease());
    assert.deepEqual(c.items.slice(0, 7).map((i) => i.id), [
      'section:summary',
      'section:capability',
      'section:benefits',
      'hazard:product',
      'hazard:data',
      'hazard:attention',
      'factor:adversary-attention',
    ]);
    const slot = c.items.find((i) => i.id === 'factor:slottability')!;
    assert.equal(impact.source.text.slice(slot.range!.start, slot.range!.end), 'Slottability');
    const ratchet = c.items.find((i) => i.id === 'ratchet')!;
    assert.equal(impact.source.text.slice(ratchet.range!.start, ratchet.range!.end), 'Position');
  });

  it('with no IMPACT.md nothing is done and detection guidance is not required', () => {
    const c = assessCompleteness(undefined);
    assert.equal(c.done, 0);
    assert.equal(c.total, 21);
    assert.ok(c.items.every((i) => !i.done && i.missing));
  });

  it('requires detection guidance when the release plan declares a synthetic-media modality', () => {
    const release = parseRelease('release.yaml', 'impact-release: 1\nmodality: [video]\nartifacts: []\n');
    const c = assessCompleteness(parseImpact('IMPACT.md', '# X\n'), release);
    assert.equal(c.total, 22);
    assert.ok(c.items.some((i) => i.id === 'section:detection-guidance' && i.missing === 'section missing'));
  });

  it('treats placeholders, empty sections and off-scale ratings as missing', () => {
    const text = [
      '# T',
      '## Summary',
      '_TODO: In a few sentences: what does this work do, what will you release, and what is the main risk you see?_',
      '## Benefits',
      'Real benefits for people who lost their voice.',
      '## Hazards',
      '### Product hazard',
      '- **Applies:** yes',
      '- **Rationale:** TBD',
      '### Data hazard',
      '- **Applies:** maybe — the data is public already.',
      '### Attention hazard',
      '- **Applies:** perhaps',
      '- **Rationale:** the results are flashy.',
      '## Path to harm',
      '- **Slottability:** high — drops into scam call centres as is.',
      '- **Reproducibility:** huge — everything is public.',
      '- **Modifiability:** low',
      '- **Environment:** TODO',
      '## Access ratchet',
      '- **Position:** weaponised — tools exist.',
      '## Capability and modality',
      '',
    ].join('\n');
    const c = assessCompleteness(parseImpact('IMPACT.md', text));
    const by = Object.fromEntries(c.items.map((i) => [i.id, i.missing ?? 'done']));
    assert.equal(by['section:summary'], "the template's prompt is still here");
    assert.equal(by['section:benefits'], 'done');
    assert.equal(by['section:capability'], 'section empty');
    assert.equal(by['section:mitigations'], 'section missing');
    assert.equal(by['hazard:product'], "the template's prompt is still here");
    assert.equal(by['hazard:data'], 'done');
    assert.equal(by['hazard:attention'], "'perhaps' is not yes, no or unsure");
    assert.equal(by['factor:slottability'], 'done');
    assert.equal(by['factor:reproducibility'], "'huge' is not on the rating scale");
    assert.equal(by['factor:modifiability'], 'no reasoning');
    assert.equal(by['factor:environment'], "the template's prompt is still here");
    assert.equal(by['factor:convincibility'], 'not rated');
    assert.equal(by.ratchet, 'done');
    assert.equal(c.done, 4);
  });

  it('reads hazards written as markers and factors written as sub-sections', () => {
    const text = [
      '# T',
      '## Hazards',
      '- **Product hazard:** no — nothing runnable is released.',
      '- **Data hazards:** unsure',
      '## Path to harm',
      '### Slottability',
      '- **Rating:** medium',
      'Fits some existing operations after adaptation.',
      '',
    ].join('\n');
    const impact = parseImpact('IMPACT.md', text);
    const product = hazardAnswer(impact, HAZARD_TYPES[0]);
    assert.equal(product.applies, 'no');
    assert.equal(product.rationale, 'nothing runnable is released.');
    const data = hazardAnswer(impact, HAZARD_TYPES[1]);
    assert.equal(data.applies, 'unsure');
    assert.equal(data.rationale, undefined);
    assert.equal(hazardAnswer(impact, HAZARD_TYPES[2]).found, false);
    const slot = factorAnswer(impact, findTerm('path-to-harm', 'slottability')!);
    assert.equal(slot.rating?.id, 'medium');
    assert.equal(slot.reasoning, 'Fits some existing operations after adaptation.');
    // A factor that is missing points at the section heading.
    const env = factorAnswer(impact, PATH_TO_HARM.find((t) => t.id === 'environment')!);
    assert.equal(env.found, false);
    assert.equal(text.slice(env.range!.start, env.range!.end), 'Path to harm');
  });

  it('reads ratchet positions by id, label or alias', () => {
    for (const [value, id] of [
      ['no known interest — nothing seen', 'no-known-interest'],
      ['**Sustained use**', 'sustained-use'],
      ['weaponised, a tool is sold online', 'weaponized'],
      ['somewhere', undefined],
    ] as const) {
      const a = ratchetAnswer(parseImpact('IMPACT.md', `# T\n## Access ratchet\n- **Position:** ${value}\n`));
      assert.equal(a.found, true);
      assert.equal(a.position?.id, id, value);
    }
    assert.equal(ratchetAnswer(parseImpact('IMPACT.md', '# T\n## Access ratchet\nSome prose.\n')).found, false);
    const todo = ratchetAnswer(parseImpact('IMPACT.md', '# T\n## Access ratchet\n- **Position:** _TODO: choose one_\n'));
    assert.equal(todo.found, true);
    assert.equal(todo.positionText, undefined);
  });

  it('counts nothing as done in a fresh scaffold', () => {
    const out = scaffold({
      title: 'X',
      modality: ['audio'],
      artifacts: [{ id: 'weights', content: 'trained-model', paths: ['checkpoints/**'] }],
      reviewLevel: 'expedited',
      today: new Date(Date.UTC(2026, 5, 1)),
    });
    const c = assessCompleteness(parseImpact('IMPACT.md', out.impact), parseRelease('release.yaml', out.release));
    assert.equal(c.total, 22);
    assert.deepEqual(c.items.filter((i) => i.done).map((i) => i.id), []);
  });

  it('recognises placeholders and Applies values', () => {
    for (const p of ['', '  ', 'TODO', 'tbd: later', '[More Information Needed]', '\\answerTODO{}', '_..._', 'Who gains from this work and how: which uses, users or lines of research does it help, and how confident are you of that?'])
      assert.equal(isPlaceholder(p), true, p);
    for (const p of ['Todos los datos', 'A real answer.']) assert.equal(isPlaceholder(p), false, p);
    assert.equal(parseApplies('**Yes** — because'), 'yes');
    assert.equal(parseApplies('No.'), 'no');
    assert.equal(parseApplies('unsure'), 'unsure');
    assert.equal(parseApplies('perhaps'), undefined);
  });
});
