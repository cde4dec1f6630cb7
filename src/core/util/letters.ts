/**
 * Letters and digits in any script, read cheaply. The Unicode property classes (`\p{L}`, `\p{N}`)
 * are costly for V8 to compile, and a short CLI run compiles each expression once: text that is all
 * ASCII (most of it) is read with the ASCII classes instead, which match exactly the same characters
 * there ([A-Za-z] are the ASCII letters, [0-9] the ASCII digits). Other text gets the Unicode ones.
 */

const NON_ASCII_RE = /[^\x00-\x7f]/;

/** Whether every character of `s` is ASCII. */
export function isAscii(s: string): boolean {
  return !NON_ASCII_RE.test(s);
}

const WORD_U = /[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu;
const SLASH_WORD_U = /[\p{L}\p{N}][\p{L}\p{N}'’/-]*/gu;
/** An ASCII word, or a character outside ASCII (then the Unicode expression counts instead). */
const WORD_OR_OTHER_A = /[A-Za-z0-9][A-Za-z0-9'-]*|[^\x00-\x7f]/g;
const SLASH_WORD_OR_OTHER_A = /[A-Za-z0-9][A-Za-z0-9'/-]*|[^\x00-\x7f]/g;

/**
 * Counts words up to `limit`, with the ASCII expression as long as the text read so far is ASCII
 * (so a count that stops early reads only the start of a long text), else with the Unicode one.
 */
function count(ascii: RegExp, unicode: RegExp, text: string, limit: number): number {
  let n = 0;
  ascii.lastIndex = 0;
  for (let m = ascii.exec(text); m && n < limit; m = ascii.exec(text)) {
    if (m[0].charCodeAt(0) > 0x7f) {
      n = 0;
      unicode.lastIndex = 0;
      while (n < limit && unicode.exec(text)) n++;
      return n;
    }
    n++;
  }
  return n;
}

/**
 * Words the way a reader counts them: runs of letters or digits, in any script, with apostrophes
 * and hyphens inside ("don't", "voice-cloning"). Stops counting at `limit`.
 */
export function countWords(text: string, limit = Infinity): number {
  return count(WORD_OR_OTHER_A, WORD_U, text, limit);
}

/** As countWords, with "/" inside a word too ("and/or", "n/a"). */
export function countSlashWords(text: string, limit = Infinity): number {
  return count(SLASH_WORD_OR_OTHER_A, SLASH_WORD_U, text, limit);
}

const NOT_LETTER_OR_DIGIT_U = /[^\p{L}\p{N}]+/gu;
const NOT_LETTER_OR_DIGIT_A = /[^A-Za-z0-9]+/g;

/** `s` with everything but letters and digits removed. */
export function lettersAndDigits(s: string): string {
  return s.replace(isAscii(s) ? NOT_LETTER_OR_DIGIT_A : NOT_LETTER_OR_DIGIT_U, '');
}

const NOT_KEY_CHAR_U = /[^\p{L}\p{N}-]/gu;
const NOT_KEY_CHAR_A = /[^A-Za-z0-9-]/g;

/** `s` with everything but letters, digits and hyphens removed. */
export function lettersDigitsAndHyphens(s: string): string {
  return s.replace(isAscii(s) ? NOT_KEY_CHAR_A : NOT_KEY_CHAR_U, '');
}

const SPACE_RE = /\s/;

/** Whether the one character `c` is white space, as `/\s/` tests it; ASCII without the expression. */
export function isSpaceChar(c: string): boolean {
  return c === ' ' || (c >= '\t' && c <= '\r') || (c > '\x7f' && SPACE_RE.test(c));
}

const LETTER_OR_DIGIT_U = /[\p{L}\p{N}]/u;
const LETTER_OR_DIGIT_A = /[A-Za-z0-9]/;

/** Whether a text has a letter or digit in any script (the ASCII test first). */
export function hasLetterOrDigit(text: string): boolean {
  return LETTER_OR_DIGIT_A.test(text) || LETTER_OR_DIGIT_U.test(text);
}

/**
 * Whether the code point that ends at offset `i` (`before`) or starts at it is a letter or digit, in
 * any script; surrogate pairs read as one code point. False at the ends of the text.
 */
export function letterOrDigitAround(text: string, i: number, before: boolean): boolean {
  if (before ? i <= 0 : i >= text.length) return false;
  let start = before ? i - 1 : i;
  if (before && start > 0) {
    const c = text.charCodeAt(start);
    const h = text.charCodeAt(start - 1);
    if (c >= 0xdc00 && c <= 0xdfff && h >= 0xd800 && h <= 0xdbff) start--;
  }
  const cp = text.codePointAt(start)!;
  if (cp < 0x80) return (cp >= 0x30 && cp <= 0x39) || ((cp | 0x20) >= 0x61 && (cp | 0x20) <= 0x7a);
  return LETTER_OR_DIGIT_U.test(String.fromCodePoint(cp));
}
