/**
 * The web extension (package.json `browser`, for vscode.dev and github.dev) is a web worker bundle
 * with no Node built-ins. scripts/build.mjs checks every browser bundle it writes; here that check
 * is shown to catch what it must (and nothing in comments or strings), and the real bundle, built
 * into a temporary folder with the build's own options, passes it.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = path.join(__dirname, '..', '..');

interface BuildModule {
  checkBrowserBundle(code: string, metafile?: unknown): string[];
  webExtensionBuildOptions(o?: { production?: boolean }): Record<string, unknown> & { outfile: string };
}

async function buildModule(): Promise<BuildModule> {
  return (await import(pathToFileURL(path.join(ROOT, 'scripts', 'build.mjs')).href)) as BuildModule;
}

describe('web extension bundle', () => {
  it('the check finds require() of Node built-ins and of packages left external', async () => {
    const { checkBrowserBundle } = await buildModule();
    assert.deepEqual(checkBrowserBundle('const v = require("vscode");'), []);
    assert.deepEqual(checkBrowserBundle('const fs = require("fs"); const p = require(\'node:path\');'), [
      'require("fs") (a Node built-in)',
      'require("node:path") (a Node built-in)',
    ]);
    assert.deepEqual(checkBrowserBundle('const c = require("child_process");'), ['require("child_process") (a Node built-in)']);
    assert.deepEqual(checkBrowserBundle('import("os").then(() => 0);'), ['require("os") (a Node built-in)']);
    assert.deepEqual(checkBrowserBundle('var x = require("left-pad");'), ['require("left-pad")']);
    const metafile = { outputs: { 'dist/web/extension.js': { imports: [{ path: 'vscode', external: true }, { path: 'worker_threads', external: true }] } } };
    assert.deepEqual(checkBrowserBundle('', metafile), ['external import "worker_threads"']);
  });

  it('the check ignores require() written in comments and strings', async () => {
    const { checkBrowserBundle } = await buildModule();
    assert.deepEqual(checkBrowserBundle("// linkify.tlds(require('tlds'))\nf.code = 'require(\"ajv/dist/runtime/ucs2length\").default';"), []);
  });

  it('the browser entry bundles with no Node built-ins, and the Node entry shares its code', async function () {
    this.timeout(60000);
    const build = await buildModule();
    const esbuild = await import('esbuild');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'impact-notes-web-'));
    try {
      const options = { ...build.webExtensionBuildOptions({ production: true }), outfile: path.join(dir, 'extension.js') };
      const result = await esbuild.build(options as Parameters<typeof esbuild.build>[0]);
      const code = fs.readFileSync(options.outfile, 'utf8');
      assert.deepEqual(build.checkBrowserBundle(code, result.metafile), []);
      // The features are all in: a command of each kind is registered in the web bundle too.
      for (const id of ['impactNotes.newAssessment', 'impactNotes.openReport', 'impactNotes.exportBroaderImpact', 'impactNotes.fixAll']) {
        assert.ok(code.includes(id), `${id} is not in the web bundle`);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('package.json points `browser` at the web bundle and `main` at the Node one', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { main: string; browser?: string };
    assert.equal(pkg.main, './dist/extension.js');
    assert.equal(pkg.browser, './dist/web/extension.js');
  });

  describe('markdown-it without linkify-it', () => {
    const SRC = path.join(ROOT, 'src');
    const sources = (dir: string): string[] =>
      fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));

    it('every MarkdownIt the product constructs has linkify: false (the bundles carry a stand-in for linkify-it)', () => {
      const constructions = sources(SRC).flatMap((f) => [...fs.readFileSync(f, 'utf8').matchAll(/new MarkdownIt\(([^)]*)\)/g)].map((m) => ({ file: path.relative(ROOT, f), args: m[1] })));
      assert.ok(constructions.length >= 2, `${constructions.length} constructions`);
      for (const c of constructions) assert.match(c.args, /linkify: false/, `${c.file}: new MarkdownIt(${c.args})`);
    });

    it('the bundled stand-in lets markdown-it parse and render, and fails loudly if asked to find links', async function () {
      this.timeout(60000);
      const build = await buildModule();
      const esbuild = await import('esbuild');
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'impact-notes-linkify-'));
      try {
        const entry = path.join(dir, 'entry.ts');
        fs.writeFileSync(
          entry,
          [
            `import MarkdownIt from 'markdown-it';`,
            `export const off = new MarkdownIt({ linkify: false }).render('# Title\\n\\nSee https://example.org and [a link](https://example.org).');`,
            `export function on(): string { return new MarkdownIt({ linkify: true }).render('See https://example.org'); }`,
          ].join('\n'),
        );
        const outfile = path.join(dir, 'out.js');
        const options = { ...build.webExtensionBuildOptions({ production: true }), entryPoints: [entry], outfile, nodePaths: [path.join(ROOT, 'node_modules')] };
        const result = await esbuild.build(options as Parameters<typeof esbuild.build>[0]);
        const inputs = Object.keys((result.metafile as { inputs: Record<string, unknown> }).inputs);
        assert.ok(!inputs.some((i) => i.includes('node_modules/linkify-it')), 'linkify-it itself is not bundled');
        const mod = { exports: {} as { off: string; on: () => string } };
        new Function('module', 'exports', 'require', fs.readFileSync(outfile, 'utf8'))(mod, mod.exports, require);
        assert.equal(mod.exports.off, '<h1>Title</h1>\n<p>See https://example.org and <a href="https://example.org">a link</a>.</p>\n');
        assert.throws(() => mod.exports.on(), /without linkify-it/);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});

