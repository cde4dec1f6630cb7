/**
 * Editor help, as pure functions: what a taxonomy term or release.yaml key means (hover text), and
 * which keys and values are valid at a position of release.yaml or after a factor key in IMPACT.md
 * (completions). The VS Code hover and completion providers are thin adapters over this module, so
 * everything here runs and is tested in plain Node.
 *
 * release.yaml positions are computed from indentation and the current line (block mappings,
 * sequences, one-line flow collections), not from a full parse, because the text being typed is
 * usually not valid YAML yet; hovers use the parsed document. Keys and values come from the JSON
 * Schema (release/schema.ts), which is itself built from the taxonomy.
 */
import { isMap, isScalar, isSeq, type Node as YamlNode } from 'yaml';
import type { ImpactDoc, Marker, Section } from './impact/model';
import type { ReleaseDoc, YamlPath } from './release/model';
import { buildSchema } from './release/schema';
import {
  findSection,
  findStage,
  findTerm,
  GROUPS,
  ids,
  RATINGS,
  type GroupId,
  type PathStage,
  type SectionDef,
  type Term,
} from './taxonomy';
import type { OffsetRange } from './text';

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

/** Escapes Markdown punctuation in text that came from a document. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, (c) => `\\${c}`);
}

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

const RATCHET_KEYS = ['position', 'current-position', 'ratchet-position', 'access-ratchet', 'access-ratchet-position', 'current', 'stage'];

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
// release.yaml schema lookups
// ---------------------------------------------------------------------------------------------

type Schema = Record<string, unknown> & {
  description?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  anyOf?: Schema[];
  enum?: unknown[];
  const?: unknown;
  type?: string;
  required?: string[];
};

let schemaCache: Schema | undefined;
function rootSchema(): Schema {
  return (schemaCache ??= buildSchema() as Schema);
}

/** A schema and the alternatives it stands for (its `anyOf` branches, flattened). */
function variants(s: Schema | undefined): Schema[] {
  if (!s) return [];
  if (!s.anyOf) return [s];
  return [s, ...s.anyOf.flatMap(variants)];
}

/** The schema nodes that describe the value at a path (several when `anyOf` allows several shapes). */
export function schemasAt(path: YamlPath): Schema[] {
  let current: Schema[] = [rootSchema()];
  for (const seg of path) {
    const next: Schema[] = [];
    for (const s of current.flatMap(variants)) {
      if (typeof seg === 'string' && s.properties && Object.prototype.hasOwnProperty.call(s.properties, seg)) next.push(s.properties[seg]);
      if (typeof seg === 'number' && s.items) next.push(s.items);
    }
    if (next.length === 0) return [];
    current = next;
  }
  return current;
}

function descriptionAt(path: YamlPath): string | undefined {
  for (const s of schemasAt(path)) for (const v of variants(s)) if (v.description) return v.description;
  return undefined;
}

/** The object properties valid at a path, with their schemas (first shape that is an object). */
export function propertiesAt(path: YamlPath): { properties: Record<string, Schema>; required: string[] } | undefined {
  for (const s of schemasAt(path).flatMap(variants)) if (s.properties) return { properties: s.properties, required: s.required ?? [] };
  return undefined;
}

/** The values an enum (or const) at a path allows; for "one or a list" also the list items' values. */
export function enumAt(path: YamlPath): string[] | undefined {
  for (const s of schemasAt(path).flatMap(variants)) {
    if (Array.isArray(s.enum)) return s.enum.map(String);
    if (s.const !== undefined) return [String(s.const)];
  }
  return undefined;
}

const ENUM_GROUPS: GroupId[] = [
  'release-content',
  'release-timing',
  'release-distribution',
  'review-level',
  'modality',
  'safeguard',
  'safeguard-status',
  'safeguard-enforcement',
  'artifact-purpose',
];

/** The taxonomy group an enum was built from (all of the group's ids are in it), if any. */
export function groupForEnum(values: readonly string[]): GroupId | undefined {
  return ENUM_GROUPS.find((g) => ids(g).every((id) => values.includes(id)));
}

function pathText(path: YamlPath): string {
  return path.map((s, i) => (typeof s === 'number' ? '[]' : i === 0 ? s : `.${s}`)).join('');
}

function isSafeguardsPath(parent: YamlPath): boolean {
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

// ---------------------------------------------------------------------------------------------
// release.yaml: where is the cursor? (indentation and the current line)
// ---------------------------------------------------------------------------------------------

export interface YamlCursor {
  /** 'key': a key of the mapping at `path` goes here; 'value': the value at `path` goes here. */
  kind: 'key' | 'value';
  path: (string | number)[];
  /** The partial word being typed and its range (offsets). */
  prefix: string;
  range: OffsetRange;
  /** Keys already present in the mapping (for 'key'). */
  existing: string[];
  /** Inside a one-line flow collection (`{ kind: … }`): insert plain text, no block structure. */
  flow: boolean;
}

interface Entry {
  col: number;
  kind: 'dash' | 'key';
  key?: string;
  /** For keys: nothing follows the colon (a block collection or scalar starts on the next lines). */
  opensBlock?: boolean;
}

const KEY_RE = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#:{}[\],&*!|>'"%@`-][^#:]*?|-[^\s#:][^#:]*?)[ \t]*:(?=[ \t]|$)/;

function unquote(k: string): string {
  if (k.startsWith('"')) return k.slice(1, -1).replace(/\\(.)/g, '$1');
  if (k.startsWith("'")) return k.slice(1, -1).replace(/''/g, "'");
  return k.trim();
}

/** Structure of one line: sequence dashes and the mapping key, with their columns. */
function lineEntries(line: string): Entry[] | undefined {
  const trimmed = line.trim();
  if (!trimmed || trimmed.startsWith('#') || trimmed === '---' || trimmed === '...') return undefined;
  const entries: Entry[] = [];
  let i = line.length - line.trimStart().length;
  for (;;) {
    if (line[i] === '-' && (i + 1 === line.length || line[i + 1] === ' ' || line[i + 1] === '\t')) {
      entries.push({ col: i, kind: 'dash' });
      i++;
      while (line[i] === ' ' || line[i] === '\t') i++;
      continue;
    }
    break;
  }
  const m = KEY_RE.exec(line.slice(i));
  if (m) {
    const after = line.slice(i + m[0].length).replace(/^[ \t]*/, '');
    entries.push({ col: i, kind: 'key', key: unquote(m[1]), opensBlock: after === '' || after.startsWith('#') });
  }
  if (entries.length === 0) entries.push({ col: i, kind: 'key' }); // a plain scalar line: counts for its column only
  return entries;
}

function splitLines(text: string): { lines: string[]; starts: number[] } {
  const lines: string[] = [];
  const starts: number[] = [];
  const re = /\r\n|\r|\n/g;
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    lines.push(text.slice(last, m.index));
    starts.push(last);
    last = m.index + m[0].length;
  }
  lines.push(text.slice(last));
  starts.push(last);
  return { lines, starts };
}

/** Index of the sequence item whose dash sits at `col` on line `lineNo`. */
function seqIndex(lines: string[], lineNo: number, col: number): number {
  let n = 0;
  for (let j = lineNo - 1; j >= 0; j--) {
    const e = lineEntries(lines[j]);
    if (!e) continue;
    const first = e[0];
    if (first.col < col) break;
    if (first.col === col) {
      if (first.kind === 'dash') n++;
      else break; // a key at the dash's column: the parent of a non-indented sequence
    }
  }
  return n;
}

/**
 * The path of the collection that holds a node starting at column `target` on line `lineNo`: walk
 * up to entries at lower columns. `afterDash`: the node is a sequence item, so a key at the same
 * column that opens a block (`artifacts:` above `- id: x`) is the sequence's parent.
 */
function parentPath(lines: string[], lineNo: number, target: number, startedByDash: boolean): (string | number)[] {
  const path: (string | number)[] = [];
  let col = target;
  let afterDash = startedByDash;
  for (let j = lineNo - 1; j >= 0; j--) {
    const entries = lineEntries(lines[j]);
    if (!entries) continue;
    for (let k = entries.length - 1; k >= 0; k--) {
      const e = entries[k];
      if (e.col > col) continue;
      if (e.col === col) {
        if (afterDash && e.kind === 'key') {
          if (!e.opensBlock || e.key === undefined) return path; // another key ends the sequence
          path.unshift(e.key);
          afterDash = false;
        }
        continue; // a sibling
      }
      if (e.kind === 'dash') {
        path.unshift(seqIndex(lines, j, e.col));
        afterDash = true;
      } else if (e.key !== undefined) {
        path.unshift(e.key);
        afterDash = false;
      } else {
        return path; // a plain scalar line further left: nothing we can place
      }
      col = e.col;
    }
    if (col === 0 && !afterDash) break;
  }
  return path;
}

/** Keys already present in the block mapping whose keys sit at `col`, around line `lineNo`. */
function siblingKeys(lines: string[], lineNo: number, col: number): string[] {
  const keys: string[] = [];
  const visit = (j: number): boolean => {
    const entries = lineEntries(lines[j]);
    if (!entries) return true;
    if (entries[0].col < col) {
      // The line that opens this mapping (`- id: x`) still holds one of its keys.
      const k = entries.find((e) => e.kind === 'key' && e.col === col && e.key !== undefined);
      if (k && entries[0].kind === 'dash') keys.push(k.key!);
      return false;
    }
    const k = entries.find((e) => e.kind === 'key' && e.col === col && e.key !== undefined);
    if (k && entries[0].col === col) keys.push(k.key!);
    if (entries[0].col === col && entries[0].kind === 'dash') return false; // the next sequence item
    return true;
  };
  for (let j = lineNo - 1; j >= 0 && visit(j); j--);
  for (let j = lineNo + 1; j < lines.length; j++) {
    const entries = lineEntries(lines[j]);
    if (!entries) continue;
    if (entries[0].col < col || (entries[0].col === col && entries[0].kind === 'dash')) break;
    const k = entries.find((e) => e.kind === 'key' && e.col === col && e.key !== undefined);
    if (k && entries[0].col === col) keys.push(k.key!);
  }
  return keys;
}

/** Where the cursor is in a release.yaml text: which key or value goes there, at which schema path. */
export function yamlCursorAt(text: string, offset: number): YamlCursor | undefined {
  const { lines, starts } = splitLines(text);
  let lineNo = starts.length - 1;
  while (lineNo > 0 && starts[lineNo] > offset) lineNo--;
  const line = lines[lineNo];
  const col = Math.min(offset - starts[lineNo], line.length);
  const prefixText = line.slice(0, col);
  if (inComment(prefixText)) return undefined;

  // Leading structure of the current line, up to the cursor.
  let i = prefixText.length - prefixText.trimStart().length;
  const dashes: number[] = [];
  while (prefixText[i] === '-' && (prefixText[i + 1] === ' ' || prefixText[i + 1] === '\t')) {
    dashes.push(i);
    i++;
    while (prefixText[i] === ' ' || prefixText[i] === '\t') i++;
  }
  const itemCol = i;
  const startCol = dashes.length ? dashes[0] : itemCol;
  const base = parentPath(lines, lineNo, startCol, dashes.length > 0);
  for (const d of dashes) base.push(d === dashes[0] ? seqIndex(lines, lineNo, d) : 0);
  const rest = prefixText.slice(itemCol);
  const word = /[^\s:{}[\],#]*$/.exec(rest)![0];
  const range = { start: offset - word.length, end: offset + (/^[^\s:{}[\],#]*/.exec(line.slice(col))![0].length) };

  const keyMatch = KEY_RE.exec(rest);
  if (!keyMatch) {
    if (rest.startsWith('{') || rest.startsWith('[')) return flowCursor(rest, base, offset, range);
    // Typing a key (or a scalar list item).
    return { kind: 'key', path: base, prefix: word, range, existing: siblingKeys(lines, lineNo, itemCol).filter((k) => k !== word), flow: false };
  }
  const key = unquote(keyMatch[1]);
  const valuePart = rest.slice(keyMatch[0].length).replace(/^[ \t]*/, '');
  if (valuePart.startsWith('{') || valuePart.startsWith('[')) return flowCursor(valuePart, [...base, key], offset, range);
  if (/^["']/.test(valuePart)) return undefined;
  return { kind: 'value', path: [...base, key], prefix: word, range, existing: [], flow: false };
}

function inComment(prefix: string): boolean {
  let quote: string | undefined;
  for (let i = 0; i < prefix.length; i++) {
    const c = prefix[i];
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") {
      if (i === 0 || /[\s:[{,]/.test(prefix[i - 1])) quote = c;
    } else if (c === '#' && (i === 0 || /\s/.test(prefix[i - 1]))) return true;
  }
  return false;
}

interface Frame {
  type: 'map' | 'seq';
  key?: string;
  afterColon: boolean;
  index: number;
  keys: string[];
}

/** The cursor inside a one-line flow collection that starts at `text[0]`. */
function flowCursor(text: string, base: (string | number)[], _offset: number, range: OffsetRange): YamlCursor | undefined {
  const stack: Frame[] = [];
  let token = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const top = stack[stack.length - 1];
    if (c === '"' || c === "'") {
      const end = text.indexOf(c, i + 1);
      if (end < 0) return undefined; // inside a quoted string
      token += text.slice(i, end + 1);
      i = end;
      continue;
    }
    if (c === '{' || c === '[') {
      stack.push({ type: c === '{' ? 'map' : 'seq', afterColon: false, index: 0, keys: [] });
      token = '';
    } else if (c === '}' || c === ']') {
      stack.pop();
      if (stack.length === 0) return undefined; // the cursor is after the collection
      token = '';
    } else if (c === ',') {
      if (top?.type === 'map') {
        if (top.key) top.keys.push(top.key);
        else if (token.trim()) top.keys.push(unquote(token.trim()));
        top.key = undefined;
        top.afterColon = false;
      } else if (top) top.index++;
      token = '';
    } else if (c === ':' && top?.type === 'map' && !top.afterColon && (i + 1 === text.length || /\s/.test(text[i + 1]))) {
      top.key = unquote(token.trim());
      top.afterColon = true;
      token = '';
    } else {
      token += c;
    }
  }
  if (stack.length === 0) return undefined;
  const path = [...base];
  for (let k = 0; k < stack.length - 1; k++) {
    const f = stack[k];
    if (f.type === 'map') {
      if (!f.key) return undefined;
      path.push(f.key);
    } else path.push(f.index);
  }
  const top = stack[stack.length - 1];
  const prefix = token.trimStart();
  if (top.type === 'seq') return { kind: 'value', path: [...path, top.index], prefix, range, existing: [], flow: true };
  if (top.afterColon) return { kind: 'value', path: [...path, top.key!], prefix, range, existing: [], flow: true };
  return { kind: 'key', path, prefix, range, existing: top.keys, flow: true };
}

// ---------------------------------------------------------------------------------------------
// Completions
// ---------------------------------------------------------------------------------------------

export interface HelpCompletion {
  label: string;
  kind: 'key' | 'value';
  /** Short text shown beside the label. */
  detail?: string;
  /** Markdown. */
  documentation?: string;
  /** Snippet syntax ($1, ${1|a,b|}, $0); tabs stand for one indentation step. */
  insertText: string;
  sortText?: string;
}

export interface CompletionSet {
  /** The text the chosen item replaces. */
  range: OffsetRange;
  items: HelpCompletion[];
}

function snippetEscape(s: string): string {
  return s.replace(/[$}\\,|]/g, (c) => `\\${c}`);
}

function choice(n: number, values: readonly string[]): string {
  return values.length === 1 ? `\${${n}:${snippetEscape(values[0])}}` : `\${${n}|${values.map(snippetEscape).join(',')}|}`;
}

function isObjectSchema(s: Schema | undefined): boolean {
  return variants(s).some((v) => !!v.properties);
}

function isArraySchema(s: Schema | undefined): Schema | undefined {
  return variants(s).find((v) => v.type === 'array' && !v.anyOf)?.items;
}

/** What to insert for `key` whose schema is `s`, in block or flow context. */
function keySnippet(key: string, path: YamlPath, flow: boolean): string {
  const s = schemasAt(path)[0];
  const values = enumAt(path);
  const plain = variants(s).find((v) => v.type === 'string' || v.const !== undefined || Array.isArray(v.enum));
  if (values && plain) return `${key}: ${choice(1, values)}`;
  const items = isArraySchema(s);
  if (flow) return `${key}: $0`;
  if (isObjectSchema(s) && !plain) return `${key}:\n\t${requiredLines(path, 1, '\t')}$0`;
  if (items && isObjectSchema(items)) return `${key}:\n\t- ${requiredLines([...path, 0], 1, '\t  ')}$0`;
  if (items) return `${key}: [$1]$0`;
  return `${key}: $0`;
}

/** `kind: ${1|…|}` lines for the required scalar keys of the object at `path`. */
function requiredLines(path: YamlPath, first: number, indent: string): string {
  const props = propertiesAt(path);
  if (!props) return '';
  let n = first;
  const out: string[] = [];
  for (const req of props.required) {
    const values = enumAt([...path, req]);
    const s = props.properties[req];
    if (isObjectSchema(s) || isArraySchema(s)) continue;
    out.push(`${req}: ${values ? choice(n, values) : `\${${n}:${snippetEscape(req)}}`}`);
    n++;
  }
  return out.length ? out.join(`\n${indent}`) + `\n${indent}` : '';
}

function valueDoc(group: GroupId | undefined, value: string, path: YamlPath): { detail?: string; documentation?: string } {
  const term = group ? findTerm(group, value) : undefined;
  if (term) return { detail: term.label, documentation: termMarkdown(term) };
  return { documentation: descriptionAt(path) };
}

/** Completions at an offset of a release plan: keys valid at the cursor's path, or enum values. */
export function releaseCompletions(text: string, offset: number): CompletionSet | undefined {
  const cursor = yamlCursorAt(text, offset);
  if (!cursor) return undefined;
  const items: HelpCompletion[] = [];
  if (cursor.kind === 'key') {
    const props = propertiesAt(cursor.path);
    if (props) {
      let order = 0;
      for (const [key, s] of Object.entries(props.properties)) {
        order++;
        if (cursor.existing.includes(key)) continue;
        const path = [...cursor.path, key];
        const safeguard = isSafeguardsPath(cursor.path) ? findTerm('safeguard', key) : undefined;
        items.push({
          label: key,
          kind: 'key',
          detail: safeguard ? safeguard.label : props.required.includes(key) ? 'required' : undefined,
          documentation: releaseKeyMarkdown(path) ?? s.description,
          insertText: keySnippet(key, path, cursor.flow),
          sortText: `${props.required.includes(key) ? 0 : 1}${String(order).padStart(3, '0')}`,
        });
      }
      return { range: cursor.range, items };
    }
    // A scalar list item (`modality:` then `- au|`): offer the item values.
    if (cursor.path.length && typeof cursor.path[cursor.path.length - 1] === 'number') return valueItems(cursor.path, cursor.range);
    return undefined;
  }
  return valueItems(cursor.path, cursor.range);
}

function valueItems(path: YamlPath, range: OffsetRange): CompletionSet | undefined {
  const values = enumAt(path);
  if (!values) return undefined;
  const group = groupForEnum(values);
  return {
    range,
    items: values.map((v, i) => ({
      label: v,
      kind: 'value' as const,
      ...valueDoc(group, v, path),
      insertText: snippetEscape(v),
      sortText: String(i).padStart(3, '0'),
    })),
  };
}

const MARKER_PREFIX_RE = /^(\s*(?:[-*+]|\d{1,9}[.)])[ \t]+)(\*\*|__)?([^:*_\n`[\]]{1,60}?)(?:\*\*|__)?[ \t]*:[ \t]*(?:\*\*|__)?[ \t]*([\p{L}-]*)$/u;

const APPLIES_VALUES: { value: string; doc: string }[] = [
  { value: 'yes', doc: 'The hazard applies to this work. Say how in the rationale.' },
  { value: 'no', doc: 'The hazard does not apply. Say why in the rationale, specifically.' },
  { value: 'unsure', doc: 'You cannot tell yet. Say what evidence would settle it.' },
];

function sectionAt(lines: string[], lineNo: number): SectionDef | undefined {
  for (let j = lineNo; j >= 0; j--) {
    const m = /^ {0,3}##(?!#)\s+(.*?)\s*#*\s*$/.exec(lines[j]);
    if (m) return findSection(m[1]);
  }
  return undefined;
}

/**
 * Completions in IMPACT.md after a marker key: ratings after a factor (`- **Slottability:** |`),
 * yes/no/unsure after `Applies:` or a hazard type, positions after `Position:` in Access ratchet,
 * modalities after `Modality:`.
 */
export function impactCompletions(text: string, offset: number): CompletionSet | undefined {
  const { lines, starts } = splitLines(text);
  let lineNo = starts.length - 1;
  while (lineNo > 0 && starts[lineNo] > offset) lineNo--;
  const prefix = lines[lineNo].slice(0, offset - starts[lineNo]);
  const m = MARKER_PREFIX_RE.exec(prefix);
  if (!m) return undefined;
  const key = m[3].trim();
  const word = m[4];
  const after = /^[\p{L}-]*/u.exec(lines[lineNo].slice(offset - starts[lineNo]))![0];
  const range = { start: offset - word.length, end: offset + after.length };
  const section = sectionAt(lines, lineNo);
  const keyId = key.toLowerCase().replace(/[\s_]+/g, '-');

  const factor = findTerm('path-to-harm', key) ?? (section?.id === 'indirect-harms' ? findTerm('indirect-harm', key) : undefined);
  if (factor && (factor.group === 'path-to-harm' || section?.id === 'indirect-harms')) {
    return {
      range,
      items: RATINGS.map((r, i) => {
        const guide = factor.ratingGuide && r.id in factor.ratingGuide ? factor.ratingGuide[r.id as 'low' | 'medium' | 'high'] : undefined;
        return {
          label: r.id,
          kind: 'value' as const,
          detail: `${factor.label}: ${r.label}`,
          documentation: [`**${r.label}** · ${r.definition}`, ...(guide ? ['', `For ${factor.label.toLowerCase()}: ${guide}`] : [])].join('\n'),
          insertText: `${r.id} — $0`,
          sortText: String(i),
        };
      }),
    };
  }
  if ((section?.id === 'hazards' && keyId === 'applies') || findTerm('hazard-type', key)) {
    return {
      range,
      items: APPLIES_VALUES.map((a, i) => ({ label: a.value, kind: 'value' as const, documentation: a.doc, insertText: a.value, sortText: String(i) })),
    };
  }
  const groupItems = (g: GroupId, suffix: string) => ({
    range,
    items: GROUPS[g].terms.map((t, i) => ({
      label: t.id,
      kind: 'value' as const,
      detail: t.label,
      documentation: termMarkdown(t),
      insertText: `${t.id}${suffix}`,
      sortText: String(i).padStart(2, '0'),
    })),
  });
  if (section?.id === 'access-ratchet' && RATCHET_KEYS.includes(keyId)) return groupItems('ratchet-position', '');
  if (keyId === 'modality' || keyId === 'modalities') return groupItems('modality', '');
  return undefined;
}

/**
 * Where a group of release.yaml snippets fits. The snippets (snippets/release-yaml.json, from
 * scripts/gen-snippets.ts) are offered by the completion provider only where they make sense: a
 * whole artifact where an artifact goes, never inside an existing one (there the keys are offered).
 */
export type ReleaseSnippetPlace = 'plan' | 'top' | 'artifact' | 'distribution' | 'stage' | 'safeguard';

/** The snippet group a snippet prefix belongs to (`impact-artifact-staged` → 'artifact'). */
export function releaseSnippetPlace(prefix: string): ReleaseSnippetPlace | undefined {
  if (prefix === 'impact-release-plan') return 'plan';
  if (prefix.startsWith('impact-artifact-')) return 'artifact';
  if (prefix.startsWith('impact-distribution-')) return 'distribution';
  if (prefix === 'impact-stage') return 'stage';
  if (prefix === 'impact-safeguard') return 'safeguard';
  if (prefix === 'impact-safeguards' || prefix === 'impact-review') return 'top';
  return undefined;
}

/** Which snippet groups fit at an offset of a release plan (none inside a value or a flow mapping). */
export function releaseSnippetPlaces(text: string, offset: number): ReleaseSnippetPlace[] {
  const cursor = yamlCursorAt(text, offset);
  if (!cursor || cursor.kind !== 'key' || cursor.flow) return [];
  const p = cursor.path;
  if (p.length === 0) {
    const places: ReleaseSnippetPlace[] = ['artifact'];
    if (!cursor.existing.includes('review') || !cursor.existing.includes('safeguards')) places.push('top');
    if (!/^impact-release\s*:/m.test(text)) places.push('plan');
    return places;
  }
  if (p.length === 1 && p[0] === 'artifacts') return ['artifact'];
  if (p.length === 2 && p[0] === 'artifacts' && typeof p[1] === 'number') return cursor.existing.includes('distribution') ? [] : ['distribution'];
  if (p[0] === 'artifacts' && p.includes('stages')) return ['stage'];
  if (p.length === 1 && p[0] === 'safeguards') return ['safeguard'];
  return [];
}
