/**
 * Fix-all in the editor and `--fix` on the command line give the same texts. The editor's fix-all
 * (the Fix All command, fix-on-save and the language server's source.fixAll) builds its input with
 * buildLintInput and fixes through core/fix.ts fixAllTexts; the CLI's --fix writes what lintAndFix
 * returns. Both must run the same loop to the end: an empty IMPACT.md needs more than ten passes.
 * Each case is a folder on disk: the CLI fixes it in place, the editor path reads it first through
 * a host shaped like the editor's (workspace-relative display paths, `exists` from the file list).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isIgnored } from '../../src/cli/find-pairs';
import { listFiles, nodeConfigHost, readForLint } from '../../src/cli/fs-host';
import { runLintCommand } from '../../src/cli/lint';
import { resolveConfig } from '../../src/core/config-chain';
import type { FileHost } from '../../src/core/file-host';
import { fixAllTexts, lintAndFix, MAX_FIX_PASSES } from '../../src/core/fix';
import { buildLintInput } from '../../src/core/lint-input';
import { allRules } from '../../src/core/rules';
import { defineImpactRule } from '../../src/core/rules/define';
import type { FileKind } from '../../src/core/types';
import { FIXTURES } from './fixtures';

const TODAY = new Date('2026-06-01T00:00:00Z');

/** The editor's host, on local files: paths relative to the workspace in findings, no `exists` of its own. */
function editorLikeHost(workspace: string): FileHost {
  return {
    read: async (p, maxBytes) => readForLint(p, maxBytes),
    join: (d, n) => path.join(d, n),
    resolve: (d, rel) => path.resolve(d, rel.replace(/\\/g, '/')),
    listFiles: async (dir, ignores, cap) => listFiles(dir, { cap, skip: (abs, isDir) => isIgnored(abs, ignores, isDir) }),
    displayPath: (p) => path.relative(workspace, p).split(path.sep).join('/'),
  };
}

interface Case {
  name: string;
  files: Record<string, string>;
  today?: Date;
}

function fixtureCase(rel: string): Case {
  const dir = path.join(FIXTURES, 'rules', rel);
  const meta = fs.existsSync(path.join(dir, 'fixture.json')) ? JSON.parse(fs.readFileSync(path.join(dir, 'fixture.json'), 'utf8')) : {};
  const files: Record<string, string> = {};
  for (const name of ['IMPACT.md', 'release.yaml', 'README.md']) if (fs.existsSync(path.join(dir, name))) files[name] = fs.readFileSync(path.join(dir, name), 'utf8');
  // The configuration as a file (JSON is YAML), and the files the fixture says exist beside the pair.
  if (meta.config) files['.impact-notes.yaml'] = JSON.stringify(meta.config);
  for (const f of meta.files ?? []) files[f] ??= '';
  return { name: rel, files, today: meta.today ? new Date(`${meta.today}T00:00:00Z`) : undefined };
}

/** Every rule fixture that records its text after --fix, plus the cases the loop length matters for. */
function cases(): Case[] {
  const out: Case[] = [
    { name: 'an empty IMPACT.md', files: { 'IMPACT.md': '' } },
    { name: 'an empty IMPACT.md beside an empty plan', files: { 'IMPACT.md': '', 'release.yaml': 'impact-release: 1\n' } },
    { name: 'an empty IMPACT.md with CRLF and a BOM', files: { 'IMPACT.md': '\ufeff# Impact assessment: x\r\n' } },
  ];
  const root = path.join(FIXTURES, 'rules');
  for (const rule of fs.readdirSync(root).sort()) {
    for (const c of fs.readdirSync(path.join(root, rule)).sort()) {
      const dir = path.join(root, rule, c);
      if (fs.existsSync(path.join(dir, 'IMPACT.fixed.md')) || fs.existsSync(path.join(dir, 'release.fixed.yaml'))) out.push(fixtureCase(`${rule}/${c}`));
    }
  }
  return out;
}

describe('fix-all in the editor and --fix agree', function () {
  this.timeout(120000);
  let tmp: string;
  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'impact-notes-fix-agree-'));
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('an empty IMPACT.md needs more than ten fix passes, and the loop allows them', () => {
    const res = lintAndFix({ impact: { path: 'IMPACT.md', text: '' }, today: TODAY });
    assert.ok(res.passes >= 11, `only ${res.passes} passes`);
    assert.ok(res.passes < MAX_FIX_PASSES, 'the loop stopped at its limit, not because it was done');
  });

  for (const c of cases()) {
    it(`${c.name}: same texts`, async () => {
      const dir = path.join(tmp, c.name.replace(/[^a-z0-9-]+/gi, '_'));
      for (const [name, text] of Object.entries(c.files)) {
        fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
        fs.writeFileSync(path.join(dir, name), text);
      }
      const today = c.today ?? TODAY;
      const pair = { dir, impact: c.files['IMPACT.md'] !== undefined ? path.join(dir, 'IMPACT.md') : undefined, release: c.files['release.yaml'] !== undefined ? path.join(dir, 'release.yaml') : undefined };
      const kinds: FileKind[] = [...(pair.impact ? ['impact' as const] : []), ...(pair.release ? ['release' as const] : [])];

      // The editor: the configuration files (no settings set), the input from the core's builder,
      // the fix-all of both files (the Fix All command).
      const resolved = await resolveConfig(nodeConfigHost, dir, allRules);
      const built = await buildLintInput(editorLikeHost(tmp), pair, resolved, { today, rules: allRules });
      assert.ok(built);
      const editor = fixAllTexts(built.input, kinds);
      assert.ok(Object.keys(editor).length > 0, 'fix-all changed nothing: the case tests nothing');

      // The CLI's --fix on the same folder.
      await runLintCommand({ cwd: dir, paths: [], fix: true, today, discovery: false });
      for (const k of kinds) {
        const file = k === 'impact' ? 'IMPACT.md' : 'release.yaml';
        const cli = fs.readFileSync(path.join(dir, file), 'utf8');
        assert.equal(editor[k] ?? c.files[file], cli, `${file} differs`);
      }
      // Fix-on-save fixes the saved file alone: for a single-file pair it is the same fix-all.
      if (kinds.length === 1) assert.deepEqual(fixAllTexts(built.input, kinds), editor);
    });
  }

  it('a fix that would turn a heading into text: --fix leaves the file alone and says so; fix-all leaves it out too', async () => {
    // `glued` written on the line right above `Title` / `---` would make it that heading's first line.
    const glue = defineImpactRule({
      meta: { name: 'glue', description: 'A test rule.', defaultSeverity: 'warning', fixable: true },
      check(ctx) {
        const at = ctx.impact.source.text.indexOf('Title');
        ctx.report({ message: 'glue', file: 'impact', range: { start: at, end: at }, fix: { title: 'glue', edits: [{ file: 'impact', range: { start: at, end: at }, newText: 'glued\n' }] } });
      },
    });
    const dir = path.join(tmp, 'refused');
    fs.mkdirSync(dir);
    const text = '# T\n\n## S\n\nTitle\n---\n';
    fs.writeFileSync(path.join(dir, 'IMPACT.md'), text);
    const res = await runLintCommand({ cwd: dir, paths: [], fix: true, today: TODAY, discovery: false, rules: [glue] });
    assert.equal(fs.readFileSync(path.join(dir, 'IMPACT.md'), 'utf8'), text);
    assert.deepEqual(res.fixed, []);
    assert.deepEqual(res.notFixed, ['IMPACT.md:5:1: glue: not fixed automatically, the fix would turn a Markdown heading into text']);
    assert.deepEqual(res.findings.map((f) => [f.rule, !!f.fix]), [['glue', false]]);
    assert.deepEqual(fixAllTexts({ impact: { path: 'IMPACT.md', text }, today: TODAY, rules: [glue] }, ['impact']), {});
  });
});
