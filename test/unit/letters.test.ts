/**
 * core/util/letters.ts reads ASCII text with ASCII classes and other text with the Unicode ones; the
 * answers must be those of the Unicode expressions on any text. Checked against them on random texts
 * that mix ASCII with letters, digits and punctuation of other scripts.
 */
import assert from 'node:assert/strict';
import { countSlashWords, countWords, hasLetterOrDigit, isAscii, isSpaceChar, letterOrDigitAround, lettersAndDigits, lettersDigitsAndHyphens } from '../../src/core/util/letters';

const PIECES = ['word', 'Word', ' ', '  ', '\n', "don't", 'don’t', 'voice-cloning', 'and/or', 'n/a', '42', '3.5', '-', "'", '’', '/', ',', '.', 'é', 'ß', 'données', '日本語', '٣', '𝐀', '😀', '_', '\t', 'x', '--', '—'];

describe('core/util/letters', () => {
  it('answers as the Unicode expressions on 5,000 random texts', () => {
    let seed = 5;
    const rnd = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
    let ascii = 0;
    for (let i = 0; i < 5000; i++) {
      const parts: string[] = [];
      // Half of the texts stay ASCII, so both paths are taken.
      const pool = i % 2 ? PIECES : PIECES.filter((p) => isAscii(p));
      for (let k = Math.floor(rnd() * 12); k > 0; k--) parts.push(pool[Math.floor(rnd() * pool.length)]);
      const t = parts.join('');
      if (isAscii(t)) ascii++;
      const ctx = JSON.stringify(t);
      assert.equal(countWords(t), t.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu)?.length ?? 0, ctx);
      assert.equal(countWords(t, 2), Math.min(2, t.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu)?.length ?? 0), ctx);
      for (const limit of [0, 1, 3]) assert.equal(countSlashWords(t, limit), Math.min(limit, t.match(/[\p{L}\p{N}][\p{L}\p{N}'’/-]*/gu)?.length ?? 0), ctx);
      assert.equal(countSlashWords(t), t.match(/[\p{L}\p{N}][\p{L}\p{N}'’/-]*/gu)?.length ?? 0, ctx);
      assert.equal(lettersAndDigits(t), t.replace(/[^\p{L}\p{N}]+/gu, ''), ctx);
      assert.equal(lettersDigitsAndHyphens(t), t.replace(/[^\p{L}\p{N}-]/gu, ''), ctx);
      assert.equal(hasLetterOrDigit(t), /[\p{L}\p{N}]/u.test(t), ctx);
    }
    assert.ok(ascii > 2000 && ascii < 4500, `${ascii} ASCII texts`);
  });

  it('isSpaceChar answers as /\\s/ on every UTF-16 code unit', () => {
    const wrong: number[] = [];
    for (let i = 0; i < 0x10000; i++) if (isSpaceChar(String.fromCharCode(i)) !== /\s/.test(String.fromCharCode(i))) wrong.push(i);
    assert.deepEqual(wrong, []);
  });

  it('letterOrDigitAround answers as [\\p{L}\\p{N}] on every code unit, and reads a surrogate pair as one code point', () => {
    const wrong: number[] = [];
    for (let i = 0; i < 0x10000; i++) {
      const c = String.fromCharCode(i);
      const want = /[\p{L}\p{N}]/u.test(c);
      if (letterOrDigitAround(c, 0, false) !== want || letterOrDigitAround(c, 1, true) !== want) wrong.push(i);
    }
    assert.deepEqual(wrong, []);
    assert.equal(letterOrDigitAround('x𝐀', 3, true), true, 'the letter 𝐀 before the end');
    assert.equal(letterOrDigitAround('x😀', 3, true), false, 'an emoji before the end');
    assert.equal(letterOrDigitAround('𝐀x', 0, false), true, 'the letter 𝐀 at the start');
    assert.equal(letterOrDigitAround('ab', 0, true), false, 'nothing before the start');
    assert.equal(letterOrDigitAround('ab', 2, false), false, 'nothing after the end');
  });

  it('tells ASCII from other text', () => {
    assert.equal(isAscii('plain text, 42.'), true);
    assert.equal(isAscii('café'), false);
    assert.equal(isAscii(''), true);
  });
});
