/**
 * Discovery benchmark: `npx tsx test/bench/discovery-bench.ts` (also run by `npm run bench`).
 *
 * Generates (once; reused while its spec is unchanged) a deterministic 100,000-file monorepo with 50
 * planted research roots, 10 covered ones and decoys (vendored code, gitignored folders, test
 * fixtures, node_modules, a virtual environment, build output) in tmpfs (/dev/shm) or the temp
 * folder — never inside the repository — and measures:
 *
 *   (a) the discovery scan (walk + grouping + coverage + findings, in this process) divided by
 *       `find <dir> -type f | wc -l` over the same tree — target ≤ 2;
 *   (b) peak memory: RSS sampled during the scan, and the whole process's maximum RSS from
 *       `/usr/bin/time -v` when available;
 *   (c) the cost of one file event through the incremental index (a checkpoint created or deleted:
 *       classify, regroup, recompute the touched root, its findings), and of one plan event;
 *   and checks that exactly the planted roots are reported.
 *
 * Options: --files N (100000), --roots N (50), --dir PATH, --runs N (5), --regen, --clean (remove
 * the tree afterwards; otherwise it is kept for the next run), --json, --strict (exit 1 on a MISS).
 * `--scan-only DIR` is the child process used for (b).
 */
import { execSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { defaultConfig } from '../../src/core/config';
import { DiscoveryIndex, planFromText, rootFindings, type ResearchRoot } from '../../src/core/discovery';
import { surroundings, walkForDiscovery } from '../../src/core/discovery/walk-node';
import { ensureTree, scratchDir, type TreeSpec } from './discovery-tree';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))];
const nowMs = () => Number(process.hrtime.bigint()) / 1e6;
const mb = (bytes: number) => bytes / 1048576;

interface Scan {
  index: DiscoveryIndex;
  roots: ResearchRoot[];
  findings: number;
  dirs: number;
  files: number;
  problems: number;
}

async function scan(dir: string): Promise<Scan> {
  const config = defaultConfig();
  const around = await surroundings(dir);
  const walk = await walkForDiscovery(dir, { base: around.base, outerGitignores: around.gitignores });
  const index = new DiscoveryIndex(walk.markers);
  for (const p of [...around.plans, ...walk.plans]) index.setPlan(p);
  for (const e of walk.entries) index.addFile(e);
  const roots = index.roots();
  let findings = 0;
  for (const r of roots) findings += rootFindings(r, { configFor: () => config, pathOf: (rel) => path.join(dir, rel) }).length;
  return { index, roots, findings, dirs: walk.dirs, files: walk.files, problems: walk.problems.length };
}

interface Timing {
  /** Wall clock, ms. */
  ms: number;
  /** CPU time (user + system), ms; undefined when it cannot be measured. */
  cpuMs?: number;
}

/** `find <dir> -type f | wc -l`, under /usr/bin/time when available for its CPU time. */
function timeFind(dir: string): Timing & { count: number } {
  const cmd = `find ${JSON.stringify(dir)} -type f | wc -l`;
  if (fs.existsSync('/usr/bin/time')) {
    const t = nowMs();
    const r = spawnSync('/usr/bin/time', ['-f', '@@%U %S', '/bin/sh', '-c', cmd], { encoding: 'utf8' });
    const ms = nowMs() - t;
    const m = /@@([\d.]+) ([\d.]+)/.exec(r.stderr);
    return { ms, cpuMs: m ? (Number(m[1]) + Number(m[2])) * 1000 : undefined, count: Number(r.stdout.trim()) };
  }
  const t = nowMs();
  const out = execSync(cmd, { encoding: 'utf8', shell: '/bin/sh' });
  return { ms: nowMs() - t, count: Number(out.trim()) };
}

async function timeScan(dir: string): Promise<Timing & { scan: Scan }> {
  const c0 = process.cpuUsage();
  const t = nowMs();
  const result = await scan(dir);
  const ms = nowMs() - t;
  const c = process.cpuUsage(c0);
  return { ms, cpuMs: (c.user + c.system) / 1000, scan: result };
}

/** Maximum RSS of a child process that runs only the scan, from /usr/bin/time -v (KiB), if available. */
function childMaxRss(dir: string): { scanKb?: number; baselineKb?: number } {
  if (!fs.existsSync('/usr/bin/time')) return {};
  const parse = (stderr: string) => {
    const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
    return m ? Number(m[1]) : undefined;
  };
  const script = process.argv[1];
  const child = spawnSync('/usr/bin/time', ['-v', process.execPath, ...process.execArgv, script, '--scan-only', dir], { encoding: 'utf8' });
  const base = spawnSync('/usr/bin/time', ['-v', process.execPath, ...process.execArgv, '-e', '0'], { encoding: 'utf8' });
  return { scanKb: parse(child.stderr), baselineKb: parse(base.stderr) };
}

interface EventCost {
  medianUs: number;
  p99Us: number;
  /** CPU time per event (all events' CPU time / n). */
  cpuUs: number;
  n: number;
}

/** A checkpoint appears in (then disappears from) a planted root: the editor's watcher path. */
function fileEventCost(index: DiscoveryIndex, root: string, n: number): EventCost {
  const config = defaultConfig();
  const times: number[] = [];
  const c0 = process.cpuUsage();
  for (let i = 0; i < n; i++) {
    const file = `${root}/checkpoints/new-${i % 7}.pt`;
    const t = nowMs();
    if (i % 2 === 0) index.addFile({ path: file });
    else index.removeFile(`${root}/checkpoints/new-${(i - 1) % 7}.pt`);
    const diff = index.update();
    for (const r of [...diff.added, ...diff.changed]) rootFindings(r, { configFor: () => config, pathOf: (p) => p });
    times.push((nowMs() - t) * 1000);
  }
  const c = process.cpuUsage(c0);
  return { medianUs: median(times), p99Us: pct(times, 99), cpuUs: (c.user + c.system) / n, n };
}

/** A release.yaml saved (read, parsed, set, roots updated). */
function planEventCost(index: DiscoveryIndex, root: string, n: number): EventCost {
  const config = defaultConfig();
  const texts = [
    'impact-release: 1\nartifacts:\n  - id: w\n    content: trained-model\n    paths: ["**"]\n',
    'impact-release: 1\nartifacts:\n  - id: w\n    content: trained-model\n    paths: [paper/**]\n',
  ];
  const times: number[] = [];
  const c0 = process.cpuUsage();
  for (let i = 0; i < n; i++) {
    const t = nowMs();
    index.setPlan(planFromText(root, `${root}/release.yaml`, texts[i % 2], false)!);
    const diff = index.update();
    for (const r of [...diff.added, ...diff.changed]) rootFindings(r, { configFor: () => config, pathOf: (p) => p });
    times.push((nowMs() - t) * 1000);
  }
  const c = process.cpuUsage(c0);
  index.removePlan(root);
  index.update();
  return { medianUs: median(times), p99Us: pct(times, 99), cpuUs: (c.user + c.system) / n, n };
}

async function mainBench(): Promise<number> {
  const spec: TreeSpec = { files: Number(arg('--files') ?? 100000), planted: Number(arg('--roots') ?? 50), covered: 10, seed: 42 };
  const runs = Number(arg('--runs') ?? 5);
  const dir = path.resolve(arg('--dir') ?? path.join(scratchDir(), `impact-notes-discovery-bench-${spec.files}-${spec.planted}`));
  const repo = path.resolve(__dirname, '..', '..');
  if (dir.startsWith(repo + path.sep)) throw new Error(`the bench tree must be outside the repository: ${dir}`);
  const { tree, generatedMs } = ensureTree(spec, dir, process.argv.includes('--regen'));

  // Warm the page cache and the JIT, then alternate find and scan runs; ratios are taken per pair
  // (the machine's load drifts less within a pair than across the whole run).
  timeFind(dir);
  await scan(dir);
  const finds: (Timing & { count: number })[] = [];
  const scans: Timing[] = [];
  let last: Scan | undefined;
  for (let i = 0; i < runs; i++) {
    finds.push(timeFind(dir));
    const sc = await timeScan(dir);
    scans.push(sc);
    last = sc.scan;
  }
  const findCount = finds[0].count;
  const s = last!;
  const wallRatio = median(scans.map((x, i) => x.ms / finds[i].ms));
  const cpuKnown = finds.every((f) => f.cpuMs !== undefined && f.cpuMs > 0);
  const cpuRatio = cpuKnown ? median(scans.map((x, i) => x.cpuMs! / finds[i].cpuMs!)) : undefined;

  // Peak RSS during one more scan, sampled every 2 ms.
  (globalThis as { gc?: () => void }).gc?.();
  const before = process.memoryUsage().rss;
  let peak = before;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 2);
  await scan(dir);
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  const child = childMaxRss(dir);

  const planted = s.roots.filter((r) => r.status !== 'covered').map((r) => r.dir);
  const covered = s.roots.filter((r) => r.status === 'covered').map((r) => r.dir);
  const rootsOk = JSON.stringify(planted) === JSON.stringify(tree.planted) && JSON.stringify(covered) === JSON.stringify(tree.covered);

  const target = tree.planted[Math.floor(tree.planted.length / 2)];
  const fileEvent = fileEventCost(s.index, target, 2000);
  const planEvent = planEventCost(s.index, target, 500);
  const entries = s.index.allMarkers().map((m) => ({ path: m.path, size: m.size }));
  const plans = s.index.allPlans();
  const full: number[] = [];
  for (let i = 0; i < 20; i++) {
    const t = nowMs();
    const idx = new DiscoveryIndex(s.index.markers);
    for (const p of plans) idx.setPlan(p);
    for (const e of entries) idx.addFile(e);
    idx.roots();
    full.push(nowMs() - t);
  }

  const ratio = wallRatio;
  const pass = ratio <= 2;
  const load = fs.existsSync('/proc/loadavg') ? fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ') : undefined;
  const result = {
    node: process.version,
    tree: { dir, files: tree.files, dirs: tree.dirs, findCount, planted: tree.planted.length, covered: tree.covered.length, generatedMs },
    findMs: median(finds.map((f) => f.ms)),
    scanMs: median(scans.map((x) => x.ms)),
    findCpuMs: cpuKnown ? median(finds.map((f) => f.cpuMs!)) : undefined,
    scanCpuMs: median(scans.map((x) => x.cpuMs!)),
    ratio,
    cpuRatio,
    pass,
    loadAverage: load,
    cpus: os.cpus().length,
    scan: { dirsRead: s.dirs, filesSeen: s.files, roots: s.roots.length, findings: s.findings, problems: s.problems },
    memory: { rssBeforeMb: mb(before), rssPeakMb: mb(peak), childMaxRssMb: child.scanKb && child.scanKb / 1024, nodeBaselineMaxRssMb: child.baselineKb && child.baselineKb / 1024 },
    fileEvent,
    planEvent,
    fullRecomputeMs: median(full),
    rootsOk,
  };
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify(result, null, 2));
  } else {
    const n = (x: number) => x.toLocaleString('en-US');
    console.log(`impact-notes discovery bench (Node ${process.version}; ${n(findCount)} files in ${n(tree.dirs)} folders; ${tree.planted.length} planted roots, ${tree.covered.length} covered, decoys; tree in ${dir}${generatedMs ? `, generated in ${(generatedMs / 1000).toFixed(1)} s` : ''})`);
    console.log(`  machine: ${os.cpus().length} CPUs, load average ${load ?? 'unknown'} (wall-clock ratios suffer when the machine is busy; CPU-time ratios much less)`);
    console.log(`  find <dir> -type f | wc -l                 ${result.findMs.toFixed(1)} ms wall${result.findCpuMs !== undefined ? `, ${result.findCpuMs.toFixed(0)} ms CPU` : ''} (median of ${runs})`);
    console.log(`  discovery scan (walk, roots, findings)     ${result.scanMs.toFixed(1)} ms wall, ${result.scanCpuMs.toFixed(0)} ms CPU (${n(s.dirs)} folders read, ${n(s.files)} files seen)`);
    console.log(`  (a) scan / find, wall clock                ${ratio.toFixed(2)}  target <= 2  ${pass ? 'PASS' : 'MISS'}  (median of per-run ratios)`);
    if (cpuRatio !== undefined) console.log(`      scan / find, CPU time                  ${cpuRatio.toFixed(2)}`);
    console.log(`  (b) RSS during the scan                    peak ${mb(peak).toFixed(0)} MB (${mb(before).toFixed(0)} MB before, +${mb(peak - before).toFixed(0)} MB)`);
    if (child.scanKb) console.log(`      whole scan process (/usr/bin/time -v)  max RSS ${(child.scanKb / 1024).toFixed(0)} MB (same runtime doing nothing: ${((child.baselineKb ?? 0) / 1024).toFixed(0)} MB)`);
    console.log(`  (c) one file event (checkpoint created/deleted → root and findings updated)  ${fileEvent.medianUs.toFixed(1)} µs median wall, p99 ${fileEvent.p99Us.toFixed(1)} µs, ${fileEvent.cpuUs.toFixed(1)} µs CPU`);
    console.log(`      one plan event (release.yaml saved → parsed, roots updated)             ${planEvent.medianUs.toFixed(1)} µs median wall, p99 ${planEvent.p99Us.toFixed(1)} µs, ${planEvent.cpuUs.toFixed(1)} µs CPU`);
    console.log(`      for comparison, regrouping everything from the ${n(entries.length)} markers       ${(result.fullRecomputeMs * 1000).toFixed(0)} µs`);
    console.log(`  roots reported: ${planted.length} (planted: ${tree.planted.length}), covered: ${covered.length} (expected ${tree.covered.length})  ${rootsOk ? 'PASS' : 'MISMATCH'}`);
    if (!rootsOk) {
      console.log(`    unexpected: ${planted.filter((p) => !tree.planted.includes(p)).join(', ') || '-'}`);
      console.log(`    missed: ${tree.planted.filter((p) => !planted.includes(p)).join(', ') || '-'}`);
    }
  }
  if (process.argv.includes('--clean')) fs.rmSync(dir, { recursive: true, force: true });
  return process.argv.includes('--strict') && !(pass && rootsOk) ? 1 : 0;
}

async function scanOnly(dir: string): Promise<void> {
  const s = await scan(dir);
  process.stdout.write(`${s.roots.length} roots\n`);
}

if (require.main === module) {
  const only = arg('--scan-only');
  (only ? scanOnly(only).then(() => 0) : mainBench()).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      console.error(err);
      process.exitCode = 2;
    },
  );
}

