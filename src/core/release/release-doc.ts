import type { Document, LineCounter, Node as YamlNode } from '../util/yaml';
import type { OffsetRange, SourceText } from '../source-text';

export type YamlPath = readonly (string | number)[];

export interface YamlProblem {
  message: string;
  range: OffsetRange;
  /** The yaml library's error code, e.g. DUPLICATE_KEY, BAD_INDENT. */
  code: string;
}

export interface ReleaseDoc {
  source: SourceText;
  /** Undefined when the text was not parsed at all (see `skipped`). */
  doc?: Document.Parsed;
  lineCounter?: LineCounter;
  /** The plan as plain data; undefined when the YAML could not be turned into data. */
  value: unknown;
  /** True when the document has a top-level `impact-release` key. */
  declared: boolean;
  /** Syntax errors (duplicate keys are separate). */
  syntaxErrors: YamlProblem[];
  duplicateKeys: YamlProblem[];
  /** Why the file was not parsed or not converted (binary, too large, alias bomb…). */
  skipped?: string;
  /** The node at a path (map keys and sequence indexes). */
  node(path: YamlPath): YamlNode | undefined;
  /** Range of the key (for map entries) or of the value at a path; falls back to the closest parent. */
  rangeOf(path: YamlPath, which?: 'key' | 'value'): OffsetRange;
  /** Plain value at a path. */
  get(path: YamlPath): unknown;
}
