// Builds every bundle with esbuild's JS API, in parallel:
//   src/extension/extension.ts -> dist/extension.js   (when it exists; the Node entry: hands Node's
//                                 built-ins to dist/web/extension.js, the one extension bundle)
//   src/extension/extension.web.ts -> dist/web/extension.js (the `browser` entry: web worker,
//                                 platform browser, no Node built-ins: checkBrowserBundle() fails
//                                 the build if the bundle requires anything but `vscode`)
//   test/web/index.ts          -> dist/web/test/index.js (the web worker's test entry, mocha's
//                                 browser build included)
//   src/cli/main.ts            -> dist/cli.js          (dependencies bundled)
//                              -> dist/cli-lint.js     (`lint` only: what bin/impact-notes.js runs for it)
//   src/lsp/main.ts            -> dist/lsp.js          (the language server; the CLI loads it lazily)
//   src/c2pa/reader.ts         -> dist/c2pa.js + dist/c2pa_bg.wasm  (the C2PA chunk, loaded at run time
//                                 only when a plan declares content credentials)
//   src/action/main.ts         -> action/main.js       (the GitHub Action; committed, dependencies bundled)
//   test/bench/bench.ts        -> dist/bench/bench.js  (markdownlint external: loaded with import())
// and then the integration tests through scripts/build-tests.mjs when that script exists.
//
// Usage: node scripts/build.mjs [--production] [--only extension,web,cli,lsp,action,bench,tests,web-tests]
//   --production  minify (the extension and the CLI), no source maps
import * as esbuild from 'esbuild';
import { builtinModules, createRequire } from 'node:module';
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * markdown-it constructs a linkify-it matcher (11 KB minified, and its expressions built at
 * start-up) whether or not links are auto-detected. Every MarkdownIt of the product has
 * `linkify: false` (test/unit/build.test.ts checks), so the bundles get a stand-in that fails loudly
 * if anything ever asks it to find a link.
 */
const linkifyOff = {
  name: 'linkify-off',
  setup(b) {
    b.onResolve({ filter: /^linkify-it$/ }, () => ({ path: 'linkify-it', namespace: 'linkify-off' }));
    b.onLoad({ filter: /.*/, namespace: 'linkify-off' }, () => ({
      loader: 'js',
      contents: [
        `const off = () => { throw new Error('Impact Notes bundles markdown-it without linkify-it: construct MarkdownIt with linkify: false'); };`,
        `export class LinkifyIt { test() { off(); } pretest() { off(); } match() { off(); } matchAtStart() { off(); } set() { off(); } add() { off(); } tlds() { off(); } }`,
        `export default LinkifyIt;`,
      ].join('\n'),
    }));
  },
};

const common = {
  absWorkingDir: ROOT,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  logLevel: 'warning',
  legalComments: 'none',
  plugins: [linkifyOff],
};

/**
 * Node built-ins the CLI loads only when it uses them: commander needs child_process only for
 * executable sub-commands (which the CLI has none of), crypto is needed only to hash artifacts; loading
 * them (with streams, net and dgram behind child_process) is a good part of a short run's start.
 * Each name lists the functions the bundle may call; using another one fails the build.
 */
const LAZY_BUILTINS = { child_process: ['spawn'], crypto: ['createHash'] };

const lazyBuiltins = {
  name: 'lazy-built-ins',
  setup(b) {
    const names = Object.keys(LAZY_BUILTINS).join('|');
    b.onResolve({ filter: new RegExp(`^(node:)?(${names})$`) }, (args) => {
      const name = args.path.replace(/^node:/, '');
      if (args.namespace === 'lazy-built-in') return { path: `node:${name}`, external: true };
      return { path: name, namespace: 'lazy-built-in' };
    });
    b.onLoad({ filter: /.*/, namespace: 'lazy-built-in' }, (args) => ({
      loader: 'js',
      contents: [
        `let m;`,
        `const load = () => (m ??= require('node:${args.path}'));`,
        ...LAZY_BUILTINS[args.path].map((fn) => `export function ${fn}(...a) { return load().${fn}(...a); }`),
      ].join('\n'),
    }));
  },
};

/** esbuild options for the CLI bundle (exported so tests can build it into a temporary folder). */
export function cliBuildOptions({ production = false, outfile = path.join(ROOT, 'dist', 'cli.js') } = {}) {
  return {
    ...common,
    entryPoints: [path.join(ROOT, 'src', 'cli', 'main.ts')],
    outfile,
    minify: production,
    sourcemap: !production,
    define: { 'process.env.IMPACT_NOTES_CLI_BUNDLE': '"all"' },
    plugins: [lazyBuiltins, linkifyOff],
  };
}

/**
 * `impact-notes lint`'s own bundle (dist/cli-lint.js beside dist/cli.js; bin/impact-notes.js runs it
 * when the first argument is `lint`): the same src/cli/main.ts with IMPACT_NOTES_CLI_BUNDLE set to
 * "lint", which leaves out the import, report, export and provenance commands and the code behind
 * them, so the most frequent command neither loads nor compiles them. dist/cli.js has every command.
 */
export function cliLintBuildOptions({ production = false, outfile = path.join(ROOT, 'dist', 'cli-lint.js') } = {}) {
  return { ...cliBuildOptions({ production, outfile }), define: { 'process.env.IMPACT_NOTES_CLI_BUNDLE': '"lint"' } };
}

/** The language server: its own bundle beside the CLI's, so `lint` never loads vscode-languageserver. */
export function lspBuildOptions({ production = false, outfile = path.join(ROOT, 'dist', 'lsp.js') } = {}) {
  return { ...common, entryPoints: [path.join(ROOT, 'src', 'lsp', 'main.ts')], outfile, minify: production, sourcemap: !production };
}

/**
 * The Node extension host's entry: a few lines that hand Node's built-in modules to the one
 * extension bundle (dist/web/extension.js, which it requires at run time) and start it. The VSIX
 * carries the extension's code once, not a Node and a browser copy of it.
 */
export function extensionBuildOptions({ production = false, outfile = path.join(ROOT, 'dist', 'extension.js') } = {}) {
  return {
    ...common,
    entryPoints: [path.join(ROOT, 'src', 'extension', 'extension.ts')],
    outfile,
    external: ['vscode'],
    minify: production,
    sourcemap: !production,
  };
}

/**
 * Node built-ins the Node-only features of the extension import (provenance, partial reads), with
 * the functions and objects used: in the one extension bundle (built for the browser) each import
 * is forwarded to the module the Node entry hands over (src/extension/node-modules.ts). Using
 * another name fails the build.
 */
const HOST_MODULES = {
  fs: { functions: ['existsSync', 'readFileSync', 'statSync'], objects: ['promises', 'constants'] },
  'fs/promises': { functions: ['open', 'stat', 'readFile'], objects: [] },
  crypto: { functions: ['createHash'], objects: [] },
  module: { functions: ['createRequire'], objects: [] },
  path: { functions: ['join', 'dirname', 'resolve', 'basename', 'relative', 'extname', 'isAbsolute', 'normalize'], objects: ['posix'] },
};

const hostModules = {
  name: 'node-modules-from-the-host',
  setup(b) {
    const names = Object.keys(HOST_MODULES).map((n) => n.replace('/', '\\/')).join('|');
    b.onResolve({ filter: new RegExp(`^(node:)?(${names})$`) }, (args) => ({ path: args.path.replace(/^node:/, ''), namespace: 'node-module-from-host' }));
    b.onLoad({ filter: /.*/, namespace: 'node-module-from-host' }, (args) => {
      const { functions, objects } = HOST_MODULES[args.path];
      const from = JSON.stringify(path.join(ROOT, 'src', 'extension', 'node-modules.ts'));
      return {
        loader: 'js',
        resolveDir: ROOT,
        contents: [
          `import { nodeModule } from ${from};`,
          `const m = () => nodeModule(${JSON.stringify(args.path)});`,
          ...functions.map((fn) => `export function ${fn}(...a) { return m().${fn}(...a); }`),
          ...objects.map((o) => `export const ${o} = new Proxy({}, { get: (_, k) => m().${o}[k] });`),
        ].join('\n'),
      };
    });
  },
};

/**
 * The GitHub Action's bundle. It is committed (a workflow runs it without an npm install), so it is
 * always minified and has no source map, whatever the mode: a test rebuilds it and compares.
 */
export function actionBuildOptions({ outfile = path.join(ROOT, 'action', 'main.js') } = {}) {
  return { ...common, entryPoints: [path.join(ROOT, 'src', 'action', 'main.ts')], outfile, minify: true, sourcemap: false };
}

// For the web worker extension host (vscode.dev, github.dev): a CommonJS bundle for the browser.
const webCommon = {
  absWorkingDir: ROOT,
  bundle: true,
  platform: 'browser',
  format: 'cjs',
  target: 'es2022',
  logLevel: 'warning',
  legalComments: 'none',
  external: ['vscode'],
  // Some dependencies read process.env.NODE_ENV; there is no `process` in a web worker.
  define: { 'process.env.NODE_ENV': '"production"' },
  metafile: true,
  plugins: [linkifyOff],
};

export function webExtensionBuildOptions({ production = false, outfile = path.join(ROOT, 'dist', 'web', 'extension.js') } = {}) {
  return {
    ...webCommon,
    plugins: [hostModules, linkifyOff],
    entryPoints: [path.join(ROOT, 'src', 'extension', 'extension.web.ts')],
    outfile,
    minify: production,
    sourcemap: !production,
  };
}

/** The web tests share helpers with the Node integration tests; `node:assert` becomes test/web/assert.ts. */
const assertShim = {
  name: 'assert-for-the-browser',
  setup(b) {
    b.onResolve({ filter: /^(node:)?assert(\/strict)?$/ }, () => ({ path: path.join(ROOT, 'test', 'web', 'assert.ts') }));
  },
};

export function webTestBuildOptions() {
  return {
    ...webCommon,
    plugins: [assertShim, linkifyOff],
    entryPoints: [path.join(ROOT, 'test', 'web', 'index.ts')],
    outfile: path.join(ROOT, 'dist', 'web', 'test', 'index.js'),
    sourcemap: true,
  };
}

const NODE_BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

/**
 * What a browser bundle must not contain: a `require()`, `import` or `import()` of anything but
 * `vscode` (a Node built-in such as fs, path or child_process, or a package left external). Calls
 * are found with TypeScript's pre-processor, so a `require('x')` inside a comment or a string does
 * not count. Returns one line per problem; empty when the bundle is clean. `metafile` (esbuild's)
 * adds the imports esbuild left external.
 */
export function checkBrowserBundle(code, metafile) {
  const ts = createRequire(import.meta.url)('typescript');
  const problems = [];
  for (const { fileName } of ts.preProcessFile(code, true, true).importedFiles) {
    if (fileName !== 'vscode') problems.push(`require("${fileName}")${NODE_BUILTINS.has(fileName) ? ' (a Node built-in)' : ''}`);
  }
  for (const out of Object.values(metafile?.outputs ?? {})) {
    for (const imp of out.imports ?? []) {
      if (imp.external && imp.path !== 'vscode') problems.push(`external import "${imp.path}"`);
    }
  }
  return [...new Set(problems)];
}

async function buildWeb(options) {
  const result = await esbuild.build(options);
  const problems = checkBrowserBundle(readFileSync(options.outfile, 'utf8'), result.metafile);
  if (problems.length) {
    throw new Error(`${path.relative(ROOT, options.outfile)} is for the browser but needs Node: ${problems.join(', ')}`);
  }
}

/** The C2PA chunk: its own bundle, so neither the CLI nor the extension bundle carries the SDK. */
export function c2paBuildOptions({ production = false, outdir = path.join(ROOT, 'dist') } = {}) {
  return { ...common, entryPoints: [path.join(ROOT, 'src', 'c2pa', 'reader.ts')], outfile: path.join(outdir, 'c2pa.js'), minify: production, sourcemap: false };
}

/** Copies the SDK's WebAssembly module beside the chunk (dist/c2pa_bg.wasm). */
export function copyC2paWasm(outdir = path.join(ROOT, 'dist')) {
  const wasm = createRequire(path.join(ROOT, 'package.json')).resolve('@contentauth/c2pa-wasm/c2pa.wasm');
  mkdirSync(outdir, { recursive: true });
  copyFileSync(wasm, path.join(outdir, 'c2pa_bg.wasm'));
}

export function benchBuildOptions() {
  return {
    ...common,
    entryPoints: [path.join(ROOT, 'test', 'bench', 'bench.ts')],
    outfile: path.join(ROOT, 'dist', 'bench', 'bench.js'),
    external: ['markdownlint', 'markdownlint/*'],
    sourcemap: false,
  };
}

export async function build({ production = false, only } = {}) {
  const want = (name) => !only || only.includes(name);
  const jobs = [];
  const done = [];
  if (want('extension') && existsSync(path.join(ROOT, 'src', 'extension', 'extension.ts'))) {
    jobs.push(esbuild.build(extensionBuildOptions({ production })).then(() => done.push('dist/extension.js')));
  }
  // The Node entry runs the web bundle: building the extension builds both.
  if ((want('web') || want('extension')) && existsSync(path.join(ROOT, 'src', 'extension', 'extension.web.ts'))) {
    jobs.push(buildWeb(webExtensionBuildOptions({ production })).then(() => done.push('dist/web/extension.js')));
  }
  if ((want('tests') || want('web-tests')) && existsSync(path.join(ROOT, 'test', 'web', 'index.ts'))) {
    jobs.push(buildWeb(webTestBuildOptions()).then(() => done.push('dist/web/test/index.js')));
  }
  if (want('cli')) {
    jobs.push(esbuild.build(cliBuildOptions({ production })).then(() => done.push('dist/cli.js')));
    jobs.push(esbuild.build(cliLintBuildOptions({ production })).then(() => done.push('dist/cli-lint.js')));
  }
  if (want('lsp')) jobs.push(esbuild.build(lspBuildOptions({ production })).then(() => done.push('dist/lsp.js')));
  if (want('cli') || want('extension') || want('c2pa')) {
    jobs.push(esbuild.build(c2paBuildOptions({ production })).then(() => (copyC2paWasm(), done.push('dist/c2pa.js'))));
  }
  if (want('action')) jobs.push(esbuild.build(actionBuildOptions()).then(() => done.push('action/main.js')));
  if (want('bench') && existsSync(path.join(ROOT, 'test', 'bench', 'bench.ts'))) {
    jobs.push(esbuild.build(benchBuildOptions()).then(() => done.push('dist/bench/bench.js')));
  }
  const testsScript = path.join(ROOT, 'scripts', 'build-tests.mjs');
  if (want('tests') && existsSync(testsScript) && existsSync(path.join(ROOT, 'test', 'integration'))) {
    const mod = await import(pathToFileURL(testsScript).href);
    if (typeof mod.buildIntegrationTests === 'function') {
      jobs.push(mod.buildIntegrationTests().then((n) => done.push(`dist/test/integration (${n} files)`)));
    }
  }
  await Promise.all(jobs);
  return done;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const production = args.includes('--production');
  const onlyIdx = args.indexOf('--only');
  const only = onlyIdx >= 0 ? (args[onlyIdx + 1] ?? '').split(',').filter(Boolean) : undefined;
  const started = Date.now();
  build({ production, only }).then(
    (done) => console.log(`build: ${done.join(', ')} in ${Date.now() - started} ms${production ? ' (production)' : ''}`),
    (err) => {
      console.error(`build: ${err && err.message ? err.message : err}`);
      process.exit(1);
    },
  );
}
