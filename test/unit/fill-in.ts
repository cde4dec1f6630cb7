/**
 * What counts as a "fill this in" finding on a fresh scaffold: one from a rule whose only job is to
 * say "this still needs your words", or one from any rule that sits exactly on a TODO placeholder
 * the scaffold wrote (e.g. a timing `event: TODO …` reported as still a placeholder). Anything else
 * firing on a fresh scaffold means the scaffold (or the rule) is wrong. Extend FILL_IN_RULES only
 * with pure fill-in rules.
 */
export const FILL_IN_RULES: ReadonlySet<string> = new Set(['placeholder-text']);

export function isFillIn(rule: string, textAtRange: string): boolean {
  return FILL_IN_RULES.has(rule) || /\bTODO\b/.test(textAtRange);
}
