/**
 * Fixture loader shared by the rule tests. A fixture is a folder with IMPACT.md and/or
 * release.yaml and an optional fixture.json:
 *
 *   { "today": "2026-06-01",          // the injected clock (default 2026-06-01)
 *     "rules": ["rule-a", "rule-b"],  // which rules' findings to compare (default: the folder's rule)
 *     "files": ["checkpoints/a.pt"],  // files that exist beside the pair (default: none listed)
 *     "config": { "rules": { … } },   // a .impact-notes.yaml as JSON
 *     "noFix": true }                  // skip the apply-fixes-and-relint check
 *
 * Expected findings are written in the files themselves, as comments on the line they expect:
 *   Markdown: `text <!-- expect: rule-a, rule-b -->`  YAML: `key: value  # expect: rule-a`
 * or, where a comment cannot sit on that line, anywhere in the file: `expect-line 12: rule-a`.
 * Optional IMPACT.fixed.md / release.fixed.yaml hold the exact text after `--fix`.
 */
import type { LintInput } from '../../src/core/engine';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseConfig, defaultConfig, type Config } from '../../src/core/config';
import { allRules } from '../../src/core/rules';
import type { FileKind } from '../../src/core/types';
import type { CardInput } from '../../src/core/engine';
import { readForLint } from '../../src/cli/fs-host';
import { nodeFiles } from '../../src/cli/node-file-host';
import { cardInput, cardLocation } from '../../src/core/lint-input';

export const FIXTURES = path.join(__dirname, '..', 'fixtures');
export const DEFAULT_TODAY = '2026-06-01';

export interface Fixture {
  name: string;
  dir: string;
  impact?: string;
  release?: string;
  /** The model card the plan names (`model-card:`), or README.md beside the pair, as the CLI finds it. */
  card?: CardInput;
  today: Date;
  rules: string[];
  files?: string[];
  config: Config;
  noFix: boolean;
  /** Expected (file, 1-based line, rule) triples, as strings "release:12:rule". */
  expected: string[];
  fixedImpact?: string;
  fixedRelease?: string;
}

const EXPECT_RE = /expect:\s*([a-z0-9, -]+?)\s*(?:-->|$)/;
const EXPECT_LINE_RE = /expect-line\s+(\d+):\s*([a-z0-9, -]+?)\s*(?:-->|$)/g;

export function expectationsIn(kind: FileKind, text: string): string[] {
  const out: string[] = [];
  text.replace(/^\ufeff/, '').split(/\r\n|\r|\n/).forEach((line, i) => {
    const m = EXPECT_RE.exec(line);
    if (m && !/expect-line/.test(line)) for (const r of m[1].split(/[\s,]+/).filter(Boolean)) out.push(`${kind}:${i + 1}:${r}`);
    EXPECT_LINE_RE.lastIndex = 0;
    let l: RegExpExecArray | null;
    while ((l = EXPECT_LINE_RE.exec(line))) for (const r of l[2].split(/[\s,]+/).filter(Boolean)) out.push(`${kind}:${l[1]}:${r}`);
  });
  return out;
}

function read(p: string): string | undefined {
  return fs.existsSync(p) ? fs.readFileSync(p, 'utf8') : undefined;
}

export function loadFixture(dir: string, defaultRule?: string): Fixture {
  const meta = fs.existsSync(path.join(dir, 'fixture.json')) ? JSON.parse(fs.readFileSync(path.join(dir, 'fixture.json'), 'utf8')) : {};
  const impact = read(path.join(dir, 'IMPACT.md'));
  const release = read(path.join(dir, 'release.yaml'));
  // The card as every surface finds it (core/lint-input.ts), read through the Node host's guard.
  const loc = cardLocation(nodeFiles, dir, release);
  const card = loc && cardInput(loc, readForLint(loc.path, 2_000_000), loc.path);
  let config = defaultConfig();
  if (meta.config) {
    const parsed = parseConfig(JSON.stringify(meta.config), undefined, allRules);
    if (parsed.problems.length) throw new Error(`fixture ${dir}: bad config: ${parsed.problems.map((p) => p.message).join('; ')}`);
    config = parsed.config;
  }
  return {
    name: path.relative(FIXTURES, dir),
    dir,
    impact,
    release,
    card,
    today: new Date(`${meta.today ?? DEFAULT_TODAY}T00:00:00Z`),
    rules: meta.rules ?? (defaultRule ? [defaultRule] : []),
    files: meta.files,
    config,
    noFix: !!meta.noFix,
    expected: [
      ...(impact ? expectationsIn('impact', impact) : []),
      ...(release ? expectationsIn('release', release) : []),
      ...(card && !card.missing ? expectationsIn('card', card.text) : []),
    ].sort(),
    fixedImpact: read(path.join(dir, 'IMPACT.fixed.md')),
    fixedRelease: read(path.join(dir, 'release.fixed.yaml')),
  };
}

/** The lint input of a fixture: its files, clock, configuration and the files that exist beside it. */
export function fixtureInput(f: Fixture): LintInput {
  const files = f.files;
  return {
    impact: f.impact !== undefined ? { path: path.join(f.dir, 'IMPACT.md'), text: f.impact } : undefined,
    release: f.release !== undefined ? { path: path.join(f.dir, 'release.yaml'), text: f.release } : undefined,
    card: f.card,
    today: f.today,
    config: f.config,
    files,
    exists: files ? (p) => files.some((x) => x === p || x.startsWith(p.replace(/\/$/, '') + '/')) : undefined,
  };
}

/** Every fixture folder under test/fixtures/rules/<rule>/<case>/. */
export function ruleFixtures(): Fixture[] {
  const root = path.join(FIXTURES, 'rules');
  const out: Fixture[] = [];
  for (const rule of fs.readdirSync(root).sort()) {
    const rdir = path.join(root, rule);
    if (!fs.statSync(rdir).isDirectory()) continue;
    for (const c of fs.readdirSync(rdir).sort()) {
      const cdir = path.join(rdir, c);
      if (fs.statSync(cdir).isDirectory()) out.push(loadFixture(cdir, rule));
    }
  }
  return out;
}
