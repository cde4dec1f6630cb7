// Packages the VS Code extension into impact-notes.vsix (`npm run package`).
//
// package.json's `files` lists what the npm package (the CLI) ships; .vscodeignore is the VSIX's
// allow-list. vsce refuses a folder that has both, so the VSIX is packed from a staging folder that
// holds a copy of what .vscodeignore lets in and a package.json without `files`.
// README links: vsce turns relative links into web links when package.json names a repository;
// without one they stay relative (the rule pages and the taxonomy ship inside the VSIX).
//
// Usage: node scripts/package-vsix.mjs [--out impact-notes.vsix] [--no-build]
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from './build.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The top-level files and folders that .vscodeignore's `!` lines let back in. */
export function allowListRoots(vscodeignore) {
  const roots = new Set();
  for (const line of vscodeignore.split(/\r?\n/)) {
    const m = /^!\/?([^/*?[\]{}]+)/.exec(line.trim());
    if (m) roots.add(m[1]);
  }
  return [...roots];
}

/** `quiet`: keep vsce's listing out of the output (it is shown when packaging fails). */
export async function packageVsix({ out = path.join(ROOT, 'impact-notes.vsix'), skipBuild = false, quiet = false } = {}) {
  if (!skipBuild) await build({ production: true, only: ['extension', 'web'] });
  const ignore = readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8');
  const stage = mkdtempSync(path.join(os.tmpdir(), 'impact-notes-vsix-'));
  try {
    cpSync(path.join(ROOT, '.vscodeignore'), path.join(stage, '.vscodeignore'));
    for (const name of allowListRoots(ignore)) {
      const from = path.join(ROOT, name);
      if (name !== 'package.json' && existsSync(from)) cpSync(from, path.join(stage, name), { recursive: true });
    }
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    delete pkg.files;
    writeFileSync(path.join(stage, 'package.json'), JSON.stringify(pkg, null, 2) + '\n');
    const args = ['package', '--no-dependencies', '--out', path.resolve(out)];
    if (!pkg.repository) args.push('--allow-missing-repository', '--no-rewrite-relative-links');
    const vsce = path.join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
    const r = spawnSync(process.execPath, [vsce, ...args], { cwd: stage, stdio: quiet ? 'pipe' : 'inherit', encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`vsce package failed (exit ${r.status ?? r.signal})${quiet ? `:\n${r.stdout}${r.stderr}` : ''}`);
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const outIdx = args.indexOf('--out');
  packageVsix({ out: outIdx >= 0 ? args[outIdx + 1] : undefined, skipBuild: args.includes('--no-build') }).catch((err) => {
    console.error(`package: ${err && err.message ? err.message : err}`);
    process.exit(1);
  });
}
