/**
 * A Hugging Face model card: a README.md whose YAML front matter carries card metadata (license,
 * license_name, pipeline_tag, base_model, extra_gated_* …), followed by Markdown. Read once here
 * into plain data with offsets, for the model-card-mismatch rule, its fixes and the in-place
 * export. Pure: no file system.
 */
import { isMap, isScalar, parseDocument, type Document, type Node as YamlNode } from '../util/yaml';
import { SourceText, type OffsetRange } from '../source-text';

export interface CardHeading {
  level: number;
  text: string;
  /** 0-based line. */
  line: number;
  /** The whole heading line (without its line break). */
  range: OffsetRange;
  /** Offset just after the heading line's line break (where its body starts). */
  bodyStart: number;
}

export interface CardFrontMatter {
  /** The opening `---` line through the closing `---` line, line break included. */
  range: OffsetRange;
  /** The YAML between the two fence lines. */
  content: OffsetRange;
  /** Offset of the closing fence line (where new keys go). */
  closeStart: number;
  doc?: Document.Parsed;
  /** The mapping as plain data; undefined when it is not a mapping or does not parse. */
  data?: Record<string, unknown>;
}

export interface CardDoc {
  source: SourceText;
  frontMatter?: CardFrontMatter;
  headings: CardHeading[];
  /** Whether the front matter has keys only a model card has (an ordinary README is not a card). */
  isCard: boolean;
  /** Value range of a top-level front-matter key, in card offsets. */
  valueRange(key: string): OffsetRange | undefined;
  /** Key range of a top-level front-matter key, in card offsets. */
  keyRange(key: string): OffsetRange | undefined;
}

/** Keys that mark front matter as a model card's (Hugging Face's card metadata). */
export const CARD_KEYS: readonly string[] = [
  'license',
  'license_name',
  'license_link',
  'pipeline_tag',
  'library_name',
  'library_tag',
  'base_model',
  'base_model_relation',
  'model-index',
  'datasets',
  'inference',
  'widget',
  'co2_eq_emissions',
  'duplicated_from',
  'new_version',
  'extra_gated_prompt',
  'extra_gated_heading',
  'extra_gated_description',
  'extra_gated_fields',
  'extra_gated_button_content',
];

const FENCE_RE = /^---[ \t]*$/;
const CLOSE_RE = /^(?:---|\.\.\.)[ \t]*$/;

export function parseCard(path: string, raw: string): CardDoc {
  const source = new SourceText(path, raw);
  const frontMatter = readFrontMatter(source);
  const headings = readHeadings(source, frontMatter ? source.positionAt(frontMatter.range.end).line : 0, frontMatter?.range.end ?? 0);
  const data = frontMatter?.data;
  const isCard = !!data && CARD_KEYS.some((k) => k in data);
  const pairNode = (key: string) => {
    const m = frontMatter?.doc?.contents;
    if (!isMap(m)) return undefined;
    return m.items.find((p) => isScalar(p.key) && p.key.value === key);
  };
  const shift = (n: unknown): OffsetRange | undefined => {
    const r = (n as YamlNode | null | undefined)?.range;
    if (!r || !frontMatter) return undefined;
    return { start: frontMatter.content.start + r[0], end: frontMatter.content.start + r[1] };
  };
  return {
    source,
    frontMatter,
    headings,
    isCard,
    valueRange: (key) => {
      const p = pairNode(key);
      const r = shift(p?.value);
      if (!r) return undefined;
      // A block value's range runs on to the next key; keep to its own text.
      const t = source.text;
      let end = r.end;
      while (end > r.start && /\s/.test(t[end - 1])) end--;
      return { start: r.start, end };
    },
    keyRange: (key) => shift(pairNode(key)?.key),
  };
}

function readFrontMatter(source: SourceText): CardFrontMatter | undefined {
  if (source.lineCount < 2 || !FENCE_RE.test(source.lineText(0))) return undefined;
  for (let line = 1; line < source.lineCount; line++) {
    if (!CLOSE_RE.test(source.lineText(line))) continue;
    const content = { start: source.lineStart(1), end: source.lineStart(line) };
    const end = line + 1 < source.lineCount ? source.lineStart(line + 1) : source.length;
    const fm: CardFrontMatter = { range: { start: 0, end }, content, closeStart: source.lineStart(line) };
    try {
      const doc = parseDocument(source.text.slice(content.start, content.end), { uniqueKeys: false });
      fm.doc = doc;
      if (!doc.errors.length) {
        const v = doc.toJS({ maxAliasCount: 100 }) as unknown;
        if (v && typeof v === 'object' && !Array.isArray(v)) fm.data = v as Record<string, unknown>;
      }
    } catch {
      // Not data we can read: the card's keys are unknown, nothing is compared.
    }
    return fm;
  }
  return undefined;
}

/** ATX headings outside fenced code blocks and HTML comments. */
function readHeadings(source: SourceText, firstLine: number, from: number): CardHeading[] {
  const out: CardHeading[] = [];
  let fence: string | undefined;
  let inComment = false;
  for (let line = firstLine; line < source.lineCount; line++) {
    const start = source.lineStart(line);
    if (start < from) continue;
    const lt = source.lineText(line);
    if (inComment) {
      if (lt.includes('-->')) inComment = false;
      continue;
    }
    const f = /^ {0,3}(`{3,}|~{3,})/.exec(lt);
    if (fence) {
      if (f && f[1][0] === fence[0] && f[1].length >= fence.length && /^ {0,3}[`~]+\s*$/.test(lt)) fence = undefined;
      continue;
    }
    if (f) {
      fence = f[1];
      continue;
    }
    if (/^\s*<!--/.test(lt) && !lt.includes('-->')) {
      inComment = true;
      continue;
    }
    const h = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/.exec(lt);
    if (!h) continue;
    const next = line + 1 < source.lineCount ? source.lineStart(line + 1) : source.length;
    out.push({ level: h[1].length, text: (h[2] ?? '').trim(), line, range: { start, end: start + lt.length }, bodyStart: next });
  }
  return out;
}

/** The text under a heading, up to the next heading of the same or a higher level. */
export function headingBody(card: CardDoc, h: CardHeading): string {
  const next = card.headings.find((x) => x.line > h.line && x.level <= h.level);
  return card.source.text.slice(h.bodyStart, next ? next.range.start : card.source.length);
}

/** A string value of the front matter, trimmed; undefined when missing, empty or not a scalar. */
export function cardString(card: CardDoc, key: string): string | undefined {
  const v = card.frontMatter?.data?.[key];
  if (typeof v === 'string') return v.trim() || undefined;
  if (typeof v === 'number') return String(v);
  return undefined;
}

/** Whether the card asks for access: a gating prompt or gating fields in its front matter. */
export function cardIsGated(card: CardDoc): boolean {
  const d = card.frontMatter?.data;
  if (!d) return false;
  const prompt = d.extra_gated_prompt;
  const fields = d.extra_gated_fields;
  const hasPrompt = typeof prompt === 'string' && prompt.trim() !== '';
  const hasFields = !!fields && typeof fields === 'object' && (Array.isArray(fields) ? fields.length > 0 : Object.keys(fields).length > 0);
  return hasPrompt || hasFields;
}
