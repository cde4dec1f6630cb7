/**
 * The contract between rules, the engine, the CLI and the editor. Everything here is plain data so
 * that it crosses into the extension host, JSON output and tests unchanged.
 */
import type { OffsetRange, Position } from './source-text';
import type { ImpactDoc } from './impact/impact-doc';
import type { ReleaseDoc } from './release/release-doc';
import type { CardDoc } from './cards/card';
import type { UnusedSuppression } from './suppress';

export type Severity = 'error' | 'warning' | 'info';
export type SeveritySetting = Severity | 'off';

/** The files a lint sees: the pair, and the model card (README.md) the plan points at, when there is one. */
export type FileKind = 'impact' | 'release' | 'card';

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

/** Another place that belongs to a finding (a grouped folder's own file, say). */
export interface RelatedLocation {
  /** Same convention as Finding.path. */
  path: string;
  range: OffsetRange;
  start: Position;
  end: Position;
  message: string;
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
  /** Other places the finding is about (SARIF relatedLocations, VS Code relatedInformation). */
  related?: RelatedLocation[];
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
  /** The model card beside the plan (see LintInput.card), when there is one. */
  card?: CardDoc;
  /** How the card was found: named by an artifact's `model-card:`, or a README.md beside the pair. */
  cardVia?: 'model-card' | 'readme';
  /** True when an artifact's `model-card:` names a file that does not exist. */
  cardMissing?: boolean;
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

/** What an IMPACT.md rule's check() gets: the parsed IMPACT.md is always there. */
export interface ImpactRuleContext extends RuleContext {
  impact: ImpactDoc;
}

/** What a release.yaml rule's check() gets: the parsed release.yaml is always there. */
export interface ReleaseRuleContext extends RuleContext {
  release: ReleaseDoc;
}

/**
 * A rule the engine runs on a pair: an IMPACT.md rule, a release.yaml rule or a pair rule. Write
 * one with defineImpactRule, defineReleaseRule or definePairRule (rules/define.ts), which set
 * `meta.scope` and give check() its document already typed.
 */
export interface DocumentRule {
  meta: RuleMeta;
  check(context: RuleContext): void;
}

/** What a workspace rule reports: a whole finding but its rule id; the severity is the configured one unless given. */
export type WorkspaceReport = Omit<Finding, 'rule' | 'severity'> & { severity?: Severity };

export interface WorkspaceRuleContext {
  /** The severity configured for the rule where its finding sits (the rule is not run when it is off). */
  severity: Severity;
  /** Rule options resolved from defaults and configuration. */
  options: Record<string, unknown>;
  report(finding: WorkspaceReport): void;
}

/**
 * A rule about the folder tree or the files' bytes rather than one pair's text (scope 'workspace').
 * lint() never runs it: the part of the product that gathers its input (discovery's research roots,
 * the provenance check's hashes and manifests) runs checkWorkspace through runWorkspaceRule
 * (rules/define.ts), so severity, options and on/off come from the configuration like any rule.
 * Write one with defineWorkspaceRule.
 */
export interface WorkspaceRule<Input = never> {
  meta: RuleMeta & { scope: 'workspace' };
  checkWorkspace(input: Input, context: WorkspaceRuleContext): void;
}

/** Any rule: its metadata drives configuration, docs, settings and output. (A workspace rule of any input type fits `WorkspaceRule<never>`.) */
export type Rule = DocumentRule | WorkspaceRule;
