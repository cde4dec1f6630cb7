/** Configuration discovery and pair detection, with an in-memory host (no file system). */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { ConfigResolver, loadConfigFile, type ConfigHost } from '../../src/core/config-chain';
import { declaresReleasePlan, pairInFolder } from '../../src/core/pairs';
import { allRules } from '../../src/core/rules';

function memoryHost(files: Record<string, string>): ConfigHost & { reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    read: async (p) => {
      reads.push(p);
      return files[p];
    },
    dirname: (p) => path.posix.dirname(p),
    join: (d, n) => path.posix.join(d, n),
  };
}

describe('config chain', () => {
  it('merges from the farthest file to the nearest, rule by rule', async () => {
    const host = memoryHost({
      '/repo/.impact-notes.yaml': 'rules:\n  missing-section: warning\nignore: ["vendor/**"]\nmaxFileSize: 1000\n',
      '/repo/a/b/.impact-notes.yml': 'rules:\n  missing-section: info\nignore: ["tmp/**"]\n',
    });
    const r = await new ConfigResolver(host, allRules).resolve('/repo/a/b/c');
    assert.equal(r.config.rules['missing-section'].severity, 'info');
    assert.equal(r.config.maxFileSize, 1000);
    assert.deepEqual(r.files, ['/repo/a/b/.impact-notes.yml', '/repo/.impact-notes.yaml']);
    assert.deepEqual(r.ignores, [
      { base: '/repo', patterns: ['vendor/**'] },
      { base: '/repo/a/b', patterns: ['tmp/**'] },
    ]);
    assert.deepEqual(r.problems, []);
  });

  it('stops at a file with root: true', async () => {
    const host = memoryHost({
      '/.impact-notes.yaml': 'rules:\n  missing-section: off\n',
      '/repo/.impact-notes.yaml': 'root: true\n',
    });
    const r = await new ConfigResolver(host, allRules).resolve('/repo/x');
    assert.equal(r.config.rules['missing-section'], undefined);
    assert.deepEqual(r.files, ['/repo/.impact-notes.yaml']);
  });

  it('prefers .impact-notes.yaml over .yml in one folder and reads each folder once', async () => {
    const host = memoryHost({
      '/r/.impact-notes.yaml': 'rules:\n  missing-section: warning\n',
      '/r/.impact-notes.yml': 'rules:\n  missing-section: info\n',
    });
    const resolver = new ConfigResolver(host, allRules);
    const a = await resolver.resolve('/r/one');
    await resolver.resolve('/r/two');
    await resolver.resolve('/r/one');
    assert.equal(a.config.rules['missing-section'].severity, 'warning');
    assert.equal(host.reads.filter((p) => p === '/r/.impact-notes.yaml').length, 1);
    assert.ok(!host.reads.includes('/r/.impact-notes.yml'));
  });

  it('reports problems with the file, line and column', async () => {
    const host = memoryHost({ '/r/.impact-notes.yaml': 'root: true\nrulez: {}\n' });
    const r = await new ConfigResolver(host, allRules).resolve('/r');
    assert.deepEqual(r.problems, [{ file: '/r/.impact-notes.yaml', line: 2, column: 1, message: "Unknown configuration key 'rulez'. Did you mean 'rules'?" }]);
  });

  it('loads one explicit file without walking', async () => {
    const host = memoryHost({ '/cfg.yaml': 'rules:\n  missing-section: warning\n' });
    const r = await loadConfigFile(host, '/cfg.yaml', allRules);
    assert.equal(r?.config.rules['missing-section'].severity, 'warning');
    assert.equal(await loadConfigFile(host, '/none.yaml', allRules), undefined);
  });
});

describe('pairs', () => {
  const join = (d: string, n: string) => `${d}/${n}`;
  it('recognises a declared plan by its top-level impact-release key only', () => {
    assert.ok(declaresReleasePlan('impact-release: 1\n'));
    assert.ok(declaresReleasePlan('# comment\ntitle: x\nimpact-release : 1\n'));
    assert.ok(declaresReleasePlan('\ufeffimpact-release: 1\n'));
    assert.ok(!declaresReleasePlan('apiVersion: v2\nname: chart\n'));
    assert.ok(!declaresReleasePlan('spec:\n  impact-release: 1\n'));
  });

  it('pairs IMPACT.md with release.yaml, and takes a lone release.yaml only when it declares itself', async () => {
    const texts: Record<string, string> = { '/a/release.yaml': 'impact-release: 1\n', '/b/release.yaml': 'name: chart\n' };
    const read = async (p: string) => texts[p];
    assert.deepEqual(await pairInFolder('/p', ['IMPACT.md', 'release.yaml', 'x.py'], join, read), { dir: '/p', impact: '/p/IMPACT.md', release: '/p/release.yaml' });
    assert.deepEqual(await pairInFolder('/a', ['release.yaml'], join, read), { dir: '/a', release: '/a/release.yaml' });
    assert.equal(await pairInFolder('/b', ['release.yaml'], join, read), undefined);
    assert.deepEqual(await pairInFolder('/c', ['impact.md', 'release.yml'], join, read), { dir: '/c', impact: '/c/impact.md', release: '/c/release.yml' });
    assert.equal(await pairInFolder('/d', ['README.md'], join, read), undefined);
  });
});
