/**
 * The long fuzz run: `npm run fuzz`.
 *
 *   FUZZ_SEED=<n>     base seed (default: random; printed at the start and on failure)
 *   FUZZ_RUNS=<n>     total inputs across targets (default 100000), shared out by each target's weight
 *   FUZZ_TARGET=a,b   only these targets (see the list printed at the start)
 *   FUZZ_JOBS=<n>     parallel processes (default: number of CPUs, at most 4)
 *   FUZZ_CHUNK=<n>    inputs per work unit (default 500)
 *   FUZZ_HANG_MS=<n>  a process that reports nothing for this long is hung (default 60000)
 *
 * Work is cut into units (target, chunk) with a seed derived from the base seed, so FUZZ_SEED
 * reproduces the whole run whatever the scheduling. To replay one failure, the runner prints a
 * command with FUZZ_TARGET, FUZZ_UNIT_SEED, FUZZ_RUNS and FUZZ_PATH (fast-check's path to the
 * shrunk counterexample). The failing input's files go to test-results/fuzz-failures/<target>-<seed>/;
 * a hang's input too (each process writes the input it is about to check to a scratch file).
 * A summary (inputs, time, slowest inputs) goes to test-results/fuzz-summary.json.
 */
import { fork, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FAILURES, OUT, ROOT, runUnit, saveFailure, targetByName, type Unit, type UnitResult } from './harness';
import { TARGETS } from './targets';

type ToParent = { type: 'progress'; runs: number } | { type: 'done'; result: UnitResult } | { type: 'ready' };
type ToChild = { type: 'unit'; unit: Unit } | { type: 'exit' };

const env = (k: string) => (process.env[k] === undefined || process.env[k] === '' ? undefined : process.env[k]);

/** A 32-bit seed for unit `i` of target `t`, from the base seed. */
function unitSeed(base: number, t: number, i: number): number {
  let h = (base ^ Math.imul(t + 1, 0x9e3779b1) ^ Math.imul(i + 1, 0x85ebca6b)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d) >>> 0;
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b) >>> 0;
  return (h ^ (h >>> 16)) | 0;
}

// ---------------------------------------------------------------------------------------------
// Child process
// ---------------------------------------------------------------------------------------------

function child(job: number): void {
  const scratch = path.join(FAILURES, `.current-${job}.json`);
  process.on('message', (m: ToChild) => {
    if (m.type === 'exit') {
      try {
        fs.rmSync(scratch, { force: true });
      } catch {
        /* ignore */
      }
      process.exit(0);
    }
    const result = runUnit(m.unit, scratch, (runs) => process.send!({ type: 'progress', runs } satisfies ToParent));
    process.send!({ type: 'done', result } satisfies ToParent);
  });
  process.send!({ type: 'ready' } satisfies ToParent);
}

// ---------------------------------------------------------------------------------------------
// Parent
// ---------------------------------------------------------------------------------------------

function fmtMs(ms: number): string {
  return ms >= 60_000 ? `${(ms / 60_000).toFixed(1)} min` : ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(0)} ms`;
}

async function parent(): Promise<number> {
  const baseSeed = env('FUZZ_SEED') !== undefined ? Number(env('FUZZ_SEED')) | 0 : (Math.random() * 0x100000000) | 0;
  const total = Number(env('FUZZ_RUNS') ?? 100_000);
  const chunk = Math.max(1, Number(env('FUZZ_CHUNK') ?? 500));
  const jobs = Math.max(1, Number(env('FUZZ_JOBS') ?? Math.min(4, os.cpus().length)));
  const hangMs = Number(env('FUZZ_HANG_MS') ?? 60_000);
  const only = env('FUZZ_TARGET')?.split(',').map((s) => s.trim()).filter(Boolean);
  const targets = only ? only.map(targetByName) : TARGETS;
  fs.mkdirSync(FAILURES, { recursive: true });

  // Replay of one unit.
  if (env('FUZZ_UNIT_SEED') !== undefined) {
    if (targets.length !== 1) throw new Error('FUZZ_UNIT_SEED needs exactly one FUZZ_TARGET');
    const unit: Unit = { target: targets[0].name, seed: Number(env('FUZZ_UNIT_SEED')) | 0, runs: total, index: 0, path: env('FUZZ_PATH') };
    console.log(`fuzz: replaying ${unit.target} with seed ${unit.seed}, ${unit.runs} runs${unit.path ? `, path ${unit.path}` : ''}`);
    const r = runUnit(unit, undefined, () => undefined);
    if (r.failure) {
      console.log(`FAILED after ${r.numRuns} runs:\n${r.failure.message}`);
      for (const [name, text] of Object.entries(r.failure.files)) console.log(`--- ${name}\n${text.length > 4000 ? text.slice(0, 4000) + '\n…' : text}`);
      return 1;
    }
    console.log(`passed ${r.numRuns} runs`);
    return 0;
  }

  const shareSum = targets.reduce((s, t) => s + t.share, 0);
  const units: Unit[] = [];
  const planned = new Map<string, number>();
  targets.forEach((t) => {
    const ti = TARGETS.indexOf(t);
    const runs = Math.max(1, Math.round((total * t.share) / shareSum));
    planned.set(t.name, runs);
    for (let i = 0, left = runs; left > 0; i++, left -= chunk) units.push({ target: t.name, seed: unitSeed(baseSeed, ti, i), runs: Math.min(chunk, left), index: i });
  });
  // Expensive targets first, so the tail of the run is short units.
  const cost = (u: Unit) => (/^fix-|answers|report/.test(u.target) ? 0 : 1);
  units.sort((a, b) => cost(a) - cost(b) || a.index - b.index);

  console.log(`fuzz: seed ${baseSeed} (replay the whole run with FUZZ_SEED=${baseSeed} FUZZ_RUNS=${total})`);
  console.log(`fuzz: ${total} inputs, ${units.length} units of up to ${chunk}, ${jobs} processes, CPU budget per input: lint ${process.env.FUZZ_LINT_BUDGET_MS ?? 500} ms, fix ${process.env.FUZZ_FIX_BUDGET_MS ?? 5000} ms`);
  for (const t of targets) console.log(`  ${t.name.padEnd(12)} ${String(planned.get(t.name)).padStart(7)}  ${t.description}`);

  const started = Date.now();
  const done: UnitResult[] = [];
  const runsByTarget = new Map<string, number>();
  const msByTarget = new Map<string, number>();
  const callsByTarget = new Map<string, number>();
  const failures: string[] = [];
  const failedTargets = new Set<string>();
  let progressed = 0;
  let queue = [...units];
  let lastLine = 0;

  const printProgress = (force = false) => {
    if (!force && Date.now() - lastLine < 5000) return;
    lastLine = Date.now();
    const elapsed = (Date.now() - started) / 1000;
    const rate = progressed / Math.max(elapsed, 0.001);
    // Checks include fast-check's shrinking after a failure, so they can pass the planned total.
    const inputsDone = done.reduce((n, r) => n + r.numRuns, 0);
    const left = Math.max(0, total - progressed);
    console.log(
      `  ${inputsDone}/${total} inputs in finished units, ${progressed} checks (${Math.min(100, (100 * progressed) / total).toFixed(1)}%), ${rate.toFixed(0)} checks/s, ${fmtMs(elapsed * 1000)} elapsed, ~${fmtMs((left / Math.max(rate, 0.001)) * 1000)} left, ${failures.length} failing`,
    );
  };

  const reproduceCmd = (u: Unit, p?: string) =>
    `FUZZ_TARGET=${u.target} FUZZ_UNIT_SEED=${u.seed} FUZZ_RUNS=${u.runs}${p ? ` FUZZ_PATH=${p}` : ''} npm run fuzz`;

  const record = (r: UnitResult) => {
    done.push(r);
    runsByTarget.set(r.unit.target, (runsByTarget.get(r.unit.target) ?? 0) + r.numRuns);
    msByTarget.set(r.unit.target, (msByTarget.get(r.unit.target) ?? 0) + r.totalMs);
    callsByTarget.set(r.unit.target, (callsByTarget.get(r.unit.target) ?? 0) + r.calls);
    if (r.failure) {
      const cmd = reproduceCmd(r.unit, r.failure.path);
      const dir = saveFailure(r, r.failure.message, cmd);
      failures.push(`${r.unit.target} [${r.failure.invariant}] seed ${r.unit.seed}: ${r.failure.message.split('\n')[0]}\n    saved to ${dir}\n    reproduce: ${cmd}`);
      console.log(`\nFAIL ${r.unit.target} (seed ${r.unit.seed}, base seed ${baseSeed}) after ${r.numRuns} runs, ${r.failure.shrinks} shrinks:\n  ${r.failure.message.split('\n').slice(0, 6).join('\n  ')}\n  saved to ${dir}\n  reproduce: ${cmd}\n`);
      // One failure per target is enough: skip the rest of its units.
      failedTargets.add(r.unit.target);
      queue = queue.filter((u) => u.target !== r.unit.target);
    }
  };

  await new Promise<void>((resolve) => {
    let alive = 0;
    const startChild = (job: number) => {
      const c: ChildProcess = fork(__filename, ['--child', String(job)], { execArgv: ['--require', require.resolve('tsx/cjs')], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      alive++;
      let current: Unit | undefined;
      let lastHeard = Date.now();
      const watchdog = setInterval(() => {
        if (!current || Date.now() - lastHeard < hangMs) return;
        clearInterval(watchdog);
        const scratch = path.join(FAILURES, `.current-${job}.json`);
        let files: Record<string, string> = {};
        try {
          files = JSON.parse(fs.readFileSync(scratch, 'utf8')).files ?? {};
        } catch {
          /* nothing saved */
        }
        const u = current;
        current = undefined;
        c.kill('SIGKILL');
        record({ unit: u, numRuns: 0, slowest: [], totalMs: 0, calls: 0, failure: { message: `[hang] no progress for ${fmtMs(hangMs)}: the input below never finished`, invariant: 'hang', files, shrinks: 0 } });
      }, 1000);
      const next = () => {
        const u = queue.shift();
        if (!u) {
          current = undefined;
          c.send({ type: 'exit' } satisfies ToChild);
          return;
        }
        current = u;
        lastHeard = Date.now();
        c.send({ type: 'unit', unit: u } satisfies ToChild);
      };
      c.on('message', (m: ToParent) => {
        lastHeard = Date.now();
        if (m.type === 'ready') next();
        else if (m.type === 'progress') {
          progressed += m.runs;
          printProgress();
        } else if (m.type === 'done') {
          current = undefined;
          record(m.result);
          next();
        }
      });
      c.on('exit', (code, signal) => {
        clearInterval(watchdog);
        alive--;
        if (current) {
          const u = current;
          current = undefined;
          record({ unit: u, numRuns: 0, slowest: [], totalMs: 0, calls: 0, failure: { message: `[crash] the fuzz process died (code ${code}, signal ${signal}) while checking a unit`, invariant: 'crash', files: {}, shrinks: 0 } });
        }
        // A killed (hung) process is replaced while work remains.
        if (queue.length && (signal === 'SIGKILL' || code !== 0)) startChild(job);
        else if (alive === 0) resolve();
      });
    };
    for (let j = 0; j < Math.min(jobs, units.length); j++) startChild(j);
  });

  const wall = Date.now() - started;
  const meanMs = (name: string) => (msByTarget.get(name) ?? 0) / Math.max(1, callsByTarget.get(name) ?? 0);
  printProgress(true);
  const inputs = [...runsByTarget.values()].reduce((s, n) => s + n, 0);
  const slowest = done.flatMap((r) => r.slowest).sort((a, b) => b.ms - a.ms).slice(0, 10);
  console.log(`\nfuzz: ${inputs} inputs in ${fmtMs(wall)} (seed ${baseSeed})`);
  console.log('  target        inputs   mean CPU ms   failed');
  for (const t of targets) {
    const n = runsByTarget.get(t.name) ?? 0;
    console.log(`  ${t.name.padEnd(12)} ${String(n).padStart(7)}   ${meanMs(t.name).toFixed(1).padStart(11)}   ${failedTargets.has(t.name) ? 'FAILED' : 'ok'}`);
  }
  console.log('  slowest inputs (CPU ms of the main call):');
  const slowDir = path.join(OUT, 'fuzz-slowest');
  fs.rmSync(slowDir, { recursive: true, force: true });
  slowest.forEach((s, i) => {
    const dir = path.join(slowDir, `${i + 1}-${s.target}`);
    fs.mkdirSync(dir, { recursive: true });
    for (const [name, text] of Object.entries(s.files)) fs.writeFileSync(path.join(dir, name), text);
    const size = Object.values(s.files).reduce((n, t) => n + t.length, 0);
    console.log(`    ${s.ms.toFixed(0).padStart(6)} ms  ${s.target.padEnd(12)} ${size} chars  (${path.relative(ROOT, dir)})`);
  });
  const summary = {
    seed: baseSeed,
    inputs,
    wallMs: wall,
    jobs,
    budgets: { lintMs: Number(process.env.FUZZ_LINT_BUDGET_MS ?? 500), fixMs: Number(process.env.FUZZ_FIX_BUDGET_MS ?? 5000) },
    targets: targets.map((t) => ({ name: t.name, description: t.description, inputs: runsByTarget.get(t.name) ?? 0, meanMs: Math.round(meanMs(t.name) * 10) / 10, failed: failedTargets.has(t.name) })),
    slowest: slowest.map((s) => ({ target: s.target, ms: Math.round(s.ms), chars: Object.values(s.files).reduce((n, t) => n + t.length, 0), seed: s.seed })),
    failures,
  };
  fs.writeFileSync(path.join(OUT, 'fuzz-summary.json'), JSON.stringify(summary, null, 2) + '\n');
  if (failures.length) {
    console.log(`\n${failures.length} target(s) failed (base seed ${baseSeed}):\n  ${failures.join('\n  ')}`);
    return 1;
  }
  console.log(`\nno failures (seed ${baseSeed})`);
  return 0;
}

if (process.argv[2] === '--child') child(Number(process.argv[3]));
else
  parent().then(
    (code) => process.exit(code),
    (err) => {
      console.error(err);
      process.exit(2);
    },
  );
