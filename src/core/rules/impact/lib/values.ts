/**
 * Reading the value of a marker the way an author writes it: a leading word from a fixed
 * vocabulary (a rating, a yes/no answer, an access-ratchet position), then an optional separator
 * and free text. `readLead` returns the state of the value, the token as written (with its exact
 * range) and what follows it.
 */
import { APPLIES_ANSWERS, findTerm, RATCHET_POSITIONS, RATINGS, type GroupId } from '../../../taxonomy';
import type { SourceText, OffsetRange } from '../../../source-text';
import { didYouMean } from '../../../util/suggest';
import { isBlank, isPlaceholderOnly, maskComments } from './placeholders';

export interface Token {
  text: string;
  range: OffsetRange;
}

export type ValueState = 'empty' | 'placeholder' | 'filled';

export interface Vocabulary {
  /** What the values are, for messages: "a rating", "an answer". */
  noun: string;
  /** Canonical values, in order, for messages and suggestions. */
  values: readonly string[];
  /** The canonical value for a written form, or undefined. */
  resolve(text: string): string | undefined;
  /** The canonical value closest to a misspelling, or undefined. */
  suggest(text: string): string | undefined;
}

export interface Lead {
  state: ValueState;
  /** The leading token as written (only when state is 'filled'). */
  token?: Token;
  /** Canonical value of the token, when it is in the vocabulary. */
  value?: string;
  /**
   * Whether the token stands where a vocabulary value belongs: it is known, emphasised, followed
   * by a separator, the whole value, or a near miss of a known value. Otherwise the value is prose
   * that starts with something else.
   */
  attempted: boolean;
  /** A close known value when the token is not known. */
  suggestion?: string;
  /** What follows the token and its separator, trimmed (undefined if nothing). */
  rest?: Token;
}

/** No vocabulary value is longer; longer tokens are not looked up (which also keeps lookups linear). */
const MAX_VALUE_LENGTH = 40;

const clean = (s: string) =>
  s
    .trim()
    .replace(/^[*_`'"‘’“”]+|[*_`'"‘’“”]+$/g, '')
    .replace(/[?.!:;,]+$/, '')
    .trim();

function termVocabulary(group: GroupId, noun: string, values: readonly string[], terms: readonly { id: string; aliases?: readonly string[] }[]): Vocabulary {
  const spellings = new Map<string, string>();
  for (const t of terms) {
    spellings.set(t.id, t.id);
    for (const a of t.aliases ?? []) if (!a.includes(' ') && !spellings.has(a)) spellings.set(a, t.id);
  }
  const candidates = [...spellings.keys()];
  const resolved = new Map<string, string | null>();
  return {
    noun,
    values,
    // Memoised: the same few words come back on every lint.
    resolve: (text) => {
      if (text.length > MAX_VALUE_LENGTH) return undefined;
      let hit = resolved.get(text);
      if (hit === undefined) {
        hit = findTerm(group, clean(text))?.id ?? null;
        if (resolved.size > 1000) resolved.clear();
        resolved.set(text, hit);
      }
      return hit ?? undefined;
    },
    suggest: (text) => {
      if (text.length > MAX_VALUE_LENGTH) return undefined;
      const c = clean(text);
      if (c.length < 2) return undefined;
      const hit = didYouMean(c, candidates);
      return hit ? spellings.get(hit) : undefined;
    },
  };
}

export const RATING_VOCABULARY: Vocabulary = termVocabulary(
  'rating',
  'a rating',
  RATINGS.map((t) => t.id),
  RATINGS,
);

export const POSITION_VOCABULARY: Vocabulary = termVocabulary(
  'ratchet-position',
  'an access-ratchet position',
  RATCHET_POSITIONS.map((t) => t.id),
  RATCHET_POSITIONS,
);

/** Answers to `Applies:`, from the taxonomy's one vocabulary. */
export const APPLIES_WORDS: Readonly<Record<string, 'yes' | 'no' | 'unsure'>> = APPLIES_ANSWERS;

export const APPLIES_VOCABULARY: Vocabulary = {
  noun: 'an answer',
  values: ['yes', 'no', 'unsure'],
  resolve: (text) => (text.length > MAX_VALUE_LENGTH ? undefined : APPLIES_WORDS[clean(text).toLowerCase().replace(/’/g, "'").replace(/\s+/g, ' ')]),
  suggest: (text) => {
    if (text.length > MAX_VALUE_LENGTH) return undefined;
    const c = clean(text).toLowerCase();
    if (c.length < 2) return undefined;
    const hit = didYouMean(c, Object.keys(APPLIES_WORDS).filter((w) => w.length > 1 && !w.includes(' ')));
    return hit ? APPLIES_WORDS[hit] : undefined;
  },
};

/** Where the leading token ends: a spaced hyphen, an em/en dash, `--`, `:;,(`, a full stop, or "because". Linear: no leading `\s+`. */
const HEAD_END_RE = /\s(?:-{1,2}|—|–)(?=\s|$)|—|–|--|[:;,(]|\.(?=\s|$)|\s(?:because|since|as|given|but)\b/i;
const STRONG_END_RE = /^[ \t\r\n]*(?:—|–|--?|:|\()/;
const REST_SEP_RE = /^[ \t\r\n]*(?:—|–|--?|:|;|,|\.)?[ \t\r\n]*/;
const EMPHASIS_RE = /^(\*\*|__|\*|_|`)([^*_`\r\n]+?)\1/;
const WORDS_RE = /\S+/g;
const PREFIX_RES = [/^\S+/, /^\S+\s+\S+/, /^\S+\s+\S+\s+\S+/];

/**
 * Reads the value in `range` of `source`. HTML comments are ignored; a value that is only a
 * placeholder (`_TODO: …_`, TBD) has state 'placeholder' and no token.
 */
export function readLead(source: SourceText, range: OffsetRange, vocab: Vocabulary): Lead {
  const raw = maskComments(source.text.slice(range.start, range.end));
  if (isBlank(raw)) return { state: 'empty', attempted: false };
  if (isPlaceholderOnly(raw)) return { state: 'placeholder', attempted: false };
  const lead = /^\s*/.exec(raw)![0].length;
  const s = raw.slice(lead).trimEnd();
  const base = range.start + lead;

  let tokenStart = 0;
  let tokenText: string;
  let after: number;
  let attempted = false;
  const em = EMPHASIS_RE.exec(s);
  if (em) {
    tokenStart = em[1].length;
    tokenText = em[2].trim();
    after = em[0].length;
    attempted = true;
  } else {
    const cut = s.search(HEAD_END_RE);
    const head = (cut >= 0 ? s.slice(0, cut) : s).trimEnd();
    const words = head.match(WORDS_RE) ?? [];
    // A dash, colon or parenthesis after a short head marks it as the value; a comma or full
    // stop may just be prose ("paper, code and weights …"), unless the head is a known value.
    const strong = cut < 0 || STRONG_END_RE.test(s.slice(cut));
    if (words.length <= 3 && head && (strong || vocab.resolve(head))) {
      tokenText = head;
      after = head.length;
      attempted = true;
    } else {
      // Prose that may start with a known value: "high because the code is public".
      tokenText = words[0] ?? s;
      after = tokenText.length;
      for (let n = Math.min(3, words.length); n >= 1; n--) {
        const prefix = PREFIX_RES[n - 1].exec(s)![0];
        if (vocab.resolve(prefix)) {
          tokenText = prefix;
          after = prefix.length;
          break;
        }
      }
    }
  }
  const value = vocab.resolve(tokenText);
  // Did-you-mean for a misspelt word, not for a hedge such as "low to medium".
  const suggestion = value || /\s/.test(tokenText.trim()) ? undefined : vocab.suggest(tokenText);
  if (value || suggestion) attempted = true;

  const tail = s.slice(after);
  const sep = REST_SEP_RE.exec(tail)![0].length;
  const restText = tail.slice(sep);
  const restStart = base + after + sep;
  const restOut = restText.trim() && !isBlank(restText) ? { text: restText.trim(), range: { start: restStart, end: restStart + restText.length } } : undefined;

  if (!attempted) {
    // No value in front: the whole value is free text.
    return { state: 'filled', attempted: false, rest: { text: s, range: { start: base, end: base + s.length } } };
  }
  return {
    state: 'filled',
    token: { text: tokenText, range: { start: base + tokenStart, end: base + tokenStart + tokenText.length } },
    value,
    attempted,
    suggestion,
    rest: restOut,
  };
}

/** `low, medium, high, unknown or not-applicable`. */
export function listOr(values: readonly string[]): string {
  return values.length > 1 ? `${values.slice(0, -1).join(', ')} or ${values[values.length - 1]}` : values.join('');
}
