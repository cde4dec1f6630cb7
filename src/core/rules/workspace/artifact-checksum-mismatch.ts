import { article } from '../../provenance/describe';
import type { Fix } from '../../types';
import { defineWorkspaceRule } from '../define';
import { onPlan, type ProvenanceInput } from './inputs';

/** The new `sha256` scalar, keeping the quoting the author used; a bare digest that YAML would read as a number is quoted. */
function digestText(old: string, digest: string): string {
  const q = old.trimStart()[0];
  if (q === '"' || q === "'") return `${q}${digest}${q}`;
  return /^[0-9]+(?:[eE][0-9]+)?$/.test(digest) ? `"${digest}"` : digest;
}

/**
 * An artifact states `sha256:` for its one file, and the file on disk has another digest (or is
 * missing). A workspace rule: hashing needs the file's bytes, so the provenance check runs it with
 * the digests a host computed, and it reports on the stated `sha256`, with a fix that writes the
 * current digest.
 */
export const artifactChecksumMismatch = defineWorkspaceRule<ProvenanceInput>({
  meta: {
    name: 'artifact-checksum-mismatch',
    description: "An artifact's 'sha256' differs from the SHA-256 of the file its paths name, or names no single file.",
    defaultSeverity: 'error',
    fixable: true,
    source: 'Ovadya & Whittlestone 2019, §3.4 (referenceability: a released artifact can be identified later)',
  },
  checkWorkspace(input, ctx) {
    if (!input.hashes) return;
    const source = input.plan.source;
    for (const c of input.provenance.checksums) {
      if (c.problem) {
        ctx.report(onPlan(input, `The sha256 of ${article(c)} cannot be checked: ${c.problem}. A checksum needs paths to name exactly one file.`, c.range));
        continue;
      }
      if (!c.expected) {
        ctx.report(onPlan(input, `The sha256 of ${article(c)} is not a SHA-256 digest (64 hexadecimal digits).`, c.range));
        continue;
      }
      const got = c.file ? input.hashes.get(c.file) : undefined;
      if (!got || !c.file) continue;
      if ('error' in got) {
        ctx.report(onPlan(input, `'${c.file}' of ${article(c)} could not be hashed: ${got.error}.`, c.range, { data: { file: c.file } }));
        continue;
      }
      if (got.sha256 === c.expected) continue;
      const fix: Fix = { title: `Write the current SHA-256 of '${c.file}'`, edits: [{ file: 'release', range: c.range, newText: digestText(source.text.slice(c.range.start, c.range.end), got.sha256) }] };
      ctx.report(onPlan(input, `'${c.file}' of ${article(c)} has SHA-256 ${got.sha256}, not the ${c.expected.slice(0, 12)}… the plan states: the file changed since the digest was written, or the digest is wrong.`, c.range, { fix, data: { file: c.file, sha256: got.sha256 } }));
    }
  },
});
