/**
 * The export list (src/core/exports): each export declares a unique kind, command and file name,
 * at least one format, and renders every format it declares (the texts themselves are checked
 * against test/fixtures/snapshots by report.test.ts). The CLI's export subcommand offers exactly
 * these kinds and formats.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildReport, EXPORT_FORMATS, EXPORT_KINDS, EXPORTS, exportFileName, findExport, renderExport } from '../../src/core/report';
import { lint } from '../../src/core/engine';
import { main } from '../../src/cli/main';

const EXAMPLE = path.join(__dirname, '..', '..', 'examples', 'voice-clone-study');

function exampleModel() {
  const read = (f: string) => ({ path: path.join(EXAMPLE, f), text: fs.readFileSync(path.join(EXAMPLE, f), 'utf8') });
  const today = new Date('2026-06-01T00:00:00Z');
  const result = lint({ impact: read('IMPACT.md'), release: read('release.yaml'), today });
  return buildReport({ result, today, folder: 'example', fileNames: { impact: 'IMPACT.md', release: 'release.yaml' } });
}

describe('export list', () => {
  it('every export has a unique kind, command, title and file names, and at least one format', () => {
    const unique = (values: string[], what: string) => assert.equal(new Set(values).size, values.length, `two exports share a ${what}: ${values.join(', ')}`);
    assert.ok(EXPORTS.length >= 3);
    unique(EXPORTS.map((e) => e.kind), 'kind');
    unique(EXPORTS.map((e) => e.command.id), 'command id');
    unique(EXPORTS.map((e) => e.command.title), 'command title');
    unique(EXPORTS.map((e) => e.title), 'title');
    unique(EXPORTS.flatMap((e) => e.formats.map((f) => e.fileName(f))), 'file name');
    for (const e of EXPORTS) {
      assert.match(e.kind, /^[a-z]+(-[a-z]+)*$/, e.kind);
      assert.ok(e.formats.length >= 1, `${e.kind} has no format`);
      assert.equal(new Set(e.formats).size, e.formats.length, `${e.kind} lists a format twice`);
      assert.match(e.command.id, /^impactNotes\.export[A-Z][A-Za-z]+$/);
      assert.match(e.command.title, /^Export .+…$/);
      assert.ok(e.summary && e.title, e.kind);
      for (const f of e.formats) assert.match(e.fileName(f), f === 'latex' ? /^[a-z-]+\.tex$/ : /^[a-z-]+\.md$/, `${e.kind} ${f}`);
      assert.equal(findExport(e.kind), e);
    }
    assert.deepEqual(EXPORT_KINDS, EXPORTS.map((e) => e.kind));
  });

  it('renders every declared format, refuses the others, and names the same files as before', () => {
    const model = exampleModel();
    for (const kind of EXPORT_KINDS) {
      for (const format of EXPORT_FORMATS[kind]) {
        const r = renderExport(kind, model, format);
        assert.ok(r.text.endsWith('\n') && r.text.length > 200, `${kind} ${format}`);
      }
      for (const format of (['md', 'latex'] as const).filter((f) => !EXPORT_FORMATS[kind].includes(f))) {
        assert.throws(() => renderExport(kind, model, format), /has no latex format/);
      }
    }
    assert.deepEqual(
      EXPORT_KINDS.flatMap((k) => EXPORT_FORMATS[k].map((f) => exportFileName(k, f))),
      ['broader-impact.md', 'broader-impact.tex', 'checklist-answers.md', 'checklist-answers.tex', 'model-card-risks.md'],
    );
    assert.equal(findExport('no-such-export'), undefined);
  });

  it("the CLI's export subcommand lists every kind and format", async () => {
    let out = '';
    const io = { cwd: EXAMPLE, stdout: (s: string) => void (out += s), stderr: (s: string) => void (out += s), env: {}, isTTY: false };
    await main(['export', '--help'], io);
    for (const e of EXPORTS) assert.ok(out.includes(`"${e.kind}"`), `${e.kind} is not a choice`);
    assert.match(out.replace(/\s+/g, ' '), /broader-impact \(a broader-impact statement\), checklist \(NeurIPS and ACL\/ARR checklist answers\) or model-card \(risks, limitations and out-of-scope use for a Hugging Face README\)/);
    assert.match(out.replace(/\s+/g, ' '), /md or latex \(model-card: md only; default md\)/);
  });
});
