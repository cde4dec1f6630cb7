/**
 * Provenance in the CLI: the lint provider that reports `content-credentials-missing` and
 * `artifact-checksum-mismatch` for every release plan that makes such a claim (hashes always run
 * here), and `impact-notes provenance <files…>`, which shows what each file's Content Credentials
 * say. The C2PA reader is loaded only when a plan declares content credentials or the command runs.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Command } from 'commander';
import { Option } from 'commander';
import { HashCache } from '../core/provenance/cache';
import { c2paFormatOf, isGeneratedSourceType, judgeCredentials, sourceTypeName, type CredentialReport, type CredentialVerdict } from '../core/provenance/credentials';
import { checkProvenance, loadC2pa } from '../core/provenance/node';
import { parseRelease } from '../core/release/parse';
import { provenanceRules } from '../core/rules/workspace';
import type { Finding } from '../core/types';
import { isIgnored } from './find-pairs';
import { listFiles, readForLint } from './fs-host';
import type { FindingProvider } from './lint';
import type { Io } from './main';

/** Cheap test before parsing: a plan that mentions neither has nothing for these rules. */
const MENTIONS = /content-credentials|sha256/;

export function provenanceProvider(): FindingProvider {
  const cache = new HashCache();
  return {
    name: 'provenance',
    kind: 'other',
    rules: provenanceRules.map((r) => r.meta),
    async provide(ctx) {
      const out: Finding[] = [];
      for (const pair of ctx.pairs) {
        if (!pair.release) continue;
        const { config, ignores } = await ctx.configFor(pair.dir);
        const read = readForLint(pair.release, config.maxFileSize);
        if (!read || read.unreadable || !MENTIONS.test(read.text)) continue;
        const release = parseRelease(pair.release, read.text);
        if (!release.doc) continue;
        const files = listFiles(pair.dir, { cap: 100000, skip: (abs, isDir) => isIgnored(abs, ignores, isDir) });
        const res = await checkProvenance({ planFile: pair.release, release, config, files, cache });
        out.push(...res.findings);
      }
      return out;
    },
  };
}

export interface ProvenanceRow {
  file: string;
  format?: string;
  supported: boolean;
  manifest: boolean;
  signer?: CredentialReport['signer'];
  claimGenerator?: string;
  digitalSourceTypes: string[];
  generated: boolean;
  validationState?: string;
  codes: CredentialReport['codes'];
  verdict: CredentialVerdict;
  error?: string;
}

function row(file: string, r: CredentialReport): ProvenanceRow {
  const verdict = judgeCredentials(r);
  return {
    file,
    format: r.format,
    supported: r.supported,
    manifest: r.manifest,
    signer: r.signer,
    claimGenerator: r.claimGenerator,
    digitalSourceTypes: r.digitalSourceTypes,
    generated: r.digitalSourceTypes.some(isGeneratedSourceType),
    validationState: r.validationState,
    codes: r.codes,
    verdict,
    error: r.error,
  };
}

const VERDICT_TEXT: Record<CredentialVerdict, string> = {
  ok: 'marked as generated, valid, signer trusted',
  untrusted: 'marked as generated, valid, signer not on the trust list',
  missing: 'no Content Credentials',
  'not-generated': 'Content Credentials do not say it was generated',
  invalid: 'fails validation (changed after signing)',
  unreadable: 'Content Credentials cannot be read',
  unsupported: 'format cannot carry C2PA Content Credentials here',
};

function stylish(rows: ProvenanceRow[]): string {
  const lines: string[] = [];
  for (const r of rows) {
    lines.push(`${r.file}: ${VERDICT_TEXT[r.verdict]}`);
    if (!r.manifest || !r.supported) continue;
    if (r.error) lines.push(`  error: ${r.error}`);
    if (r.signer) lines.push(`  signer: ${[r.signer.commonName, r.signer.issuer].filter(Boolean).join(', ') || 'unknown'}${r.signer.alg ? ` (${r.signer.alg})` : ''}`);
    if (r.claimGenerator) lines.push(`  claim generator: ${r.claimGenerator}`);
    if (r.digitalSourceTypes.length) lines.push(`  digital source type: ${r.digitalSourceTypes.map(sourceTypeName).join(', ')}`);
    if (r.validationState) lines.push(`  validation: ${r.validationState}`);
    const fails = r.codes.filter((c) => c.kind === 'failure').map((c) => c.code);
    if (fails.length) lines.push(`  failures: ${fails.join(', ')}`);
  }
  return lines.join('\n') + (lines.length ? '\n' : '');
}

interface ProvenanceFlags {
  format: 'stylish' | 'json';
  trustAnchors?: string;
}

/** `impact-notes provenance <files…> [--format json] [--trust-anchors file.pem]`. Exit 0, or 2 when a file does not exist. */
export function registerProvenanceCommand(program: Command, io: Io, setExit: (code: number) => void, usage: (msg: string) => Error): void {
  program
    .command('provenance')
    .description("Show each file's C2PA Content Credentials: manifest, signer, claim generator, digital source type and validation state.")
    .argument('<files...>', 'media files to read')
    .addOption(new Option('-f, --format <name>', 'output format').choices(['stylish', 'json']).default('stylish'))
    .option('--trust-anchors <file>', 'a PEM file of trusted root or intermediate certificates')
    .action(async (files: string[], flags: ProvenanceFlags) => {
      let trustAnchors: string | undefined;
      if (flags.trustAnchors) {
        try {
          trustAnchors = fs.readFileSync(path.resolve(io.cwd, flags.trustAnchors), 'utf8');
        } catch (err) {
          throw usage(`--trust-anchors: ${(err as Error).message}`);
        }
        if (!trustAnchors.includes('-----BEGIN CERTIFICATE-----')) throw usage(`--trust-anchors: ${flags.trustAnchors} holds no PEM certificate.`);
      }
      const rows: ProvenanceRow[] = [];
      let failed = false;
      for (const f of files) {
        const abs = path.resolve(io.cwd, f);
        let st: fs.Stats | undefined;
        try {
          st = fs.statSync(abs);
        } catch {
          st = undefined;
        }
        if (!st?.isFile()) {
          io.stderr(`impact-notes: ${f}: no such file.\n`);
          failed = true;
          continue;
        }
        const format = c2paFormatOf(f);
        const report: CredentialReport = format
          ? await loadC2pa().readCredentials(abs, format, { trustAnchors })
          : { path: f, supported: false, manifest: false, digitalSourceTypes: [], codes: [] };
        rows.push(row(f, report));
      }
      io.stdout(flags.format === 'json' ? JSON.stringify(rows, null, 2) + '\n' : stylish(rows));
      setExit(failed ? 2 : 0);
    });
}
