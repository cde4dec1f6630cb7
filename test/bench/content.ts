/**
 * Deterministic, realistic benchmark texts: a ~20 KB IMPACT.md with every section (prose wrapped as
 * authors write it, every hazard and factor rated with reasoning) and a ~3 KB release.yaml using
 * every timing and distribution kind. Written in our own words; seeded, so every run is identical.
 */
import { HARMED_PARTIES, HAZARD_TYPES, PATH_STAGES } from '../../src/core/taxonomy';

// ---------------------------------------------------------------------------------------------

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SENTENCES = [
  'The converter maps a short reference recording onto a learned speaker space and renders new speech in that voice.',
  'Compared with the strongest open baseline, listeners in our study preferred our output in about two thirds of paired trials.',
  'Training used four public corpora of read speech, all released under licences that allow research use.',
  'The model runs faster than real time on a single consumer GPU, which makes live use on a phone call plausible.',
  'We measured speaker similarity with an external verification model and with a panel of forty listeners.',
  'Quality drops sharply when the reference clip is shorter than ten seconds or recorded in a reverberant room.',
  'Speech-impaired users in our pilot found the voices built from their old recordings more acceptable than generic ones.',
  'Dubbing and localisation studios already ask for tools that keep an actor recognisable across languages.',
  'Spoofing-detection researchers need strong, documented attacks to train and test their countermeasures against.',
  'We have not evaluated the method on children\'s voices and exclude them from every released sample.',
  'Our listening tests were run over a telephone-band channel as well as at full bandwidth.',
  'The watermark survives resampling, MP3 compression at 64 kbit/s and the telephone band in our tests.',
  'An attacker who retrains the decoder from scratch would remove the watermark, but that needs data and compute we do not release.',
  'Call-back verification by banks blunts much of the financial fraud that a cloned voice would otherwise enable.',
  'Press coverage of voice cloning has been steady for two years, so the general idea is not new to fraud groups.',
  'What is new is the short reference clip and the tolerance for background noise, which widen the pool of possible targets.',
  'We reviewed public reports of voice-cloning scams and found none that used an open research model rather than a commercial service.',
  'Access to the full model goes through an application form that asks for the intended use and an institutional contact.',
  'Requests are reviewed by two members of the release committee and answered within ten working days.',
  'The licence forbids cloning a voice without the written consent of the person it belongs to.',
  'A detector trained on our own output will be published before the full model, together with its evaluation data.',
  'We will revisit the plan if a comparable model appears elsewhere or if we learn of misuse of this one.',
  'Members of the committee disagreed on whether the small model should be released without an access form.',
  'The majority view was that the small model adds little to what commercial services already offer.',
  'Public speakers, podcast hosts and streamers have hours of clean audio online and are the easiest voices to copy.',
  'Elderly relatives who receive urgent calls in a familiar voice are the group most often targeted in reported scams.',
  'Cheap, convincing voice clones make genuine recordings easier to dismiss as fake, which weakens audio as evidence.',
  'Spectrogram-based detectors pick up a smoothing of high-frequency energy that our decoder leaves behind.',
  'We document the failure cases that help a careful listener notice converted speech, such as flattened breaths.',
  'The evaluation scripts, prompts and listener instructions are included with the code so that others can repeat the study.',
];

function paragraph(rand: () => number, n: number): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(SENTENCES[Math.floor(rand() * SENTENCES.length)]);
  // Wrap at about 100 columns, as authors do.
  const words = out.join(' ').split(' ');
  const lines: string[] = [];
  let cur = '';
  for (const w of words) {
    if (cur && cur.length + w.length + 1 > 100) {
      lines.push(cur);
      cur = w;
    } else cur = cur ? `${cur} ${w}` : w;
  }
  if (cur) lines.push(cur);
  return lines.join('\n');
}

const RATINGS = ['low', 'medium', 'high'];

function sentenceCase(label: string): string {
  return label
    .split(' ')
    .map((w, i) => (i === 0 || (w.length > 1 && w === w.toUpperCase()) ? w : w.toLowerCase()))
    .join(' ');
}

export function benchImpact(targetBytes = 20_000): string {
  const rand = mulberry32(20260601);
  const s: string[] = ['# Impact assessment: few-shot voice conversion (VoxShift)', ''];
  const prose = (n: number, sentences: number) => {
    for (let i = 0; i < n; i++) s.push(paragraph(rand, sentences), '');
  };
  s.push('## Summary', '');
  prose(2, 4);
  s.push('## Capability and modality', '', '- **Modality:** audio', '- **Capability:** speaker conversion from a short reference clip, in real time on a laptop GPU.', '');
  prose(3, 4);
  s.push('## Benefits', '');
  prose(3, 4);
  s.push('## Hazards', '');
  for (const h of HAZARD_TYPES) {
    s.push(`### ${sentenceCase(h.label)}`, `- **Applies:** ${['yes', 'no', 'unsure'][Math.floor(rand() * 3)]}`, `- **Rationale:** ${paragraph(rand, 2).replace(/\n/g, '\n  ')}`, '');
  }
  s.push('## Path to harm', '');
  for (const stage of PATH_STAGES) {
    s.push(`### ${sentenceCase(stage.label)}`);
    for (const f of stage.factors) {
      s.push(`- **${sentenceCase(f.label)}:** ${RATINGS[Math.floor(rand() * 3)]} — ${paragraph(rand, 2).replace(/\n/g, '\n  ')}`);
    }
    s.push('');
  }
  s.push('## Access ratchet', '', '- **Position:** attention', `- **Rationale:** ${paragraph(rand, 2).replace(/\n/g, '\n  ')}`, '');
  s.push('## Indirect harms', '');
  s.push(`- **Disinformation ratchet:** medium — ${paragraph(rand, 1)}`, `- **Path dependency:** low — ${paragraph(rand, 1)}`, '');
  s.push('## Who could be harmed', '');
  for (const p of HARMED_PARTIES) s.push(`- **${p.label}:** ${paragraph(rand, 2).replace(/\n/g, '\n  ')}`);
  s.push('');
  s.push('## Mitigations', '');
  prose(3, 4);
  s.push('## Detection guidance', '');
  prose(2, 4);
  s.push('## Release plan', '', 'The release plan is in [release.yaml](release.yaml) beside this file.', '');
  s.push('- `paper` and `code` go out on publication, to everyone.', '- `weights` follow in stages behind an access form.', '- `detector` ships before the full model.', '- `data` stays private; `demo` goes to the challenge community.', '');
  prose(1, 3);
  s.push('## Review log', '');
  for (let i = 0; i < 4; i++) s.push(`- **2026-0${i + 1}-1${i}:** ${paragraph(rand, 2).replace(/\n/g, '\n  ')}`);
  s.push('');
  s.push('## Disagreements and trade-offs', '');
  prose(2, 3);
  s.push('## Conference checklist mapping', '');
  s.push('| Checklist item | Where answered |', '|---|---|', '| Broader impacts | Benefits; Hazards; Who could be harmed |', '| Safeguards | Mitigations; Release plan |', '| Risks (ACL/ARR) | Path to harm |', '');
  // Pad with further prose in Disagreements until the target size is reached.
  let text = s.join('\n');
  const extra: string[] = [];
  while (text.length + extra.join('\n\n').length < targetBytes) extra.push(paragraph(rand, 4));
  if (extra.length) text = text.replace('## Conference checklist mapping', `${extra.join('\n\n')}\n\n## Conference checklist mapping`);
  return text;
}

export function benchRelease(): string {
  const lines = [
    '# yaml-language-server: $schema=https://unpkg.com/impact-notes/schemas/release.schema.json',
    'impact-release: 1',
    'title: VoxShift few-shot voice conversion',
    'assessment: IMPACT.md',
    'modality: [audio]',
    'review:',
    '  level: full',
    '  reviewers: [release committee, external ethics advisor]',
    '  date: 2026-05-10',
    '  next: 2026-11-10',
    '  notes: second review after the detector is published',
    'contact: mailto:misuse-reports@example.org',
    'artifacts:',
    '  - id: paper',
    '    content: paper',
    '    paths: [paper/**]',
    '    timing: { kind: immediate }',
    '    distribution: { kind: public }',
    '  - id: code',
    '    content: source-code',
    '    description: training and inference code, without the pretrained decoder',
    '    paths: [train.py, src/**]',
    '    timing: { kind: immediate }',
    '    distribution: { kind: public, license: Apache-2.0 }',
    '  - id: detector',
    '    content: trained-model',
    '    paths: [detector/**]',
    '    timing: { kind: timed, date: 2026-08-01 }',
    '    distribution: { kind: public, license: CC-BY-4.0 }',
    '  - id: weights',
    '    content: trained-model',
    '    paths: [checkpoints/**]',
    '    timing:',
    '      kind: staged',
    '      stages:',
    '        - { date: 2026-09-01, release: small model, distribution: ask-for-access }',
    '        - { after: detector published, release: full model, distribution: ask-for-access }',
    '    distribution:',
    '      kind: ask-for-access',
    '      process: reviewed application form, answered within 10 days',
    '      terms: no cloning of a voice without the written consent of its owner',
    '      url: https://example.org/voxshift/access',
    '    safeguards: [consent, watermarking]',
    '  - id: data',
    '    content: training-data',
    '    paths: [data/**]',
    '    timing: { kind: periodic, every: 6 months, next: 2026-12-01 }',
    '    distribution:',
    '      kind: private',
    '      reason: recordings of volunteers whose consent covers research use only',
    '  - id: demo',
    '    content: runnable-system',
    '    timing: { kind: evented, event: detector accuracy above 95% on our test set }',
    '    distribution: { kind: access-community, community: members of the spoofing-detection challenge }',
    'safeguards:',
    "  consent: { status: implemented, detail: the licence forbids cloning a voice without its owner's consent }",
    '  watermarking: { status: implemented, detail: spread-spectrum watermark in all generated audio }',
    '  detectability: { status: planned, detail: a detector trained on our output ships before the full model, due: 2026-08-01 }',
    '  referenceability: { status: not-applicable, reason: audio is not published alongside a registry }',
    '  synthesis-constraints: { status: planned, detail: the demo refuses reference clips of public figures }',
    'withdrawal:',
    '  plan: revoke access tokens, remove the download links and announce the withdrawal on the project page',
    '  triggers: [credible report of misuse, a court order, the detector failing on a new variant]',
    '  contact: release committee',
    'decisions:',
    '  - { date: 2026-05-10, decision: staged release of the weights approved, reason: detector first }',
    '  - { date: 2026-05-20, decision: demo limited to the challenge community, artifact: demo }',
    'notes: see IMPACT.md for the reasoning behind each choice',
  ];
  return lines.join('\n') + '\n';
}

export function benchFiles(): string[] {
  const files = ['IMPACT.md', 'release.yaml', 'train.py', 'README.md', 'paper/main.tex', 'paper/figures/arch.pdf'];
  for (let i = 0; i < 60; i++) files.push(`src/module_${i}.py`);
  for (let i = 0; i < 8; i++) files.push(`checkpoints/step_${i * 1000}.pt`);
  for (let i = 0; i < 100; i++) files.push(`data/clips/${String(i).padStart(4, '0')}.wav`);
  files.push('detector/model.onnx');
  return files.sort();
}
