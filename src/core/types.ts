/**
 * The contract between rules, the engine, the CLI and the editor. Everything here is plain data so
 * that it crosses into the extension host, JSON output and tests unchanged.
 */
import type { OffsetRange, Position } from './text';
import type { ImpactDoc } from './impact/model';
import type { ReleaseDoc } from './release/model';
import type { UnusedSuppression } from './suppress';

export type Severity = 'error' | 'warning' | 'info';
export type SeveritySetting = Severity | 'off';

export type FileKind = 'impact' | 'release';

/** A replacement of `range` (offsets into the text the rule saw) in one file. */
export interface TextEdit {
  file: FileKind;
  range: OffsetRange;
  newText: string;
}

export interface Fix {
  /** Imperative, shown as the quick-fix title: "Add the missing 'Benefits' section". */
  title: string;
  edits: TextEdit[];
}

/** What a rule reports; the engine fills in file, severity and positions. */
export interface Report {
  message: string;
  file: FileKind;
  range: OffsetRange;
  /** The safe, preferred fix: applied by `--fix` and fix-all. */
  fix?: Fix;
  /** Further fixes offered in the editor only (never applied automatically). */
  suggestions?: Fix[];
  /** Extra data for editor features (e.g. the missing section id). */
  data?: Record<string, string | number | boolean>;
}

export interface Finding {
  rule: string;
  severity: Severity;
  message: string;
  /** Absolute or caller-relative path of the file the finding sits in. */
  path: string;
  file: FileKind | 'workspace';
  range: OffsetRange;
  start: Position;
  end: Position;
  fix?: Fix;
  suggestions?: Fix[];
  data?: Record<string, string | number | boolean>;
}

export type OptionType = 'number' | 'boolean' | 'string' | 'string[]';

export interface RuleOption {
  type: OptionType;
  default: number | boolean | string | string[];
  description: string;
}

export interface RuleMeta {
  /** Stable kebab-case id, used in config, suppressions, docs and output. */
  name: string;
  /** One-line summary for docs, settings and hovers. */
  description: string;
  /** Which file(s) the rule reads. 'pair' rules need both files. */
  scope: 'impact' | 'release' | 'pair' | 'workspace';
  defaultSeverity: Severity;
  /** Whether the rule's reports carry a machine-applicable `fix`. */
  fixable: boolean;
  /**
   * Whether the rule's reports carry `suggestions`: quick fixes offered in the editor that need the
   * author's decision, never applied by --fix. The engine refuses suggestions a rule does not declare.
   */
  suggestions?: boolean;
  options?: Record<string, RuleOption>;
  /** Where the rule comes from in the literature or the spec (shown in docs). */
  source?: string;
  /**
   * The engine runs this rule after every other rule's findings have been filtered by the inline
   * suppression comments, and gives it `unusedSuppressions` (unused-suppression).
   */
  afterSuppressions?: boolean;
}

export interface RuleContext {
  impact?: ImpactDoc;
  release?: ReleaseDoc;
  /** Rule options resolved from defaults and configuration. */
  options: Record<string, unknown>;
  /** Today, from an injectable clock (UTC midnight of the current date). */
  today: Date;
  /**
   * Files that exist around the plan, as forward-slash paths relative to the folder that holds the
   * pair; undefined when the caller could not list them (rules that need them then stay silent).
   */
  files?: readonly string[];
  /** Whether a path relative to the pair's folder exists; undefined when unknown. */
  exists?: (relPath: string) => boolean | undefined;
  /**
   * Whether an inline suppression comment silences this rule at an offset of a file. A rule that
   * reports one finding for several places (several artifacts) uses it to leave out the places
   * suppressed one by one; the engine still filters every finding as usual.
   */
  isSuppressed?: (file: FileKind, offset: number) => boolean;
  /** Whether another rule runs in this lint (it is in the rule set and not turned off). */
  ruleEnabled?: (name: string) => boolean;
  /** For rules with `afterSuppressions`: the comments, per file, that suppressed nothing. */
  unusedSuppressions?: { file: FileKind; items: UnusedSuppression[] }[];
  report(report: Report): void;
}

export interface Rule {
  meta: RuleMeta;
  check(context: RuleContext): void;
}
