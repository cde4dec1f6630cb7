/**
 * The POSIX path helper used by the extension (so its web worker bundle needs no Node `path`) gives
 * Node's `path.posix` results, on hand-picked and on random paths.
 */
import * as assert from 'node:assert/strict';
import * as nodePath from 'node:path';
import fc from 'fast-check';
import { posix } from '../../src/core/util/posix-path';

const segment = fc.constantFrom('a', 'bb', '.', '..', '', 'IMPACT.md', 'release.yaml', 'x y', '.git', 'é');
const relPath = fc.array(segment, { maxLength: 6 }).map((s) => s.join('/'));
const absPath = relPath.map((p) => `/${p}`);
const anyPath = fc.oneof(relPath, absPath);
const noDotDot = fc.array(fc.constantFrom('a', 'bb', 'c.md', '.', ''), { maxLength: 5 }).map((s) => ['a', ...s].join('/'));

const fixed = ['', '/', '//', '.', '..', 'a', '/a', 'a/', '/a/', '/a/b', 'a/b/', '/a//b//', '../a', 'a/../..', '/a/../..', './a/./b', '/a/b/c.md', 'a//b'];

describe('posix path helper', () => {
  for (const fn of ['normalize', 'dirname', 'basename'] as const) {
    it(`${fn} matches path.posix.${fn}`, () => {
      for (const p of fixed) assert.equal(posix[fn](p), nodePath.posix[fn](p), `${fn}(${JSON.stringify(p)})`);
      fc.assert(fc.property(anyPath, (p) => posix[fn](p) === nodePath.posix[fn](p)), { numRuns: 2000 });
    });
  }

  it('join matches path.posix.join', () => {
    assert.equal(posix.join(), nodePath.posix.join());
    assert.equal(posix.join('', ''), nodePath.posix.join('', ''));
    fc.assert(fc.property(fc.array(anyPath, { maxLength: 4 }), (ps) => posix.join(...ps) === nodePath.posix.join(...ps)), { numRuns: 2000 });
  });

  it('relative matches path.posix.relative for absolute paths, and relative ones without ..', () => {
    for (const [a, b] of [['/a/b', '/a/b/c'], ['/a/b/c', '/a'], ['/a/x', '/a/y/z'], ['/', '/a'], ['/a', '/'], ['/a', '/a'], ['.', 'a/b'], ['a', 'a/b']]) {
      assert.equal(posix.relative(a, b), nodePath.posix.relative(a, b), `relative(${a}, ${b})`);
    }
    fc.assert(fc.property(absPath, absPath, (a, b) => posix.relative(a, b) === nodePath.posix.relative(a, b)), { numRuns: 2000 });
    fc.assert(fc.property(noDotDot, noDotDot, (a, b) => posix.relative(a, b) === nodePath.posix.relative(a, b)), { numRuns: 2000 });
  });
});
