/**
 * Provenance of released files: what C2PA Content Credentials a sample carries and whether a
 * released file still has the SHA-256 its plan states. Plain data, shared by the core (which turns
 * it into findings, report lines and tree items) and the hosts that read files (the Node reader in
 * node.ts and the C2PA chunk it loads on demand). Nothing here reads a file.
 */

/**
 * File extensions whose formats the C2PA SDK we load (c2pa-rs through @contentauth/c2pa-wasm) reads
 * and validates, with the media type it is given. FLAC, OGG and the like have no C2PA binding in
 * that SDK and count as unsupported.
 */
export const C2PA_FORMATS: Readonly<Record<string, string>> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  avif: 'image/avif',
  heic: 'image/heic',
  heif: 'image/heif',
  gif: 'image/gif',
  tif: 'image/tiff',
  tiff: 'image/tiff',
  dng: 'image/dng',
  svg: 'image/svg+xml',
  wav: 'audio/wav',
  mp3: 'audio/mpeg',
  m4a: 'audio/mp4',
  mp4: 'video/mp4',
  mov: 'video/quicktime',
  avi: 'video/avi',
  pdf: 'application/pdf',
};

/** The media type C2PA is read with, or undefined when the SDK cannot carry credentials in this format. */
export function c2paFormatOf(path: string): string | undefined {
  const m = /\.([A-Za-z0-9]+)$/.exec(path);
  const ext = m?.[1].toLowerCase();
  return ext && Object.prototype.hasOwnProperty.call(C2PA_FORMATS, ext) ? C2PA_FORMATS[ext] : undefined;
}

/** IPTC digital source types that say the content was generated (http://cv.iptc.org/newscodes/digitalsourcetype/). */
export const GENERATED_SOURCE_TYPES = ['trainedAlgorithmicMedia', 'compositeWithTrainedAlgorithmicMedia', 'algorithmicMedia'] as const;

/** The last segment of an IPTC digital source type URI ("trainedAlgorithmicMedia"). */
export function sourceTypeName(uri: string): string {
  const s = uri.trim().replace(/\/+$/, '');
  return s.slice(s.lastIndexOf('/') + 1);
}

export function isGeneratedSourceType(uri: string): boolean {
  return (GENERATED_SOURCE_TYPES as readonly string[]).includes(sourceTypeName(uri));
}

export interface ValidationCode {
  code: string;
  explanation?: string;
  /** success, informational or failure, as the SDK sorts them for the active manifest. */
  kind: 'success' | 'informational' | 'failure';
}

/** What one file's Content Credentials say, as read by the C2PA SDK. */
export interface CredentialReport {
  /** The path as the host named it. */
  path: string;
  /** Media type it was read as; undefined for an unsupported format. */
  format?: string;
  /** False when the format cannot carry C2PA credentials in the SDK we use. */
  supported: boolean;
  /** Whether a C2PA manifest store was found. */
  manifest: boolean;
  activeManifest?: string;
  /** Subject common name and organisation of the signing certificate. */
  signer?: { commonName?: string; issuer?: string; alg?: string; serial?: string; time?: string };
  /** "name version" of each claim generator. */
  claimGenerator?: string;
  /** digitalSourceType URIs declared by the active manifest's actions (and assertions). */
  digitalSourceTypes: string[];
  /** The SDK's verdict: Invalid, Valid (integrity holds) or Trusted (signer chains to the trust list). */
  validationState?: 'Invalid' | 'Valid' | 'Trusted';
  codes: ValidationCode[];
  /** Why the credentials could not be read (a truncated file, a damaged JUMBF box…). */
  error?: string;
}

/** How a sample stands, as the content-credentials-missing rule judges it. */
export type CredentialVerdict =
  | 'ok' // valid, marked as generated, signer on the trust list
  | 'untrusted' // valid and marked, signer outside the trust list in use (informational)
  | 'missing' // no manifest
  | 'not-generated' // the active manifest declares no generated digital source type
  | 'invalid' // hash binding or claim signature fails: changed after signing
  | 'unreadable' // the manifest is there but cannot be parsed
  | 'unsupported'; // a format without C2PA support here

export function judgeCredentials(r: CredentialReport): CredentialVerdict {
  if (!r.supported) return 'unsupported';
  if (r.error !== undefined) return 'unreadable';
  if (!r.manifest) return 'missing';
  if (r.validationState === 'Invalid') {
    // An untrusted signer alone leaves the state Valid; Invalid means a hash or signature failed.
    if (failureCodes(r).length) return 'invalid';
  }
  if (!r.digitalSourceTypes.some(isGeneratedSourceType)) return 'not-generated';
  if (r.validationState !== 'Trusted') return 'untrusted';
  return 'ok';
}

/** The failure codes that made a manifest invalid, for messages. */
export function failureCodes(r: CredentialReport): string[] {
  return r.codes.filter((c) => c.kind === 'failure' && c.code !== 'signingCredential.untrusted').map((c) => c.code);
}


/** How the samples of a plan stand, for the report and the tree. */
export interface ProvenanceSummary {
  /** Samples under a samples artifact's paths (supported formats). */
  total: number;
  /** Samples marked as generated whose manifest validates (trusted or not). */
  credentialed: number;
  /** Samples that are not, with the reason. */
  lacking: { file: string; verdict: CredentialVerdict }[];
  /** Files in formats that cannot carry credentials here. */
  unsupported: string[];
}

export const VERDICT_LABEL: Record<CredentialVerdict, string> = {
  ok: 'credentialed, signer trusted',
  untrusted: 'credentialed, signer not on the trust list',
  missing: 'no Content Credentials',
  'not-generated': 'not marked as generated',
  invalid: 'changed after signing',
  unreadable: 'credentials cannot be read',
  unsupported: 'format without C2PA support',
};

export function summarizeProvenance(samples: readonly { file: string; report: CredentialReport }[]): ProvenanceSummary {
  const out: ProvenanceSummary = { total: 0, credentialed: 0, lacking: [], unsupported: [] };
  for (const { file, report } of samples) {
    const v = judgeCredentials(report);
    if (v === 'unsupported') {
      out.unsupported.push(file);
      continue;
    }
    out.total++;
    if (v === 'ok' || v === 'untrusted') out.credentialed++;
    else out.lacking.push({ file, verdict: v });
  }
  return out;
}
