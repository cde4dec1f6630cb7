/**
 * Lookups into the taxonomy (data.ts): a term by id, label or alias; a path-to-harm stage or an
 * IMPACT.md section by the heading an author wrote. Keys are normalised so case, spacing,
 * numbering and punctuation do not matter; the indexes are built on first use.
 */
import { GROUPS, PATH_STAGES, SECTIONS, type GroupId, type PathStage, type SectionDef, type Term } from './data';
import { isSpaceChar } from '../util/letters';

/**
 * Lookup key: lower case, surrounding quotes/backticks/emphasis and trailing punctuation removed,
 * "&" read as "and", and spaces, underscores and hyphens dropped, so "Ask for access",
 * "ask_for_access" and "ASK-FOR-ACCESS" are all the same key.
 */
const termKeyCache = new Map<string, string>();

export function normaliseTermKey(text: string): string {
  const cached = termKeyCache.get(text);
  if (cached !== undefined) return cached;
  const key = computeTermKey(text);
  // Bounded: rule checks look up the same few hundred strings again and again.
  if (termKeyCache.size > 5000) termKeyCache.clear();
  termKeyCache.set(text, key);
  return key;
}

const QUOTES_AND_EMPHASIS = new Set([...'*_`\'"‘’“”']);
const TRAILING_PUNCTUATION = new Set([...':;,.!']);
const SECTION_TRAILING_PUNCTUATION = new Set([...':;,.!?…—–-']);
const EMPHASIS = new Set([...'*_`']);

/**
 * `text` without the leading and/or trailing run of characters that `drop` accepts. A plain loop:
 * the regex form (`/[…]+$/`) is quadratic on a long run followed by another character (a heading of
 * 'a' + 20,000 dashes + 'b' took about 2 s).
 */
function trimWhere(text: string, drop: (c: string) => boolean, start: boolean, end: boolean): string {
  let from = 0;
  let to = text.length;
  if (start) while (from < to && drop(text[from])) from++;
  if (end) while (to > from && drop(text[to - 1])) to--;
  return from === 0 && to === text.length ? text : text.slice(from, to);
}

function computeTermKey(text: string): string {
  let t = trimWhere(text.toLowerCase(), (c) => isSpaceChar(c) || QUOTES_AND_EMPHASIS.has(c), true, true);
  t = trimWhere(t, (c) => isSpaceChar(c) || TRAILING_PUNCTUATION.has(c), false, true);
  return t.replace(/&/g, ' and ').replace(/[\s_\-‐‑–—]+/g, '');
}

/** Each group's terms by key, built when the group is first looked up. */
const termIndex = new Map<GroupId, Map<string, Term>>();

function groupIndex(group: GroupId): Map<string, Term> | undefined {
  let m = termIndex.get(group);
  if (m) return m;
  const g = Object.prototype.hasOwnProperty.call(GROUPS, group) ? GROUPS[group] : undefined;
  if (!g) return undefined;
  m = new Map<string, Term>();
  // ids first, then labels, then aliases: an id always wins over another term's alias.
  for (const t of g.terms) m.set(normaliseTermKey(t.id), t);
  for (const t of g.terms) if (!m.has(normaliseTermKey(t.label))) m.set(normaliseTermKey(t.label), t);
  for (const t of g.terms) for (const a of t.aliases ?? []) if (!m.has(normaliseTermKey(a))) m.set(normaliseTermKey(a), t);
  termIndex.set(group, m);
  return m;
}

/** Finds a term of `group` by id, label or alias, ignoring case, spaces, underscores and hyphens. */
export function findTerm(group: GroupId, idOrAlias: string): Term | undefined {
  const key = normaliseTermKey(idOrAlias);
  if (!key) return undefined;
  return groupIndex(group)?.get(key);
}

/** The ids of a group, in taxonomy order (a fresh array). */
export function ids(group: GroupId): string[] {
  return GROUPS[group].terms.map((t) => t.id);
}

/** Finds a path-to-harm stage by id or label ("Sustained use", "sustained-use", "2. Deployment"). */
export function findStage(heading: string): PathStage | undefined {
  const key = normaliseTermKey(stripNumbering(heading));
  if (!key) return undefined;
  return PATH_STAGES.find((s) => normaliseTermKey(s.id) === key || normaliseTermKey(s.label) === key);
}

/** Leading "#"s, emphasis, and numbering such as "3.", "3)", "3.1", "(3)", "III.", "a)" or "§3". */
function stripNumbering(heading: string): string {
  const unhashed = trimWhere(heading.trim(), (c) => c === '#', true, false);
  const bare = trimWhere(trimWhere(unhashed, isSpaceChar, true, false), (c) => EMPHASIS.has(c), true, true).trim();
  return trimWhere(bare.replace(/^(?:§\s*)?(?:\(?\d+(?:\.\d+)*[.):]?|\(?[ivxlc]+[.)]|\(?[a-z][.)])\s+/i, ''), (c) => EMPHASIS.has(c), true, false);
}

function sectionKey(heading: string): string {
  return normaliseTermKey(trimWhere(stripNumbering(heading), (c) => isSpaceChar(c) || SECTION_TRAILING_PUNCTUATION.has(c), false, true));
}

/** A trailing parenthetical ("Detection guidance (synthetic media)") removed, or the text unchanged. */
function withoutTrailingParenthetical(text: string): string {
  let end = trimWhere(text, isSpaceChar, false, true).length;
  if (end > 0 && (text[end - 1] === ':' || text[end - 1] === '.')) end--;
  end = trimWhere(text.slice(0, end), isSpaceChar, false, true).length;
  if (end === 0 || text[end - 1] !== ')') return text;
  const open = text.lastIndexOf('(', end - 1);
  if (open < 0 || text.slice(open + 1, end - 1).includes(')')) return text;
  return trimWhere(text.slice(0, open), isSpaceChar, false, true);
}

let sectionIndex: Map<string, SectionDef> | undefined;

function sectionsByKey(): Map<string, SectionDef> {
  if (sectionIndex) return sectionIndex;
  const m = new Map<string, SectionDef>();
  for (const s of SECTIONS) m.set(sectionKey(s.title), s);
  for (const s of SECTIONS) if (!m.has(sectionKey(s.id))) m.set(sectionKey(s.id), s);
  for (const s of SECTIONS) for (const a of s.aliases) if (!m.has(sectionKey(a))) m.set(sectionKey(a), s);
  sectionIndex = m;
  return m;
}

/**
 * Recognises an IMPACT.md level-2 heading: case-insensitive, ignoring leading numbering ("3.",
 * "3)", "III."), emphasis, trailing punctuation and, as a fallback, a trailing parenthetical
 * ("Detection guidance (synthetic media)").
 */
export function findSection(heading: string): SectionDef | undefined {
  const key = sectionKey(heading);
  if (!key) return undefined;
  const m = sectionsByKey();
  const hit = m.get(key);
  if (hit) return hit;
  const withoutParen = withoutTrailingParenthetical(stripNumbering(heading));
  if (withoutParen !== stripNumbering(heading)) return m.get(sectionKey(withoutParen));
  return undefined;
}

// ---------------------------------------------------------------------------------------------
