/**
 * The report and the exports (src/core/report, src/cli/report.ts):
 *   - snapshots of the HTML, Markdown and LaTeX report and of every export for the example project
 *     (examples/voice-clone-study), with a fixed today; snapshots live in
 *     test/fixtures/snapshots/report/. Regenerate after an intended change with
 *     `UPDATE_SNAPSHOTS=1 npx mocha test/unit/report.test.ts` and review the diff.
 *     The report snapshots lint with a fixed list of rules (REPORT_RULES), so that a new rule
 *     elsewhere does not change them; the exports do not depend on findings at all.
 *   - escaping: hostile text (LaTeX specials, <script>, raw HTML, javascript: links, remote images,
 *     </style>, comment breakers) in every place user text reaches, in every output;
 *   - the pictures: the heat map, the ratchet and the timeline in edge cases;
 *   - the command line, as a subprocess (the CLI bundled like `npm run build` does).
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import MarkdownIt from 'markdown-it';
import { loadReport, renderReport } from '../../src/cli/report';
import { lint } from '../../src/core/engine';
import {
  buildReport,
  checklist,
  contentSecurityPolicy,
  EXPORT_FORMATS,
  EXPORT_KINDS,
  renderExport,
  renderReportHtml,
  renderReportLatex,
  renderReportMarkdown,
  type ExportFormat,
  type ReportModel,
} from '../../src/core/report';
import { escapeLatex, escapeMarkdown, latexUrl } from '../../src/core/report/escape';
import { markdownToLatex, markdownToMarkdown } from '../../src/core/report/markdown';
import { heatmapSvg, timeTicks } from '../../src/core/report/svg';
import { allRules } from '../../src/core/rules';

const ROOT = path.resolve(__dirname, '..', '..');
const EXAMPLE = path.join(ROOT, 'examples', 'voice-clone-study');
const SNAPSHOTS = path.join(ROOT, 'test', 'fixtures', 'snapshots', 'report');
const TODAY = '2026-06-01';
const TODAY_DATE = new Date(`${TODAY}T00:00:00Z`);
const UPDATE = !!process.env.UPDATE_SNAPSHOTS;

/** The rules the report snapshots lint with (a fixed list, so new rules elsewhere leave them alone). */
const REPORT_RULES = ['factor-unrated', 'invalid-value', 'timing-incomplete', 'safeguard-status-missing', 'withdrawal-plan-missing', 'artifact-path-unmatched'];

function snapshot(name: string, actual: string): void {
  const file = path.join(SNAPSHOTS, name);
  if (UPDATE) {
    fs.mkdirSync(SNAPSHOTS, { recursive: true });
    fs.writeFileSync(file, actual);
    return;
  }
  assert.ok(fs.existsSync(file), `snapshot ${name} is missing: run UPDATE_SNAPSHOTS=1 npx mocha test/unit/report.test.ts`);
  const expected = fs.readFileSync(file, 'utf8');
  if (actual !== expected) {
    const a = actual.split('\n');
    const e = expected.split('\n');
    const i = a.findIndex((line, k) => line !== e[k]);
    assert.fail(`${name} differs from its snapshot at line ${i + 1}:\n  expected: ${e[i]}\n  actual:   ${a[i]}\n(UPDATE_SNAPSHOTS=1 to accept the change)`);
  }
}

function exampleModel(): ReportModel {
  const read = (f: string) => fs.readFileSync(path.join(EXAMPLE, f), 'utf8');
  const files = ['IMPACT.md', 'release.yaml', 'train.py', 'infer.py', 'checkpoints/echovoice-small.pt', 'configs/train.yaml', 'data/README.md', 'data/manifest.csv', 'paper/main.tex'];
  const result = lint({
    impact: { path: path.join(EXAMPLE, 'IMPACT.md'), text: read('IMPACT.md') },
    release: { path: path.join(EXAMPLE, 'release.yaml'), text: read('release.yaml') },
    today: TODAY_DATE,
    files,
    exists: (rel) => files.includes(rel) || files.some((f) => f.startsWith(`${rel}/`)),
    rules: allRules.filter((r) => REPORT_RULES.includes(r.meta.name)),
  });
  return buildReport({ result, today: TODAY_DATE, folder: 'voice-clone-study' });
}

// ---------------------------------------------------------------------------------------------

describe('report: snapshots of the example project', () => {
  const model = exampleModel();

  it('report.html', () => snapshot('report.html', renderReportHtml(model)));
  it('report.md', () => snapshot('report.md', renderReportMarkdown(model)));
  it('report.tex', () => snapshot('report.tex', renderReportLatex(model)));
  for (const kind of EXPORT_KINDS) {
    for (const format of EXPORT_FORMATS[kind]) {
      const name = `${kind}.${format === 'latex' ? 'tex' : 'md'}`;
      it(name, () => snapshot(name, renderExport(kind, model, format).text));
    }
  }

  it('the report model reads the example right', () => {
    assert.equal(model.title, 'EchoVoice zero-shot voice cloning');
    assert.equal(`${model.completeness.done}/${model.completeness.total}`, '17/22');
    assert.deepEqual(
      model.hazards.map((h) => `${h.term.id}:${h.applies}`),
      ['product:yes', 'data:no', 'attention:unsure'],
    );
    assert.equal(model.factors.find((f) => f.term.id === 'modifiability')?.rating, 'off-scale');
    assert.equal(model.factors.find((f) => f.term.id === 'environment')?.rating, 'unrated');
    assert.equal(model.ratchet.position?.id, 'attention');
    const weights = model.timeline.find((a) => a.id === 'weights');
    assert.deepEqual(
      weights?.events.map((e) => [e.when, e.date ?? e.event]),
      [
        ['date', '2027-01-15'],
        ['event', 'detector published'],
      ],
    );
    assert.equal(model.timeline.find((a) => a.id === 'demo')?.events[0].when, 'unscheduled');
    assert.deepEqual(
      model.safeguards.map((s) => `${s.term.id}:${s.status ?? '-'}`),
      ['consent:implemented', 'detectability:planned', 'watermarking:implemented', 'referenceability:-', 'synthesis-constraints:planned'],
    );
  });

  it('checklist answers for the example: NeurIPS yes/yes, ACL A2 yes, pointing at the Broader Impact section', () => {
    const answers = checklist(model);
    assert.deepEqual(
      answers.map((a) => `${a.venue} ${a.item}: ${a.answer} (${a.section})`),
      ['NeurIPS Broader impacts: Yes (Broader Impact)', 'NeurIPS Safeguards: Yes (Broader Impact)', 'ACL/ARR A2. Potential risks: Yes (Broader Impact)'],
    );
    assert.match(answers[1].justification, /‘weights’ is released on request/);
  });

  it('exports never carry placeholders: the TODO detection guidance becomes a comment and a gap', () => {
    for (const kind of EXPORT_KINDS) {
      for (const format of EXPORT_FORMATS[kind]) {
        const r = renderExport(kind, model, format);
        assert.doesNotMatch(r.text, /\bTODO\b(?! *-->)/, `${kind} ${format}`);
      }
    }
    const bi = renderExport('broader-impact', model, 'md');
    assert.ok(bi.gaps.some((g) => /Detection guidance/.test(g)));
    assert.match(bi.text, /<!-- Impact Notes: the Detection guidance section is missing or still a placeholder\. -->/);
    assert.ok(bi.gaps.some((g) => /Modifiability, Environment/.test(g)));
  });
});

// ---------------------------------------------------------------------------------------------

const HOSTILE = [
  '<script>alert(1)</script>',
  '</style><script>alert(2)</script>',
  '<img src=x onerror=alert(3)>',
  '[click](javascript:alert(4))',
  '<javascript:alert(5)>',
  '![pixel](https://evil.example/p.png)',
  '<!-- c --> --> <!-- d -->',
  '\\input{/etc/passwd} \\end{document} # $ % & _ { } ~ ^ \\\\',
  '“quoted” ‘single’ — dash – en … | pipe |',
  '`code with </style>`',
].join(' ');

function hostileImpact(): string {
  const h = HOSTILE;
  return [
    `# Impact assessment: ${h}`,
    '',
    '## Summary',
    '',
    h,
    '',
    '<div onclick="x()">raw block html</div>',
    '',
    '## Capability and modality',
    '',
    '- **Modality:** audio, video',
    `- **Capability:** ${h}`,
    '',
    '## Benefits',
    '',
    h,
    '',
    `- a list item ${h}`,
    '',
    '## Hazards',
    '',
    '### Product hazard',
    '- **Applies:** yes',
    `- **Rationale:** ${h}`,
    '',
    '### Data hazard',
    '- **Applies:** unsure',
    `- **Rationale:** ${h}`,
    '',
    '### Attention hazard',
    '- **Applies:** no',
    `- **Rationale:** ${h}`,
    '',
    '## Path to harm',
    '',
    '### Awareness',
    `- **Adversary attention:** high — ${h}`,
    `- **Convincibility:** <b>high</b> — ${h}`,
    '',
    '### Deployment',
    `- **Slottability:** unknown — ${h}`,
    `- **Reproducibility:** low — ${h}`,
    '',
    '## Access ratchet',
    '',
    '- **Position:** weaponized',
    `- **Rationale:** ${h}`,
    '',
    '## Who could be harmed',
    '',
    `- **Subjects:** ${h}`,
    '',
    '## Mitigations',
    '',
    h,
    '',
    '## Detection guidance',
    '',
    h,
    '',
    '## Release plan',
    '',
    h,
    '',
    '## Conference checklist mapping',
    '',
    `- **NeurIPS safeguards:** ${h}`,
    '',
  ].join('\n');
}

function hostileRelease(): string {
  const q = JSON.stringify(HOSTILE);
  return [
    'impact-release: 1',
    `title: ${q}`,
    'modality: [audio]',
    `contact: ${q}`,
    `withdrawal: ${q}`,
    'artifacts:',
    `  - id: ${JSON.stringify('w</style><script>x()</script>')}`,
    '    content: trained-model',
    '    timing:',
    '      kind: staged',
    '      stages:',
    `        - { date: 2027-01-15, release: ${q} }`,
    `        - { after: ${q}, release: ${q} }`,
    `    distribution: { kind: ask-for-access, process: ${q}, terms: ${q} }`,
    '  - id: demo',
    '    content: runnable-system',
    `    timing: { kind: evented, event: ${q} }`,
    '    distribution: { kind: public }',
    'safeguards:',
    `  consent: { status: implemented, detail: ${q} }`,
    `  watermarking: { status: planned, detail: ${q} }`,
    '',
  ].join('\n');
}

function hostileModel(): ReportModel {
  const result = lint({ impact: { path: 'IMPACT.md', text: hostileImpact() }, release: { path: 'release.yaml', text: hostileRelease() }, today: TODAY_DATE });
  return buildReport({ result, today: TODAY_DATE, folder: '<b>folder</b>' });
}

const ALLOWED_TAGS = new Set(
  'html head meta title style body header h1 h2 h3 h4 h5 h6 p span section div svg desc defs pattern line g text rect circle path marker ul ol li strong em s code pre blockquote table thead tbody tr th td footer a button br hr'.split(' '),
);

function assertSafeHtml(html: string, allowScript: boolean): void {
  const tags = [...html.matchAll(/<([a-zA-Z][a-zA-Z0-9-]*)/g)].map((m) => m[1].toLowerCase());
  for (const t of tags) assert.ok(ALLOWED_TAGS.has(t) || (allowScript && t === 'script'), `unexpected <${t}> in the HTML`);
  assert.equal((html.match(/<script/g) ?? []).length, allowScript ? 1 : 0, 'only our own script, and only in the webview');
  assert.equal((html.match(/<\/style>/gi) ?? []).length, 1, 'user text cannot close the stylesheet');
  assert.doesNotMatch(html, /<[^>]*\son[a-z]+\s*=/i, 'no event-handler attributes');
  assert.doesNotMatch(html, /<[^>]*\sstyle\s*=/i, 'no inline style attributes');
  for (const m of html.matchAll(/\s(href|src|xlink:href)="([^"]*)"/g)) assert.match(m[2], /^(https?:\/\/|mailto:|#)/, `${m[1]}="${m[2]}"`);
  assert.doesNotMatch(html, /(src|href)="[^"]*evil\.example/, 'no remote image');
  assert.doesNotMatch(html, /href="javascript/i);
}

const LATEX_COMMANDS = new Set(
  'section paragraph textbf emph texttt href begin end item textbackslash textasciitilde textasciicircum textless textgreater textbar ldots answerYes answerNo answerNA bf documentclass usepackage title author date maketitle multicolumn toprule midrule bottomrule cellcolor textcolor small raggedright arraybackslash linewidth medskip noindent S rightarrow times'.split(
    ' ',
  ),
);

function assertSafeLatex(tex: string): void {
  for (const line of tex.split('\n')) {
    if (/^\s*%/.test(line)) {
      continue;
    }
    for (const m of line.matchAll(/\\([a-zA-Z]+)/g)) assert.ok(LATEX_COMMANDS.has(m[1]), `unexpected \\${m[1]} in: ${line}`);
    const row = (/\\\\$/.test(line) ? line.replace(/(^|\s)&(?=\s|$)/g, ' ') : line).replace(/\$(\\rightarrow|\\times|-)\$/g, '');
    const bare = row.replace(/\\[\\#$%&_{}~^ ]/g, '').replace(/\\[a-zA-Z]+/g, '');
    assert.doesNotMatch(bare, /[#$%&^]/, `unescaped special in: ${line}`);
    let depth = 0;
    for (const ch of line.replace(/\\[\\{}]/g, '')) {
      if (ch === '{') depth++;
      if (ch === '}') depth--;
      assert.ok(depth >= 0, `unbalanced braces in: ${line}`);
    }
  }
  assert.doesNotMatch(tex, /\\input|\\end\{document\}(?![\s\S]*\\begin\{document\})[\s\S]*\\end\{document\}/);
}

function assertSafeMarkdown(md: string): void {
  const parser = new MarkdownIt({ html: true });
  const tokens = parser.parse(md, {});
  const all = tokens.flatMap((t) => [t, ...(t.children ?? [])]);
  for (const t of all) {
    if (t.type === 'html_block' || t.type === 'html_inline') assert.match(t.content.trim(), /^<!--[^]*-->$/, `raw HTML in the Markdown: ${t.content}`);
    if (t.type === 'image') assert.fail(`image in the Markdown: ${t.attrGet('src')}`);
    if (t.type === 'link_open') assert.match(String(t.attrGet('href')), /^(https?:\/\/|mailto:)/);
  }
  // Our comments cannot be closed early by the author's text.
  for (const m of md.matchAll(/(?<!\\)<!--([\s\S]*?)-->/g)) assert.doesNotMatch(m[1], /--|<|>/);
}

describe('report: hostile text is escaped everywhere', () => {
  const model = hostileModel();

  it('HTML report (standalone): only our tags, no script, no remote resources', () => {
    const html = renderReportHtml(model);
    assertSafeHtml(html, false);
    assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    assert.match(contentSecurityPolicy({}), /^default-src 'none'/);
    assert.ok(html.includes(`content="${contentSecurityPolicy({}).replace(/'/g, '&#39;')}"`));
  });

  it('HTML report (webview): one nonce’d script and stylesheet, clickable items', () => {
    const html = renderReportHtml(model, { nonce: 'abc123XYZ', cspSource: 'vscode-resource:', clickable: true });
    assertSafeHtml(html, true);
    assert.match(html, /<script nonce="abc123XYZ">/);
    assert.match(html, /<style nonce="abc123XYZ">/);
    assert.match(html, /script-src &#39;nonce-abc123XYZ&#39;/);
    assert.match(html, /data-reveal="impact:\d+:\d+:\d+:\d+"/);
  });

  it('Markdown report and Markdown exports: no raw HTML, images or unsafe links survive', () => {
    assertSafeMarkdown(renderReportMarkdown(model));
    for (const kind of EXPORT_KINDS) assertSafeMarkdown(renderExport(kind, model, 'md').text);
  });

  it('LaTeX report and LaTeX exports: specials escaped, no command from user text', () => {
    assertSafeLatex(renderReportLatex(model));
    for (const kind of EXPORT_KINDS) if (EXPORT_FORMATS[kind].includes('latex')) assertSafeLatex(renderExport(kind, model, 'latex').text);
  });

  it('the author’s section pointer is used, escaped', () => {
    const answers = checklist(model);
    assert.equal(answers[1].section, HOSTILE);
    assertSafeLatex(renderExport('checklist', model, 'latex').text);
    assertSafeMarkdown(renderExport('checklist', model, 'md').text);
  });

  it('LaTeX output compiles with pdflatex, when it is installed', function () {
    const probe = spawnSync('pdflatex', ['--version'], { encoding: 'utf8' });
    if (probe.status !== 0) this.skip();
    this.timeout(60000);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'impact-tex-'));
    try {
      const body = (['broader-impact', 'checklist'] as const).map((k) => renderExport(k, model, 'latex').text).join('\n');
      const doc = `\\documentclass{article}\n\\usepackage[utf8]{inputenc}\n\\usepackage[T1]{fontenc}\n\\usepackage{hyperref}\n\\newcommand{\\answerYes}{[Yes]}\\newcommand{\\answerNo}{[No]}\\newcommand{\\answerNA}{[NA]}\n\\begin{document}\n${body.replace(/^\\item \{\\bf/m, '\\begin{enumerate}\n\\item {\\bf').replace(/(\n% ACL)/, '\n\\end{enumerate}$1')}\n\\end{document}\n`;
      const files: [string, string][] = [
        ['report.tex', renderReportLatex(model)],
        ['exports.tex', doc],
        ['example.tex', renderReportLatex(exampleModel())],
      ];
      for (const [name, text] of files) {
        fs.writeFileSync(path.join(dir, name), text);
        const r = spawnSync('pdflatex', ['-interaction=nonstopmode', '-halt-on-error', name], { cwd: dir, encoding: 'utf8' });
        assert.equal(r.status, 0, `${name} did not compile:\n${r.stdout.split('\n').filter((l) => l.startsWith('!') || l.startsWith('l.')).join('\n')}`);
        const log = fs.readFileSync(path.join(dir, name.replace(/\.tex$/, '.log')), 'utf8');
        assert.doesNotMatch(log, /\(\/etc\/passwd/, 'no file was read from user text');
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('report: escaping helpers', () => {
  it('escapes the LaTeX specials and maps unicode quotes and dashes', () => {
    assert.equal(escapeLatex('\\ # $ % & _ { } ~ ^'), '\\textbackslash{} \\# \\$ \\% \\& \\_ \\{ \\} \\textasciitilde{} \\textasciicircum{}');
    assert.equal(escapeLatex('“a” ‘b’ — c – d…'), "``a'' `b' --- c -- d\\ldots{}");
    assert.equal(escapeLatex('say "hi" (and "bye")'), "say ``hi'' (and ``bye'')");
    assert.equal(escapeLatex('a\u0007b'), 'ab');
  });

  it('keeps only http(s) and mailto links in LaTeX, with TeX-special characters encoded', () => {
    assert.equal(latexUrl('javascript:alert(1)'), undefined);
    assert.equal(latexUrl('file:///etc/passwd'), undefined);
    assert.equal(latexUrl('https://x.org/a_b?q=1&r=2#frag%20x'), 'https://x.org/a\\%5Fb?q=1\\&r=2\\#frag\\%20x');
    assert.equal(markdownToLatex('[x](https://a.org/{y}~)'), '\\href{https://a.org/\\%7By\\%7D\\%7E}{x}');
  });

  it('escapes Markdown so text stays text', () => {
    assert.equal(escapeMarkdown('# a *b* _c_ [d](e) <f> `g` | h & &amp;'), '\\# a \\*b\\* \\_c\\_ \\[d\\](e) \\<f\\> \\`g\\` \\| h & &amp;amp;');
    assert.equal(escapeMarkdown('1. x\n- y'), '1\\. x\n\\- y');
  });

  it('re-writes Markdown safely: raw HTML as text, unsafe links as text, images as alt text, comments removed', () => {
    const out = markdownToMarkdown('Hi <b>x</b> [a](javascript:y) [ok](https://ok.org) ![alt](https://img.org/i.png) <!-- secret -->\n\n- TODO\n- real', { dropPlaceholders: true });
    // An unsafe or relative link keeps its text and loses its target (no escaped brackets in the output).
    assert.equal(out, 'Hi \\<b\\>x\\</b\\> a [ok](https://ok.org) alt\n\n- real');
    assert.equal(markdownToMarkdown('See [release.yaml](release.yaml) beside this file.'), 'See release.yaml beside this file.');
  });
});

describe('report: pictures in edge cases', () => {
  it('an empty workspace pair (release plan only) still renders every section', () => {
    const result = lint({ release: { path: 'release.yaml', text: 'impact-release: 1\nartifacts: []\n' }, today: TODAY_DATE });
    const model = buildReport({ result, today: TODAY_DATE });
    const html = renderReportHtml(model);
    for (const cls of ['completeness', 'heatmap', 'ratchet', 'timeline']) assert.match(html, new RegExp(`<svg class="picture ${cls}"`));
    assert.match(html, /No position given in IMPACT\.md/);
    assert.match(html, /No artifacts in release\.yaml/);
    assert.equal(model.completeness.done, 0);
    assertSafeHtml(html, false);
  });

  it('the hazard and path-to-harm picture draws each factor once, never a row that repeats another', () => {
    const model = exampleModel();
    const svg = heatmapSvg(model);
    assert.equal((svg.match(/<g class="cell"/g) ?? []).length, model.factors.length, 'one cell per factor');
    assert.equal((svg.match(/<g class="hazard-head/g) ?? []).length, model.hazards.length, 'each hazard beside the row, with whether it applies');
    // No hazard applies: the factors are drawn faded (they ease no misuse), still once each.
    const none = lint({
      impact: { path: 'IMPACT.md', text: ['# T', '## Hazards', '- **Product hazard:** no — nothing runnable.', '- **Data hazard:** no — all public.', '- **Attention hazard:** no — obscure.', '## Path to harm', '- **Slottability:** high — plugs in.', ''].join('\n') },
      today: TODAY_DATE,
    });
    const faded = heatmapSvg(buildReport({ result: none, today: TODAY_DATE }));
    assert.equal((faded.match(/heat-off/g) ?? []).length, 9);
    assert.doesNotMatch(faded, /heat-high/);
  });

  it('time ticks are month-aligned and few', () => {
    const day = (s: string) => Date.parse(`${s}T00:00:00Z`) / 86400000;
    const ticks = timeTicks(day('2026-05-10'), day('2027-02-20'));
    assert.deepEqual(ticks.map((t) => t.label), ['2026-07', '2026-09', '2026-11', '2027-01']);
    const long = timeTicks(day('2026-01-10'), day('2031-02-20'));
    assert.ok(long.length <= 7 && long.every((t) => /^\d{4}$/.test(t.label)), long.map((t) => t.label).join(','));
  });

  it('a staged release draws dated stages on the axis and evented ones as waiting', () => {
    const html = renderReportHtml(exampleModel());
    const timeline = /<svg class="picture timeline"[\s\S]*?<\/svg>/.exec(html)?.[0] ?? '';
    assert.match(timeline, /<g class="ev ev-planned"><title>weights: small model \(90M\), on 2027-01-15, ask-for-access<\/title>/);
    assert.match(timeline, /<g class="ev ev-planned ev-waiting"><title>weights: full model \(1\.2B\), after: detector published, ask-for-access<\/title>/);
    assert.match(timeline, /class="ev-link waiting"/);
    assert.match(timeline, /<title>demo: Runnable system, timed, but no valid date, public<\/title>/);
    assert.match(timeline, /<title>Today, 2026-06-01<\/title>/);
  });
});

// ---------------------------------------------------------------------------------------------

describe('report: command line', function () {
  this.timeout(120000);
  let tmp: string;
  let cli: string;

  before(async function () {
    this.timeout(60000);
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'impact-report-cli-'));
    const build = await import(pathToFileURL(path.join(ROOT, 'scripts', 'build.mjs')).href);
    const esbuild = await import('esbuild');
    cli = path.join(tmp, 'bin', 'cli.js');
    await esbuild.build({ ...build.cliBuildOptions({ outfile: cli }), sourcemap: false, logLevel: 'error' });
  });

  after(() => {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  function run(args: string[], cwd: string) {
    const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  }

  /** A copy of the example in <tmp>/<name>/voice-clone-study, under a root configuration. */
  function example(name: string): string {
    const base = path.join(tmp, name);
    fs.mkdirSync(base, { recursive: true });
    fs.writeFileSync(path.join(base, '.impact-notes.yaml'), 'root: true\n');
    const dir = path.join(base, 'voice-clone-study');
    fs.cpSync(EXAMPLE, dir, { recursive: true });
    return dir;
  }

  it('report prints the same HTML as the core, and md/latex on request', async () => {
    const dir = example('same');
    const r = run(['report', '--today', TODAY], dir);
    assert.equal(r.code, 0, r.stderr);
    const { model } = await loadReport(dir, dir, TODAY_DATE);
    assert.equal(r.stdout, renderReport(model, 'html'));
    assert.match(r.stdout, /^<!DOCTYPE html>/);
    assertSafeHtml(r.stdout, false);
    const md = run(['report', '.', '--format', 'md', '--today', TODAY], dir);
    assert.equal(md.code, 0, md.stderr);
    assert.match(md.stdout, /^# Impact report: EchoVoice zero-shot voice cloning\n/);
    const tex = run(['report', '-f', 'latex', '--today', TODAY], dir);
    assert.match(tex.stdout, /^% Impact report generated by Impact Notes/);
    assert.match(tex.stdout, /\\end\{document\}\n$/);
  });

  it('--out writes a file, never overwrites it without --force (exit 2)', () => {
    const dir = example('out');
    const first = run(['report', '--out', 'out/report.html', '--today', TODAY], dir);
    assert.equal(first.code, 0, first.stderr);
    assert.equal(first.stdout, 'Wrote the report to out/report.html\n');
    const file = path.join(dir, 'out', 'report.html');
    assert.match(fs.readFileSync(file, 'utf8'), /<svg class="picture heatmap"/);
    fs.writeFileSync(file, 'mine');
    const again = run(['report', '--out', 'out/report.html'], dir);
    assert.equal(again.code, 2);
    assert.equal(again.stderr, 'impact-notes: out/report.html already exists and was not overwritten: use --force to replace it, or choose another --out.\n');
    assert.equal(fs.readFileSync(file, 'utf8'), 'mine');
    const forced = run(['report', '--out', 'out/report.html', '--force'], dir);
    assert.equal(forced.code, 0, forced.stderr);
    assert.notEqual(fs.readFileSync(file, 'utf8'), 'mine');
    const exp = run(['export', 'broader-impact', '--out', 'out/report.html'], dir);
    assert.equal(exp.code, 2);
  });

  it('export writes each kind and names the gaps on stderr', () => {
    const dir = example('exports');
    const cases: [string[], RegExp][] = [
      [['export', 'broader-impact'], /^## Broader Impact\n/],
      [['export', 'broader-impact', '--format', 'latex'], /^\\section\*\{Broader Impact\}\n/],
      [['export', 'checklist'], /^## Conference checklist answers\n/],
      [['export', 'checklist', '.', '-f', 'latex'], /\\item \{\\bf Broader impacts\}\n {4}\\item\[\] Answer: \\answerYes\{\}/],
      [['export', 'model-card'], /^## Uses\n\n### Out-of-Scope Use\n/],
    ];
    for (const [args, re] of cases) {
      const r = run([...args, '--today', TODAY], dir);
      assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stdout, re, args.join(' '));
    }
    const bi = run(['export', 'broader-impact', '--today', TODAY], dir);
    assert.match(bi.stderr, /^impact-notes: not exported yet: the Detection guidance section is missing or still a placeholder\.$/m);
    const snap = fs.readFileSync(path.join(SNAPSHOTS, 'broader-impact.md'), 'utf8');
    assert.equal(bi.stdout, snap, 'the CLI export matches the snapshot');
  });

  it('exits 2 with one line on usage errors', () => {
    const dir = example('usage');
    const empty = path.join(tmp, 'usage', 'empty');
    fs.mkdirSync(empty);
    const two = path.join(tmp, 'usage', 'two');
    fs.cpSync(EXAMPLE, path.join(two, 'a'), { recursive: true });
    fs.cpSync(EXAMPLE, path.join(two, 'b'), { recursive: true });
    const cases: [string[], string, RegExp][] = [
      [['export', 'press-release'], dir, /^impact-notes: .*'press-release' is invalid.*broader-impact, checklist, model-card/],
      [['export', 'model-card', '--format', 'latex'], dir, /^impact-notes: The model-card export is Markdown only/],
      [['report', '--format', 'pdf'], dir, /^impact-notes: .*'pdf' is invalid/],
      [['report'], empty, /^impact-notes: No IMPACT\.md or release plan in \.\.?$/],
      [['report', 'missing'], dir, /^impact-notes: No such file or folder: missing$/],
    ];
    for (const [args, cwd, re] of cases) {
      const r = run(args, cwd);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr.trim().split('\n')[0], re, args.join(' '));
      assert.equal(r.stdout, '');
    }
  });

  it('over several assessments, names them one per line and exits 2', () => {
    const base = path.join(tmp, 'several');
    fs.mkdirSync(base, { recursive: true });
    fs.writeFileSync(path.join(base, '.impact-notes.yaml'), 'root: true\n');
    for (const name of ['b-study', 'a study', 'c']) fs.cpSync(EXAMPLE, path.join(base, 'two', name), { recursive: true });
    const r = run(['report', 'two'], base);
    assert.equal(r.code, 2, r.stderr);
    assert.equal(r.stdout, '');
    assert.deepEqual(r.stderr.trimEnd().split('\n'), [
      'impact-notes: 3 assessments under two; name one of these folders:',
      'impact-notes:   two/a study',
      'impact-notes:   two/b-study',
      'impact-notes:   two/c',
    ]);
    const one = run(['report', path.join('two', 'a study'), '--format', 'md'], base);
    assert.equal(one.code, 0, one.stderr);
  });
});

/** Formats that every export accepts (type check of the table). */
const _formats: Record<string, readonly ExportFormat[]> = EXPORT_FORMATS;
void _formats;

describe('report: heading of the Markdown report', () => {
  it('keeps a title that ends in " #" (an ATX heading would otherwise drop it as a closing sequence)', () => {
    const result = lint({
      impact: { path: 'IMPACT.md', text: '## Summary\n\nText.\n' },
      release: { path: 'release.yaml', text: 'impact-release: 1\ntitle: "Project C #"\n' },
      today: TODAY_DATE,
    });
    const model = buildReport({ result, today: TODAY_DATE, folder: 'c' });
    assert.equal(model.title.endsWith('#'), true, `title read as ${model.title}`);
    const tokens = new MarkdownIt().parse(renderReportMarkdown(model), {});
    const h1 = tokens[tokens.findIndex((t) => t.type === 'heading_open' && t.tag === 'h1') + 1];
    assert.equal(h1.content.replace(/\\#/g, '#').endsWith('#'), true, h1.content);
    const rendered = new MarkdownIt().renderInline(h1.content);
    assert.match(rendered, / #$/);
  });
});
