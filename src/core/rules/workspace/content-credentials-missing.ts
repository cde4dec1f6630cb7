import type { Rule } from '../../types';

/**
 * A sample the plan says is marked, that is not: no C2PA manifest, no "generated" digital source
 * type, or a manifest that no longer validates. A workspace rule: it needs the files' bytes, so
 * the provenance check (src/core/provenance) reports it with this metadata when a host has read them.
 */
export const contentCredentialsMissing: Rule = {
  meta: {
    name: 'content-credentials-missing',
    description:
      "The plan declares C2PA Content Credentials for its samples, and a sample has none, is not marked as generated, or fails validation.",
    scope: 'workspace',
    defaultSeverity: 'error',
    fixable: false,
    source: 'Ovadya & Whittlestone 2019, §3.4 (detectability, watermarking, referenceability); EU AI Act Art. 50(2)',
    options: {
      trustAnchors: {
        type: 'string',
        default: '',
        description:
          "A PEM file of trust anchors (root or intermediate certificates), relative to the release plan's folder. Manifests whose signer chains to one of them count as trusted; others get an informational note.",
      },
    },
  },
  check() {
    // Reported by the provenance check, which reads the sample files through the host.
  },
};
