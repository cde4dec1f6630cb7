/** Letter case for labels and messages, one implementation for the whole product. */

/** "Adversary Attention" → "Adversary attention"; "Actual ROI" keeps its acronym (as the scaffold writes labels). */
export function sentenceCase(label: string): string {
  return label
    .split(' ')
    .map((w, i) => (i === 0 || (w.length > 1 && w === w.toUpperCase()) ? w : w.toLowerCase()))
    .join(' ');
}

/** The text with its first letter in upper case: "model weights (…)" → "Model weights (…)". */
export function capitalize(s: string): string {
  return s ? s[0].toUpperCase() + s.slice(1) : s;
}
