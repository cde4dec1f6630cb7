/**
 * Hover help, as pure functions: what a taxonomy term, an IMPACT.md heading or key, or a release.yaml
 * key or value means. Hovers read the parsed documents; the Markdown escapes everything that came
 * from the author's text. The VS Code hover provider and the language server are thin adapters.
 */
import { isMap, isScalar, isSeq, type Node as YamlNode } from '../util/yaml';
import type { ImpactDoc, Marker, Section } from '../impact/impact-doc';
import type { ReleaseDoc, YamlPath } from '../release/release-doc';
import { findSection, findStage, findTerm, GROUPS, type GroupId, type PathStage, type SectionDef, type Term } from '../taxonomy';
import type { OffsetRange } from '../source-text';
import { descriptionAt, enumAt, groupForEnum, propertiesAt } from './schema';

export interface HelpOptions {
  /** Link target for docs/taxonomy.md (a URI string); anchors are appended. No link when unset. */
  taxonomyDocUrl?: string;
}

export interface Help {
  /** The word or key the help is about (offsets into the text). */
  range: OffsetRange;
  /** Markdown. Everything user-written in it is escaped. */
  markdown: string;
  term?: Term;
}

// ---------------------------------------------------------------------------------------------
// Markdown for terms, stages and sections
// ---------------------------------------------------------------------------------------------

/** The anchor docs/taxonomy.md gets for a heading (GitHub and VS Code slugs agree on these). */
export function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s-]/gu, '')
    .replace(/\s/g, '-');
}

function docLink(opts: HelpOptions | undefined, heading: string): string {
  return opts?.taxonomyDocUrl ? ` · [Taxonomy](${opts.taxonomyDocUrl}#${slug(heading)})` : '';
}

const STAGE_LABEL: Record<string, string> = { awareness: 'awareness', deployment: 'deployment', 'sustained-use': 'sustained use' };

/** Hover text for a taxonomy term: definition, the question it asks, rating guide, source, link. */
export function termMarkdown(term: Term, opts?: HelpOptions & { rating?: string }): string {
  const group = GROUPS[term.group];
  const where = term.stage ? `${group.label}, ${STAGE_LABEL[term.stage]} stage` : group.label;
  const out = [`**${term.label}** (\`${term.id}\`) · ${where}`, '', term.definition];
  if (term.question) out.push('', `*Ask:* ${term.question}`);
  if (term.ratingGuide) {
    const guide = term.ratingGuide;
    const only = opts?.rating && opts.rating in guide ? [opts.rating as keyof typeof guide] : (['low', 'medium', 'high'] as const);
    out.push('', ...only.map((r) => `- **${r}:** ${guide[r]}`));
  }
  out.push('', `Source: ${term.source}${docLink(opts, group.label)}`);
  return out.join('\n');
}

export function stageMarkdown(stage: PathStage, opts?: HelpOptions): string {
  return [
    `**${stage.label}** · Path to harm stage`,
    '',
    stage.question,
    '',
    `Factors: ${stage.factors.map((f) => f.label).join(', ')}.`,
    '',
    `Source: ${stage.source}${docLink(opts, 'Path to Harm')}`,
  ].join('\n');
}

export function sectionMarkdown(def: SectionDef, opts?: HelpOptions): string {
  const required =
    def.required === true ? 'Required section' : def.required === 'synthetic-media' ? 'Required for synthetic media' : 'Optional section';
  return [`**${def.title}** · ${required} of IMPACT.md`, '', def.prompt, '', `Source: ${def.source}${docLink(opts, 'IMPACT.md sections')}`].join('\n');
}

function groupMarkdown(groupId: GroupId, intro: string, opts?: HelpOptions): string {
  const g = GROUPS[groupId];
  return [intro, '', ...g.terms.map((t) => `- \`${t.id}\`: ${t.definition}`), '', `Source: ${g.source}${docLink(opts, g.label)}`].join('\n');
}

const APPLIES_HELP = [
  '**Applies** · Hazard assessment',
  '',
  'Whether this hazard type applies to the work: `yes`, `no` or `unsure`. Follow it with a rationale that says why.',
].join('\n');

// ---------------------------------------------------------------------------------------------
// IMPACT.md hover
// ---------------------------------------------------------------------------------------------

const within = (r: OffsetRange, offset: number) => offset >= r.start && offset <= r.end;

/** The word (letters, digits, hyphens, apostrophes, spaces not included) around an offset. */
function wordAt(text: string, offset: number, range: OffsetRange): { word: string; range: OffsetRange } | undefined {
  const isWord = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}'-]/u.test(c);
  let s = offset;
  let e = offset;
  while (s > range.start && isWord(text[s - 1])) s--;
  while (e < range.end && isWord(text[e])) e++;
  if (s === e) return undefined;
  return { word: text.slice(s, e), range: { start: s, end: e } };
}

export const RATCHET_KEYS = ['position', 'current-position', 'ratchet-position', 'access-ratchet', 'access-ratchet-position', 'current', 'stage'];

function markerKeyHelp(section: Section | undefined, m: Marker, opts?: HelpOptions): Help | undefined {
  const range = m.keyRange;
  const sid = section?.id;
  const byGroup = (g: GroupId) => {
    const t = findTerm(g, m.key);
    return t ? { range, markdown: termMarkdown(t, opts), term: t } : undefined;
  };
  if (sid === 'hazards') {
    if (m.keyId === 'applies') return { range, markdown: APPLIES_HELP };
    return byGroup('hazard-type');
  }
  if (sid === 'access-ratchet' && RATCHET_KEYS.includes(m.keyId))
    return { range, markdown: groupMarkdown('ratchet-position', '**Access ratchet position**: where the capability stands today.', opts) };
  if (sid === 'indirect-harms') return byGroup('indirect-harm');
  if (sid === 'harmed-parties') return byGroup('harmed-party');
  if (sid === 'detection-guidance') return byGroup('defensive-contribution');
  if (sid === 'mitigations') return byGroup('safeguard') ?? byGroup('defensive-contribution');
  if (sid === 'capability' && (m.keyId === 'modality' || m.keyId === 'modalities'))
    return { range, markdown: groupMarkdown('modality', '**Modality**: the kinds of media the method produces or alters.', opts) };
  // Factor names are unique across the taxonomy: recognise them in any section.
  return byGroup('path-to-harm');
}

function markerValueHelp(doc: ImpactDoc, section: Section | undefined, m: Marker, offset: number, opts?: HelpOptions): Help | undefined {
  const factor = findTerm('path-to-harm', m.key) ?? (section?.id === 'indirect-harms' ? findTerm('indirect-harm', m.key) : undefined);
  if (factor && m.rating && within(m.rating.range, offset)) {
    const rating = findTerm('rating', m.rating.text);
    if (!rating) return undefined;
    const md = termMarkdown(rating, opts);
    const guide = factor.ratingGuide && rating.id in factor.ratingGuide ? factor.ratingGuide[rating.id as 'low' | 'medium' | 'high'] : undefined;
    return {
      range: m.rating.range,
      markdown: guide ? `${md}\n\n**${rating.label} ${factor.label.toLowerCase()}:** ${guide}` : md,
      term: rating,
    };
  }
  const w = wordAt(doc.source.text, offset, m.valueRange);
  if (!w) return undefined;
  if (section?.id === 'access-ratchet' && RATCHET_KEYS.includes(m.keyId)) {
    // Positions can be several words ("no known interest"): try the whole leading value first.
    const head = m.rating ?? { text: m.value, range: m.valueRange };
    const t = findTerm('ratchet-position', head.text) ?? findTerm('ratchet-position', w.word);
    if (t) return { range: within(head.range, offset) ? head.range : w.range, markdown: termMarkdown(t, opts), term: t };
    return undefined;
  }
  if (section?.id === 'capability' && (m.keyId === 'modality' || m.keyId === 'modalities')) {
    const t = findTerm('modality', w.word);
    if (t) return { range: w.range, markdown: termMarkdown(t, opts), term: t };
  }
  if (section?.id === 'hazards' && m.keyId === 'applies') return undefined;
  return undefined;
}

/** Hover help at an offset of IMPACT.md: section headings, hazard and stage sub-headings, factor keys, ratings and other terms. */
export function impactHoverAt(doc: ImpactDoc, offset: number, opts?: HelpOptions): Help | undefined {
  for (const section of doc.sections) {
    if (within(section.heading.range, offset)) {
      const def = findSection(section.heading.text);
      return def ? { range: section.heading.range, markdown: sectionMarkdown(def, opts) } : undefined;
    }
    if (offset < section.range.start || offset > section.range.end) continue;
    for (const sub of section.subsections) {
      if (!within(sub.heading.range, offset)) continue;
      const range = sub.heading.range;
      if (section.id === 'hazards') {
        const t = findTerm('hazard-type', sub.heading.text);
        return t ? { range, markdown: termMarkdown(t, opts), term: t } : undefined;
      }
      if (section.id === 'path-to-harm') {
        const stage = findStage(sub.heading.text);
        if (stage) return { range, markdown: stageMarkdown(stage, opts) };
        const t = findTerm('path-to-harm', sub.heading.text);
        return t ? { range, markdown: termMarkdown(t, opts), term: t } : undefined;
      }
      if (section.id === 'harmed-parties') {
        const t = findTerm('harmed-party', sub.heading.text);
        return t ? { range, markdown: termMarkdown(t, opts), term: t } : undefined;
      }
      return undefined;
    }
    for (const m of section.allMarkers) {
      if (within(m.keyRange, offset)) return markerKeyHelp(section, m, opts);
      if (within(m.valueRange, offset)) return markerValueHelp(doc, section, m, offset, opts);
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// release.yaml hover
// ---------------------------------------------------------------------------------------------
function pathText(path: YamlPath): string {
  return path.map((s, i) => (typeof s === 'number' ? '[]' : i === 0 ? s : `.${s}`)).join('');
}

export function isSafeguardsPath(parent: YamlPath): boolean {
  return parent.length === 1 && parent[0] === 'safeguards';
}

/** Hover text for a key of release.yaml at a path ("artifacts", 0, "timing", "kind"). */
export function releaseKeyMarkdown(path: YamlPath, opts?: HelpOptions): string | undefined {
  const key = path[path.length - 1];
  if (typeof key !== 'string') return undefined;
  const parent = path.slice(0, -1);
  const props = propertiesAt(parent);
  if (!props || !(key in props.properties)) return undefined;
  const out = [`**${key}** · \`${pathText(path)}\`${props.required.includes(key) ? ' (required)' : ''}`];
  const safeguard = isSafeguardsPath(parent) ? findTerm('safeguard', key) : undefined;
  if (safeguard) out.push('', termMarkdown(safeguard, opts));
  const desc = descriptionAt(path);
  if (desc) out.push('', desc);
  const values = enumAt(path);
  if (values && values.length > 1) out.push('', `Values: ${values.map((v) => `\`${v}\``).join(', ')}`);
  return out.join('\n');
}

/** Hover text for a value of release.yaml at a path: the taxonomy term for enum values. */
export function releaseValueMarkdown(path: YamlPath, value: string, opts?: HelpOptions): { markdown: string; term?: Term } | undefined {
  const values = enumAt(path);
  if (!values || !values.includes(value)) return undefined;
  const group = groupForEnum(values);
  const term = group ? findTerm(group, value) : undefined;
  if (term) return { markdown: termMarkdown(term, opts), term };
  const desc = descriptionAt(path);
  return desc ? { markdown: `\`${value}\` · ${desc}` } : undefined;
}

/** Hover help at an offset of release.yaml (keys and enum values), using the parsed document. */
export function releaseHoverAt(release: ReleaseDoc, offset: number, opts?: HelpOptions): Help | undefined {
  const root = release.doc?.contents as YamlNode | null | undefined;
  const hit = locate(root, offset, []);
  if (!hit) return undefined;
  if (hit.on === 'key') {
    const markdown = releaseKeyMarkdown(hit.path, opts);
    return markdown ? { range: hit.range, markdown } : undefined;
  }
  const v = releaseValueMarkdown(hit.path, hit.value ?? '', opts);
  return v ? { range: hit.range, markdown: v.markdown, term: v.term } : undefined;
}

interface Located {
  path: (string | number)[];
  on: 'key' | 'value';
  range: OffsetRange;
  value?: string;
}

function locate(node: YamlNode | null | undefined, offset: number, path: (string | number)[]): Located | undefined {
  const inRange = (n: { range?: [number, number, number] | null } | null | undefined) => !!n?.range && offset >= n.range[0] && offset <= n.range[1];
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = pair.key as YamlNode | null;
      if (!isScalar(key)) continue;
      const name = String(key.value);
      if (inRange(key)) return { path: [...path, name], on: 'key', range: { start: key.range![0], end: key.range![1] } };
      const value = pair.value as YamlNode | null;
      if (isScalar(value) && inRange(value))
        return { path: [...path, name], on: 'value', range: { start: value.range![0], end: value.range![1] }, value: String(value.value) };
      if ((isMap(value) || isSeq(value)) && inRange(value)) return locate(value, offset, [...path, name]);
    }
    return undefined;
  }
  if (isSeq(node)) {
    for (let i = 0; i < node.items.length; i++) {
      const item = node.items[i] as YamlNode | null;
      if (isScalar(item) && inRange(item)) return { path: [...path, i], on: 'value', range: { start: item.range![0], end: item.range![1] }, value: String(item.value) };
      if ((isMap(item) || isSeq(item)) && inRange(item)) return locate(item, offset, [...path, i]);
    }
  }
  return undefined;
}
