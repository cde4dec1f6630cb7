/**
 * The engine and the machinery around rules: suppression comments in both files, the guard that
 * turns failing rules into `internal-error`, configuration, exact positions, fixes, the clean
 * reference pair, and hostile input (huge, binary, deeply nested, alias bombs, `__proto__`).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_MAX_FILE_SIZE, mergeConfig, parseConfig, ruleOptions, type Config } from '../../src/core/config';
import { FILE_SKIPPED, INTERNAL_ERROR, lint, UNKNOWN_RULE, type LintInput, type LintResult } from '../../src/core/engine';
import { applyEdits, lintAndFix } from '../../src/core/fix';
import { MAX_NESTING, yamlNestingDepth } from '../../src/core/release/parse';
import { allRules } from '../../src/core/rules';
import { SourceText } from '../../src/core/source-text';
import type { Finding, Rule, RuleContext, RuleMeta } from '../../src/core/types';

const TODAY = new Date('2026-06-01T00:00:00Z');
const CLEAN = path.join(__dirname, '..', 'fixtures', 'pairs', 'clean');

// ---------------------------------------------------------------------------------------------
// Test rules
// ---------------------------------------------------------------------------------------------

function meta(name: string, extra: Partial<RuleMeta> = {}): RuleMeta {
  return { name, description: `Test rule ${name}.`, scope: 'pair', defaultSeverity: 'warning', fixable: false, ...extra };
}

/** Reports every occurrence of `word` (case-sensitive) in whichever files exist. */
function wordRule(name: string, word: string, extra: Partial<RuleMeta> = {}): Rule & { calls: RuleContext[] } {
  const calls: RuleContext[] = [];
  return {
    calls,
    meta: meta(name, extra),
    check(ctx) {
      calls.push(ctx);
      for (const [file, doc] of [['impact', ctx.impact], ['release', ctx.release]] as const) {
        if (!doc) continue;
        const text = doc.source.text;
        for (let i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + 1)) {
          ctx.report({ message: `Found ${word}.`, file, range: { start: i, end: i + word.length } });
        }
      }
    },
  };
}

function rule(name: string, check: (ctx: RuleContext) => void, extra: Partial<RuleMeta> = {}): Rule {
  return { meta: meta(name, extra), check };
}

function run(impact: string | undefined, release: string | undefined, extra: Partial<LintInput> = {}): LintResult {
  return lint({
    impact: impact !== undefined ? { path: 'IMPACT.md', text: impact } : undefined,
    release: release !== undefined ? { path: 'release.yaml', text: release } : undefined,
    today: TODAY,
    ...extra,
  });
}

/** "file:line:rule" with 1-based lines, sorted. */
const where = (fs: readonly Finding[]) => fs.map((f) => `${f.file}:${f.start.line + 1}:${f.rule}`).sort();

// ---------------------------------------------------------------------------------------------
// Suppressions
// ---------------------------------------------------------------------------------------------

describe('engine: suppression comments', () => {
  const a = wordRule('flag-a', 'FLAG-A');
  const b = wordRule('flag-b', 'FLAG-B');
  const rules = [a, b];

  /** Which of flag-a/flag-b survive on each 1-based line that holds the words. */
  function survivors(r: LintResult, file: 'impact' | 'release'): Record<number, string> {
    const out: Record<number, string> = {};
    for (const f of r.findings.filter((x) => x.file === file)) {
      const l = f.start.line + 1;
      out[l] = [...(out[l] ? out[l].split('+') : []), f.rule === 'flag-a' ? 'a' : 'b'].sort().join('+');
    }
    return out;
  }

  const MD = [
    '# Title', //                                                                    1
    'FLAG-A FLAG-B', //                                                              2  a+b
    '<!-- impact-notes-disable-next-line flag-a -->', //                             3
    'FLAG-A FLAG-B', //                                                              4  b
    'FLAG-A FLAG-B <!-- impact-notes-disable-line -->', //                           5  —
    'FLAG-A FLAG-B <!-- impact-notes-disable-line flag-b -- reason: fine here -->', //6 a
    '<!-- impact-notes-disable flag-a, flag-b -->', //                               7
    'FLAG-A FLAG-B', //                                                              8  —
    '<!-- impact-notes-enable flag-b -->', //                                        9
    'FLAG-A FLAG-B', //                                                             10  b
    '<!-- impact-notes-enable -->', //                                              11
    'FLAG-A FLAG-B', //                                                             12  a+b
    '<!-- impact-notes-disable -->', //                                             13
    'FLAG-A FLAG-B', //                                                             14  —
    '<!-- impact-notes-enable flag-a -->', //                                       15
    'FLAG-A FLAG-B', //                                                             16  a
    '<!-- impact-notes-disable-next-line -- every rule, with a reason -->', //      17
    'FLAG-A FLAG-B', //                                                             18  —
    '<!-- impact-notes-enable -->', //                                              19
    'FLAG-A FLAG-B', //                                                             20  a+b
    '<!--impact-notes-disable-next-line flag-b-->', //                              21  (no spaces)
    'FLAG-A FLAG-B', //                                                             22  a
    '',
  ].join('\n');

  const EXPECTED = { 2: 'a+b', 4: 'b', 6: 'a', 10: 'b', 12: 'a+b', 16: 'a', 20: 'a+b', 22: 'a' };

  it('IMPACT.md: disable/enable blocks, next-line, line, with and without rule lists and reasons', () => {
    assert.deepEqual(survivors(run(MD, undefined, { rules }), 'impact'), EXPECTED);
  });

  it('IMPACT.md with CRLF line breaks behaves the same', () => {
    assert.deepEqual(survivors(run(MD.replace(/\n/g, '\r\n'), undefined, { rules }), 'impact'), EXPECTED);
  });

  const YAML = [
    'title: FLAG-A FLAG-B', //                                           1  a+b
    '# impact-notes-disable-next-line flag-a', //                        2
    'notes: FLAG-A FLAG-B', //                                           3  b
    'contact: FLAG-A FLAG-B  # impact-notes-disable-line', //            4  —
    'k1: FLAG-A FLAG-B  # impact-notes-disable-line flag-b -- why', //   5  a
    '# impact-notes-disable flag-a flag-b', //                           6
    'k2: FLAG-A FLAG-B', //                                              7  —
    '# impact-notes-enable flag-b', //                                   8
    'k3: FLAG-A FLAG-B', //                                              9  b
    '# impact-notes-enable', //                                         10
    'k4: FLAG-A FLAG-B', //                                             11  a+b
    '  # impact-notes-disable', //                                      12 (indented)
    'k5: FLAG-A FLAG-B', //                                             13  —
    '#impact-notes-enable flag-a', //                                   14 (no space)
    'k6: FLAG-A FLAG-B', //                                             15  a
    '# impact-notes-disable-next-line -- every rule', //                16
    'k7: FLAG-A FLAG-B', //                                             17  —
    '# impact-notes-enable', //                                         18
    'k8: FLAG-A FLAG-B', //                                             19  a+b
    '',
  ].join('\n');

  it('release.yaml: the same vocabulary as YAML comments', () => {
    assert.deepEqual(survivors(run(undefined, YAML, { rules }), 'release'), {
      1: 'a+b',
      3: 'b',
      5: 'a',
      9: 'b',
      11: 'a+b',
      15: 'a',
      19: 'a+b',
    });
  });

  it('disable-file, with and without a rule list, anywhere in the file', () => {
    const words = '# T\n\nFLAG-A FLAG-B\n\nFLAG-A\n';
    assert.deepEqual(where(run(words + '<!-- impact-notes-disable-file flag-a -->\n', undefined, { rules }).findings), ['impact:3:flag-b']);
    assert.deepEqual(where(run(words + '<!-- impact-notes-disable-file -->\n', undefined, { rules }).findings), []);
    const y = 'title: FLAG-A FLAG-B\nnotes: FLAG-B\n';
    assert.deepEqual(where(run(undefined, y + '# impact-notes-disable-file flag-b -- not relevant here\n', { rules }).findings), ['release:1:flag-a']);
    assert.deepEqual(where(run(undefined, '# impact-notes-disable-file\n' + y, { rules }).findings), []);
  });

  it('a comment in one file does not suppress findings in the other', () => {
    const r = run('# T\n<!-- impact-notes-disable-file -->\nFLAG-A\n', 'title: FLAG-A\n', { rules });
    assert.deepEqual(where(r.findings), ['release:1:flag-a']);
  });

  it('a directive quoted in a YAML string or in Markdown prose without a comment is not a directive', () => {
    const r = run('# T\nimpact-notes-disable-file FLAG-A\n', 'title: "impact-notes-disable-file"  \nnotes: FLAG-A\n', { rules });
    assert.deepEqual(where(r.findings), ['impact:2:flag-a', 'release:2:flag-a']);
  });

  it('internal-error is never suppressed', () => {
    const boom = rule('boom', () => {
      throw new Error('kaputt');
    }, { scope: 'impact' });
    const r = run('<!-- impact-notes-disable-file -->\n# T\n', undefined, { rules: [boom] });
    assert.deepEqual(where(r.findings), ['impact:1:internal-error']);
  });
});

// ---------------------------------------------------------------------------------------------
// The guard
// ---------------------------------------------------------------------------------------------

describe('engine: suppression comments naming unknown rules', () => {
  const unknown = (r: LintResult) => r.findings.filter((f) => f.rule === UNKNOWN_RULE);
  const at = (text: string, f: Finding) => text.slice(f.range.start, f.range.end);

  it('reports each unknown name on the name itself, with the closest rule as a suggestion', () => {
    const md = '# T\n\n<!-- impact-notes-disable-next-line contact-mising, placeholder-text -- the contact-misng is fine -->\ntext\n';
    const r = run(md, undefined);
    const u = unknown(r);
    assert.equal(u.length, 1, u.map((f) => f.message).join('\n'));
    assert.equal(at(md, u[0]), 'contact-mising');
    assert.equal(u[0].severity, 'warning');
    assert.match(u[0].message, /'contact-mising' is not an Impact Notes rule.*did you mean 'contact-missing'\?/);
    const edit = u[0].suggestions?.[0]?.edits[0];
    assert.deepEqual(edit && applyEdits(md, [edit]).text, md.replace('contact-mising,', 'contact-missing,'));
  });

  it('works in release.yaml comments, over CRLF, and without a suggestion when nothing is close', () => {
    const yaml = 'title: x\r\nlicense: TODO  # impact-notes-disable-line zzzzzzzz\r\n# impact-notes-disable-file release-timing-missng\r\n';
    const u = unknown(run(undefined, yaml));
    assert.deepEqual(u.map((f) => [at(yaml, f), f.start.line, !!f.suggestions]), [
      ['zzzzzzzz', 1, false],
      ['release-timing-missng', 2, true],
    ]);
    assert.match(u[0].message, /Check the rule name/);
  });

  it('accepts every rule, the engine findings, a bare directive and rules passed in by the caller', () => {
    const names = [...allRules.map((r) => r.meta.name), INTERNAL_ERROR, FILE_SKIPPED, UNKNOWN_RULE];
    const md = ['# T', `<!-- impact-notes-disable ${names.join(', ')} -->`, '<!-- impact-notes-enable -->', '<!-- impact-notes-disable-line -- no names, every rule -->', ''].join('\n');
    assert.deepEqual(unknown(run(md, undefined)), []);
    assert.deepEqual(unknown(run('# T\n<!-- impact-notes-disable flag-a -->\n', undefined, { rules: [wordRule('flag-a', 'X')] })), []);
  });

  it('can itself be suppressed on its line, and ignores directives inside code', () => {
    const md = '# T\n<!-- impact-notes-disable-line nope --> <!-- impact-notes-disable-line suppression-unknown-rule -->\n\n```\n<!-- impact-notes-disable nope -->\n```\n';
    assert.deepEqual(unknown(run(md, undefined)), []);
  });
});

describe('engine: the guard around rules', () => {
  const ok = wordRule('still-runs', 'WORD');

  it('a rule that throws becomes one internal-error naming it, and the other rules still run', () => {
    const boom = rule('explodes', () => {
      throw new TypeError("Cannot read properties of undefined (reading 'x')");
    });
    const r = run('# T\nWORD\n', 'title: WORD\n', { rules: [boom, ok] });
    const errors = r.findings.filter((f) => f.rule === INTERNAL_ERROR);
    assert.equal(errors.length, 1);
    assert.equal(errors[0].severity, 'error');
    assert.match(errors[0].message, /'explodes'/);
    assert.match(errors[0].message, /reading 'x'/);
    assert.deepEqual(errors[0].range, { start: 0, end: 0 });
    assert.deepEqual(where(r.findings.filter((f) => f.rule === 'still-runs')), ['impact:2:still-runs', 'release:1:still-runs']);
  });

  it('reports made before the throw are dropped (a half-finished check is not trusted)', () => {
    const half = rule('half', (ctx) => {
      ctx.report({ message: 'x', file: 'impact', range: { start: 0, end: 1 } });
      throw new Error('late');
    });
    assert.deepEqual(where(run('# T\n', undefined, { rules: [half] }).findings), ['impact:1:internal-error']);
  });

  it('anything thrown, not only Errors, is caught', () => {
    for (const thrown of ['a string', undefined, null, 42, { odd: true }]) {
      const r = run('# T\n', 'a: 1\n', {
        rules: [
          rule('odd-throw', () => {
            throw thrown;
          }),
        ],
      });
      assert.equal(r.findings.length, 1, String(thrown));
      assert.equal(r.findings[0].rule, INTERNAL_ERROR);
      assert.match(r.findings[0].message, /'odd-throw'/);
    }
  });

  it('a release-scope failure is reported on release.yaml; a pair rule without IMPACT.md too', () => {
    const boom = (scope: RuleMeta['scope']) =>
      rule(`boom-${scope}`, () => {
        throw new Error('x');
      }, { scope });
    const r = run('# T\n', 'a: 1\n', { rules: [boom('release'), boom('impact')] });
    assert.deepEqual(where(r.findings), ['impact:1:internal-error', 'release:1:internal-error']);
    assert.equal(r.findings.find((f) => f.file === 'release')!.path, 'release.yaml');
    assert.deepEqual(where(run(undefined, 'a: 1\n', { rules: [boom('pair')] }).findings), ['release:1:internal-error']);
  });

  it('a range outside the file becomes an internal-error naming the rule', () => {
    const text = '# T\nabc\n';
    for (const range of [
      { start: 0, end: text.length + 1 },
      { start: -1, end: 2 },
      { start: 5, end: 4 },
      { start: Number.NaN, end: 2 },
      { start: 0, end: Infinity },
    ]) {
      const bad = rule('bad-range', (ctx) => ctx.report({ message: 'where?', file: 'impact', range }));
      const r = run(text, undefined, { rules: [bad, ok] });
      assert.equal(r.findings.length, 1, JSON.stringify(range));
      assert.equal(r.findings[0].rule, INTERNAL_ERROR);
      assert.match(r.findings[0].message, /'bad-range'.*outside the file/);
      assert.match(r.findings[0].message, /where\?/);
    }
  });

  it('a range at the very end of the file (empty, after the last character) is fine', () => {
    const text = '# T\nabc';
    const atEnd = rule('at-end', (ctx) => ctx.report({ message: 'end', file: 'impact', range: { start: text.length, end: text.length } }));
    const r = run(text, undefined, { rules: [atEnd] });
    assert.equal(r.findings[0].rule, 'at-end');
    assert.deepEqual(r.findings[0].start, { line: 1, character: 3 });
  });

  it('rules only run when their file is there', () => {
    const seen: string[] = [];
    const spy = (scope: RuleMeta['scope']) => rule(`spy-${scope}`, () => void seen.push(scope), { scope });
    const rules = (['impact', 'release', 'pair', 'workspace'] as const).map(spy);
    run('# T\n', undefined, { rules });
    assert.deepEqual(seen.splice(0), ['impact', 'pair']);
    run(undefined, 'a: 1\n', { rules });
    assert.deepEqual(seen.splice(0), ['release', 'pair']);
    run(undefined, undefined, { rules });
    assert.deepEqual(seen.splice(0), []);
  });

  it('rules see today, files, exists and their options; today defaults to the current UTC date', () => {
    const seen = wordRule('ctx-spy', 'nothing', { options: { n: { type: 'number', default: 3, description: 'n' } } });
    const exists = (p: string) => p === 'a.pt';
    run('# T\n', undefined, { rules: [seen], files: ['a.pt'], exists });
    const ctx = seen.calls[0];
    assert.equal(ctx.today.toISOString(), TODAY.toISOString());
    assert.deepEqual(ctx.files, ['a.pt']);
    assert.equal(ctx.exists, exists);
    assert.deepEqual(ctx.options, { n: 3 });
    lint({ impact: { path: 'IMPACT.md', text: '# T\n' }, rules: [seen] });
    const today = seen.calls[1].today;
    assert.equal(today.getUTCHours() + today.getUTCMinutes() + today.getUTCSeconds(), 0, 'UTC midnight');
    assert.ok(Math.abs(Date.now() - today.getTime()) < 2 * 86_400_000);
    assert.equal(seen.calls[1].files, undefined);
    assert.equal(seen.calls[1].exists, undefined);
  });

  it('findings come out sorted by path, file and position', () => {
    const r = run('# T\nWORD WORD\n', 'x: WORD\n', { rules: [wordRule('w2', 'WORD'), wordRule('w1', 'WORD')] });
    assert.deepEqual(
      r.findings.map((f) => `${f.file}:${f.range.start}:${f.rule}`),
      ['impact:4:w1', 'impact:4:w2', 'impact:9:w1', 'impact:9:w2', 'release:3:w1', 'release:3:w2'],
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Configuration
// ---------------------------------------------------------------------------------------------

describe('engine: configuration', () => {
  const a = wordRule('flag-a', 'FLAG');
  const b: Rule & { seen?: Record<string, unknown> } = {
    meta: meta('flag-b', {
      defaultSeverity: 'info',
      options: {
        min: { type: 'number', default: 1, description: 'Minimum.' },
        words: { type: 'string[]', default: ['x'], description: 'Words.' },
        strict: { type: 'boolean', default: false, description: 'Strict.' },
      },
    }),
    check(ctx) {
      b.seen = ctx.options;
      ctx.report({ message: 'b', file: 'impact', range: { start: 0, end: 1 } });
    },
  };
  const rules = [a, b];
  const cfg = (text: string) => parseConfig(text, '/p/.impact-notes.yaml', rules);

  it('severities, off and options flow from the configuration into the run', () => {
    const { config, problems } = cfg('rules:\n  flag-a: off\n  flag-b: { severity: error, words: [alpha, beta] }\n');
    assert.deepEqual(problems, []);
    a.calls.length = 0;
    const r = run('# T\nFLAG\n', undefined, { rules, config });
    assert.equal(a.calls.length, 0, 'a rule that is off does not run');
    assert.deepEqual(r.findings.map((f) => `${f.rule}:${f.severity}`), ['flag-b:error']);
    assert.deepEqual(b.seen, { min: 1, words: ['alpha', 'beta'], strict: false });
  });

  it('without configuration, defaults apply', () => {
    const r = run('# T\nFLAG\n', undefined, { rules });
    assert.deepEqual(r.findings.map((f) => `${f.rule}:${f.severity}`).sort(), ['flag-a:warning', 'flag-b:info']);
    assert.deepEqual(b.seen, { min: 1, words: ['x'], strict: false });
  });

  it('accepts severity spellings people use', () => {
    const { config, problems } = cfg('rules:\n  flag-a: warn\n  flag-b: 2\n');
    assert.deepEqual(problems, []);
    assert.equal(config.rules['flag-a'].severity, 'warning');
    assert.equal(config.rules['flag-b'].severity, 'error');
    assert.equal(cfg('rules:\n  flag-a: false\n').config.rules['flag-a'].severity, 'off');
    assert.equal(cfg('rules:\n  flag-a: 0\n').config.rules['flag-a'].severity, 'off');
  });

  it('unknown rules get a did-you-mean and a position', () => {
    const { problems } = cfg('rules:\n  flga-b: error\n  completely-unrelated: off\n');
    assert.deepEqual(problems, [
      { message: "Unknown rule 'flga-b'. Did you mean 'flag-b'?", line: 2, column: 3 },
      { message: "Unknown rule 'completely-unrelated'.", line: 3, column: 3 },
    ]);
  });

  it('bad severities, unknown options and wrongly typed options are problems, never exceptions', () => {
    const { config, problems } = cfg(
      ['rules:', '  flag-a: loud', '  flag-b:', '    severity: extreme', '    mni: 3', '    words: alpha', '    strict: "yes"', ''].join('\n'),
    );
    const messages = problems.map((p) => p.message);
    assert.ok(messages.some((m) => /flag-a.*use a severity/.test(m)), messages.join('\n'));
    assert.ok(messages.some((m) => /flag-b.*severity must be one of error, warning, info, off/.test(m)), messages.join('\n'));
    assert.ok(messages.some((m) => m === "Rule 'flag-b' has no option 'mni'. Did you mean 'min'?"), messages.join('\n'));
    assert.ok(messages.some((m) => /option 'words' must be a list of strings/.test(m)), messages.join('\n'));
    assert.ok(messages.some((m) => /option 'strict' must be a boolean/.test(m)), messages.join('\n'));
    // Nothing invalid leaks into the configuration: defaults stay in force.
    assert.equal(config.rules['flag-a']?.severity, undefined);
    assert.deepEqual(config.rules['flag-b'], { options: {} });
  });

  it('other configuration problems: unknown keys, wrong shapes, YAML errors', () => {
    assert.deepEqual(cfg('rule:\n  flag-a: off\n').problems.map((p) => p.message), ["Unknown configuration key 'rule'. Did you mean 'rules'?"]);
    assert.match(cfg('- a\n- b\n').problems[0].message, /must be a mapping/);
    assert.match(cfg('rules: [flag-a]\n').problems[0].message, /'rules' must map/);
    assert.match(cfg('maxFileSize: -1\n').problems[0].message, /positive number/);
    assert.match(cfg('ignore: vendor/**\n').problems[0].message, /list of glob/);
    assert.match(cfg('markers:\n  weight: ["*.pt"]\n').problems[0].message, /Did you mean 'weights'/);
    const syntax = cfg('rules:\n  flag-a: [off\n');
    assert.ok(syntax.problems.length > 0);
    assert.ok(syntax.problems[0].line >= 2);
    assert.deepEqual(cfg('').problems, []);
    assert.deepEqual(cfg('# only a comment\n').problems, []);
  });

  it('an alias bomb in the configuration is a problem, not a hang', () => {
    const bomb = billionLaughs('rules');
    const t = process.cpuUsage();
    const { problems } = cfg(bomb);
    const d = process.cpuUsage(t);
    assert.ok((d.user + d.system) / 1000 < 2000);
    assert.ok(problems.length > 0);
  });

  it('__proto__ and other Object.prototype names are just unknown rules, keys, options and severities', () => {
    const { config, problems } = cfg(
      '__proto__: { polluted: true }\nrules:\n  __proto__: off\n  constructor: error\n  flag-a: constructor\n  flag-b: { __proto__: 1, severity: toString }\n',
    );
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal(Object.getPrototypeOf(config.rules), Object.prototype);
    assert.deepEqual(problems.map((p) => p.message), [
      "Unknown configuration key '__proto__'.",
      "Unknown rule '__proto__'.",
      "Unknown rule 'constructor'.",
      "Rule 'flag-a': use a severity (error, warning, info, off) or a mapping with 'severity' and options.",
      "Rule 'flag-b' has no option '__proto__'. Options: min, words, strict.",
      "Rule 'flag-b': severity must be one of error, warning, info, off.",
    ]);
    assert.equal(config.rules['flag-a']?.severity, undefined);
    assert.equal(config.rules['flag-b']?.severity, undefined);
  });

  it('mergeConfig lays rule settings and options over the base', () => {
    const base = cfg('rules:\n  flag-b: { severity: error, min: 2 }\nignore: [a/**]\n').config;
    const over = cfg('rules:\n  flag-b: { words: [y] }\nignore: [b/**]\nmaxFileSize: 10\n').config;
    const merged: Config = mergeConfig(base, over);
    assert.deepEqual(merged.rules['flag-b'], { severity: 'error', options: { min: 2, words: ['y'] } });
    assert.deepEqual(merged.ignore, ['a/**', 'b/**']);
    assert.equal(merged.maxFileSize, 10);
    assert.deepEqual(ruleOptions(b, merged), { min: 2, words: ['y'], strict: false });
  });

  it('maxFileSize from the configuration decides what is skipped', () => {
    const config = cfg('maxFileSize: 10\n').config;
    const r = run('# Title that is long\n', undefined, { rules: [a], config });
    assert.deepEqual(r.findings.map((f) => f.rule), [FILE_SKIPPED]);
  });
});

// ---------------------------------------------------------------------------------------------
// Positions
// ---------------------------------------------------------------------------------------------

describe('engine: positions', () => {
  const target = wordRule('target', 'TARGET');
  const display = (f: Finding) => `${f.start.line + 1}:${f.start.character + 1}-${f.end.line + 1}:${f.end.character + 1}`;

  it('IMPACT.md with BOM, CRLF, a tab and emoji: exact 0-based positions and 1-based display', () => {
    const text = '\ufeff# Title\r\n\r\n😀 TARGET\r\n\tTARGET and 😀😀TARGET\r\n';
    const r = run(text, undefined, { rules: [target] });
    assert.deepEqual(r.findings.map(display), ['3:4-3:10', '4:2-4:8', '4:17-4:23']);
    const first = r.findings[0];
    // Offsets are UTF-16 code units into the text without its BOM.
    assert.equal(first.range.start, 14);
    assert.equal(r.impact!.source.text.slice(first.range.start, first.range.end), 'TARGET');
    assert.deepEqual(first.start, { line: 2, character: 3 });
    assert.deepEqual(first.end, { line: 2, character: 9 });
    assert.equal(r.impact!.source.hadBom, true);
  });

  it('release.yaml with BOM, CRLF, a tab inside a quoted value and emoji', () => {
    const text = '\ufefftitle: "😀 TARGET"\r\nnotes: "\tTARGET"\r\n';
    const r = run(undefined, text, { rules: [target] });
    assert.deepEqual(r.findings.map(display), ['1:12-1:18', '2:10-2:16']);
    assert.deepEqual(r.findings.map((f) => f.path), ['release.yaml', 'release.yaml']);
  });

  it('release.yaml positions agree with the YAML parser (rangeOf) through a BOM and CRLF', () => {
    const text = '\ufeffimpact-release: 1\r\ntitle: 😀 x\r\nreview:\r\n  level: exempt\r\n';
    const onLevel = rule('on-level', (ctx) => ctx.report({ message: 'l', file: 'release', range: ctx.release!.rangeOf(['review', 'level'], 'value') }), { scope: 'release' });
    const r = run(undefined, text, { rules: [onLevel] });
    assert.equal(display(r.findings[0]), '4:10-4:16');
  });

  it('lone CR line breaks count as line breaks in both files', () => {
    const r = run('# T\rTARGET\r', 'a: 1\rb: TARGET\r', { rules: [target] });
    assert.deepEqual(r.findings.map((f) => `${f.file}:${display(f)}`), ['impact:2:1-2:7', 'release:2:4-2:10']);
    assert.deepEqual(r.release!.syntaxErrors, [], 'the YAML parser must read lone CRs as line breaks too');
    assert.deepEqual(r.release!.value, { a: 1, b: 'TARGET' });
  });

  it('SourceText: an offset between CR and LF belongs to the end of its line', () => {
    const s = new SourceText('x', 'ab\r\ncd');
    assert.deepEqual(s.positionAt(3), { line: 0, character: 2 });
    assert.deepEqual(s.positionAt(4), { line: 1, character: 0 });
    assert.equal(s.offsetAt({ line: 1, character: 99 }), 6);
    assert.equal(s.eol, '\r\n');
  });
});

// ---------------------------------------------------------------------------------------------
// Fixes
// ---------------------------------------------------------------------------------------------

describe('engine: applyEdits and lintAndFix', () => {
  it('applies non-overlapping edits in any order', () => {
    const edits = [
      { range: { start: 6, end: 11 }, newText: 'there' },
      { range: { start: 0, end: 0 }, newText: '>> ' },
      { range: { start: 11, end: 11 }, newText: '!' },
    ];
    assert.deepEqual(applyEdits('hello world', edits), { text: '>> hello there!', applied: 3 });
  });

  it('skips overlapping edits, repeated inserts at one point, and edits outside the text', () => {
    assert.deepEqual(
      applyEdits('abcdef', [
        { range: { start: 1, end: 4 }, newText: 'X' },
        { range: { start: 2, end: 5 }, newText: 'Y' },
      ]),
      { text: 'aXef', applied: 1 },
    );
    assert.deepEqual(
      applyEdits('ab', [
        { range: { start: 1, end: 1 }, newText: '1' },
        { range: { start: 1, end: 1 }, newText: '2' },
      ]),
      { text: 'a1b', applied: 1 },
    );
    assert.deepEqual(applyEdits('ab', [{ range: { start: 1, end: 9 }, newText: 'X' }, { range: { start: -1, end: 0 }, newText: 'Y' }, { range: { start: 2, end: 1 }, newText: 'Z' }]), {
      text: 'ab',
      applied: 0,
    });
  });

  /** A fixable rule: every line "todo" becomes "done"; each fix an exact replacement. */
  const todo: Rule = {
    meta: meta('todo-line', { scope: 'impact', fixable: true }),
    check(ctx) {
      const s = ctx.impact!.source;
      for (let l = 0; l < s.lineCount; l++) {
        if (s.lineText(l) !== 'todo') continue;
        const range = s.lineRange(l);
        ctx.report({ message: 'todo', file: 'impact', range, fix: { title: 'done', edits: [{ file: 'impact', range, newText: 'done' }] } });
      }
    },
  };

  it('fixes everything, keeps BOM and CRLF, and a second run changes nothing', () => {
    const text = '\ufeff# T\r\ntodo\r\nkeep\r\ntodo\r\n';
    const res = lintAndFix({ impact: { path: 'IMPACT.md', text }, rules: [todo], today: TODAY });
    assert.equal(res.impact, '\ufeff# T\r\ndone\r\nkeep\r\ndone\r\n');
    assert.equal(res.applied, 2);
    assert.deepEqual(res.result.findings, []);
    const again = lintAndFix({ impact: { path: 'IMPACT.md', text: res.impact! }, rules: [todo], today: TODAY });
    assert.equal(again.applied, 0);
    assert.equal(again.impact, undefined, 'nothing changed, so no new text');
  });

  it('missing-section on a title-only IMPACT.md converges: every section inserted, CRLF kept, idempotent', () => {
    const missing = allRules.find((r) => r.meta.name === 'missing-section')!;
    const res = lintAndFix({ impact: { path: 'IMPACT.md', text: '# Title\r\n' }, rules: [missing], today: TODAY });
    // Every section is there; what is left is one 'prompt still here' error per unanswered section (no fix).
    assert.deepEqual(res.result.findings.filter((f) => f.fix || !/the template's prompt is still here/.test(f.message)).map((f) => f.message), [], 'missing sections left after --fix');
    assert.ok(!/[^\r]\n/.test(res.impact!), 'only CRLF line breaks');
    assert.ok(res.impact!.indexOf('## Summary') < res.impact!.indexOf('## Review log'), 'canonical order');
    const again = lintAndFix({ impact: { path: 'IMPACT.md', text: res.impact! }, rules: [missing], today: TODAY });
    assert.equal(again.applied, 0);
  });

  it('fixes in both files of a pair, and the pair then lints clean for those rules', () => {
    const both: Rule = {
      meta: meta('end-marker', { fixable: true }),
      check(ctx) {
        for (const [file, doc, mark] of [['impact', ctx.impact, '<!-- end -->'], ['release', ctx.release, '# end']] as const) {
          if (!doc || doc.source.text.endsWith(mark + '\n')) continue;
          const n = doc.source.length;
          ctx.report({ message: 'no end mark', file, range: { start: n, end: n }, fix: { title: 'add', edits: [{ file, range: { start: n, end: n }, newText: mark + '\n' }] } });
        }
      },
    };
    const res = lintAndFix({ impact: { path: 'IMPACT.md', text: '# T\n' }, release: { path: 'release.yaml', text: 'a: 1\n' }, rules: [both], today: TODAY });
    assert.equal(res.impact, '# T\n<!-- end -->\n');
    assert.equal(res.release, 'a: 1\n# end\n');
    assert.deepEqual(res.result.findings, []);
  });
});

// ---------------------------------------------------------------------------------------------
// The clean reference pair
// ---------------------------------------------------------------------------------------------

describe('engine: the clean reference pair', () => {
  it('test/fixtures/pairs/clean lints with zero findings across all rules', () => {
    const files = ['paper/main.tex', 'train.py', 'checkpoints/small.pt'];
    const r = lint({
      impact: { path: path.join(CLEAN, 'IMPACT.md'), text: fs.readFileSync(path.join(CLEAN, 'IMPACT.md'), 'utf8') },
      release: { path: path.join(CLEAN, 'release.yaml'), text: fs.readFileSync(path.join(CLEAN, 'release.yaml'), 'utf8') },
      today: TODAY,
      files,
      exists: (p) => fs.existsSync(path.join(CLEAN, p)),
    });
    assert.deepEqual(
      r.findings.map((f) => `${path.basename(f.path)}:${f.start.line + 1}:${f.start.character + 1} ${f.rule}: ${f.message}`),
      [],
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Hostile input
// ---------------------------------------------------------------------------------------------

function billionLaughs(topKey = 'lol'): string {
  const lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'];
  const names = 'bcdefghi'.split('');
  let prev = 'a';
  for (const n of names) {
    lines.push(`${n}: &${n} [${Array(9).fill(`*${prev}`).join(', ')}]`);
    prev = n;
  }
  lines.push(`${topKey}: *${prev}`);
  return lines.join('\n') + '\n';
}

describe('engine: hostile input never throws or hangs', () => {
  /**
   * CPU time, not wall time: this machine is shared, and a loaded machine stretches wall time
   * without the engine doing more work. A hang or a quadratic blow-up still burns CPU.
   */
  const BUDGET_MS = 2000;
  const cpuMs = (since: NodeJS.CpuUsage) => {
    const d = process.cpuUsage(since);
    return (d.user + d.system) / 1000;
  };

  /** Lints with every rule, asserts the time budget, sane ranges and no internal errors. */
  function survive(name: string, impact: string | undefined, release: string | undefined): LintResult {
    const t = process.cpuUsage();
    let r: LintResult;
    try {
      r = run(impact, release, { files: [], exists: () => false });
    } catch (err) {
      assert.fail(`${name}: lint threw ${(err as Error)?.stack ?? err}`);
    }
    const ms = Math.round(cpuMs(t));
    assert.ok(ms < BUDGET_MS, `${name}: took ${ms} ms of CPU (budget ${BUDGET_MS} ms)`);
    for (const f of r.findings) {
      const src = f.file === 'impact' ? r.impact?.source : r.release?.source;
      const len = src ? src.length : Math.max(impact?.length ?? 0, release?.length ?? 0);
      assert.ok(f.range.start >= 0 && f.range.start <= f.range.end && f.range.end <= len, `${name}: ${f.rule} range ${f.range.start}-${f.range.end} of ${len}`);
      assert.ok(f.start.line >= 0 && f.start.character >= 0, `${name}: ${f.rule} position`);
    }
    const internal = r.findings.filter((f) => f.rule === INTERNAL_ERROR);
    assert.deepEqual(internal.map((f) => f.message), [], `${name}: a rule crashed`);
    return r;
  }

  const FULL_PLAN = fs.readFileSync(path.join(CLEAN, 'release.yaml'), 'utf8');
  const FULL_IMPACT = fs.readFileSync(path.join(CLEAN, 'IMPACT.md'), 'utf8');

  it('empty and blank files', () => {
    for (const [i, r] of [
      ['', ''],
      ['', undefined],
      [undefined, ''],
      ['\ufeff', '\ufeff'],
      ['  \n\n\t\n', '  \n\n'],
      ['\r\n', '\r\n'],
    ] as const) {
      survive(`empty ${JSON.stringify([i, r])}`, i, r);
    }
  });

  it('a 10 MB IMPACT.md is skipped with file-skipped, quickly, and the plan is still checked', () => {
    const huge = '# Impact\n\n' + 'The model is described here in some detail. '.repeat(240_000);
    assert.ok(huge.length > 10_000_000);
    const t = process.cpuUsage();
    const r = survive('10 MB IMPACT.md', huge, FULL_PLAN);
    assert.ok(cpuMs(t) < 500, 'skipping must not parse the file');
    const skipped = r.findings.filter((f) => f.rule === FILE_SKIPPED);
    assert.equal(skipped.length, 1);
    assert.equal(skipped[0].file, 'impact');
    assert.equal(skipped[0].severity, 'warning');
    assert.match(skipped[0].message, /MB, above the 2\.0 MB limit/);
    assert.equal(r.impact, undefined);
    assert.ok(r.release, 'the plan is still parsed');
  });

  it('a release.yaml above the limit is skipped too', () => {
    const r = survive('big plan', undefined, 'impact-release: 1\nnotes: "' + 'x'.repeat(DEFAULT_MAX_FILE_SIZE) + '"\n');
    assert.deepEqual(r.findings.map((f) => f.rule), [FILE_SKIPPED]);
  });

  it('binary content in either file', () => {
    const png = '\u0089PNG\r\n\u001a\n\u0000\u0000\u0000\rIHDR\u0000\u0000\u0001\u0000';
    const r1 = survive('binary IMPACT.md', png, undefined);
    assert.deepEqual(r1.findings.map((f) => f.rule), [FILE_SKIPPED]);
    const r2 = survive('binary release.yaml', undefined, png);
    assert.ok(r2.findings.some((f) => f.file === 'release'), 'binary release.yaml must be reported');
    const noise = Array.from({ length: 4000 }, (_, i) => String.fromCharCode((i * 7919) % 32)).join('');
    survive('control characters', noise, noise);
    survive('lone surrogates', '# \ud800 title\n\n## Summary\n\udc00\n', 'impact-release: 1\ntitle: "\ud800"\nartifacts: []\n');
  });

  it('a YAML alias bomb (billion laughs) is reported, not expanded', () => {
    const r = survive('billion laughs', FULL_IMPACT, 'impact-release: 1\n' + billionLaughs('notes'));
    assert.ok(r.findings.some((f) => f.file === 'release'), 'the bomb must produce a finding');
    assert.equal(r.release!.value, undefined, 'the bomb was not turned into data');
  });

  it('YAML nested beyond MAX_NESTING is skipped with file-skipped saying why; realistic nesting is not', () => {
    const r = survive('deep', undefined, 'impact-release: 1\nnotes: ' + '['.repeat(MAX_NESTING + 5) + ']'.repeat(MAX_NESTING + 5) + '\n');
    const skipped = r.findings.filter((f) => f.rule === FILE_SKIPPED);
    assert.equal(skipped.length, 1);
    assert.match(skipped[0].message, /nests more than 100 levels/);
    assert.equal(r.release!.doc, undefined, 'the parser never saw it');
    assert.equal(yamlNestingDepth(FULL_PLAN), 7);
    assert.equal(yamlNestingDepth('a:\n  b:\n    c: [1, {d: [2]}]\n'), 6);
    assert.equal(yamlNestingDepth('a:\r\n- - - x\r\n'), 4, 'compact sequences, CRLF');
    assert.equal(yamlNestingDepth('a: "[[[[" # [[[[\nb: \'{{{\'\nc: it\'s [x]\n'), 2, 'quoted scalars and comments do not count');
    assert.equal(yamlNestingDepth('a: [\n  1,\n  [2,\n   3]\n]\nb: 1\n'), 3, 'flow collections across lines');
    assert.equal(yamlNestingDepth('['.repeat(10_000), 100), 101, 'stops counting past the limit');
  });

  const head = '# Impact\n\n## Summary\n\n';
  const cases: [string, string | undefined, string | undefined][] = [
    ['YAML: 10,000 unclosed [', FULL_IMPACT, 'impact-release: 1\nartifacts: ' + '['.repeat(10_000) + '\n'],
    ['YAML: 10,000 closed [ ]', FULL_IMPACT, 'impact-release: 1\nartifacts: ' + '['.repeat(10_000) + ']'.repeat(10_000) + '\n'],
    ['YAML: 10,000 nested { a: }', FULL_IMPACT, 'impact-release: 1\nnotes: ' + '{a: '.repeat(10_000) + '1' + '}'.repeat(10_000) + '\n'],
    ['YAML: 10,000 compact block sequences', FULL_IMPACT, 'impact-release: 1\nartifacts:\n' + '- '.repeat(10_000) + 'x\n'],
    ['YAML: 10,000 [ and nothing else', FULL_IMPACT, '['.repeat(10_000)],
    ['Markdown: 10,000 > blockquotes', head + '>'.repeat(10_000) + ' deep\n', undefined],
    ['Markdown: 10,000 spaced > blockquotes', head + '> '.repeat(10_000) + 'deep\n', undefined],
    ['Markdown: 10,000 nested - lists', head + '- '.repeat(10_000) + 'deep\n', undefined],
    ['Markdown: 10,000 nested 1. lists', head + '1. '.repeat(10_000) + 'deep\n', undefined],
    ['Markdown: 5,000 nested > - quote lists', head + '> - '.repeat(5_000) + 'deep\n', undefined],
    ['Markdown: 1,000 indented list levels', head + Array.from({ length: 1_000 }, (_, i) => ' '.repeat(i * 2) + '- **Applies:** yes').join('\n') + '\n', undefined],
    ['Markdown: 100,000 unmatched [', head + '['.repeat(100_000) + '\n', undefined],
    ['Markdown: 25,000 unclosed link openers', head + '[a]('.repeat(25_000) + '\n', undefined],
    ['Markdown: 50,000 unclosed <!-- in a heading', '# <!--' + ' <!--'.repeat(50_000) + '\n\n## Summary\n\ntext\n', undefined],
    ['Markdown: 50,000 unclosed <!-- in a paragraph', head + 'x <!--'.repeat(50_000) + '\n', undefined],
    ['Markdown: 50,000 emphasis openers', head + '*a _b '.repeat(50_000) + '\n', undefined],
    ['Markdown: one 1.9 MB line', head + 'a'.repeat(1_900_000) + '\n', undefined],
  ];
  for (const [name, impact, release] of cases) {
    it(`${name}: a finding or a clean skip, within the budget`, () => {
      const r = survive(name, impact, release);
      if (release !== undefined) assert.ok(r.findings.some((f) => f.file === 'release'), 'a finding on release.yaml (file-skipped or a syntax error)');
      else assert.ok(r.impact, 'parsed');
    });
  }

  it('__proto__, constructor and prototype keys in YAML and Markdown do not pollute or crash', () => {
    const plan = [
      'impact-release: 1',
      '__proto__: { polluted: true }',
      'constructor: { prototype: { polluted: true } }',
      'review: { __proto__: { level: full }, level: exempt }',
      'safeguards: { __proto__: { status: implemented }, toString: { status: planned } }',
      'artifacts:',
      '  - __proto__: { id: ghost }',
      '    id: weights',
      '    content: trained-model',
      '    timing: { kind: immediate, __proto__: x }',
      '    distribution: { kind: public }',
      '',
    ].join('\n');
    const impact = FULL_IMPACT + '\n## __proto__\n\n- **__proto__:** high\n- **constructor:** yes\n- **hasOwnProperty:** low\n';
    const r = survive('__proto__', impact, plan);
    assert.equal(({} as Record<string, unknown>).polluted, undefined, 'Object.prototype was polluted');
    assert.equal(Object.getPrototypeOf(r.release!.value), Object.prototype);
    assert.ok(r.findings.some((f) => f.file === 'release'), 'the unknown keys are reported');
  });

  it('odd but valid YAML shapes: scalars, lists, nulls, tags, several documents', () => {
    for (const text of [
      'hello',
      '- a\n- b\n',
      '~\n',
      'impact-release: 1\nartifacts:\n  -\n  - 5\n  - [a]\n  - id: 7\n    content: [x]\n    timing: 3\n    distribution: null\n    safeguards: {a: 1}\nsafeguards: [a]\nreview: 5\nmodality: {a: 1}\nassessment: [x]\ncontact: 5\nwithdrawal: []\n',
      'impact-release: !!binary aGVsbG8=\nartifacts: !!set { a, b }\ntitle: !custom x\n',
      'impact-release: 1\n---\nimpact-release: 1\n',
      'impact-release: 1\nartifacts: &x []\nnotes: *x\n',
      'impact-release: 1\n? [complex, key]\n: value\nartifacts: []\n',
    ]) {
      survive(`YAML ${JSON.stringify(text.slice(0, 30))}`, FULL_IMPACT, text);
    }
  });

  it('odd Markdown shapes: no headings, only headings, front matter, HTML, unclosed fences', () => {
    for (const text of [
      'just text',
      '## Summary\n## Hazards\n### Product hazard\n- **Applies:**\n## Path to harm\n- **Reproducibility:**\n',
      '---\ntitle: x\n---\n# T\n',
      '---\nunclosed front matter\n# T\n',
      '<div>\n## Summary\n</div>\n',
      '# T\n\n```\n## Summary\n',
      '# T\n\n## Release plan\n\n`',
      '#\n##\n###\n- **:** \n- ****: x\n',
    ]) {
      survive(`Markdown ${JSON.stringify(text.slice(0, 30))}`, text, FULL_PLAN);
    }
  });
});

describe('engine: rule metadata is a contract', () => {
  const fixAndSuggest = (extra: Partial<RuleMeta>): Rule => ({
    meta: meta('offers-fixes', { scope: 'impact', ...extra }),
    check(ctx) {
      const range = { start: 0, end: 1 };
      ctx.report({
        message: 'x',
        file: 'impact',
        range,
        fix: { title: 'fix', edits: [{ file: 'impact', range, newText: 'y' }] },
        suggestions: [{ title: 'suggest', edits: [{ file: 'impact', range, newText: 'z' }] }],
      });
    },
  });
  const run = (rule: Rule) => lint({ impact: { path: 'IMPACT.md', text: '# x\n' }, rules: [rule], today: TODAY }).findings;

  it('keeps the fix and the suggestions a rule declares', () => {
    const fs = run(fixAndSuggest({ fixable: true, suggestions: true }));
    assert.deepEqual(fs.map((f) => [f.rule, !!f.fix, f.suggestions?.length]), [['offers-fixes', true, 1]]);
  });

  it('drops and reports a fix or suggestions the metadata does not declare', () => {
    const fs = run(fixAndSuggest({ fixable: false }));
    const own = fs.find((f) => f.rule === 'offers-fixes');
    assert.ok(own);
    assert.equal(own.fix, undefined);
    assert.equal(own.suggestions, undefined);
    const internal = fs.find((f) => f.rule === INTERNAL_ERROR);
    assert.ok(internal);
    assert.match(internal.message, /offered a fix \(meta\.fixable is false\) and suggestions \(meta\.suggestions is not set\)/);
  });
});

describe('SourceText: line starts', () => {
  it('gives the same lines for LF text (the fast path) as a character-by-character reading', () => {
    const texts = ['', '\n', 'a', 'a\n', 'a\nb', '\n\nx\n\n', 'one\ntwo\n\nthree'];
    for (const t of texts) {
      const lf = new SourceText('x', t);
      const lines = t.split('\n');
      assert.equal(lf.lineCount, lines.length, JSON.stringify(t));
      lines.forEach((l, i) => assert.equal(lf.lineText(i), l, `${JSON.stringify(t)} line ${i}`));
      // The same text with CRLF breaks takes the other path and must agree line for line.
      const crlf = new SourceText('x', t.replace(/\n/g, '\r\n'));
      assert.equal(crlf.lineCount, lines.length);
      lines.forEach((l, i) => assert.equal(crlf.lineText(i), l));
    }
  });
});
