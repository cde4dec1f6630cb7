/**
 * The release vocabulary of issue 11 in the report and the exports: withheld timing, hosted
 * distribution, per-stage access details, where a safeguard is enforced, and defence artifacts.
 */
import * as assert from 'node:assert/strict';
import { lint } from '../../src/core/engine';
import { buildReport, renderExport, renderReportHtml, renderReportMarkdown } from '../../src/core/report';

const RELEASE = `impact-release: 1
modality: [audio]
artifacts:
  - id: weights
    content: trained-model
    timing: { kind: withheld, reason: cloning risk too high for now }
    distribution: { kind: private, reason: kept by the authors }
  - id: api
    content: runnable-system
    timing: { kind: immediate }
    distribution: { kind: hosted, url: https://example.org/api }
  - id: model-stages
    content: trained-model
    timing:
      kind: staged
      stages:
        - { date: 2027-01-15, release: small model, distribution: ask-for-access, process: reviewed form, license: custom-licence }
        - { after: detector published, release: full model, distribution: public, url: https://example.org/full }
    distribution: { kind: ask-for-access, process: reviewed form }
  - id: detector
    content: trained-model
    purpose: defense
    timing: { kind: immediate }
    distribution: { kind: public }
safeguards:
  watermarking: { status: implemented, enforced: released-code, detail: added by the inference script }
  consent: { status: not-implemented, reason: no consent check was built }
`;

function model() {
  const result = lint({ release: { path: 'release.yaml', text: RELEASE }, today: new Date(Date.UTC(2026, 11, 4)) });
  return buildReport({ result, today: new Date(Date.UTC(2026, 11, 4)) });
}

describe('report: release vocabulary of real decisions', () => {
  it('puts withheld timing, hosted distribution and per-stage access details on the timeline', () => {
    const m = model();
    const byId = new Map(m.timeline.map((a) => [a.id, a]));
    const weights = byId.get('weights')!;
    assert.equal(weights.timing, 'withheld');
    assert.equal(weights.events[0].note, 'withheld: cloning risk too high for now');
    assert.equal(byId.get('api')!.distribution, 'hosted');
    const stages = byId.get('model-stages')!.events;
    assert.equal(stages[0].detail, 'reviewed form; licence custom-licence');
    assert.equal(stages[1].detail, 'https://example.org/full');
    assert.equal(byId.get('detector')!.purpose, 'defense');
  });

  it('shows where safeguards are enforced and not-implemented statuses in Markdown and HTML', () => {
    const m = model();
    const md = renderReportMarkdown(m);
    assert.match(md, /implemented \(enforced: released code\)/);
    assert.match(md, /not-implemented/);
    assert.match(md, /small model \(reviewed form; licence custom-licence\)/);
    const html = renderReportHtml(m, { nonce: 'n' } as never);
    assert.match(html, /enforced: released code/);
    assert.match(html, /status-missing">not-implemented/);
  });

  it('phrases hosted and withheld artifacts in the broader-impact export', () => {
    const m = model();
    const text = renderExport('broader-impact', m, 'md').text;
    assert.match(text, /only through the authors' own hosted service or API/);
    assert.match(text, /withheld, with no release planned/);
  });

  it('lists not-implemented safeguards and safeguards in released code among the model card limitations', () => {
    const card = renderExport('model-card', model(), 'md').text;
    assert.match(card, /Consent would apply but is not implemented: no consent check was built\./);
    assert.match(card, /Watermarking is enforced by the released code, so whoever modifies the code can remove it\./);
    // A consent check that was never built is no safeguard whose breach could be ruled out.
    assert.doesNotMatch(card, /breaks the consent safeguard/);
  });
});
