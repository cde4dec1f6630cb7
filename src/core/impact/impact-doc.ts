import type { OffsetRange } from '../source-text';
import type { SourceText } from '../source-text';

export interface Heading {
  level: number;
  text: string;
  /** Range of the heading's text (without the `#` markers). */
  range: OffsetRange;
  /** 0-based line of the heading text. */
  line: number;
  /** 0-based last line of the heading: the `---`/`===` underline of a setext heading, else `line`. */
  endLine?: number;
}

/** A `Key: value` line in a list item: `- **Rating:** high — because…` or `- Applies: yes`. */
export interface Marker {
  /** The key as written, without emphasis: "Rating". */
  key: string;
  /** Lower-case, spaces and underscores turned into hyphens: "rating". */
  keyId: string;
  keyRange: OffsetRange;
  /** The value with continuation lines joined by single spaces; may be empty. */
  value: string;
  /** Range of the value: from its first character to the end of the item's last text line. */
  valueRange: OffsetRange;
  /** Whole list item, from the bullet to the end of its last line. */
  itemRange: OffsetRange;
  line: number;
  /** The last 0-based line of the item. */
  endLine: number;
  /** For `rating — reasoning` values: the leading rating word(s). */
  rating?: { text: string; range: OffsetRange };
  /** For `rating — reasoning` values: what follows the separator (continuation lines included). */
  reasoning?: { text: string; range: OffsetRange };
}

/** A paragraph, list item or quote of prose (not a marker, not code). */
export interface ProseBlock {
  text: string;
  range: OffsetRange;
  line: number;
}

export interface Part {
  heading: Heading;
  /** From the start of the heading line to the start of the next heading of the same or higher level. */
  range: OffsetRange;
  /** Offset just after the last non-blank line of the part's content (where to append). */
  contentEnd: number;
  markers: Marker[];
  prose: ProseBlock[];
}

export interface Subsection extends Part {}

export interface Section extends Part {
  /** Taxonomy section id when the heading is recognised (see SECTIONS). */
  id?: string;
  subsections: Subsection[];
  /** Markers anywhere in the section, including its subsections, in document order. */
  allMarkers: Marker[];
  /** Prose anywhere in the section, including its subsections. */
  allProse: ProseBlock[];
}

export interface ImpactDoc {
  source: SourceText;
  title?: Heading;
  sections: Section[];
  /** First section for each recognised id. */
  byId: Map<string, Section>;
  /** 0-based lines that are code, HTML or front matter: text rules skip them. */
  nonProseLines: Set<number>;
  /** 0-based lines inside code fences, indented code and front matter: not even comments count there. */
  codeLines: Set<number>;
  /**
   * A code fence or HTML block (`<!--`, `<pre>`, …) that is never closed and so runs to the end of
   * the file: anything inserted after `start` lands inside it (the engine drops such fixes).
   */
  openBlock?: { start: number; line: number; kind: 'fence' | 'html' };
}
