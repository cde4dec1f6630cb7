/** IMPACT.md parser: regressions found while writing the IMPACT.md rules. */
import assert from 'node:assert/strict';
import { parseImpact } from '../../src/core/impact/parse';

describe('impact parser', () => {
  it('splits rating and reasoning the same way after the separator change', () => {
    const text = ['## Path to harm', '', '- **A:** foo — bar', '- **B:** foo - bar', '- **C:** foo: bar', '- **D:** high', '- **E:** foo   '].join('\n');
    const m = parseImpact('IMPACT.md', text).sections[0].markers;
    assert.deepEqual(
      m.map((x) => [x.rating?.text, x.reasoning?.text]),
      [
        ['foo', 'bar'],
        ['foo', 'bar'],
        ['foo', 'bar'],
        ['high', undefined],
        ['foo', undefined],
      ],
    );
    const e = m[4];
    assert.equal(text.slice(e.valueRange.start, e.valueRange.end), 'foo');
  });

  it('reads a marker with a long run of spaces in linear time', () => {
    // `/\s+$/` and an unanchored `[ \t]*…` separator made this quadratic (seconds for 20,000 spaces).
    const text = `## Path to harm\n\n- **Slottability:** foo${' '.repeat(200_000)}x\n- **Environment:** high${' '.repeat(200_000)}x\n`;
    const t0 = Date.now();
    const doc = parseImpact('IMPACT.md', text);
    assert.ok(Date.now() - t0 < 2000, `took ${Date.now() - t0} ms`);
    assert.equal(doc.sections[0].markers.length, 2);
    assert.equal(doc.sections[0].markers[0].rating?.text, 'foo');
  });
});
