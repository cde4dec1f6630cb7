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
 */
import type { SourceText } from './text';
import type { FileKind, Finding } from './types';

type Directive = 'disable' | 'enable' | 'disable-next-line' | 'disable-line' | 'disable-file';

const YAML_RE = /(?:^|\s)#\s*impact-notes-(disable-next-line|disable-line|disable-file|disable|enable)\b(.*)$/;

export interface Suppressions {
  isSuppressed(rule: string, line: number): boolean;
  /** Every directive, with where each rule name sits (the engine reports names that are no rule). */
  directives: { line: number; directive: Directive; rules: string[]; names: RuleName[]; start: number; end: number }[];
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
export function scanSuppressions(source: SourceText, kind: FileKind, skipLines?: Set<number>, codeLines?: Set<number>): Suppressions {
  const directives: Suppressions['directives'] = [];
  const text = source.text;
  if (!text.includes('impact-notes-')) return { isSuppressed: () => false, directives };
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
  const fileWide = new Set<string>();
  let fileAll = false;
  const lineRules = new Map<number, Set<string> | 'all'>();
  const addLine = (l: number, rules: string[]) => {
    if (!rules.length) return lineRules.set(l, 'all');
    const cur = lineRules.get(l);
    if (cur === 'all') return;
    const set = cur ?? new Set<string>();
    rules.forEach((r) => set.add(r));
    lineRules.set(l, set);
  };
  // Block ranges: [fromLine, toLine) per rule; '*' = all rules except those in `except`, which an
  // `enable rule-a` inside a `disable` (all) block turns back on, as in ESLint.
  const blocks: { rule: string; from: number; to: number; except?: Set<string> }[] = [];
  const open = new Map<string, { from: number; except?: Set<string> }>();
  const close = (r: string, to: number) => {
    const b = open.get(r);
    if (b === undefined) return;
    blocks.push({ rule: r, from: b.from, to, except: b.except });
    open.delete(r);
  };
  for (const d of directives) {
    switch (d.directive) {
      case 'disable-file':
        if (d.rules.length) d.rules.forEach((r) => fileWide.add(r));
        else fileAll = true;
        break;
      case 'disable-line':
        addLine(d.line, d.rules);
        break;
      case 'disable-next-line':
        addLine(d.line + 1, d.rules);
        break;
      case 'disable':
        if (!d.rules.length) {
          // Everything, from here: restart an all-rules block without exceptions.
          close('*', d.line);
          open.set('*', { from: d.line });
          break;
        }
        for (const r of d.rules) {
          const all = open.get('*');
          if (all?.except?.has(r)) {
            close('*', d.line);
            const except = new Set(all.except);
            except.delete(r);
            open.set('*', { from: d.line, except: except.size ? except : undefined });
          } else if (!all && !open.has(r)) {
            open.set(r, { from: d.line });
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
              open.set('*', { from: d.line, except: new Set([...(all.except ?? []), r]) });
            }
          }
        }
        break;
    }
  }
  for (const r of [...open.keys()]) close(r, Infinity);
  return {
    directives,
    isSuppressed(rule, line) {
      if (fileAll || fileWide.has(rule)) return true;
      const l = lineRules.get(line);
      if (l === 'all' || l?.has(rule)) return true;
      return blocks.some((b) => (b.rule === '*' ? !b.except?.has(rule) : b.rule === rule) && line >= b.from && line < b.to);
    },
  };
}

export function filterSuppressed(findings: Finding[], kind: FileKind, s: Suppressions): Finding[] {
  return findings.filter((f) => f.file !== kind || f.rule === 'internal-error' || !s.isSuppressed(f.rule, f.start.line));
}

/** The comment text that disables a rule on one line, for the editor's "disable for this line" fix. */
export function disableNextLineComment(kind: FileKind, rule: string): string {
  return kind !== 'release' ? `<!-- impact-notes-disable-next-line ${rule} -->` : `# impact-notes-disable-next-line ${rule}`;
}

export function disableFileComment(kind: FileKind, rule: string): string {
  return kind !== 'release' ? `<!-- impact-notes-disable-file ${rule} -->` : `# impact-notes-disable-file ${rule}`;
}
