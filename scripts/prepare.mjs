// npm runs `prepare` after `npm install` in this folder, before `npm pack`, and when a user installs
// the package from git: it builds dist/cli.js and dist/lsp.js (the language server `impact-notes lsp` loads).
//
// npm 11 installing a package *globally* from git (`npm install -g git+…`, which is how pre-commit
// installs a `language: node` hook) runs this script without installing the dev dependencies first
// (npm/cli#8440). Then esbuild is missing: install the locked dev dependencies here (scripts off, so
// this script does not run again), in local mode, and build.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function hasEsbuild() {
  return existsSync(path.join(ROOT, 'node_modules', 'esbuild', 'package.json'));
}

if (!hasEsbuild()) {
  console.error('prepare: dev dependencies are missing (npm installing from git globally); installing them to build dist/cli.js');
  // Local mode: drop what the outer global install exported (npm_config_global, prefix, location…),
  // keep how the registry is reached.
  const keep = /^npm_config_(registry|.*:registry|cache|cafile|ca|proxy|https_proxy|noproxy|strict_ssl|userconfig|globalconfig)$/i;
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k) || keep.test(k)));
  for (const k of Object.keys(env)) if (/^npm_config_(global|prefix|location)$/i.test(k)) delete env[k];
  const lock = existsSync(path.join(ROOT, 'package-lock.json'));
  const npmCli = process.env.npm_execpath;
  const cmd = npmCli ? process.execPath : 'npm';
  const args = [...(npmCli ? [npmCli] : []), lock ? 'ci' : 'install', '--ignore-scripts', '--include=dev', '--no-audit', '--no-fund', '--global=false'];
  const r = spawnSync(cmd, args, { cwd: ROOT, env, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0 || !hasEsbuild()) {
    console.error(`prepare: could not install the dev dependencies (npm exit ${r.status ?? r.error}); dist/cli.js not built`);
    process.exit(1);
  }
}

const { build } = await import(pathToFileURL(path.join(ROOT, 'scripts', 'build.mjs')).href);
const done = await build({ production: true, only: ['cli', 'lsp'] });
console.error(`prepare: built ${done.join(', ')}`);
