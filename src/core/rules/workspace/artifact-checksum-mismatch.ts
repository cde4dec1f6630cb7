import type { Rule } from '../../types';

/**
 * An artifact states `sha256:` for its one file, and the file on disk has another digest (or is
 * missing). A workspace rule: hashing needs the file's bytes, so the provenance check reports it.
 */
export const artifactChecksumMismatch: Rule = {
  meta: {
    name: 'artifact-checksum-mismatch',
    description: "An artifact's 'sha256' differs from the SHA-256 of the file its paths name, or names no single file.",
    scope: 'workspace',
    defaultSeverity: 'error',
    fixable: true,
    source: 'Ovadya & Whittlestone 2019, §3.4 (referenceability: a released artifact can be identified later)',
  },
  check() {
    // Reported by the provenance check, which hashes the file through the host.
  },
};
