// Builds every bundle with esbuild's JS API, in parallel:
//   src/extension/extension.ts -> dist/extension.js   (when it exists; vscode external)
//   src/cli/main.ts            -> dist/cli.js          (dependencies bundled)
//   src/action/main.ts         -> action/main.js       (the GitHub Action; committed, dependencies bundled)
//   test/bench/bench.ts        -> dist/bench/bench.js  (markdownlint external: loaded with import())
// and then the integration tests through scripts/build-tests.mjs when that script exists.
//
// Usage: node scripts/build.mjs [--production] [--only extension,cli,action,bench,tests]
//   --production  minify (the extension and the CLI), no source maps
import * as esbuild from 'esbuild';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const common = {
  absWorkingDir: ROOT,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  logLevel: 'warning',
  legalComments: 'none',
};

/** esbuild options for the CLI bundle (exported so tests can build it into a temporary folder). */
export function cliBuildOptions({ production = false, outfile = path.join(ROOT, 'dist', 'cli.js') } = {}) {
  return { ...common, entryPoints: [path.join(ROOT, 'src', 'cli', 'main.ts')], outfile, minify: production, sourcemap: !production };
}

export function extensionBuildOptions({ production = false } = {}) {
  return {
    ...common,
    entryPoints: [path.join(ROOT, 'src', 'extension', 'extension.ts')],
    outfile: path.join(ROOT, 'dist', 'extension.js'),
    external: ['vscode'],
    minify: production,
    sourcemap: !production,
  };
}

/**
 * The GitHub Action's bundle. It is committed (a workflow runs it without an npm install), so it is
 * always minified and has no source map, whatever the mode: a test rebuilds it and compares.
 */
export function actionBuildOptions({ outfile = path.join(ROOT, 'action', 'main.js') } = {}) {
  return { ...common, entryPoints: [path.join(ROOT, 'src', 'action', 'main.ts')], outfile, minify: true, sourcemap: false };
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
  if (want('cli')) jobs.push(esbuild.build(cliBuildOptions({ production })).then(() => done.push('dist/cli.js')));
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
