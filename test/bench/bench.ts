/**
 * Speed benchmark (`npm run bench`). Generates, deterministically, a realistic ~20 KB IMPACT.md and
 * a ~3 KB release.yaml, warms up, and measures in this one process:
 *
 *   (a) full lint / bare parsing (markdown-it parse + yaml parseDocument with a LineCounter)
 *       of the same texts — target ≤ 1.5: all the rules together cost at most half a parse.
 *   (b) markdownlint's default rules on the same IMPACT.md / our full lint — target ≥ 6.
 *
 * `--rules` adds the cost of each rule. Times are CPU time of this process (`--wall` for wall-clock). Rounds time the three back to back; each ratio is the median of its per-round ratios (robust to
 * load from other processes). `--json` prints the numbers as JSON;
 * `--iterations N` changes the batch count. Exit code 0 even on a MISS (it is a report, not a gate),
 * unless `--strict` is given.
 */
import { pathToFileURL } from 'node:url';
import MarkdownIt from 'markdown-it';
import { LineCounter, parseDocument } from 'yaml';
import { defaultConfig, ruleOptions } from '../../src/core/config';
import { lint, type LintInput } from '../../src/core/engine';
import { forgetJudgments } from '../../src/core/rules/impact/lib/dismissal';
import { existsFrom } from '../../src/core/lint-input';
import { allRules } from '../../src/core/rules';
import { isDocumentRule } from '../../src/core/rules/define';
import { benchFiles, benchImpact, benchRelease } from './content';

// ---------------------------------------------------------------------------------------------
// Timing
// ---------------------------------------------------------------------------------------------

function now(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

/**
 * Mean time of one call, over `n` calls, in milliseconds. By default this is CPU time of the process
 * (user + system), which other processes on a busy machine do not inflate; `--wall` uses wall time.
 */
function timeBatch(fn: () => unknown, n: number): number {
  let sink = 0;
  const wall = process.argv.includes('--wall');
  const c0 = process.cpuUsage();
  const t0 = now();
  for (let i = 0; i < n; i++) sink += fn() ? 1 : 0;
  const c = process.cpuUsage(c0);
  const t = (wall ? now() - t0 : (c.user + c.system) / 1000) / n;
  if (sink < 0) console.log(sink);
  return t;
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function loadMarkdownlint(): Promise<(options: { strings: Record<string, string> }) => Record<string, unknown[]>> {
  // markdownlint is ESM only; a real dynamic import (hidden from the bundler) loads it from CJS.
  const resolved = require.resolve('markdownlint/sync', { paths: [process.cwd(), __dirname] });
  const dynamicImport = new Function('u', 'return import(u)') as (u: string) => Promise<{ lint: (o: unknown) => Record<string, unknown[]> }>;
  const mod = await dynamicImport(pathToFileURL(resolved).href);
  return mod.lint;
}

async function mainBench(): Promise<number> {
  const batches = Number(arg('--iterations') ?? 100);
  const impact = benchImpact();
  const release = benchRelease();
  const files = benchFiles();
  const today = new Date('2026-06-01T00:00:00Z');
  const input: LintInput = {
    impact: { path: '/bench/IMPACT.md', text: impact },
    release: { path: '/bench/release.yaml', text: release },
    today,
    files,
    // As the CLI and the editor answer it (lint-input.ts): a set of the files, then folders.
    exists: existsFrom(files),
    rules: allRules,
  };
  const md = new MarkdownIt({ html: true, linkify: false, typographer: false });
  const parseOnly = () => {
    const tokens = md.parse(impact, {});
    const lc = new LineCounter();
    const doc = parseDocument(release, { lineCounter: lc, uniqueKeys: true, prettyErrors: false, strict: true });
    return tokens.length + (doc.errors.length ? 0 : 1);
  };
  // Judged sentences forgotten first: each timed lint judges everything anew.
  const fullLint = () => {
    forgetJudgments();
    return lint(input).findings.length + 1;
  };
  const mdlint = await loadMarkdownlint();
  const markdownlint = () => Object.keys(mdlint({ strings: { 'IMPACT.md': impact } })).length;

  const firstFindings = lint(input).findings;
  // Warm up: let the JIT settle on all three paths.
  const warmEnd = now() + 1500;
  while (now() < warmEnd) {
    parseOnly();
    fullLint();
    markdownlint();
  }
  // Paired rounds: each round times parse, lint and markdownlint back to back, and the ratios are
  // taken per round, so that load from other processes and drift (thermal, GC) cancel out; the
  // reported ratio is the median over rounds.
  const parseT: number[] = [];
  const lintT: number[] = [];
  const mdlT: number[] = [];
  const ratiosA: number[] = [];
  const ratiosB: number[] = [];
  for (let round = 0; round < batches; round++) {
    const p = timeBatch(parseOnly, 10);
    const l = timeBatch(fullLint, 10);
    const m = timeBatch(markdownlint, 2);
    parseT.push(p);
    lintT.push(l);
    mdlT.push(m);
    ratiosA.push(l / p);
    ratiosB.push(m / l);
  }
  const parse = median(parseT);
  const full = median(lintT);
  const mdl = median(mdlT);
  const ratioA = median(ratiosA);
  const ratioB = median(ratiosB);
  const passA = ratioA <= 1.5;
  const passB = ratioB >= 6;
  const result = {
    node: process.version,
    impactBytes: Buffer.byteLength(impact),
    releaseBytes: Buffer.byteLength(release),
    rules: allRules.length,
    findings: firstFindings.length,
    ms: { parse: round3(parse), lint: round3(full), markdownlint: round3(mdl) },
    a: { ratio: round3(ratioA), target: '<= 1.5', pass: passA },
    b: { ratio: round3(ratioB), target: '>= 6', pass: passB },
  };
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify(result, null, 2));
  } else {
    console.log(`impact-notes bench (Node ${process.version}, ${allRules.length} rules; IMPACT.md ${result.impactBytes} B, release.yaml ${result.releaseBytes} B; ${firstFindings.length} findings)`);
    console.log(`  parse only (markdown-it + yaml)    ${parse.toFixed(3)} ms`);
    console.log(`  full lint (parse + all rules)      ${full.toFixed(3)} ms`);
    console.log(`  markdownlint default rules         ${mdl.toFixed(3)} ms`);
    console.log(`  (a) full lint / parse only         ${ratioA.toFixed(2)}  target <= 1.5  ${passA ? 'PASS' : 'MISS'}`);
    console.log(`  (b) markdownlint / full lint       ${ratioB.toFixed(2)}  target >= 6    ${passB ? 'PASS' : 'MISS'}`);
    if (firstFindings.length) {
      const byRule = new Map<string, number>();
      for (const f of firstFindings) byRule.set(f.rule, (byRule.get(f.rule) ?? 0) + 1);
      console.log(`  findings on the bench texts: ${[...byRule].map(([r, n]) => `${r} ×${n}`).join(', ')}`);
    }
  }
  if (process.argv.includes('--rules')) printRuleCosts(input, parse);
  else if (!passA) console.log('  run with --rules for the cost of each rule');
  return process.argv.includes('--strict') && !(passA && passB) ? 1 : 0;
}

/**
 * Cost of each rule: its `check` alone on freshly parsed documents (so analysis a rule caches on a
 * document is paid by the rule that builds it, as the first user in a real run would), as a share of
 * the parse-only time. A few seconds; only with `--rules`.
 */
function printRuleCosts(input: LintInput, parseMs: number): void {
  const config = defaultConfig();
  const rows: { name: string; ms: number }[] = [];
  const docs = (n: number) => Array.from({ length: n }, () => lint({ ...input, rules: [] }));
  for (const rule of allRules) {
    if (!isDocumentRule(rule)) continue;
    const run = (d: ReturnType<typeof lint>) =>
      rule.check({ impact: d.impact, release: d.release, options: ruleOptions(rule, config), today: input.today!, files: input.files, exists: input.exists, report: () => undefined });
    for (const d of docs(10)) run(d);
    const times: number[] = [];
    for (let round = 0; round < 5; round++) {
      const fresh = docs(8);
      let i = 0;
      times.push(timeBatch(() => run(fresh[i++]), fresh.length));
    }
    rows.push({ name: rule.meta.name, ms: median(times) });
  }
  rows.sort((a, b) => b.ms - a.ms);
  const total = rows.reduce((n, r) => n + r.ms, 0);
  console.log('  per rule (check() alone on freshly parsed documents):');
  for (const r of rows) console.log(`    ${r.name.padEnd(36)} ${r.ms.toFixed(3).padStart(7)} ms  ${((r.ms / parseMs) * 100).toFixed(1).padStart(5)}% of parse`);
  console.log(`    ${'all rules'.padEnd(36)} ${total.toFixed(3).padStart(7)} ms  ${((total / parseMs) * 100).toFixed(1).padStart(5)}% of parse`);
}

function round3(n: number): number {
  return Math.round(n * 1000) / 1000;
}

if (require.main === module) {
  mainBench().then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      console.error(err);
      process.exitCode = 2;
    },
  );
}
