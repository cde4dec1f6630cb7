/**
 * The engine: parses a pair of files, runs every enabled rule under a guard, applies severities
 * and suppressions, and returns findings with exact positions. Pure: no file system, no clock
 * unless given, no editor.
 */
import { defaultConfig, ruleOptions, ruleSeverity, type Config } from './config';
import { parseImpact } from './impact/parse';
import type { ImpactDoc } from './impact/impact-doc';
import { parseRelease } from './release/parse';
import type { ReleaseDoc } from './release/release-doc';
import { parseCard, type CardDoc } from './cards/card';
import { allRules } from './rules';
import { isDocumentRule } from './rules/define';
import { ENGINE_FINDINGS, FILE_SKIPPED, INTERNAL_ERROR, UNKNOWN_RULE } from './rules/engine-findings';
import { filterSuppressed, scanSuppressions, type Suppressions } from './suppress';
import { didYouMean } from './util/suggest';
import { keepBreaksApart, type SourceText } from './source-text';
import type { DocumentRule, FileKind, Finding, Fix, Report, Rule, RuleContext, Severity } from './types';
import { isMap, isSeq } from './util/yaml';

export interface FileInput {
  /** Path shown in findings (absolute, or relative to the caller's working folder). */
  path: string;
  text: string;
  /**
   * Size on disk in bytes, when the caller knows it. A caller may leave a file above maxFileSize
   * unread (text '') and give only its size: the file is then skipped with a finding, as if read.
   */
  size?: number;
  /** Why the caller could not read the file ("it is a symbolic link that loops"): skipped with that reason. */
  unreadable?: string;
}

export interface CardInput extends FileInput {
  via: 'model-card' | 'readme';
  missing?: boolean;
}

export interface LintInput {
  impact?: FileInput;
  release?: FileInput;
  /**
   * The model card, when the caller found one (cards/locate.ts says where to look): the file an
   * artifact's `model-card:` names, or a README.md beside the pair. A README whose front matter has
   * no card keys is an ordinary project README and is ignored. `missing` marks a `model-card:` path
   * that does not exist.
   */
  card?: CardInput;
  config?: Config;
  /** "Today" for date rules; defaults to the current UTC date. */
  today?: Date;
  /** Files around the pair (relative, forward slashes), when known. */
  files?: readonly string[];
  exists?: (relPath: string) => boolean | undefined;
  rules?: readonly Rule[];
}

export interface LintResult {
  findings: Finding[];
  impact?: ImpactDoc;
  release?: ReleaseDoc;
  card?: CardDoc;
}

export { FILE_SKIPPED, INTERNAL_ERROR, UNKNOWN_RULE };

/** Every name a suppression comment may use: the rules and the engine's own findings (and any rules a caller passes in). */
const KNOWN_NAMES: readonly string[] = [...allRules.map((r) => r.meta.name), ...ENGINE_FINDINGS.map((m) => m.name)];
const KNOWN = new Set(KNOWN_NAMES);

/**
 * A finding per rule name in a suppression comment that is no rule: such a comment suppresses
 * nothing, so a typo would otherwise leave the finding it meant to silence in place, unexplained.
 */
function unknownRuleNames(s: Suppressions, kind: FileKind, path: string, source: SourceText, rules: readonly Rule[]): Finding[] {
  const out: Finding[] = [];
  for (const d of s.directives) {
    for (const n of d.names) {
      if (KNOWN.has(n.name) || rules.some((r) => r.meta.name === n.name)) continue;
      const guess = didYouMean(n.name, KNOWN_NAMES);
      const range = { start: n.start, end: n.end };
      out.push({
        rule: UNKNOWN_RULE,
        severity: 'warning',
        message: `'${n.name}' is not an Impact Notes rule, so this comment suppresses nothing for it${guess ? `: did you mean '${guess}'?` : '. Check the rule name.'}`,
        path,
        file: kind,
        range,
        start: source.positionAt(n.start),
        end: source.positionAt(n.end),
        suggestions: guess ? [{ title: `Change to '${guess}'`, edits: [{ file: kind, range, newText: guess }] }] : undefined,
      });
    }
  }
  return out;
}

/**
 * release.yaml: the first line of each block-style artifact list item (`- id: demo`) → its last line
 * with content, so that a `disable-next-line` comment above the item covers all of it.
 */
function artifactItemEnds(release: ReleaseDoc): Map<number, number> {
  const out = new Map<number, number>();
  const root = release.doc?.contents;
  if (!isMap(root)) return out;
  const pair = root.items.find((p) => (p.key as { value?: unknown } | null)?.value === 'artifacts');
  const seq = pair?.value;
  if (!isSeq(seq) || seq.flow) return out;
  const src = release.source;
  for (const item of seq.items) {
    const r = (item as { range?: [number, number, number] } | null)?.range;
    if (!r) continue;
    let end = Math.min(r[1], src.length);
    while (end > r[0] && /\s/.test(src.text[end - 1])) end--;
    const first = src.positionAt(r[0]).line;
    const last = src.positionAt(end).line;
    if (last > first) out.set(first, last);
  }
  return out;
}

export function todayUtc(now = new Date()): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

/** Bytes of `text` in UTF-8, what maxFileSize counts (as the file on disk does). Linear; no Buffer, so the core stays free of Node APIs. */
export function utf8Length(text: string): number {
  let n = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) n += 1;
    else if ((c & 0xfc00) === 0xd800 && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 2; // a surrogate pair (2 units) is one 4-byte character
      i++;
    } else n += 2;
  }
  return n;
}

/** "512 bytes", "1.5 KB", "600.0 MB": sizes as a person reads them (1 KB = 1024 bytes). */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n.toLocaleString('en')} byte${n === 1 ? '' : 's'}`;
  if (n < 1048576) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1048576).toFixed(1)} MB`;
}

function tooLarge(input: FileInput | undefined, config: Config): string | undefined {
  if (!input) return undefined;
  // A UTF-16 unit is at most 3 bytes, so most files need no count at all.
  if (input.size === undefined && input.text.length * 3 <= config.maxFileSize) return undefined;
  const size = input.size ?? utf8Length(input.text);
  if (size > config.maxFileSize) {
    const max = config.maxFileSize;
    let [is, limit] = [formatBytes(size), max < 1024 ? `${max.toLocaleString('en')}-byte` : formatBytes(max)];
    if (is === formatBytes(max)) [is, limit] = [`${size.toLocaleString('en')} bytes`, `${max.toLocaleString('en')}-byte`];
    return `${input.path} was not checked: it is ${is}, above the ${limit} limit (maxFileSize in .impact-notes.yaml).`;
  }
  return undefined;
}

/**
 * Whether a fix writes into a code fence or HTML comment that is never closed: the text would land
 * inside it, the finding would stay, and --fix would insert it again on every pass.
 */
function editsInsideOpenBlock(fix: Fix, impact: ImpactDoc | undefined): boolean {
  const open = impact?.openBlock;
  return !!open && fix.edits.some((e) => e.file === 'impact' && e.range.start > open.start);
}

export function lint(input: LintInput): LintResult {
  const config = input.config ?? defaultConfig();
  const rules = input.rules ?? allRules;
  const findings: Finding[] = [];
  const skippedFinding = (kind: FileKind, path: string, message: string, source?: SourceText): Finding => ({
    rule: FILE_SKIPPED,
    severity: 'warning',
    message,
    path,
    file: kind,
    range: { start: 0, end: source ? source.lineEnd(0) : 0 },
    start: { line: 0, character: 0 },
    end: { line: 0, character: source ? source.lineEnd(0) : 0 },
  });

  let impact: ImpactDoc | undefined;
  let release: ReleaseDoc | undefined;
  const bigImpact = tooLarge(input.impact, config);
  const bigRelease = tooLarge(input.release, config);
  if (input.impact) {
    if (input.impact.unreadable) findings.push(skippedFinding('impact', input.impact.path, `${input.impact.path} was not checked: ${input.impact.unreadable}.`));
    else if (bigImpact) findings.push(skippedFinding('impact', input.impact.path, bigImpact));
    else if (input.impact.text.includes('\u0000')) findings.push(skippedFinding('impact', input.impact.path, `${input.impact.path} was not checked: it looks binary, not Markdown.`));
    else impact = parseImpact(input.impact.path, input.impact.text);
  }
  if (input.release) {
    if (input.release.unreadable) findings.push(skippedFinding('release', input.release.path, `${input.release.path} was not checked: ${input.release.unreadable}.`));
    else if (bigRelease) findings.push(skippedFinding('release', input.release.path, bigRelease));
    else {
      release = parseRelease(input.release.path, input.release.text);
      if (release.skipped && !release.doc) findings.push(skippedFinding('release', input.release.path, `${input.release.path} was not checked: ${release.skipped}.`, release.source));
    }
  }

  let card: CardDoc | undefined;
  const cardIn = input.card;
  if (cardIn && !cardIn.missing) {
    const named = cardIn.via === 'model-card';
    const big = tooLarge(cardIn, config);
    if (cardIn.unreadable) {
      if (named) findings.push(skippedFinding('card', cardIn.path, `${cardIn.path} was not checked: ${cardIn.unreadable}.`));
    } else if (big) {
      if (named) findings.push(skippedFinding('card', cardIn.path, big));
    } else if (!cardIn.text.includes('\u0000')) {
      const parsed = parseCard(cardIn.path, cardIn.text);
      if (named || parsed.isCard) card = parsed;
    }
  }

  const sources: Partial<Record<FileKind, SourceText>> = { impact: impact?.source, release: release?.source, card: card?.source };
  const paths: Partial<Record<FileKind, string>> = { impact: input.impact?.path, release: input.release?.path, card: input.card?.path };
  const today = input.today ?? todayUtc();

  // Inline suppression comments, read before the rules run so that a rule can ask about them.
  const suppressions: Partial<Record<FileKind, Suppressions>> = {};
  if (impact) suppressions.impact = scanSuppressions(impact.source, 'impact', impact.nonProseLines, impact.codeLines);
  if (release) suppressions.release = scanSuppressions(release.source, 'release', undefined, undefined, artifactItemEnds(release));
  if (card) suppressions.card = scanSuppressions(card.source, 'card');

  /** Which rules ran, for unused-suppression: a comment naming a rule that did not run is not judged. */
  const ran = new Set<string>();
  const deferred: { rule: DocumentRule; severity: Severity }[] = [];
  const runRule = (rule: DocumentRule, severity: Severity, extra?: Partial<RuleContext>) => {
    const scope = rule.meta.scope;
    const reports: Report[] = [];
    const ctx: RuleContext = {
      impact,
      release,
      card,
      cardVia: input.card?.via,
      cardMissing: !!input.card?.missing,
      options: ruleOptions(rule, config),
      today,
      files: input.files,
      exists: input.exists,
      isSuppressed: (file, offset) => {
        const s = suppressions[file];
        const src = sources[file];
        return !!s && !!src && offset >= 0 && offset <= src.length && s.isSuppressed(rule.meta.name, src.positionAt(offset).line);
      },
      ruleEnabled: (name) => rules.some((r) => r.meta.name === name && ruleSeverity(r, config) !== 'off'),
      ...extra,
      report: (r) => reports.push(r),
    };
    try {
      rule.check(ctx);
    } catch (err) {
      const kind: FileKind = scope === 'release' ? 'release' : impact ? 'impact' : 'release';
      findings.push({
        rule: INTERNAL_ERROR,
        severity: 'error',
        message: `Rule '${rule.meta.name}' failed: ${(err as Error)?.message ?? String(err)}. The other rules still ran; please report this.`,
        path: paths[kind] ?? '',
        file: kind,
        range: { start: 0, end: 0 },
        start: { line: 0, character: 0 },
        end: { line: 0, character: 0 },
      });
      return;
    }
    const apart = (fix: Fix): Fix =>
      fix.edits.some((e) => sources[e.file]) ? { ...fix, edits: fix.edits.map((e) => (sources[e.file] ? keepBreaksApart(sources[e.file]!.text, e) : e)) } : fix;
    for (const r of reports) {
      const source = sources[r.file];
      if (!source) continue;
      let { start, end } = r.range;
      if (!(start >= 0 && end >= start && end <= source.length)) {
        findings.push({
          rule: INTERNAL_ERROR,
          severity: 'error',
          message: `Rule '${rule.meta.name}' reported a position outside the file (${start}–${end} of ${source.length}); the finding was: ${r.message}`,
          path: paths[r.file] ?? '',
          file: r.file,
          range: { start: 0, end: 0 },
          start: { line: 0, character: 0 },
          end: { line: 0, character: 0 },
        });
        continue;
      }
      // The metadata is a contract (docs, the README and the settings are generated from it): a fix
      // or a suggestion the rule does not declare is dropped and reported, as ESLint refuses a fix
      // from a rule that is not marked fixable.
      const undeclared = [r.fix && !rule.meta.fixable ? 'a fix (meta.fixable is false)' : '', r.suggestions?.length && !rule.meta.suggestions ? 'suggestions (meta.suggestions is not set)' : ''].filter(Boolean);
      if (undeclared.length) {
        findings.push({
          rule: INTERNAL_ERROR,
          severity: 'error',
          message: `Rule '${rule.meta.name}' offered ${undeclared.join(' and ')} that its metadata does not declare; they were dropped.`,
          path: paths[r.file] ?? '',
          file: r.file,
          range: { start: 0, end: 0 },
          start: { line: 0, character: 0 },
          end: { line: 0, character: 0 },
        });
      }
      out.push({
        rule: rule.meta.name,
        severity,
        message: r.message,
        path: paths[r.file] ?? '',
        file: r.file,
        range: { start, end },
        start: source.positionAt(start),
        end: source.positionAt(end),
        fix: r.fix && rule.meta.fixable && !editsInsideOpenBlock(r.fix, impact) ? apart(r.fix) : undefined,
        suggestions: rule.meta.suggestions ? r.suggestions?.map(apart) : undefined,
        data: r.data,
      });
    }
  };

  // Findings are collected into `out` by runRule.
  let out: Finding[] = findings;
  for (const rule of rules) {
    const severity = ruleSeverity(rule, config);
    if (severity === 'off') continue;
    // Workspace rules are run by discovery and the provenance check, which gather their input.
    if (!isDocumentRule(rule)) continue;
    const scope = rule.meta.scope;
    if (scope === 'impact' && !impact) continue;
    if (scope === 'release' && !release) continue;
    if (scope === 'pair' && !impact && !release) continue;
    if (rule.meta.afterSuppressions) {
      deferred.push({ rule, severity });
      continue;
    }
    ran.add(rule.meta.name);
    runRule(rule, severity);
  }

  for (const kind of ['impact', 'release', 'card'] as const) {
    const s = suppressions[kind];
    if (!s) continue;
    out.push(...unknownRuleNames(s, kind, paths[kind] ?? '', sources[kind]!, rules));
    out = filterSuppressed(out, kind, s);
  }
  ran.add(UNKNOWN_RULE);
  if (deferred.length) {
    // Rules that read what the suppression comments did (unused-suppression); their own findings
    // can be suppressed too, but do not count as using a comment that is judged.
    const unused = (['impact', 'release'] as const)
      .filter((k) => suppressions[k])
      .map((file) => ({ file, items: suppressions[file]!.unused((name) => ran.has(name)) }));
    const before = out.length;
    for (const { rule, severity } of deferred) runRule(rule, severity, { unusedSuppressions: unused });
    const late = out.splice(before);
    for (const kind of ['impact', 'release', 'card'] as const) {
      const s = suppressions[kind];
      if (s) late.splice(0, late.length, ...filterSuppressed(late, kind, s));
    }
    out.push(...late);
  }
  // Path, file, offset, rule; the comparator returns 0 for equal keys, so the (stable) sort keeps
  // the order in which a rule reported findings at the same spot.
  const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  out.sort((a, b) => cmp(a.path, b.path) || cmp(a.file, b.file) || a.range.start - b.range.start || cmp(a.rule, b.rule));
  return { findings: out, impact, release, card };
}
