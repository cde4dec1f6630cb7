// Bundles the VS Code integration tests with esbuild:
//   test/integration/*.ts  ->  dist/test/integration/*.js   (one self-contained CJS bundle per file)
//
// Layout contract with test/integration/index.ts (the extensionTestsPath entry):
//   each `*.test.ts` becomes its own `*.test.js`, and index.js globs its own folder for `*.test.js`
//   at run time, so adding a test file needs no registration anywhere. Other .ts files in
//   test/integration/ (helpers) are bundled too; they are harmless because index.js only loads
//   `*.test.js`, and a helper imported by several tests is simply inlined into each bundle.
// `vscode` (provided by the extension host) and `mocha` (resolved at run time from the repo's
// node_modules, so every bundle and index.js share ONE mocha instance and its describe/it globals)
// stay external. Every build starts from an empty folder, so a deleted test does not linger as a
// stale bundle: the bundles are written to a staging folder beside the output folder which then
// replaces it by two renames, so a suite that another engineer is running from the same tree at
// the same time never finds the folder half-written (mocha has loaded its files by then anyway).
//
// Usage: node scripts/build-tests.mjs            (or import { buildIntegrationTests } from it)
import * as esbuild from 'esbuild';
import { mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SRC_DIR = path.join(ROOT, 'test', 'integration');
const OUT_DIR = path.join(ROOT, 'dist', 'test', 'integration');

/**
 * The esbuild options used for the integration tests (exported so the main build can reuse them).
 * `outdir` defaults to dist/test/integration; buildIntegrationTests() passes a staging folder.
 */
export function integrationTestBuildOptions(outdir = OUT_DIR) {
  const entryPoints = readdirSync(SRC_DIR)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .sort()
    .map((f) => path.join(SRC_DIR, f));
  return {
    absWorkingDir: ROOT,
    entryPoints,
    outdir,
    outbase: SRC_DIR,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode', 'mocha'],
    sourcemap: true,
    logLevel: 'warning',
  };
}

export async function buildIntegrationTests() {
  const parent = path.dirname(OUT_DIR);
  mkdirSync(parent, { recursive: true });
  // Same depth as OUT_DIR, so the relative source paths in the .map files stay right after the move.
  const staging = mkdtempSync(path.join(parent, '.integration-staging-'));
  const old = `${staging}-old`;
  try {
    const options = integrationTestBuildOptions(staging);
    if (options.entryPoints.length === 0) throw new Error(`no .ts files in ${SRC_DIR}`);
    await esbuild.build(options);
    let hadOld = true;
    try {
      renameSync(OUT_DIR, old);
    } catch (err) {
      if (err.code !== 'ENOENT') throw err;
      hadOld = false;
    }
    renameSync(staging, OUT_DIR);
    if (hadOld) rmSync(old, { recursive: true, force: true });
    return options.entryPoints.length;
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  buildIntegrationTests().then(
    (n) => console.log(`build-tests: bundled ${n} file(s) into ${path.relative(ROOT, OUT_DIR)}/`),
    (err) => {
      console.error(`build-tests: ${err && err.message ? err.message : err}`);
      process.exit(1);
    },
  );
}
