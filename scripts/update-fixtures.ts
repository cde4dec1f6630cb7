/**
 * Rewrites the inline `expect:` markers of rule fixtures to what the rules report now, and the
 * IMPACT.fixed.md / release.fixed.yaml snapshots to what --fix writes now. For a deliberate change of
 * a rule's behaviour: run it, then READ the diff (`git diff test/fixtures`) before committing.
 *
 *   npx tsx scripts/update-fixtures.ts [fixture-name-substring …]
 *
 * Markers are only changed on lines whose expectations differ; `expect-line` markers are left alone
 * (a fixture that uses them is reported, to be updated by hand).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lint } from '../src/core/engine';
import { lintAndFix } from '../src/core/fix';
import { fixtureInput, ruleFixtures } from '../test/unit/fixtures';

const filters = process.argv.slice(2);

const input = fixtureInput;

const MD_RE = /\s*<!-- expect:\s*[a-z0-9, -]+?\s*-->/;
const YAML_RE = /\s*# expect:\s*[a-z0-9, -]+?\s*$/;

function rewrite(text: string, kind: 'impact' | 'release', want: Map<number, string[]>, have: Map<number, string[]>): string {
  const bom = text.startsWith('\ufeff') ? '\ufeff' : '';
  const body = bom ? text.slice(1) : text;
  const parts = body.split(/(\r\n|\r|\n)/);
  for (let i = 0; i < parts.length; i += 2) {
    const line = i / 2 + 1;
    const w = (want.get(line) ?? []).sort().join(', ');
    const h = (have.get(line) ?? []).sort().join(', ');
    if (w === h) continue;
    const re = kind === 'impact' ? MD_RE : YAML_RE;
    let l = parts[i].replace(re, '');
    if (w) l = kind === 'impact' ? `${l} <!-- expect: ${w} -->` : `${l}  # expect: ${w}`;
    parts[i] = l;
  }
  return bom + parts.join('');
}

function byLine(list: string[], kind: string): Map<number, string[]> {
  const m = new Map<number, string[]>();
  for (const e of list) {
    const [k, line, rule] = e.split(':');
    if (k !== kind) continue;
    m.set(+line, [...(m.get(+line) ?? []), rule]);
  }
  return m;
}

for (const f of ruleFixtures()) {
  if (filters.length && !filters.some((x) => f.name.includes(x))) continue;
  const r = lint(input(f));
  const got = r.findings.filter((x) => f.rules.includes(x.rule)).map((x) => `${x.file}:${x.start.line + 1}:${x.rule}`).sort();
  const same = JSON.stringify(got) === JSON.stringify(f.expected);
  if (!same) {
    if ((f.impact ?? '').includes('expect-line') || (f.release ?? '').includes('expect-line')) {
      console.log(`by hand (expect-line): ${f.name}`);
    } else {
      for (const kind of ['impact', 'release'] as const) {
        const text = kind === 'impact' ? f.impact : f.release;
        if (text === undefined) continue;
        const next = rewrite(text, kind, byLine(got, kind), byLine(f.expected, kind));
        if (next !== text) fs.writeFileSync(path.join(f.dir, kind === 'impact' ? 'IMPACT.md' : 'release.yaml'), next);
      }
      console.log(`expectations: ${f.name}`);
    }
  }
  const fresh = ruleFixtures().find((x) => x.dir === f.dir)!;
  if (fresh.noFix || (fresh.fixedImpact === undefined && fresh.fixedRelease === undefined)) continue;
  const inp = { ...input(fresh), rules: undefined };
  const { allRules } = require('../src/core/rules');
  const res = lintAndFix({ ...inp, rules: allRules.filter((x: { meta: { name: string } }) => fresh.rules.includes(x.meta.name)) });
  if (fresh.fixedImpact !== undefined && (res.impact ?? fresh.impact) !== fresh.fixedImpact) {
    fs.writeFileSync(path.join(f.dir, 'IMPACT.fixed.md'), res.impact ?? fresh.impact!);
    console.log(`fixed snapshot: ${f.name}/IMPACT.fixed.md`);
  }
  if (fresh.fixedRelease !== undefined && (res.release ?? fresh.release) !== fresh.fixedRelease) {
    fs.writeFileSync(path.join(f.dir, 'release.fixed.yaml'), res.release ?? fresh.release!);
    console.log(`fixed snapshot: ${f.name}/release.fixed.yaml`);
  }
}
