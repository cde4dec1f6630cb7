/**
 * How real model cards name the section on risks. Hugging Face's template says "Bias, Risks, and
 * Limitations" and "Out-of-Scope Use"; published cards also write "Limitations and Bias" and
 * "Misuse, Malicious Use, and Out-of-Scope Use" (Stable Diffusion v1-4), "Risks, Limitations and
 * Biases" and "Misuse and Out-of-scope Use" (GPT-2 XL), "Ethical Considerations and Limitations"
 * (Llama 2), "Broader Implications" and more (test/fixtures/cards/SOURCES.md lists the cards).
 * A heading counts when it names one of these ideas, whatever the order and punctuation.
 */
import type { CardDoc, CardHeading } from './card';
import { headingBody } from './card';

/** Word stems of a risk heading (matched against the heading's lower-cased words). */
const STEMS: readonly RegExp[] = [
  /\brisks?\b/,
  /\blimitations?\b/,
  /\bbias(?:es)?\b/,
  /\bout[\s-]*of[\s-]*scope\b/,
  /\bmisuse\b/,
  /\bmalicious\b/,
  /\bethic(?:s|al)\b/,
  /\bbroader[\s-]+(?:implications?|impacts?)\b/,
  /\bsocietal[\s-]+impacts?\b/,
  /\bharms?\b/,
  /\bsafety\b/,
];

export function isRiskHeading(text: string): boolean {
  const t = text.toLowerCase().replace(/[*_`]/g, '');
  return STEMS.some((re) => re.test(t));
}

/** What a template leaves in a section nobody wrote. */
function isEmptyBody(body: string): boolean {
  const t = body
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/\[more information needed\]/gi, '')
    .replace(/\{\{[^}]*\}\}/g, '')
    .trim();
  return t === '';
}

export interface RiskSection {
  heading: CardHeading;
  /** True when the section holds only a template placeholder or nothing. */
  empty: boolean;
}

/** The card's risk sections, in order. A section counts as written when it or a sub-section has text. */
export function riskSections(card: CardDoc): RiskSection[] {
  return card.headings.filter((h) => isRiskHeading(h.text)).map((heading) => ({ heading, empty: isEmptyBody(headingBody(card, heading).replace(/^#{1,6}[^\n]*$/gm, '')) }));
}
