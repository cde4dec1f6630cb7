#!/usr/bin/env node
'use strict';
// The CLI lives in bundles built by `npm run build` (scripts/build.mjs): dist/cli.js has every
// command; dist/cli-lint.js has only `lint` (the most frequent command, and the one in git hooks
// and CI), so it loads and compiles less. Requiring a bundle does not run it (it runs itself only
// as the main module), so start it explicitly.
//
// Compiling the bundle is a good part of a short run, so V8's compiled code is kept between runs,
// as Node's own compile cache does (Node 22.1 and later: module.enableCompileCache(), in the same
// folder). On older Node the cache is kept here, through vm.Script's cachedData. The cache lives in
// the temporary folder (`node-compile-cache`); NODE_DISABLE_COMPILE_CACHE=1 turns it off. A cache
// V8 does not accept (another Node, another bundle) is ignored and replaced.
const fs = require('node:fs');

// A run of the CLI is short and meets each of the rules' regular expressions a few times: V8's
// default, interpreting an expression first and compiling it to machine code on its second use,
// compiles the large ones twice (a good part of a lint of one folder). Compiled straight to machine
// code instead. Only on the V8 versions of Node 20 to 24, where the flag is known (V8 reports an
// unknown flag on stderr); not for the language server, a long-lived process.
const v8Major = Number(process.versions.v8.split('.')[0]);
if (v8Major >= 11 && v8Major <= 13 && process.argv[2] !== 'lsp') require('node:v8').setFlagsFromString('--no-regexp-tier-up');
const path = require('node:path');
const Module = require('node:module');

const dist = path.join(__dirname, '..', 'dist');
const lintOnly = path.join(dist, 'cli-lint.js');
const bundle = process.argv[2] === 'lint' && fs.existsSync(lintOnly) ? lintOnly : path.join(dist, 'cli.js');

function cacheFolder() {
  const os = require('node:os');
  return process.env.NODE_COMPILE_CACHE || path.join(os.tmpdir(), 'node-compile-cache');
}

/** Loads a CommonJS bundle as require() would, with V8's code cache from the last run when there is one. */
function loadCached(file) {
  const vm = require('node:vm');
  const code = fs.readFileSync(file, 'utf8');
  const st = fs.statSync(file);
  const prefix = `impact-notes-${process.version}-${process.arch}-${path.basename(file, '.js')}-`;
  const id = `${prefix}${st.size}-${Math.floor(st.mtimeMs)}.v8`;
  const cacheFile = path.join(cacheFolder(), id);
  let cachedData;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(Module.wrap(code), { filename: file, cachedData });
  const mod = new Module(file, module);
  mod.filename = file;
  mod.paths = Module._nodeModulePaths(path.dirname(file));
  script.runInThisContext().call(mod.exports, mod.exports, Module.createRequire(file), mod, file, path.dirname(file));
  mod.loaded = true;
  if (!cachedData || script.cachedDataRejected) {
    // At exit, so that the functions this run compiled are in the cache too.
    process.once('exit', () => {
      try {
        fs.mkdirSync(path.dirname(cacheFile), { recursive: true, mode: 0o700 });
        const tmp = `${cacheFile}.${process.pid}.tmp`;
        fs.writeFileSync(tmp, script.createCachedData(), { mode: 0o600 });
        fs.renameSync(tmp, cacheFile);
        // The caches of earlier builds of this bundle are of no use any more.
        for (const name of fs.readdirSync(path.dirname(cacheFile))) {
          if (name.startsWith(prefix) && name !== id && name.endsWith('.v8')) fs.rmSync(path.join(path.dirname(cacheFile), name), { force: true });
        }
      } catch {
        // No cache this time (read-only or full temporary folder): the next run compiles again.
      }
    });
  }
  return mod.exports;
}

function load(file) {
  if (process.env.NODE_DISABLE_COMPILE_CACHE) return require(file);
  if (typeof Module.enableCompileCache === 'function') {
    try {
      Module.enableCompileCache();
    } catch {
      // no cache: compile as usual
    }
    return require(file);
  }
  return loadCached(file);
}

load(bundle).runCli();
