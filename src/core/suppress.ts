/**
 * Inline suppression comments, the same vocabulary in both files:
 *
 *   <!-- impact-notes-disable rule-a, rule-b -->      # impact-notes-disable rule-a
 *   <!-- impact-notes-enable rule-a -->               # impact-notes-enable
 *   <!-- impact-notes-disable-next-line rule-a -->    # impact-notes-disable-next-line rule-a
 *   text <!-- impact-notes-disable-line rule-a -->    key: value  # impact-notes-disable-line rule-a
 *   <!-- impact-notes-disable-file rule-a -->         # impact-notes-disable-file
 *
 * No rule list means every rule. A reason may follow two dashes: `# impact-notes-disable-line
 * contact-missing -- contact is in the paper`.
 *
 * In release.yaml, a `disable-next-line` comment right above an artifact's list item (`- id: demo`)
 * covers the whole item, so findings about the artifact that sit on its later lines are suppressed
 * too. Every check records which directive suppressed something, so that comments which suppress
 * nothing can be reported (`unused-suppression`).
 */
import { INTERNAL_ERROR } from './rules/engine-findings';
import type { SourceText } from './source-text';
import type { FileKind, Finding } from './types';

type Directive = 'disable' | 'enable' | 'disable-next-line' | 'disable-line' | 'disable-file';

const YAML_RE = /(?:^|\s)#\s*impact-notes-(disable-next-line|disable-line|disable-file|disable|enable)\b(.*)$/;

export interface SuppressionDirective {
  line: number;
  directive: Directive;
  rules: string[];
  names: RuleName[];
  start: number;
  end: number;
}

/** A directive, or one rule name in it, that suppressed no finding. */
export interface UnusedSuppression {
  directive: SuppressionDirective;
  /** The unused rule name; undefined for a directive without names (all rules) that suppressed nothing. */
  name?: RuleName;
}

export interface Suppressions {
  /** Whether a finding of `rule` on `line` (0-based) is suppressed; records the directives that suppress it. */
  isSuppressed(rule: string, line: number): boolean;
  /** Every directive, with where each rule name sits (the engine reports names that are no rule). */
  directives: SuppressionDirective[];
  /**
   * Directives (or names in them) that have suppressed nothing so far. Only names for which
   * `judged(name)` is true are considered (rules that ran); a directive without names always is.
   */
  unused(judged: (rule: string) => boolean): UnusedSuppression[];
}

/** A rule name in a directive and its offsets in the document. */
export interface RuleName {
  name: string;
  start: number;
  end: number;
}

/** The rule names of a directive's body (which starts at document offset `offset`), up to a ` -- reason`. */
function parseRules(body: string, offset: number): RuleName[] {
  const reason = /\s--(?:\s|$)/.exec(body);
  const list = reason ? body.slice(0, reason.index) : body;
  const out: RuleName[] = [];
  const re = /[^\s,]+/g;
  for (let m = re.exec(list); m; m = re.exec(list)) out.push({ name: m[0], start: offset + m.index, end: offset + m.index + m[0].length });
  return out;
}

const MD_HEAD_RE = /\s*impact-notes-(disable-next-line|disable-line|disable-file|disable|enable)\b/y;

/**
 * The `<!-- impact-notes-… -->` comments of one line (no `>` inside), as the regular expression
 * /<!--\s*impact-notes-(…)\b([^>]*?)-->/g finds them, but in linear time: that expression rescans to
 * the end of the line from every `<!--` that is never closed, quadratic on a long line of them.
 */
function markdownDirectives(lt: string): { index: number; length: number; directive: Directive; body: string; bodyIndex: number }[] {
  const out: { index: number; length: number; directive: Directive; body: string; bodyIndex: number }[] = [];
  let end = -1; // the next `-->` at or after the current `<!--`
  let gt = -1; // the next `>` after the current `<!--`
  for (let start = lt.indexOf('<!--'); start >= 0; ) {
    if (end < start + 4) end = lt.indexOf('-->', start + 4);
    if (end < 0) break; // no comment on this line closes any more
    MD_HEAD_RE.lastIndex = start + 4;
    const head = MD_HEAD_RE.exec(lt);
    if (gt < start + 4) gt = lt.indexOf('>', start + 4);
    if (head && gt === end + 2) {
      out.push({ index: start, length: end + 3 - start, directive: head[1] as Directive, body: lt.slice(MD_HEAD_RE.lastIndex, end), bodyIndex: MD_HEAD_RE.lastIndex });
      start = lt.indexOf('<!--', end + 3);
    } else start = lt.indexOf('<!--', start + 1);
  }
  return out;
}

/**
 * `skipLines`: lines where only a line that starts with `<!--` (an HTML comment block) may hold a
 * directive; `codeLines`: lines (code fences, indented code, front matter) where nothing does, so a
 * directive shown as an example in a fence neither suppresses nor gets reported.
 */
export function scanSuppressions(
  source: SourceText,
  kind: FileKind,
  skipLines?: Set<number>,
  codeLines?: Set<number>,
  /** release.yaml: the first line of each artifact list item → its last line. */
  itemEnds?: ReadonlyMap<number, number>,
): Suppressions {
  const directives: SuppressionDirective[] = [];
  const text = source.text;
  if (!text.includes('impact-notes-')) return { isSuppressed: () => false, directives, unused: () => [] };
  for (let line = 0; line < source.lineCount; line++) {
    const lt = source.lineText(line);
    if (!lt.includes('impact-notes-')) continue;
    if (kind !== 'release') {
      if (skipLines?.has(line) && (codeLines?.has(line) || !/^\s*<!--/.test(lt))) continue;
      for (const m of markdownDirectives(lt)) {
        const s = source.lineStart(line) + m.index;
        const names = parseRules(m.body, source.lineStart(line) + m.bodyIndex);
        directives.push({ line, directive: m.directive, rules: names.map((n) => n.name), names, start: s, end: s + m.length });
      }
    } else {
      const m = YAML_RE.exec(lt);
      if (m) {
        const s = source.lineStart(line) + m.index;
        const names = parseRules(m[2], s + m[0].length - m[2].length);
        directives.push({ line, directive: m[1] as Directive, rules: names.map((n) => n.name), names, start: s, end: s + m[0].length });
      }
    }
  }
  // Each entry remembers the directive (index into `directives`) that set it up.
  const fileWide = new Map<string, number[]>();
  const fileAll: number[] = [];
  const lineRules = new Map<number, Map<string, number[]>>(); // line → rule ('*' = all rules) → directives
  const addLines = (from: number, to: number, rules: string[], dir: number) => {
    for (let l = from; l <= to; l++) {
      let byRule = lineRules.get(l);
      if (!byRule) lineRules.set(l, (byRule = new Map()));
      for (const r of rules.length ? rules : ['*']) {
        const dirs = byRule.get(r);
        if (dirs) dirs.push(dir);
        else byRule.set(r, [dir]);
      }
    }
  };
  // Block ranges: [fromLine, toLine) per rule; '*' = all rules except those in `except`, which an
  // `enable rule-a` inside a `disable` (all) block turns back on, as in ESLint.
  const blocks: { rule: string; from: number; to: number; dir: number; except?: Set<string> }[] = [];
  const open = new Map<string, { from: number; dir: number; except?: Set<string> }>();
  const close = (r: string, to: number) => {
    const b = open.get(r);
    if (b === undefined) return;
    blocks.push({ rule: r, from: b.from, to, dir: b.dir, except: b.except });
    open.delete(r);
  };
  directives.forEach((d, dir) => {
    switch (d.directive) {
      case 'disable-file':
        if (d.rules.length) d.rules.forEach((r) => fileWide.set(r, [...(fileWide.get(r) ?? []), dir]));
        else fileAll.push(dir);
        break;
      case 'disable-line':
        addLines(d.line, d.line, d.rules, dir);
        break;
      case 'disable-next-line': {
        const next = d.line + 1;
        addLines(next, Math.max(next, itemEnds?.get(next) ?? next), d.rules, dir);
        break;
      }
      case 'disable':
        if (!d.rules.length) {
          // Everything, from here: restart an all-rules block without exceptions.
          close('*', d.line);
          open.set('*', { from: d.line, dir });
          break;
        }
        for (const r of d.rules) {
          const all = open.get('*');
          if (all?.except?.has(r)) {
            close('*', d.line);
            const except = new Set(all.except);
            except.delete(r);
            open.set('*', { from: d.line, dir: all.dir, except: except.size ? except : undefined });
          } else if (!all && !open.has(r)) {
            open.set(r, { from: d.line, dir });
          }
        }
        break;
      case 'enable':
        if (!d.rules.length) {
          for (const r of [...open.keys()]) close(r, d.line);
        } else {
          for (const r of d.rules) {
            close(r, d.line);
            const all = open.get('*');
            if (all && !all.except?.has(r)) {
              close('*', d.line);
              open.set('*', { from: d.line, dir: all.dir, except: new Set([...(all.except ?? []), r]) });
            }
          }
        }
        break;
    }
  });
  for (const r of [...open.keys()]) close(r, Infinity);
  // What each directive has suppressed: `${dir}:${rule}` and `${dir}:*` (anything).
  const used = new Set<string>();
  const use = (dir: number, rule: string) => {
    used.add(`${dir}:${rule}`);
    used.add(`${dir}:*`);
  };
  // The answer for a (rule, line) pair never changes, and marking directives used is idempotent, so
  // each pair is worked out once: a line of thousands of directives stays linear.
  const answered = new Map<string, boolean>();
  return {
    directives,
    isSuppressed(rule, line) {
      const key = `${line}\u0000${rule}`;
      const known = answered.get(key);
      if (known !== undefined) return known;
      let hit = false;
      for (const dir of fileAll) (use(dir, rule), (hit = true));
      for (const dir of fileWide.get(rule) ?? []) (use(dir, rule), (hit = true));
      const byRule = lineRules.get(line);
      for (const dir of byRule?.get('*') ?? []) (use(dir, rule), (hit = true));
      if (rule !== '*') for (const dir of byRule?.get(rule) ?? []) (use(dir, rule), (hit = true));
      for (const b of blocks) {
        if (line < b.from || line >= b.to) continue;
        if (b.rule === '*' ? !b.except?.has(rule) : b.rule === rule) (use(b.dir, rule), (hit = true));
      }
      answered.set(key, hit);
      return hit;
    },
    unused(judged) {
      const out: UnusedSuppression[] = [];
      directives.forEach((d, dir) => {
        if (d.directive === 'enable') return;
        if (!d.names.length) {
          if (!used.has(`${dir}:*`)) out.push({ directive: d });
          return;
        }
        for (const n of d.names) if (judged(n.name) && !used.has(`${dir}:${n.name}`)) out.push({ directive: d, name: n });
      });
      return out;
    },
  };
}

export function filterSuppressed(findings: Finding[], kind: FileKind, s: Suppressions): Finding[] {
  return findings.filter((f) => f.file !== kind || f.rule === INTERNAL_ERROR || !s.isSuppressed(f.rule, f.start.line));
}

/** The comment text that disables a rule on one line, for the editor's "disable for this line" fix. */
export function disableNextLineComment(kind: FileKind, rule: string): string {
  return kind !== 'release' ? `<!-- impact-notes-disable-next-line ${rule} -->` : `# impact-notes-disable-next-line ${rule}`;
}

export function disableFileComment(kind: FileKind, rule: string): string {
  return kind !== 'release' ? `<!-- impact-notes-disable-file ${rule} -->` : `# impact-notes-disable-file ${rule}`;
}

// ---- suppression edits (the editor's and the language server's "disable" quick fixes) -----------

/** One replacement in the text the edit was computed from (offsets). */
export interface SuppressEdit {
  range: { start: number; end: number };
  newText: string;
}

const MD_NEXT_LINE = /^(\s*)<!--\s*impact-notes-disable-next-line\b([^>]*?)\s*-->\s*$/;
const MD_FILE = /^<!--\s*impact-notes-disable-file\b([^>]*?)\s*-->\s*$/;
const NEXT_LINE_RE = { impact: MD_NEXT_LINE, card: MD_NEXT_LINE, release: /^(\s*)#\s*impact-notes-disable-next-line\b(.*)$/ };
const FILE_RE = { impact: MD_FILE, card: MD_FILE, release: /^#\s*impact-notes-disable-file\b(.*)$/ };

/** Adds `rule` to an existing directive's rule list; undefined when the directive covers it (or every rule) already. */
function addRule(list: string, rule: string): string | undefined {
  const [rules, reason] = list.split(/\s--\s/);
  const names = rules.split(/[\s,]+/).filter(Boolean);
  if (!names.length) return undefined; // no list = all rules
  if (names.includes(rule)) return undefined;
  return `${[...names, rule].join(', ')}${reason !== undefined ? ` -- ${reason.trim()}` : ''}`;
}

/**
 * "Disable <rule> for this line": a disable-next-line comment above the 0-based `line`, with that
 * line's indentation, or the rule added to such a comment already there. Undefined when a comment
 * above already covers the rule.
 */
export function disableLineEdit(source: SourceText, kind: FileKind, rule: string, line: number): SuppressEdit | undefined {
  if (line > 0 && line < source.lineCount) {
    const m = NEXT_LINE_RE[kind].exec(source.lineText(line - 1));
    if (m) {
      const merged = addRule(m[2], rule);
      if (merged === undefined) return undefined;
      const newText = kind !== 'release' ? `${m[1]}<!-- impact-notes-disable-next-line ${merged} -->` : `${m[1]}# impact-notes-disable-next-line ${merged}`;
      return { range: source.lineRange(line - 1), newText };
    }
  }
  const at = source.lineStart(line);
  const indent = /^\s*/.exec(source.lineText(line))![0];
  // The last line of a file without a final line break: the comment goes before it all the same.
  return { range: { start: at, end: at }, newText: `${indent}${disableNextLineComment(kind, rule)}${source.eol}` };
}

/**
 * "Disable <rule> for this file": the rule added to a disable-file comment among the first 50 lines,
 * or a new one at the top (after Markdown front matter, after a YAML schema modeline or directives).
 * Undefined when a comment already covers the rule.
 */
export function disableFileEdit(source: SourceText, kind: FileKind, rule: string): SuppressEdit | undefined {
  const lines = source.lineCount;
  for (let i = 0; i < Math.min(lines, 50); i++) {
    const m = FILE_RE[kind].exec(source.lineText(i));
    if (m) {
      const merged = addRule(m[1], rule);
      if (merged === undefined) return undefined;
      return { range: source.lineRange(i), newText: kind !== 'release' ? `<!-- impact-notes-disable-file ${merged} -->` : `# impact-notes-disable-file ${merged}` };
    }
  }
  let at = 0;
  if (kind !== 'release' && /^---\s*$/.test(source.lineText(0))) {
    for (let i = 1; i < lines; i++) {
      if (/^(---|\.\.\.)\s*$/.test(source.lineText(i))) {
        at = i + 1;
        break;
      }
    }
  } else if (kind === 'release') {
    // Keep the schema modeline and YAML directives first.
    while (at < lines && /^(#\s*yaml-language-server:|%)/.test(source.lineText(at))) at++;
  }
  const offset = at >= lines ? source.text.length : source.lineStart(at);
  // Past the last line of a file without a final line break: start a line of its own.
  const lead = at >= lines && source.text.length > 0 ? source.eol : '';
  return { range: { start: offset, end: offset }, newText: `${lead}${disableFileComment(kind, rule)}${source.eol}` };
}
