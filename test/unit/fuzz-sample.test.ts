/**
 * A short sample of the fuzzing in test/fuzz (the long run is `npm run fuzz`): a few hundred
 * generated and mutated inputs through every target, with the same invariants (no exception, no
 * internal error, ranges inside the file, deterministic output, fixes idempotent and losing no
 * text, scaffold and answers structural, report and exports escaped), in well under 30 seconds.
 *
 * The seed is fixed so the suite is repeatable; FUZZ_SEED=<n> samples other inputs. A failure
 * names the seed and fast-check's path, saves the input under test-results/fuzz-failures/, and
 * prints the command that replays it.
 */
import * as assert from 'node:assert/strict';
import { runUnit, saveFailure, type Unit } from '../fuzz/harness';
import { loadReport, TARGETS } from '../fuzz/targets';

const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) | 0 : 20260601;

/** Inputs per target in the sample (about 1,000 in all). */
const SAMPLE: Record<string, number> = {
  'impact-gen': 180,
  'release-gen': 180,
  'pair-gen': 90,
  'impact-mut': 150,
  'release-mut': 150,
  'pair-mut': 75,
  'fix-gen': 25,
  'fix-mut': 25,
  scaffold: 50,
  answers: 50,
  report: 30,
};

describe(`fuzz sample (seed ${SEED}; the long run is npm run fuzz)`, function () {
  this.timeout(120_000);

  it('every fuzz target is sampled', () => {
    assert.deepEqual(TARGETS.map((t) => t.name).sort(), Object.keys(SAMPLE).sort());
  });

  TARGETS.forEach((target, i) => {
    it(`${target.name}: ${target.description}`, function () {
      if (target.name === 'report' && !loadReport()) this.skip();
      const unit: Unit = { target: target.name, seed: (SEED + i * 7919) | 0, runs: SAMPLE[target.name] ?? 20, index: 0 };
      const r = runUnit(unit, undefined, () => undefined);
      if (r.failure) {
        const cmd = `FUZZ_TARGET=${unit.target} FUZZ_UNIT_SEED=${unit.seed} FUZZ_RUNS=${unit.runs}${r.failure.path ? ` FUZZ_PATH=${r.failure.path}` : ''} npm run fuzz`;
        const dir = saveFailure(r, r.failure.message, cmd);
        assert.fail(`${r.failure.message.split('\n').slice(0, 8).join('\n')}\n  input saved to ${dir}\n  replay: ${cmd}`);
      }
      assert.equal(r.numRuns, unit.runs);
    });
  });
});
