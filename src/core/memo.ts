/**
 * Results the core keeps between lint runs of one process (the judged sentences of the dismissal
 * scan): each owner registers how to empty its own. The benchmarks
 * empty them all before each lint they time, so that a timed lint does all of its work; tests use
 * it to start from nothing.
 */
const clearers: (() => void)[] = [];

/** Registers how to empty one kept result (called once, at module load, by its owner). */
export function registerMemo(clear: () => void): void {
  clearers.push(clear);
}

/** Empties every kept result. */
export function clearMemos(): void {
  for (const clear of clearers) clear();
}
