import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { renderValidator, VALIDATOR_FILE } from '../../scripts/gen-validator';

describe('precompiled release.yaml validator', () => {
  it('is up to date with the schema (run `npx tsx scripts/gen-validator.ts`)', () => {
    assert.equal(fs.readFileSync(VALIDATOR_FILE, 'utf8'), renderValidator());
  });
});
