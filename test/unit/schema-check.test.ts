/**
 * The schema walker (src/core/release/schema-check.ts) against Ajv, compiled at test time from the
 * same schema with the options the product used to ship (allErrors, no messages): the same errors,
 * in the same order, on every release plan in the repository's fixtures and examples, on plans the
 * fuzz generator draws from the schema, and on hand-written edge cases.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import fc from 'fast-check';
import { parse } from 'yaml';
import { date } from '../../src/core/release/date';
import { schemaErrors, type SchemaNode } from '../../src/core/release/schema-check';
import { buildSchema } from '../../src/core/release/schema';
import { planNode, type YNode } from '../fuzz/gen-release';

const ROOT = path.join(__dirname, '..', '..');
const schema = buildSchema();

const ajv = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true, messages: false });
ajv.addFormat('date', date);
const validate = ajv.compile(schema);

function ajvErrors(data: unknown) {
  validate(data);
  return (validate.errors ?? []).map((e) => ({ instancePath: e.instancePath, schemaPath: e.schemaPath, keyword: e.keyword, params: e.params }));
}

function agree(data: unknown, what: string): void {
  assert.deepStrictEqual(schemaErrors(schema as SchemaNode, data), ajvErrors(data), what);
}

function releasePlans(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'node_modules' && !e.name.startsWith('.')) releasePlans(p, out);
    } else if (/^release.*\.ya?ml$/.test(e.name)) out.push(p);
  }
  return out;
}

function toData(n: YNode): unknown {
  if (n.k === 'scalar') return n.v;
  if (n.k === 'seq') return n.items.map(toData);
  const o: Record<string, unknown> = {};
  for (const [k, v] of n.entries) o[k] = toData(v);
  return o;
}

describe('release.yaml schema check agrees with Ajv', () => {
  it('on every release plan in the fixtures and examples', () => {
    const files = [...releasePlans(path.join(ROOT, 'test', 'fixtures')), ...releasePlans(path.join(ROOT, 'examples'))];
    assert.ok(files.length > 50, `${files.length} plans`);
    let read = 0;
    for (const f of files) {
      let data: unknown;
      try {
        data = parse(fs.readFileSync(f, 'utf8'), { uniqueKeys: false, logLevel: 'silent' });
      } catch {
        continue; // not YAML: the product never validates it
      }
      read++;
      agree(data, path.relative(ROOT, f));
    }
    assert.ok(read > 50, `${read} plans read`);
  });

  it('on plans drawn from the schema by the fuzz generator', () => {
    fc.assert(
      fc.property(planNode, (n) => {
        agree(toData(n), JSON.stringify(toData(n)));
      }),
      { numRuns: 600, seed: 20261205 },
    );
  });

  it('on edge cases: wrong types everywhere, astral characters, odd keys, anyOf and if/then', () => {
    const cases: unknown[] = [
      null,
      [],
      'text',
      42,
      {},
      { 'impact-release': 2, artifacts: 'x' },
      { 'impact-release': 1, artifacts: [], title: '', modality: ['audio', 'smell'], review: { level: 'full', date: '2026-02-30', next: 5 } },
      { 'impact-release': 1, artifacts: [{ id: '-bad', content: 'weights', timing: { kind: 'staged', stages: [{}] }, distribution: { kind: 'safety-levels', levels: [] } }] },
      { 'impact-release': 1, artifacts: [{ id: 'w', content: 'trained-model', timing: { kind: 'timed' }, distribution: { kind: 'ask-for-access' }, 'a/b~c': 1 }] },
      { 'impact-release': 1, artifacts: [{ id: 'w', content: 'paper', timing: 'immediate', distribution: [], sha256: 'xyz' }], withdrawal: { triggers: [1] } },
      { 'impact-release': 1, artifacts: [], withdrawal: '', contact: '😀', modality: [] },
      { 'impact-release': 1, artifacts: [], title: '😀' },
      { 'impact-release': 1, artifacts: [], safeguards: { consent: { status: 'planned', due: '2026-1-1' }, watermarking: 'yes' } },
      { 'impact-release': 1, artifacts: [{ id: 'w', content: 'samples', timing: { kind: 'periodic', every: '' }, distribution: { kind: 'private' } }] },
    ];
    cases.forEach((c, i) => agree(c, `case ${i}: ${JSON.stringify(c)}`));
  });
});
