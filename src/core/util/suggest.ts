/** Edit distance (Damerau–Levenshtein, optimal string alignment) for did-you-mean hints. */
export function editDistance(a: string, b: string): number {
  const al = a.length;
  const bl = b.length;
  if (!al) return bl;
  if (!bl) return al;
  const d: number[][] = Array.from({ length: al + 1 }, (_, i) => [i, ...new Array<number>(bl).fill(0)]);
  for (let j = 1; j <= bl; j++) d[0][j] = j;
  for (let i = 1; i <= al; i++) {
    for (let j = 1; j <= bl; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[al][bl];
}

/** The closest candidate within a distance that grows with the word's length, or undefined. */
export function didYouMean(input: string, candidates: readonly string[]): string | undefined {
  const needle = input.toLowerCase().replace(/[\s_]+/g, '-');
  if (needle.length > 64) return undefined;
  let best: string | undefined;
  let bestScore = Infinity;
  for (const c of candidates) {
    const cl = c.toLowerCase();
    if (cl === needle) return c;
    const dist = editDistance(needle, cl);
    const limit = Math.max(1, Math.floor(Math.max(needle.length, cl.length) / 3));
    const prefix = cl.startsWith(needle) || needle.startsWith(cl) ? 0.5 : 0;
    const score = dist - prefix;
    if (dist <= limit && score < bestScore) {
      best = c;
      bestScore = score;
    }
  }
  return best;
}
