/**
 * The engine's input for one pair, built in one place for every surface: the CLI (`lint`, `--fix`,
 * `report`), the language server and the editor (linting, fix-all, fix-on-save, code actions) all
 * read a pair through `buildLintInput` over their own FileHost (file-host.ts), so they give the
 * rules the same texts, card, file list and configuration.
 */
import { CARD_FILE_NAME, cardRef, isRelativeCardPath } from './cards/locate';
import type { Config } from './config';
import type { IgnoreSet } from './config-chain';
import type { CardInput, FileInput, LintInput } from './engine';
import type { FileHost, FileRead } from './file-host';
import type { PairFiles } from './pairs';
import type { Rule } from './types';
import { posix } from './util/posix-path';

/** Most files listed around a pair for the path rules; above it the rules get no list. */
export const FILE_LIST_CAP = 10000;

/** The configuration a pair is linted with, and the ignore globs its file list honours. */
export interface PairConfig {
  config: Config;
  ignores: readonly IgnoreSet[];
}

export interface BuildLintInputOptions {
  today: Date;
  rules?: readonly Rule[];
  /** Most files listed for path rules; above it rules get no list (default FILE_LIST_CAP). */
  fileListCap?: number;
}

/** The input, with the reads behind it for callers that keep track of files (the editor). */
export interface PairLintInput {
  input: LintInput;
  impact?: FileRead;
  release?: FileRead;
  /** The host path of the model card in the input, when there is one. */
  cardPath?: string;
}

/**
 * Reads a pair through the host and builds the engine's input: both files (an open editor's text
 * when the host has one; a file above maxFileSize only as its size; a pipe or device never opened),
 * the model card (core/cards/locate.ts), the files around the pair for the path rules (ignore
 * globs honoured) and the configuration. Undefined when neither file of the pair exists.
 */
export async function buildLintInput(host: FileHost, pair: PairFiles, resolved: PairConfig, opts: BuildLintInputOptions): Promise<PairLintInput | undefined> {
  const { config } = resolved;
  const maxBytes = config.maxFileSize;
  const [impact, release] = await Promise.all([pair.impact ? host.read(pair.impact, maxBytes) : undefined, pair.release ? host.read(pair.release, maxBytes) : undefined]);
  if (!impact && !release) return undefined;
  const display = (p: string) => host.displayPath?.(p) ?? p;
  const files = await host.listFiles(pair.dir, resolved.ignores, opts.fileListCap ?? FILE_LIST_CAP);
  const card = await readCard(host, pair.dir, release?.text, maxBytes, display);
  const input: LintInput = {
    impact: pair.impact && impact ? fileInput(display(pair.impact), impact) : undefined,
    release: pair.release && release ? fileInput(display(pair.release), release) : undefined,
    card: card?.input,
    config,
    today: opts.today,
    files,
    exists: host.exists ? (rel) => host.exists!(pair.dir, rel) : existsFrom(files),
    rules: opts.rules,
  };
  return { input, impact, release, cardPath: card?.path };
}

/** For the engine: a read as a FileInput (text, plus size or unreadable when skipped; never the editor's version). */
export function fileInput(path: string, r: FileRead): FileInput {
  const input: FileInput = { path, text: r.text };
  if (r.size !== undefined) input.size = r.size;
  if (r.unreadable !== undefined) input.unreadable = r.unreadable;
  return input;
}

/**
 * Where the pair's model card is (cards/locate.ts): the file the plan's first `model-card:` names
 * (relative to the plan's folder), else README.md beside the pair. Undefined when the plan names a
 * path that is not relative (never read).
 */
export function cardLocation(host: Pick<FileHost, 'join' | 'resolve'>, dir: string, releaseText: string | undefined): { path: string; via: CardInput['via'] } | undefined {
  const ref = cardRef(releaseText);
  if (ref === undefined) return { path: host.join(dir, CARD_FILE_NAME), via: 'readme' };
  return isRelativeCardPath(ref) ? { path: host.resolve(dir, ref), via: 'model-card' } : undefined;
}

/**
 * The card's input: a named file that does not exist comes back as `missing` (the
 * model-card-mismatch rule reports it); a README.md that does not exist is no card.
 */
export function cardInput(loc: { path: string; via: CardInput['via'] }, read: FileRead | undefined, displayPath: string): CardInput | undefined {
  if (read) return { ...fileInput(displayPath, read), via: loc.via };
  return loc.via === 'model-card' ? { path: displayPath, text: '', via: 'model-card', missing: true } : undefined;
}

async function readCard(host: FileHost, dir: string, releaseText: string | undefined, maxBytes: number, display: (p: string) => string): Promise<{ path: string; input: CardInput } | undefined> {
  const loc = cardLocation(host, dir, releaseText);
  if (!loc) return undefined;
  const input = cardInput(loc, await host.read(loc.path, maxBytes), display(loc.path));
  return input && { path: loc.path, input };
}

/** `exists` for the rules, from the file list: a file, or a folder that holds listed files. */
export function existsFrom(files: readonly string[] | undefined): ((rel: string) => boolean | undefined) | undefined {
  if (!files) return undefined;
  const set = new Set(files);
  return (rel) => {
    const norm = posix.normalize(rel.replace(/\\/g, '/')).replace(/^\.\//, '').replace(/\/$/, '');
    if (norm.startsWith('..') || norm.startsWith('/')) return undefined;
    if (norm === '.' || norm === '') return true;
    if (set.has(norm)) return true;
    const prefix = `${norm}/`;
    return files.some((f) => f.startsWith(prefix));
  };
}
