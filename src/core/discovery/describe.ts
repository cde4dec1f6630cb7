/**
 * How discovery's findings and the tree name research artifacts and folders: "model weights
 * ('checkpoints/a.pt') and training code ('train.py')", "'models/'", "the top folder".
 */
import type { MarkerKind } from './markers';
import type { Marker } from './roots';
import { parentDir } from './roots';

const KIND_WORDS: Record<MarkerKind, [string, string]> = {
  weights: ['model weights', 'model weights'],
  datasets: ['a dataset file', 'dataset files'],
  training: ['training code', 'training code'],
};

/** `path` relative to the folder `dir` that holds it ('' is the top folder). */
export function relTo(path: string, dir: string): string {
  return dir === '' ? path : path.slice(dir.length + 1);
}

/** "'a', 'b', 'c' and 2 more". */
export function quoteList(items: string[], max = 3): string {
  const shown = items.slice(0, max).map((s) => `'${s}'`);
  const more = items.length - shown.length;
  return more > 0 ? `${shown.join(', ')} and ${more} more` : shown.join(', ');
}

function andList(parts: string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/** "model weights ('checkpoints/a.pt'), dataset files ('data/x.parquet' and 2 more) and training code ('train.py')". */
export function describeMarkers(markers: readonly Marker[], base: string): string {
  const parts: string[] = [];
  for (const kind of ['weights', 'datasets', 'training'] as const) {
    const mine = markers.filter((m) => m.kind === kind).map((m) => relTo(m.path, base));
    if (!mine.length) continue;
    const [one, many] = KIND_WORDS[kind];
    parts.push(`${mine.length === 1 ? one : many} (${quoteList(mine, 2)})`);
  }
  return andList(parts);
}

/** A short summary for the tree: "2 weights · 1 dataset · training code". */
export function summarizeCounts(counts: Record<MarkerKind, number>): string {
  const parts: string[] = [];
  if (counts.weights) parts.push(`${counts.weights} weights file${counts.weights === 1 ? '' : 's'}`);
  if (counts.datasets) parts.push(`${counts.datasets} dataset file${counts.datasets === 1 ? '' : 's'}`);
  if (counts.training) parts.push(`${counts.training} training file${counts.training === 1 ? '' : 's'}`);
  return parts.join(' · ');
}

/** How a folder is named in messages. */
export function folderLabel(dir: string): string {
  return dir === '' ? 'the top folder' : `'${dir}/'`;
}

/** The plan file as seen from a folder below it ("release.yaml", "../release.yaml"). */
export function planPathFrom(planFile: string, dir: string): string {
  const planDir = parentDir(planFile);
  const rest = relTo(dir, planDir);
  const ups = rest ? rest.split('/').length : 0;
  return `${'../'.repeat(ups)}${relTo(planFile, planDir)}`;
}

/** The start of a file: where a finding about a whole folder sits. */
export const FILE_START = { range: { start: 0, end: 0 }, start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
