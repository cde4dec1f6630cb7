import { findTerm, GROUPS, RELEASE_CONTENT, type GroupId, type Term } from '../../taxonomy';
import type { ImpactDoc, Section } from '../../impact/impact-doc';
import { letterOrDigitAround } from '../../util/letters';
import { releaseSchema } from '../../release/validate';
import type { OffsetRange } from '../../source-text';
import { definePairRule } from '../define';
import { didYouMean } from '../../util/suggest';
import { planArtifacts, type PlanArtifact } from './read';

/** What an artifact id in release.yaml may look like (the schema's pattern). */
const ID_RE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
/** File names: a backticked `release.yaml` or `train.py` is not an artifact id. */
const FILE_RE = /\.(md|markdown|ya?ml|json|jsonl|py|ipynb|txt|pt|pth|ckpt|safetensors|onnx|gguf|h5|bin|tex|pdf|zip|tar|gz|tgz|csv|tsv|parquet|sh|js|ts|toml|cfg|ini|wav|mp3|mp4|png|jpe?g)$/i;
/** Versions, numbers and dates. */
const NUMBERISH_RE = /^v?\d[\d.\-_]*$/i;
/** Licence identifiers (SPDX-like) often written in backticks in a release summary. */
const LICENCE_RE = /^(apache|mit|bsd|gpl|lgpl|agpl|cc-|cc0|mpl|openrail|llama|epl|isc|unlicense|bigscience)/i;
const TOOL_NAMES = new Set(['impact-notes', 'release', 'impact']);
/** Taxonomy groups whose terms, in backticks, are not artifact ids (release-content is handled apart). */
const OTHER_GROUPS: GroupId[] = (Object.keys(GROUPS) as GroupId[]).filter((g) => g !== 'release-content');

interface Mention {
  text: string;
  range: OffsetRange;
  /** `code`: a backticked token; `key`: a marker key such as `- **Weights:**`. */
  how: 'code' | 'key';
}

/**
 * Artifacts named in one file and not in the other, matched conservatively (see the doc page):
 * IMPACT.md's Release plan section names artifact ids in backticks and content kinds as marker
 * keys; every release.yaml artifact must be recognisable in that section by its id or its kind.
 */
export const artifactMismatch = definePairRule({
  meta: {
    name: 'artifact-mismatch',
    description: "An artifact is named in IMPACT.md's Release plan section but not in release.yaml, or the other way round.",
    defaultSeverity: 'warning',
    fixable: false,
    suggestions: true,
    source: 'Ovadya & Whittlestone 2019, §3.4 (release content)',
  },
  check(ctx) {
    const impact = ctx.impact;
    const release = ctx.release;
    if (!impact || !release || release.value === undefined) return;
    const section = impact.byId.get('release-plan');
    if (!section) return;
    const artifacts = planArtifacts(release).filter((a) => a.id !== undefined);
    if (!Array.isArray(release.get(['artifacts']))) return;
    const ids = artifacts.map((a) => a.id!);
    const idKeys = new Map(ids.map((id) => [normalise(id), id]));
    const kinds = new Set(artifacts.map((a) => a.content).filter(Boolean) as string[]);
    // Built only when a backticked token needs it: most sections never do.
    let ignorable: Set<string> | undefined;

    // IMPACT.md → release.yaml
    for (const m of mentions(impact, section)) {
      const key = normalise(m.text);
      if (idKeys.has(key)) continue;
      const kind = findTerm('release-content', m.text);
      if (kind) {
        if (kinds.has(kind.id)) continue;
        ctx.report({
          message:
            `The Release plan section names ${m.how === 'code' ? `\`${m.text}\`` : `'${m.text}'`} (${kind.label.toLowerCase()}), but release.yaml lists no ` +
            `${kind.id} artifact. Add it to release.yaml's artifacts (with 'distribution: { kind: private }' if it stays withheld).`,
          file: 'impact',
          range: m.range,
          data: { content: kind.id },
        });
        continue;
      }
      if (m.how !== 'code') continue;
      const guess = didYouMean(m.text, ids);
      if (!guess && isIgnorable(m.text, (ignorable ??= ignorableTokens(release.value, ctx.files)))) continue;
      ctx.report({
        message:
          `The Release plan section names \`${m.text}\`, but release.yaml has no artifact with that id.` +
          (guess ? ` Did you mean '${guess}'?` : ` Artifact ids in release.yaml: ${ids.length ? ids.join(', ') : 'none'}.`),
        file: 'impact',
        range: m.range,
        suggestions: guess ? [{ title: `Change to '${guess}'`, edits: [{ file: 'impact', range: m.range, newText: guess }] }] : undefined,
        data: { artifact: m.text },
      });
    }

    // release.yaml → IMPACT.md
    const text = sectionText(impact, section);
    if (isPlaceholderOnly(text)) return;
    const lower = text.toLowerCase();
    for (const a of artifacts) {
      if (mentionsArtifact(text, lower, a)) continue;
      const kind = a.content ? RELEASE_CONTENT.find((t) => t.id === a.content) : undefined;
      ctx.report({
        message:
          `Artifact '${a.id}'${kind ? ` (${kind.label.toLowerCase()})` : ''} is not mentioned in IMPACT.md's Release plan section ` +
          `(line ${section.heading.line + 1}). Say there what happens to it, naming it by its id${kind ? ` or its kind (${kind.label.toLowerCase()})` : ''}.`,
        file: 'release',
        range: release.rangeOf(['artifacts', a.index, 'id'], 'value'),
        data: { artifact: a.id! },
      });
    }
  },
});

/** Lower case with hyphens, underscores and spaces made equal. */
function normalise(s: string): string {
  return s.trim().toLowerCase().replace(/[\s_-]+/g, '-');
}

/** Backticked id-like tokens and content-kind marker keys in the Release plan section. */
function mentions(doc: ImpactDoc, section: Section): Mention[] {
  const src = doc.source;
  const out: Mention[] = [];
  const last = src.positionAt(section.range.end).line;
  for (let line = section.heading.line + 1; line <= last && line < src.lineCount; line++) {
    if (doc.nonProseLines.has(line)) continue;
    const start = src.lineStart(line);
    if (start >= section.range.end) break;
    const lt = stripComments(src.lineText(line));
    const re = /(`+)([^`]+?)\1(?!`)/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(lt))) {
      const inner = m[2];
      const token = inner.trim();
      if (!ID_RE.test(token)) continue;
      const s = start + m.index + m[1].length + (inner.length - inner.trimStart().length);
      out.push({ text: token, range: { start: s, end: s + token.length }, how: 'code' });
    }
  }
  for (const mk of section.allMarkers) {
    const key = mk.key.replace(/^`|`$/g, '');
    if (out.some((o) => o.range.start >= mk.keyRange.start && o.range.end <= mk.keyRange.end + 1)) continue;
    if (findTerm('release-content', key)) out.push({ text: key, range: mk.keyRange, how: 'key' });
  }
  return out.sort((a, b) => a.range.start - b.range.start);
}

function stripComments(s: string): string {
  return s.replace(/<!--[\s\S]*?(-->|$)/g, (c) => ' '.repeat(c.length));
}

/** Words the IMPACT.md side may put in backticks without meaning an artifact. */
function ignorableTokens(value: unknown, files: readonly string[] | undefined): Set<string> {
  const out = new Set<string>();
  const add = (s: string) => out.add(s.toLowerCase());
  // Every scalar written in release.yaml (licences, processes, stage names…) and every key.
  const walk = (v: unknown, depth: number) => {
    if (depth > 50) return;
    if (typeof v === 'string') add(v.trim());
    else if (Array.isArray(v)) v.forEach((x) => walk(x, depth + 1));
    else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) add(k), walk(x, depth + 1);
  };
  walk(value, 0);
  for (const k of schemaKeys()) out.add(k);
  for (const f of files ?? []) add(f.split('/').pop() ?? f);
  return out;
}

let schemaKeyCache: Set<string> | undefined;

/** Every key the schema knows (computed once: the schema does not change). */
function schemaKeys(): Set<string> {
  if (schemaKeyCache) return schemaKeyCache;
  const out = new Set<string>();
  const walkSchema = (s: unknown, depth: number) => {
    if (depth > 20 || s === null || typeof s !== 'object') return;
    const props = (s as { properties?: Record<string, unknown> }).properties;
    if (props) for (const [k, x] of Object.entries(props)) out.add(k.toLowerCase()), walkSchema(x, depth + 1);
    for (const v of Object.values(s as Record<string, unknown>)) if (v !== props) walkSchema(v, depth + 1);
  };
  walkSchema(releaseSchema(), 0);
  return (schemaKeyCache = out);
}

function isIgnorable(token: string, ignorable: Set<string>): boolean {
  if (/[A-Z]/.test(token)) return true; // names of projects, tools and people rather than ids
  if (!/[a-z]/i.test(token) || NUMBERISH_RE.test(token)) return true;
  if (FILE_RE.test(token) || LICENCE_RE.test(token) || TOOL_NAMES.has(token.toLowerCase())) return true;
  if (ignorable.has(token.toLowerCase())) return true;
  return OTHER_GROUPS.some((g) => findTerm(g, token) !== undefined);
}

/** The section's text without its heading, HTML comments blanked. */
function sectionText(doc: ImpactDoc, section: Section): string {
  const start = doc.source.lineEnd(section.heading.line);
  return stripComments(doc.source.text.slice(start, section.range.end));
}

/** Empty, or nothing but the scaffold's `_TODO: …_` prompt or a bare TODO/TBD (placeholder-text reports those). */
function isPlaceholderOnly(text: string): boolean {
  const t = text.trim();
  return !t || /^[_*]*(TODO|TBD)\b[^\r\n]*$/i.test(t);
}

const phraseMatchers = new Map<string, (text: string) => boolean>();

/**
 * Whether `text` has `phrase` as whole words, in any case, its words separated by any run of spaces,
 * `_` or `-`; as `(?<![\p{L}\p{N}])phrase(?![\p{L}\p{N}])` with the `iu` flags would test, but
 * with the letter test done once per candidate instead of compiling the Unicode classes into every
 * phrase's expression (the costly part of a short run).
 */
export function phraseMatcher(phrase: string): (text: string) => boolean {
  const cached = phraseMatchers.get(phrase);
  if (cached) return cached;
  const body = phrase
    .trim()
    .split(/[\s_-]+/)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))
    .join('[\\s_-]+');
  const re = new RegExp(body, 'giu');
  const matches = (text: string): boolean => {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const end = m.index + m[0].length;
      if (!letterOrDigitAround(text, m.index, true) && !letterOrDigitAround(text, end, false)) return true;
      // The next candidate starts at the next code point.
      re.lastIndex = m.index + (text.codePointAt(m.index)! > 0xffff ? 2 : 1);
    }
    return false;
  };
  if (phraseMatchers.size < 1000) phraseMatchers.set(phrase, matches);
  return matches;
}

/**
 * Whether the text names the artifact (its id, its kind, or an alias of the kind). `lower` is the
 * text in lower case: a phrase whose first word is not in it cannot match, which spares most
 * phrases the Unicode, case-insensitive expression.
 */
function mentionsArtifact(text: string, lower: string, a: PlanArtifact): boolean {
  const phrases = [a.id!];
  const kind: Term | undefined = a.content ? RELEASE_CONTENT.find((t) => t.id === a.content) : undefined;
  if (kind) phrases.push(kind.id, kind.label, ...(kind.aliases ?? []));
  return phrases.some((p) => {
    const first = p.trim().split(/[\s_-]+/)[0].toLowerCase();
    return first !== '' && lower.includes(first) && phraseMatcher(p)(text);
  });
}
