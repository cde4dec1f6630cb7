import { cardIsGated, cardString, type CardDoc } from '../../cards/card';
import { cardLicense, licenseId, sameLicense } from '../../cards/licenses';
import { CARD_KEY } from '../../cards/locate';
import { riskSections } from '../../cards/risk-headings';
import type { ReleaseDoc } from '../../release/release-doc';
import type { OffsetRange } from '../../source-text';
import type { Fix, RuleContext, TextEdit } from '../../types';
import { definePairRule } from '../define';
import { planArtifacts, type PlanArtifact } from './read';

/**
 * The Hugging Face model card and the release plan must tell the same story about the artifact
 * the card describes: the same licence, gated when the plan asks for access (and open when the
 * plan is public), and a section on risks when weights go out.
 */
export const modelCardMismatch = definePairRule({
  meta: {
    name: 'model-card-mismatch',
    description: "The model card (README.md front matter and sections) disagrees with release.yaml about the model's licence or gating, or has no section on risks although weights are released.",
    defaultSeverity: 'warning',
    fixable: false,
    suggestions: true,
    source: 'Ovadya & Whittlestone 2019, §3.4 (release distribution: ask for access, safety levels)',
  },
  check(ctx) {
    const release = ctx.release;
    if (!release || release.value === undefined) return;
    const artifacts = planArtifacts(release);
    if (ctx.cardVia === 'model-card' && ctx.cardMissing) {
      const a = artifacts.find((x) => typeof x.raw[CARD_KEY] === 'string');
      if (a) {
        ctx.report({
          message: `'${CARD_KEY}: ${String(a.raw[CARD_KEY])}' names a file that does not exist, so the model card cannot be checked against this plan. Correct the path (it is relative to the plan).`,
          file: 'release',
          range: release.rangeOf(['artifacts', a.index, CARD_KEY], 'value'),
        });
      }
      return;
    }
    const card = ctx.card;
    if (!card) return;
    const described = describedArtifacts(ctx, artifacts);
    const cardName = baseName(card.source.path);
    const weightsOut = described.filter((a) => a.content === 'trained-model' && a.distribution && a.distribution !== 'private');

    for (const a of described) {
      checkLicense(ctx, release, card, a, cardName);
      checkGating(ctx, card, a, cardName);
    }

    if (weightsOut.length) {
      const sections = riskSections(card);
      const written = sections.filter((s) => !s.empty);
      if (!written.length) {
        const ids = weightsOut.map((a) => `'${a.id ?? `artifact ${a.index + 1}`}'`).join(', ');
        const empty = sections[0];
        ctx.report({
          message: empty
            ? `${cardName}'s section '${empty.heading.text}' is empty or still the template's placeholder, although the plan releases model weights (${ids}). Write the risks there, e.g. with 'impact-notes export model-card --into ${cardName}'.`
            : `${cardName} has no section on risks (such as "Bias, Risks, and Limitations" or "Out-of-Scope Use"), although the plan releases model weights (${ids}). Add one, e.g. with 'impact-notes export model-card --into ${cardName}'.`,
          file: 'card',
          range: empty ? empty.heading.range : firstLineRange(card),
          data: { kind: 'risks' },
        });
      }
    }
  },
});

/** The artifacts the card describes: those whose `model-card:` names it, or (a README found beside the pair) the trained models. */
function describedArtifacts(ctx: RuleContext, artifacts: PlanArtifact[]): PlanArtifact[] {
  if (ctx.cardVia === 'model-card') {
    const first = artifacts.find((a) => typeof a.raw[CARD_KEY] === 'string' && (a.raw[CARD_KEY] as string).trim());
    const ref = first ? norm(first.raw[CARD_KEY] as string) : undefined;
    return artifacts.filter((a) => typeof a.raw[CARD_KEY] === 'string' && norm(a.raw[CARD_KEY] as string) === ref);
  }
  return artifacts.filter((a) => a.content === 'trained-model');
}

function norm(p: string): string {
  return p.trim().replace(/\\/g, '/').replace(/^(\.\/)+/, '');
}

function baseName(p: string): string {
  const parts = p.split(/[\\/]/);
  return parts[parts.length - 1] || p;
}

function firstLineRange(card: CardDoc): OffsetRange {
  const h = card.headings[0];
  if (h) return h.range;
  return { start: 0, end: card.source.lineEnd(0) };
}

function distributionMap(a: PlanArtifact): Record<string, unknown> | undefined {
  const d = a.raw.distribution;
  return d && typeof d === 'object' && !Array.isArray(d) ? (d as Record<string, unknown>) : undefined;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() ? v.trim() : typeof v === 'number' ? String(v) : undefined;
}

/** A YAML scalar for a value we write: plain when safe, else double-quoted. */
export function yamlScalar(v: string): string {
  return /^[A-Za-z0-9][A-Za-z0-9 ._+/()-]*$/.test(v) && !/\s$/.test(v) && !/: |\s#/.test(v) ? v : JSON.stringify(v);
}

function checkLicense(ctx: RuleContext, release: ReleaseDoc, card: CardDoc, a: PlanArtifact, cardName: string): void {
  const planLicense = str(distributionMap(a)?.license);
  if (!planLicense) return;
  const rawLicense = cardString(card, 'license');
  const licenseName = cardString(card, 'license_name');
  const stated = cardLicense(rawLicense, licenseName);
  const id = a.id ?? `artifact ${a.index + 1}`;
  const planPath = ['artifacts', a.index, 'distribution', 'license'];
  const planRange = release.rangeOf(planPath, 'value');
  if (!stated) {
    const fix = setCardKey(card, 'license', licenseId(planLicense));
    ctx.report({
      message: `release.yaml gives '${id}' the licence '${planLicense}', but ${cardName} states no licence in its front matter, so the Hub shows none. Add 'license:' to the card.`,
      file: 'card',
      range: firstLineRange(card),
      suggestions: fix ? [{ title: `Set the card's licence to '${licenseId(planLicense)}'`, edits: [fix] }] : undefined,
      data: { kind: 'license' },
    });
    return;
  }
  if (sameLicense(planLicense, stated)) return;
  const usesName = !!rawLicense && rawLicense.toLowerCase() === 'other' && !!licenseName;
  const cardKey = usesName ? 'license_name' : 'license';
  const cardRange = card.valueRange(cardKey) ?? firstLineRange(card);
  const suggestions: Fix[] = [];
  const toCard = setCardKey(card, cardKey, usesName ? planLicense : licenseId(planLicense));
  if (toCard) suggestions.push({ title: `Change the card's licence to '${usesName ? planLicense : licenseId(planLicense)}' (as release.yaml says)`, edits: [toCard] });
  const planNode = release.rangeOf(planPath, 'value');
  if (planNode.end > planNode.start) suggestions.push({ title: `Change release.yaml's licence to '${stated}' (as ${cardName} says)`, edits: [{ file: 'release', range: planNode, newText: yamlScalar(stated) }] });
  ctx.report({
    message: `The licences disagree: release.yaml gives '${id}' the licence '${planLicense}', but ${cardName} says '${stated}'${usesName ? ' (license: other, license_name)' : ''}. Correct whichever is wrong.`,
    file: 'card',
    range: cardRange,
    suggestions,
    data: { kind: 'license', plan: planLicense, card: stated, planStart: planRange.start, planEnd: planRange.end },
  });
}

function checkGating(ctx: RuleContext, card: CardDoc, a: PlanArtifact, cardName: string): void {
  const kind = a.distribution;
  if (!kind) return;
  const gated = cardIsGated(card);
  const id = a.id ?? `artifact ${a.index + 1}`;
  if ((kind === 'ask-for-access' || kind === 'safety-levels') && !gated) {
    const edit = gatingEdit(card, a);
    ctx.report({
      message: `release.yaml releases '${id}' by ${kind === 'ask-for-access' ? 'ask-for-access' : 'safety levels'}, but ${cardName} is not gated (no extra_gated_prompt or extra_gated_fields), so anyone could download it once it is on the Hub. Gate the card, or change the plan.`,
      file: 'card',
      range: card.frontMatter ? card.keyRange('license') ?? { start: 0, end: card.source.lineEnd(0) } : firstLineRange(card),
      suggestions: edit ? [{ title: "Gate the card with the plan's access process and terms", edits: [edit] }] : undefined,
      data: { kind: 'gating' },
    });
  } else if (kind === 'public' && gated) {
    const key = card.keyRange('extra_gated_prompt') ? 'extra_gated_prompt' : 'extra_gated_fields';
    ctx.report({
      message: `release.yaml releases '${id}' publicly, but ${cardName} is gated (${key}), so people must ask for access. Remove the extra_gated_* keys, or record the gate in the plan (distribution kind ask-for-access).`,
      file: 'card',
      range: card.keyRange(key) ?? firstLineRange(card),
      data: { kind: 'gating' },
    });
  }
}

/** An edit that adds or replaces a top-level front-matter key's value (creating the front matter if there is none). */
function setCardKey(card: CardDoc, key: string, value: string): TextEdit | undefined {
  const r = card.valueRange(key);
  if (r) return { file: 'card', range: r, newText: yamlScalar(value) };
  return addFrontMatterLines(card, [`${key}: ${yamlScalar(value)}`]);
}

function addFrontMatterLines(card: CardDoc, lines: string[]): TextEdit | undefined {
  const eol = card.source.eol;
  const fm = card.frontMatter;
  if (fm) {
    if (!fm.data && fm.content.end > fm.content.start) return undefined; // front matter we could not read: leave it alone
    return { file: 'card', range: { start: fm.closeStart, end: fm.closeStart }, newText: lines.map((l) => l + eol).join('') };
  }
  return { file: 'card', range: { start: 0, end: 0 }, newText: ['---', ...lines, '---', ''].join(eol) };
}

/** extra_gated_prompt from the plan's terms and process, and one checkbox for accepting them. */
function gatingEdit(card: CardDoc, a: PlanArtifact): TextEdit | undefined {
  const d = distributionMap(a);
  const terms = str(d?.terms);
  const process = str(d?.process);
  const license = str(d?.license);
  const parts: string[] = [];
  if (terms) parts.push(`Terms of use: ${terms.replace(/\.?\s*$/, '.')}`);
  if (license && !terms) parts.push(`Licence: ${license}.`);
  if (process) parts.push(`How requests are handled: ${process.replace(/\.?\s*$/, '.')}`);
  if (!parts.length) parts.push('Access to this model is granted on request.');
  const lines = [`extra_gated_prompt: ${JSON.stringify(parts.join(' '))}`, 'extra_gated_fields:', `  ${yamlKey(terms ? 'I accept the terms of use above' : 'I have read the conditions above')}: checkbox`];
  if (card.keyRange('extra_gated_prompt') || card.keyRange('extra_gated_fields')) return undefined;
  return addFrontMatterLines(card, lines);
}

function yamlKey(k: string): string {
  return /^[A-Za-z][A-Za-z0-9 ]*$/.test(k) ? k : JSON.stringify(k);
}
