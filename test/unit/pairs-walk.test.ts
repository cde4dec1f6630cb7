/**
 * One walk serves the CLI's pairs and discovery: `impact-notes lint` finds the IMPACT.md /
 * release.yaml pairs with the same walk that looks for research artifacts (walkForDiscovery with
 * `pairs`). On a generated monorepo-like tree with pairs planted everywhere a pair can hide, the
 * pairs must be the same whichever way they are found: the lint's one walk, the pairs-only walk
 * (`--no-discovery`, report), and a plain recursive reference search; and in every folder discovery
 * looks at, discovery's plans and the CLI's pairs name the same folders.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ConfigResolver, type ResolvedConfig } from '../../src/core/config-chain';
import { isSkippedDirName } from '../../src/core/discovery/markers';
import { pairInFolder, type PairFiles } from '../../src/core/pairs';
import { allRules } from '../../src/core/rules';
import { isToolFolder } from '../../src/core/tool-folders';
import { findPairs, findPairsAndWalk, isIgnored } from '../../src/cli/find-pairs';
import { nodeConfigHost, readTextHead } from '../../src/cli/fs-host';
import { generateTree } from '../bench/discovery-tree';

const PLAN = 'impact-release: 1\nartifacts: []\n';

/** Pairs without keys set to undefined (the CLI merges a folder's pair from several finds). */
const plain = (pairs: readonly PairFiles[]) => JSON.parse(JSON.stringify(pairs)) as PairFiles[];

/** Pairs planted beside the generated tree's own: [relative file, text]. */
const PLANTED: [string, string][] = [
  ['org/team-a/study/IMPACT.md', '# Impact\n'],
  ['org/team-a/study/release.yaml', PLAN],
  ['org/team-b/plan-only/release.yml', PLAN], // a lone plan that declares itself
  ['org/team-b/helm/release.yaml', 'replicaCount: 2\n'], // not a plan: neither declared nor beside IMPACT.md
  ['org/team-c/both/IMPACT.md', '# Impact\n'],
  ['org/team-c/both/release.yaml', PLAN],
  ['org/team-c/both/release.yml', PLAN], // release.yaml wins
  ['org/team-c/lower/impact.md', '# Impact\n'],
  ['build/copy/IMPACT.md', '# Impact\n'], // build output: pairs only, not discovery
  ['vendor/lib/IMPACT.md', '# Impact\n'], // vendored code: pairs only
  ['scratch/draft/IMPACT.md', '# Impact\n'], // gitignored (scratch/): pairs only
  ['envs/py311/notes/IMPACT.md', '# Impact\n'], // inside a virtual environment: pairs only
  ['web/node_modules/pkg/IMPACT.md', '# Impact\n'], // a tool folder: never
  ['skipme/a/IMPACT.md', '# Impact\n'], // an ignore glob: never
  ['.impact-notes.yaml', 'ignore:\n  - "skipme/**"\n'],
];

/** A plain recursive search with the pair rules (SPEC §3): the reference the walks must agree with. */
async function referencePairs(root: string, config: ResolvedConfig): Promise<PairFiles[]> {
  const out: PairFiles[] = [];
  const read = async (p: string) => readTextHead(p, 8 * 1024 * 1024);
  const visit = async (dir: string) => {
    const entries = fs.readdirSync(dir, { withFileTypes: true });
    const names = entries.filter((e) => (e.isFile() || e.isSymbolicLink()) && !isIgnored(path.join(dir, e.name), config.ignores)).map((e) => e.name);
    const pair = await pairInFolder(dir, names, path.join, read);
    if (pair) out.push(pair);
    for (const e of entries) {
      if (!e.isDirectory() || isToolFolder(e.name) || isIgnored(path.join(dir, e.name), config.ignores, true)) continue;
      await visit(path.join(dir, e.name));
    }
  };
  await visit(root);
  return out.sort((a, b) => (a.dir < b.dir ? -1 : a.dir > b.dir ? 1 : 0));
}

describe('pairs: one walk for the CLI and discovery', function () {
  this.timeout(60000);
  let dir: string;
  let configFor: (d: string) => Promise<ResolvedConfig>;

  before(() => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'impact-notes-pairs-walk-')));
    generateTree(path.join(dir, 'repo'), { files: 3000, planted: 6, covered: 4, seed: 7 });
    dir = path.join(dir, 'repo');
    for (const [rel, text] of PLANTED) {
      fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      fs.writeFileSync(path.join(dir, rel), text);
    }
    const resolver = new ConfigResolver(nodeConfigHost, allRules);
    configFor = (d) => resolver.resolve(d);
  });

  after(() => fs.rmSync(path.dirname(dir), { recursive: true, force: true }));

  it('finds the same pairs with discovery, without it, and as a plain recursive search', async () => {
    const withDiscovery = await findPairsAndWalk([dir], dir, configFor, true);
    const pairsOnly = await findPairs([dir], dir, { resolve: configFor });
    const reference = await referencePairs(dir, await configFor(dir));
    assert.deepEqual(plain(withDiscovery.pairs), plain(reference));
    assert.deepEqual(plain(pairsOnly), plain(reference));
    const rel = (p?: string) => (p ? path.relative(dir, p).split(path.sep).join('/') : undefined);
    const found = new Map(reference.map((p) => [rel(p.dir), { impact: rel(p.impact), release: rel(p.release) }]));
    // The planted cases, one by one.
    assert.deepEqual(found.get('org/team-a/study'), { impact: 'org/team-a/study/IMPACT.md', release: 'org/team-a/study/release.yaml' });
    assert.deepEqual(found.get('org/team-b/plan-only'), { impact: undefined, release: 'org/team-b/plan-only/release.yml' });
    assert.equal(found.has('org/team-b/helm'), false, 'a release.yaml that is no plan');
    assert.equal(found.get('org/team-c/both')?.release, 'org/team-c/both/release.yaml');
    assert.equal(found.get('org/team-c/lower')?.impact, 'org/team-c/lower/impact.md');
    for (const d of ['build/copy', 'vendor/lib', 'scratch/draft', 'envs/py311/notes']) assert.ok(found.has(d), `${d} is searched for pairs`);
    for (const d of ['web/node_modules/pkg', 'skipme/a']) assert.equal(found.has(d), false, `${d} is not searched`);
    assert.ok(reference.length >= 4 + 6, `the generated tree's covered roots are found too (${reference.length})`);
  });

  it("agrees with discovery's plans in every folder discovery looks at", async () => {
    const { pairs, walks } = await findPairsAndWalk([dir], dir, configFor, true);
    const walk = walks.get(dir);
    assert.ok(walk, 'the walk is kept for the discovery provider');
    const discoveryDirs = walk.walk.plans.map((p) => p.dir).sort();
    // Discovery leaves out build output, vendored code, virtual environments and gitignored folders.
    const hidden = (relDir: string) => relDir.split('/').some(isSkippedDirName) || /^(scratch|envs\/py311)(\/|$)/.test(relDir);
    const pairDirs = pairs.map((p) => path.relative(dir, p.dir).split(path.sep).join('/')).filter((d) => !hidden(d)).sort();
    assert.deepEqual(discoveryDirs, pairDirs);
  });

  it('a folder named twice, or inside another one named, is walked once for discovery', async () => {
    const sub = path.join(dir, 'org');
    const { pairs, walks } = await findPairsAndWalk([dir, sub, dir], dir, configFor, true);
    assert.deepEqual([...walks.keys()], [dir]);
    assert.deepEqual(plain(pairs), plain(await findPairs([dir], dir, { resolve: configFor })));
  });
});
