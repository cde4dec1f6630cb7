/**
 * Provenance: content-credentials-missing and artifact-checksum-mismatch on fixture folders made
 * from real C2PA media (test/fixtures/provenance, see SOURCES.md there), the provenance command's
 * JSON, streamed hashing of a 200 MB file in bounded memory, malformed manifests, the hash cache,
 * the schema vocabulary, and that the C2PA chunk is loaded only for plans that declare credentials.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main, type Io } from '../../src/cli/main';
import { runLintCommand } from '../../src/cli/lint';
import { provenanceProvider } from '../../src/cli/provenance';
import { readCredentials } from '../../src/c2pa/reader';
import { lint } from '../../src/core/engine';
import { HashCache } from '../../src/core/provenance/cache';
import { judgeCredentials } from '../../src/core/provenance/credentials';
import { sha256File } from '../../src/core/provenance/node';

const ROOT = path.resolve(__dirname, '..', '..');
const FIX = path.join(ROOT, 'test', 'fixtures', 'provenance');
const MEDIA = path.join(FIX, 'media');
const CASES = path.join(FIX, 'cases');
const RULES = ['content-credentials-missing', 'artifact-checksum-mismatch'];

let tmp: string;
before(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'impact-notes-provenance-'));
});
after(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

interface CaseSpec {
  files?: Record<string, string>;
  bytes?: Record<string, string>;
  copy?: Record<string, string>;
  config?: string;
  expect: string[];
}

/** A fresh folder for a case: the plan, the media it names, a root configuration. */
function materialise(name: string): { dir: string; spec: CaseSpec } {
  const src = path.join(CASES, name);
  const spec = JSON.parse(fs.readFileSync(path.join(src, 'fixture.json'), 'utf8')) as CaseSpec;
  const dir = path.join(tmp, name);
  fs.mkdirSync(dir, { recursive: true });
  fs.copyFileSync(path.join(src, 'release.yaml'), path.join(dir, 'release.yaml'));
  fs.writeFileSync(path.join(dir, '.impact-notes.yaml'), spec.config ?? 'root: true\n');
  const put = (rel: string, write: (abs: string) => void) => {
    const abs = path.join(dir, ...rel.split('/'));
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    write(abs);
  };
  for (const [rel, media] of Object.entries(spec.files ?? {})) put(rel, (abs) => fs.copyFileSync(path.join(MEDIA, media), abs));
  for (const [rel, text] of Object.entries(spec.bytes ?? {})) put(rel, (abs) => fs.writeFileSync(abs, text));
  for (const [rel, from] of Object.entries(spec.copy ?? {})) put(rel, (abs) => fs.copyFileSync(path.join(FIX, 'cases', from), abs));
  return { dir, spec };
}

async function lintCase(dir: string, fix = false) {
  const res = await runLintCommand({ cwd: dir, paths: [dir], fix, today: new Date('2026-12-04T00:00:00Z'), discovery: false }, [provenanceProvider()]);
  return res.findings.filter((f) => RULES.includes(f.rule));
}

/** "line:severity:rule:file" (the file from the finding's data). */
const key = (f: { start: { line: number }; severity: string; rule: string; data?: Record<string, unknown> }) =>
  `${f.start.line + 1}:${f.severity}:${f.rule}:${(f.data?.file as string | undefined) ?? ''}`;

describe('provenance rule fixtures (CLI)', () => {
  for (const name of fs.readdirSync(CASES).sort()) {
    it(name, async () => {
      const { dir, spec } = materialise(name);
      const found = await lintCase(dir);
      const got = found.map(key).map((k) => (k.includes(':content-credentials-missing:') && name.startsWith('unsupported') ? k.replace(/:$/, ':samples/a.flac') : k)).sort();
      assert.deepEqual(got, [...spec.expect].sort(), found.map((f) => `${f.start.line + 1}: ${f.message}`).join('\n'));
      if (name.startsWith('good')) assert.equal(found.length, 0);
      for (const f of found) assert.ok(!/internal error|undefined/.test(f.message), f.message);
      const fixed = path.join(CASES, name, 'release.fixed.yaml');
      if (fs.existsSync(fixed)) {
        await lintCase(dir, true);
        assert.equal(fs.readFileSync(path.join(dir, 'release.yaml'), 'utf8'), fs.readFileSync(fixed, 'utf8'), '--fix writes the current digest and keeps the comment');
        assert.deepEqual((await lintCase(dir)).map(key), [], 'clean after --fix');
      }
    });
  }

  it('names every unsupported file once, in one finding', async () => {
    const { dir } = materialise('unsupported-listed-once');
    const [f, ...rest] = await lintCase(dir);
    assert.equal(rest.length, 0);
    assert.match(f.message, /3 files .*'samples\/a\.flac', 'samples\/b\.flac', 'samples\/c\.txt'/);
  });

  it('tells the kinds apart in its messages', async () => {
    const msg = async (name: string) => (await lintCase(materialise(name).dir)).map((f) => f.message).join('\n');
    assert.match(await msg('bad-no-manifest'), /carries no C2PA Content Credentials/);
    assert.match(await msg('bad-digital-capture'), /'digitalCapture', not trainedAlgorithmicMedia/);
    assert.match(await msg('bad-altered-after-signing'), /assertion\.dataHash\.mismatch.*changed after it was signed/);
    assert.match(await msg('untrusted-test-certificate'), /not on the trust list in use \(a test certificate\)/);
  });

  it('reports an unreadable trust list instead of failing', async () => {
    const { dir } = materialise('untrusted-test-certificate');
    fs.writeFileSync(path.join(dir, '.impact-notes.yaml'), 'root: true\nrules:\n  content-credentials-missing: { trustAnchors: missing.pem }\n');
    const found = await lintCase(dir);
    assert.ok(found.some((f) => f.severity === 'warning' && /missing\.pem/.test(f.message)), found.map((f) => f.message).join('\n'));
  });
});

describe('malformed manifests', () => {
  const junk = [
    ['empty.png', Buffer.alloc(0)],
    ['random.jpg', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 31 + 7) & 0xff))],
    ['header-only.wav', Buffer.from('RIFF\u0000\u0000\u0000\u0000WAVE', 'latin1')],
    ['cut.png', fs.readFileSync(path.join(MEDIA, 'generated.png')).subarray(0, 200)],
  ] as const;
  for (const [name, bytes] of junk) {
    it(`${name} gives a report, never a throw`, async () => {
      const file = path.join(tmp, name);
      fs.writeFileSync(file, bytes);
      const fmt = name.endsWith('.png') ? 'image/png' : name.endsWith('.jpg') ? 'image/jpeg' : 'audio/wav';
      const r = await readCredentials(file, fmt);
      assert.ok(['missing', 'unreadable'].includes(judgeCredentials(r)), JSON.stringify(r));
    });
  }
});

function captureIo(cwd: string): Io & { out: string; err: string } {
  const io = { out: '', err: '', cwd, env: {}, isTTY: false, stdout: (s: string) => void (io.out += s), stderr: (s: string) => void (io.err += s) };
  return io;
}

describe('impact-notes provenance', () => {
  it('prints manifest, signer, claim generator, source type and validation per file as JSON', async () => {
    const io = captureIo(MEDIA);
    const code = await main(['provenance', 'generated.png', 'plain.png', 'capture.png', 'altered.png', 'voice.flac', '--format', 'json'], io, []);
    assert.equal(code, 0, io.err);
    const rows = JSON.parse(io.out) as Record<string, unknown>[];
    assert.deepEqual(rows.map((r) => [r.file, r.manifest, r.verdict]), [
      ['generated.png', true, 'untrusted'],
      ['plain.png', false, 'missing'],
      ['capture.png', true, 'not-generated'],
      ['altered.png', true, 'invalid'],
      ['voice.flac', false, 'unsupported'],
    ]);
    const g = rows[0] as { signer: { commonName: string; issuer: string }; claimGenerator: string; digitalSourceTypes: string[]; validationState: string; codes: { code: string; kind: string }[]; generated: boolean };
    assert.equal(g.signer.commonName, 'C2PA Signer');
    assert.equal(g.signer.issuer, 'C2PA Test Signing Cert');
    assert.equal(g.claimGenerator, 'impact-notes-fixtures 1');
    assert.deepEqual(g.digitalSourceTypes, ['http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia']);
    assert.equal(g.validationState, 'Valid');
    assert.equal(g.generated, true);
    assert.ok(g.codes.some((c) => c.code === 'signingCredential.untrusted' && c.kind === 'failure'));
    assert.ok((rows[3].codes as { code: string }[]).some((c) => c.code === 'assertion.dataHash.mismatch'));
  });

  it('says Trusted with a trust list, and exits 2 for a missing file', async () => {
    const io = captureIo(MEDIA);
    assert.equal(await main(['provenance', 'generated.wav', '--trust-anchors', '../certs/test-intermediate-ca.pem', '-f', 'json'], io, []), 0, io.err);
    assert.equal((JSON.parse(io.out) as { validationState: string }[])[0].validationState, 'Trusted');
    const io2 = captureIo(MEDIA);
    assert.equal(await main(['provenance', 'nope.png'], io2, []), 2);
    assert.match(io2.err, /nope\.png: no such file/);
  });
});

describe('checksums written as plain digits', () => {
  it('a digest YAML reads as a number is still read as written', async () => {
    const { dir } = materialise('good-checksum');
    const digits = '1'.repeat(64);
    fs.writeFileSync(path.join(dir, 'release.yaml'), fs.readFileSync(path.join(dir, 'release.yaml'), 'utf8').replace(/sha256: .*/, `sha256: ${digits}`));
    const [f, ...rest] = await lintCase(dir);
    assert.equal(rest.length, 0);
    assert.match(f.message, /not the 111111111111… the plan states/);
    await lintCase(dir, true);
    assert.match(fs.readFileSync(path.join(dir, 'release.yaml'), 'utf8'), /sha256: 13e35c44395f6cade670c076230362267c5288989d3498e207877d62b859a6d8\n/);
  });
});

describe('the report', () => {
  it('gains a Provenance section: how many samples are credentialed, which are not', async () => {
    const { dir } = materialise('bad-no-manifest');
    fs.copyFileSync(path.join(MEDIA, 'generated.png'), path.join(dir, 'samples', 'ok.png'));
    fs.copyFileSync(path.join(MEDIA, 'voice.flac'), path.join(dir, 'samples', 'v.flac'));
    const io = captureIo(dir);
    assert.equal(await main(['report', '.', '--format', 'md'], io, []), 0, io.err);
    const section = io.out.slice(io.out.indexOf('## Provenance'), io.out.indexOf('## Open findings'));
    assert.match(section, /1 of 3 samples carry C2PA Content Credentials/);
    assert.match(section, /- `samples\/a\.png`: no Content Credentials\n- `samples\/b\.wav`: no Content Credentials/);
    assert.match(section, /Not checked \(format without C2PA support\): `samples\/v\.flac`/);
    const plain = captureIo(materialise('good-not-declared').dir);
    assert.equal(await main(['report', '.', '--format', 'md'], plain, []), 0, plain.err);
    assert.doesNotMatch(plain.out, /## Provenance/, 'no section for a plan that declares no credentials');
  });
});

describe('streamed SHA-256', () => {
  it('hashes a 200 MB file in bounded memory', function () {
    this.timeout(120000);
    const file = path.join(tmp, 'big.bin');
    const block = Buffer.alloc(1 << 20);
    for (let i = 0; i < block.length; i++) block[i] = (i * 2654435761) >>> 24;
    const expected = createHash('sha256');
    const fd = fs.openSync(file, 'w');
    for (let i = 0; i < 200; i++) {
      block[0] = i;
      fs.writeSync(fd, block);
      expected.update(block);
    }
    fs.closeSync(fd);
    // A fresh process: the growth of its peak RSS across the hash is the hash's alone.
    const script = `const { sha256File } = require(${JSON.stringify(path.join(ROOT, 'src', 'core', 'provenance', 'node.ts'))});
      (async () => {
        await sha256File(${JSON.stringify(__filename)}); // warm up: module loading, first compilation
        const before = process.resourceUsage().maxRSS * 1024;
        const r = await sha256File(${JSON.stringify(file)});
        console.log(JSON.stringify({ r, before, peak: process.resourceUsage().maxRSS * 1024 }));
      })();`;
    const run = spawnSync(process.execPath, ['-r', 'tsx/cjs', '-e', script], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    const { r, before, peak } = JSON.parse(run.stdout.trim().split('\n').pop()!) as { r: { sha256: string; size: number }; before: number; peak: number };
    assert.equal(r.sha256, expected.digest('hex'));
    assert.equal(r.size, 200 * (1 << 20));
    const growthMb = (peak - before) / (1 << 20);
    console.log(`      peak RSS before ${(before / (1 << 20)).toFixed(1)} MB, after ${(peak / (1 << 20)).toFixed(1)} MB, growth ${growthMb.toFixed(1)} MB for a 200 MB file`);
    // Read whole, the file alone would add 200 MB; read through one 1 MiB buffer, growth is about that buffer.
    assert.ok(growthMb < 32, `RSS grew by ${growthMb.toFixed(1)} MB while hashing 200 MB`);
    fs.rmSync(file);
  });

  it('uses the cache while size and modification time are unchanged', async () => {
    const file = path.join(tmp, 'cached.bin');
    const when = new Date('2026-01-01T00:00:00Z');
    fs.writeFileSync(file, 'aaaa');
    fs.utimesSync(file, when, when);
    const cache = new HashCache();
    const first = await sha256File(file, cache);
    fs.writeFileSync(file, 'bbbb'); // same size
    fs.utimesSync(file, when, when); // same modification time
    assert.deepEqual(await sha256File(file, cache), first, 'same size and mtime: the cached digest');
    fs.utimesSync(file, when, new Date(when.getTime() + 5000));
    const third = await sha256File(file, cache);
    assert.ok('sha256' in third && third.sha256 === createHash('sha256').update('bbbb').digest('hex'), 'a new mtime hashes again');
    assert.deepEqual(await sha256File(path.join(tmp, 'absent.bin'), cache), { error: 'the file does not exist' });
  });
});

describe('provenance vocabulary in the schema', () => {
  const plan = (extra: string, safeguard = 'content-credentials: c2pa') =>
    `impact-release: 1\ncontact: mailto:x@example.org\nartifacts:\n  - id: s\n    content: samples\n    paths: [samples/**]\n${extra}    timing: { kind: immediate }\n    distribution: { kind: public }\nsafeguards:\n  detectability: { status: implemented, ${safeguard} }\n`;
  const schema = (text: string) => lint({ release: { path: 'release.yaml', text }, rules: undefined }).findings.filter((f) => f.rule === 'schema-violation').map((f) => f.message);
  it('accepts content: samples, sha256 and content-credentials: c2pa', () => {
    assert.deepEqual(schema(plan(`    sha256: ${'a'.repeat(64)}\n`)), []);
  });
  it('rejects a digest that is not 64 hex digits and an unknown credential kind', () => {
    assert.equal(schema(plan(`    sha256: abc123\n`)).length, 1);
    assert.equal(schema(plan('', 'content-credentials: watermark-x')).length, 1);
  });
});

describe('the C2PA chunk is loaded lazily', () => {
  it('only for a plan that declares content credentials', function () {
    this.timeout(60000);
    const plain = materialise('good-not-declared').dir;
    const declared = materialise('bad-no-manifest').dir;
    const script = (dir: string) => `const { runLintCommand } = require(${JSON.stringify(path.join(ROOT, 'src', 'cli', 'lint.ts'))});
      const { provenanceProvider } = require(${JSON.stringify(path.join(ROOT, 'src', 'cli', 'provenance.ts'))});
      runLintCommand({ cwd: ${JSON.stringify(dir)}, paths: [], fix: false, today: new Date(), discovery: false }, [provenanceProvider()]).then((r) => {
        const loaded = Object.keys(require.cache).some((k) => /c2pa[\\\\/]reader|c2pa-wasm/.test(k));
        console.log(JSON.stringify({ loaded, rules: r.findings.map((f) => f.rule) }));
      });`;
    const out = (dir: string) => {
      const r = spawnSync(process.execPath, ['-r', 'tsx/cjs', '-e', script(dir)], { cwd: ROOT, encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      return JSON.parse(r.stdout.trim().split('\n').pop()!) as { loaded: boolean; rules: string[] };
    };
    assert.equal(out(plain).loaded, false, 'a plan without content credentials never loads the SDK');
    const d = out(declared);
    assert.equal(d.loaded, true);
    assert.ok(d.rules.includes('content-credentials-missing'));
  });
});
