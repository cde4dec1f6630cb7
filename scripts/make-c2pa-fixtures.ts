/**
 * Makes the C2PA test media in test/fixtures/provenance/media with real C2PA tooling: the Content
 * Authenticity Initiative's SDK (c2pa-rs as WebAssembly, @contentauth/c2pa-wasm) builds and signs
 * each manifest. Run: `npx tsx scripts/make-c2pa-fixtures.ts`.
 *
 * The signing certificate chain and key are the ES256 test credentials the C2PA SDKs publish in
 * their test fixtures: contentauth/c2pa-python, tests/fixtures/es256_certs.pem and
 * tests/fixtures/es256_private.key ("C2PA Signer", issued by "C2PA Test Intermediate Root CA",
 * OU FOR TESTING_ONLY, valid 2024-08-11 to 2034-08-09). They are copied unchanged into
 * test/fixtures/provenance/certs (see SOURCES.md there). They are public test credentials: a manifest
 * signed with them proves nothing about who made a file.
 *
 * The SDK's signer callback gets the claim bytes and must return the whole COSE_Sign1 structure
 * (the WebAssembly build does no COSE work of its own), padded to the reserved size: the small
 * CBOR encoder below writes it, the signature itself comes from node:crypto.
 *
 * Images are 16×16 PNGs and audio a 0.5 s 440 Hz WAV, drawn here so nothing else is needed.
 */
import { createPrivateKey, sign as cryptoSign, X509Certificate } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { WasmBuilder } from '@contentauth/c2pa-wasm';
import { BytesSlice, initC2pa } from '../src/c2pa/reader';

const ROOT = join(__dirname, '..', 'test', 'fixtures', 'provenance');
const MEDIA = join(ROOT, 'media');
const IPTC = 'http://cv.iptc.org/newscodes/digitalsourcetype/';

// --- media -------------------------------------------------------------------------------------

function pngChunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body) >>> 0);
  return Buffer.concat([len, body, crc]);
}

/** A 16×16 RGB gradient; `tint` changes the colours so every file differs. */
export function png(tint: number): Buffer {
  const w = 16;
  const h = 16;
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  const raw: number[] = [];
  for (let y = 0; y < h; y++) {
    raw.push(0);
    for (let x = 0; x < w; x++) raw.push((x * 16 + tint) & 0xff, (y * 16) & 0xff, (tint * 3) & 0xff);
  }
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), pngChunk('IHDR', ihdr), pngChunk('IDAT', deflateSync(Buffer.from(raw))), pngChunk('IEND', Buffer.alloc(0))]);
}

/** Half a second of a 440 Hz tone, 8 kHz mono 16-bit PCM. */
export function wav(): Buffer {
  const n = 4000;
  const data = Buffer.alloc(n * 2);
  for (let i = 0; i < n; i++) data.writeInt16LE(Math.round(8000 * Math.sin((i * 2 * Math.PI * 440) / 8000)), i * 2);
  const h = Buffer.alloc(44);
  h.write('RIFF', 0, 'latin1');
  h.writeUInt32LE(36 + data.length, 4);
  h.write('WAVE', 8, 'latin1');
  h.write('fmt ', 12, 'latin1');
  h.writeUInt32LE(16, 16);
  h.writeUInt16LE(1, 20);
  h.writeUInt16LE(1, 22);
  h.writeUInt32LE(8000, 24);
  h.writeUInt32LE(16000, 28);
  h.writeUInt16LE(2, 32);
  h.writeUInt16LE(16, 34);
  h.write('data', 36, 'latin1');
  h.writeUInt32LE(data.length, 40);
  return Buffer.concat([h, data]);
}

// --- COSE_Sign1 (RFC 9052) for the signer callback ---------------------------------------------

class Tagged {
  constructor(
    readonly tag: number,
    readonly value: Cbor,
  ) {}
}
type Cbor = null | number | string | Uint8Array | Cbor[] | Map<Cbor, Cbor> | Tagged;

function head(major: number, n: number): Buffer {
  if (n < 24) return Buffer.from([(major << 5) | n]);
  if (n < 0x100) return Buffer.from([(major << 5) | 24, n]);
  if (n < 0x10000) {
    const b = Buffer.alloc(3);
    b[0] = (major << 5) | 25;
    b.writeUInt16BE(n, 1);
    return b;
  }
  const b = Buffer.alloc(5);
  b[0] = (major << 5) | 26;
  b.writeUInt32BE(n, 1);
  return b;
}

function cbor(v: Cbor): Buffer {
  if (v === null) return Buffer.from([0xf6]);
  if (v instanceof Tagged) return Buffer.concat([head(6, v.tag), cbor(v.value)]);
  if (typeof v === 'number') return v >= 0 ? head(0, v) : head(1, -1 - v);
  if (typeof v === 'string') {
    const b = Buffer.from(v, 'utf8');
    return Buffer.concat([head(3, b.length), b]);
  }
  if (v instanceof Uint8Array) return Buffer.concat([head(2, v.length), v]);
  if (Array.isArray(v)) return Buffer.concat([head(4, v.length), ...v.map(cbor)]);
  return Buffer.concat([head(5, v.size), ...[...v].flatMap(([k, x]) => [cbor(k), cbor(x)])]);
}

const RESERVE = 10000;

function makeSigner() {
  const key = createPrivateKey(readFileSync(join(ROOT, 'certs', 'es256_private.key')));
  const pems = readFileSync(join(ROOT, 'certs', 'es256_certs.pem'), 'utf8').match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  const chain = pems.map((p) => new Uint8Array(new X509Certificate(p).raw));
  const coseSign1 = (claim: Uint8Array): Uint8Array => {
    // Protected header: alg ES256 (-7) and the x5chain (33), signer first.
    const protectedHeader = cbor(new Map<Cbor, Cbor>([[1, -7], [33, chain]]));
    const toBeSigned = cbor(['Signature1', protectedHeader, new Uint8Array(0), claim]);
    const signature = cryptoSign('sha256', toBeSigned, { key, dsaEncoding: 'ieee-p1363' });
    const build = (pad: number) => cbor(new Tagged(18, [protectedHeader, new Map<Cbor, Cbor>([['pad', new Uint8Array(pad)]]), null, new Uint8Array(signature)]));
    let pad = RESERVE - build(0).length;
    for (let i = 0; i < 16; i++) {
      const out = build(pad);
      if (out.length === RESERVE) return out;
      pad += out.length < RESERVE ? 1 : -1;
    }
    throw new Error('could not pad the COSE signature to the reserved size');
  };
  return { alg: 'es256', reserveSize: RESERVE, sign: async (bytes: Uint8Array) => coseSign1(bytes) };
}

async function signed(bytes: Buffer, format: string, title: string, sourceType: string): Promise<Buffer> {
  const builder = WasmBuilder.fromJson(JSON.stringify({ claim_generator_info: [{ name: 'impact-notes-fixtures', version: '1' }], title, format }));
  builder.addAction({ action: 'c2pa.created', digitalSourceType: IPTC + sourceType });
  const signer = makeSigner();
  const out = await builder.sign(signer as never, [], format, new BytesSlice(bytes) as unknown as Blob);
  builder.free();
  return Buffer.from(out);
}

async function main(): Promise<void> {
  initC2pa();
  mkdirSync(MEDIA, { recursive: true });
  const write = (name: string, b: Buffer) => {
    writeFileSync(join(MEDIA, name), b);
    console.log(`${name}: ${b.length} bytes`);
  };
  const generated = await signed(png(10), 'image/png', 'generated.png', 'trainedAlgorithmicMedia');
  write('generated.png', generated);
  write('generated.wav', await signed(wav(), 'audio/wav', 'generated.wav', 'trainedAlgorithmicMedia'));
  write('composite.png', await signed(png(40), 'image/png', 'composite.png', 'compositeWithTrainedAlgorithmicMedia'));
  write('plain.png', png(70));
  write('plain.wav', wav());
  write('capture.png', await signed(png(100), 'image/png', 'capture.png', 'digitalCapture'));
  // Altered after signing: one pixel byte inside the compressed image data changes.
  const altered = Buffer.from(await signed(png(130), 'image/png', 'altered.png', 'trainedAlgorithmicMedia'));
  const idat = altered.indexOf('IDAT', 0, 'latin1');
  altered[idat + 12] ^= 0x01;
  write('altered.png', altered);
  // Malformed manifests: the file cut short inside the manifest, and the JUMBF box overwritten.
  const base = await signed(png(160), 'image/png', 'damaged.png', 'trainedAlgorithmicMedia');
  write('truncated.png', base.subarray(0, 3000));
  const garbage = Buffer.from(base);
  const cabx = garbage.indexOf('caBX', 0, 'latin1');
  for (let i = cabx + 40; i < cabx + 400; i++) garbage[i] = (i * 7) & 0xff;
  write('garbage-jumbf.png', garbage);
  // FLAC has no C2PA binding in the SDK: a minimal stream header is enough to be listed as unsupported.
  write('voice.flac', Buffer.concat([Buffer.from('fLaC', 'latin1'), Buffer.alloc(38)]));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
