/**
 * Running one unit of fuzzing (a target, a seed, a number of runs) and saving what fails. Shared by
 * `npm run fuzz` (test/fuzz/run.ts) and the short sample in the unit tests.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { FuzzFailure } from './check';
import { TARGETS, type Target } from './targets';

export const ROOT = path.join(__dirname, '..', '..');
export const OUT = path.join(ROOT, 'test-results');
export const FAILURES = path.join(OUT, 'fuzz-failures');

export interface Unit {
  target: string;
  seed: number;
  runs: number;
  index: number;
  path?: string;
}

export interface Slow {
  target: string;
  ms: number;
  seed: number;
  files: Record<string, string>;
}

export interface UnitResult {
  unit: Unit;
  numRuns: number;
  failure?: { message: string; invariant: string; path?: string; files: Record<string, string>; shrinks: number };
  slowest: Slow[];
  totalMs: number;
  /** Checks run, shrinking included (totalMs is over these). */
  calls: number;
}

export function targetByName(name: string): Target {
  const t = TARGETS.find((x) => x.name === name);
  if (!t) throw new Error(`Unknown fuzz target '${name}'. Targets: ${TARGETS.map((x) => x.name).join(', ')}`);
  return t;
}

// ---------------------------------------------------------------------------------------------
// One unit, in whichever process runs it
// ---------------------------------------------------------------------------------------------

export function runUnit(unit: Unit, scratch: string | undefined, onProgress: (runs: number) => void): UnitResult {
  const target = targetByName(unit.target);
  const slowest: Slow[] = [];
  let totalMs = 0;
  let calls = 0;
  let allCalls = 0;
  let lastReport = Date.now();
  const property = fc.property(target.arbitrary, (input) => {
    if (scratch) fs.writeFileSync(scratch, JSON.stringify({ unit, files: safeFiles(target, input) }));
    const ms = target.check(input);
    totalMs += ms;
    calls++;
    allCalls++;
    if (slowest.length < 5 || ms > slowest[slowest.length - 1].ms) {
      slowest.push({ target: unit.target, ms, seed: unit.seed, files: safeFiles(target, input) });
      slowest.sort((a, b) => b.ms - a.ms);
      slowest.length = Math.min(slowest.length, 5);
    }
    if (Date.now() - lastReport > 1000) {
      onProgress(calls);
      calls = 0;
      lastReport = Date.now();
    }
  });
  const details = fc.check(property, { seed: unit.seed, numRuns: unit.runs, path: unit.path, endOnFailure: false });
  onProgress(calls);
  const result: UnitResult = { unit, numRuns: details.numRuns, slowest, totalMs, calls: allCalls };
  if (details.failed) {
    const err = details.errorInstance as Error | undefined;
    const input = details.counterexample?.[0];
    result.failure = {
      message: err?.message ?? String(details.errorInstance),
      invariant: err instanceof FuzzFailure ? err.invariant : 'exception',
      path: details.counterexamplePath ?? undefined,
      files: input === undefined ? {} : safeFiles(target, input),
      shrinks: details.numShrinks,
    };
    if (!(err instanceof FuzzFailure) && err?.stack) result.failure.message += '\n' + err.stack;
  }
  return result;
}

function safeFiles(target: Target, input: unknown): Record<string, string> {
  try {
    return target.files(input);
  } catch (err) {
    return { 'input.json': JSON.stringify(input, null, 2) ?? String(input), 'files-error.txt': String(err) };
  }
}

export function saveFailure(r: UnitResult, why: string, reproduce: string): string {
  const dir = path.join(FAILURES, `${r.unit.target}-${r.unit.seed >>> 0}`);
  fs.mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(r.failure?.files ?? {})) fs.writeFileSync(path.join(dir, name), text);
  fs.writeFileSync(path.join(dir, 'FAILURE.txt'), `${why}\n\nReproduce:\n  ${reproduce}\n`);
  return path.relative(ROOT, dir);
}

