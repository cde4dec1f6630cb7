/**
 * Whole-process benchmark of the command line (`npx tsx test/bench/cli-bench.ts`; also run by
 * `npm run bench`). Builds the CLI as it ships (production bundles, bin/impact-notes.js beside
 * them; V8's compile cache in the same folder, warmed by one run) into a temporary folder and
 * measures, each side alternating with the other in one run
 * (`--rounds` rounds, default 10; the ratio is of the medians of the wall-clock times):
 *
 *   (a) `impact-notes lint examples/voice-clone-study` / the floor: a Node process that loads
 *       markdown-it and yaml and parses the same two files (test/bench/cli-floor.ts, bundled with the
 *       same options) — target ≤ 1.3;
 *   (b) `impact-notes lint <monorepo>` / `find <monorepo> -type f | wc -l` over a generated
 *       100,000-file monorepo (test/bench/discovery-tree.ts, in tmpfs or the temp folder, never in the
 *       repository; kept for the next run, shared with the discovery benchmark) — target ≤ 3;
 *
 * and prints the sizes of the bundles: the extension (desktop and web), the CLI, and the JavaScript
 * in the VSIX (`npm run package` into a temporary file; `--no-vsix` skips it) — target ≤ 450 KB —
 * beside the lint engine alone (src/core's `lint` and `lintAndFix`, built with the extension's
 * options): the part of that JavaScript any extension that lints must carry, by package and folder.
 *
 * Options: --rounds N, --files N (100000), --no-vsix, --json, --strict (exit 1 on a MISS).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureTree, scratchDir, type TreeSpec } from './discovery-tree';

const ROOT = path.resolve(__dirname, '..', '..');
const EXAMPLE = path.join(ROOT, 'examples', 'voice-clone-study');

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;

/** Where the runs keep V8's compile cache (bin/impact-notes.js): in the bench's temporary folder. */
let compileCache = path.join(os.tmpdir(), 'node-compile-cache');

const TIME = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

interface Run {
  /** Wall clock, ms. */
  ms: number;
  /** CPU time of the process and its children (user + system), ms, when /usr/bin/time can tell. */
  cpuMs?: number;
}

/** One process run to its end (output discarded), under /usr/bin/time when there is one (for its CPU time). */
function timeRun(cmd: string, args: readonly string[], expect: (status: number | null) => boolean, env: Record<string, string> = {}): Run {
  const t = performance.now();
  const r = TIME
    ? spawnSync(TIME, ['-f', '@@%U %S', cmd, ...args], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', env: { ...process.env, NODE_COMPILE_CACHE: compileCache, ...env } })
    : spawnSync(cmd, args, { stdio: 'ignore', env: { ...process.env, NODE_COMPILE_CACHE: compileCache, ...env } });
  const ms = performance.now() - t;
  if (!expect(r.status)) throw new Error(`${cmd} ${args.join(' ')} ended with ${r.status ?? r.signal}`);
  const m = TIME ? /@@([\d.]+) ([\d.]+)/.exec(String(r.stderr)) : null;
  return { ms, cpuMs: m ? (Number(m[1]) + Number(m[2])) * 1000 : undefined };
}

interface Side {
  ms: number;
  cpuMs?: number;
}

/** Alternates the sides for `rounds` rounds after one warm-up run of each; the median of each. */
function alternate(rounds: number, ...sides: (() => Run)[]): Side[] {
  for (const side of sides) side();
  const runs: Run[][] = sides.map(() => []);
  for (let i = 0; i < rounds; i++) sides.forEach((side, k) => runs[k].push(side()));
  return runs.map((rs) => {
    const cpu = rs.map((r) => r.cpuMs).filter((x): x is number => x !== undefined);
    return { ms: median(rs.map((r) => r.ms)), cpuMs: cpu.length === rs.length ? median(cpu) : undefined };
  });
}

const cpuRatio = (a: Side, b: Side) => (a.cpuMs !== undefined && b.cpuMs ? a.cpuMs / b.cpuMs : undefined);
const fmtCpu = (a: Side, b: Side) => {
  const r = cpuRatio(a, b);
  return r === undefined ? '' : `  (CPU time: ${a.cpuMs!.toFixed(0)} / ${b.cpuMs!.toFixed(0)} ms = ${r.toFixed(2)})`;
};

/** The CLI as it ships, in `dir`: bin/impact-notes.js, dist/cli.js, dist/cli-lint.js, the C2PA chunk; and the floor. */
async function buildInto(dir: string): Promise<{ bin: string; floor: string; cliBytes: number; cliLintBytes: number }> {
  const build = await import(pathToFileURL(path.join(ROOT, 'scripts', 'build.mjs')).href);
  const esbuild = await import('esbuild');
  const dist = path.join(dir, 'dist');
  fs.mkdirSync(path.join(dir, 'bin'), { recursive: true });
  fs.copyFileSync(path.join(ROOT, 'bin', 'impact-notes.js'), path.join(dir, 'bin', 'impact-notes.js'));
  const quiet = { logLevel: 'error' as const };
  await Promise.all([
    esbuild.build({ ...build.cliBuildOptions({ production: true, outfile: path.join(dist, 'cli.js') }), ...quiet }),
    esbuild.build({ ...build.cliLintBuildOptions({ production: true, outfile: path.join(dist, 'cli-lint.js') }), ...quiet }),
    esbuild.build({ ...build.c2paBuildOptions({ production: true, outdir: dist }), ...quiet }),
    esbuild.build({ ...build.cliBuildOptions({ production: true, outfile: path.join(dir, 'floor.js') }), entryPoints: [path.join(__dirname, 'cli-floor.ts')], ...quiet }),
  ]);
  build.copyC2paWasm(dist);
  return {
    bin: path.join(dir, 'bin', 'impact-notes.js'),
    floor: path.join(dir, 'floor.js'),
    cliBytes: fs.statSync(path.join(dist, 'cli.js')).size,
    cliLintBytes: fs.statSync(path.join(dist, 'cli-lint.js')).size,
  };
}

/** Sizes of the extension bundles (production) and of the JavaScript files in a freshly packed VSIX. */
async function extensionSizes(dir: string, vsix: boolean): Promise<{ desktop: number; web: number; vsixJs?: number; vsixJsDeflated?: number; vsixFiles?: Record<string, number> }> {
  const build = await import(pathToFileURL(path.join(ROOT, 'scripts', 'build.mjs')).href);
  const esbuild = await import('esbuild');
  const desktop = path.join(dir, 'ext', 'extension.js');
  const web = path.join(dir, 'ext', 'web', 'extension.js');
  await Promise.all([
    esbuild.build({ ...build.extensionBuildOptions({ production: true, outfile: desktop }), logLevel: 'error' }),
    esbuild.build({ ...build.webExtensionBuildOptions({ production: true, outfile: web }), logLevel: 'error' }),
  ]);
  const out = { desktop: fs.statSync(desktop).size, web: fs.statSync(web).size };
  if (!vsix) return out;
  const pack = await import(pathToFileURL(path.join(ROOT, 'scripts', 'package-vsix.mjs')).href);
  const file = path.join(dir, 'impact-notes.vsix');
  await pack.packageVsix({ out: file, quiet: true });
  // `unzip -v`: length, method, size as stored (deflated), ratio, date, time, CRC, name.
  const list = spawnSync('unzip', ['-v', file], { encoding: 'utf8' });
  if (list.status !== 0) return out;
  const vsixFiles: Record<string, number> = {};
  let vsixJsDeflated = 0;
  for (const line of list.stdout.split('\n')) {
    const m = /^\s*(\d+)\s+\S+\s+(\d+)\s+\S+\s+\S+\s+\S+\s+\S+\s+(\S+\.[cm]?js)\s*$/.exec(line);
    if (!m) continue;
    vsixFiles[m[3]] = Number(m[1]);
    vsixJsDeflated += Number(m[2]);
  }
  return { ...out, vsixJs: Object.values(vsixFiles).reduce((n, x) => n + x, 0), vsixJsDeflated, vsixFiles };
}

const ENGINE_PARTS: readonly [string, RegExp][] = [
  ['yaml', /node_modules\/yaml\//],
  ['markdown-it', /node_modules\/(markdown-it|entities|mdurl|uc\.micro|punycode(\.js)?)\//],
  ['picomatch', /node_modules\/picomatch\//],
  ['rules', /^src\/core\/rules\//],
  ['taxonomy', /^src\/core\/taxonomy\//],
];

/**
 * The lint engine alone (src/core's `lint` and `lintAndFix`, what the extension's diagnostics and
 * fixes run), bundled with the extension's production options: its size, and its parts.
 */
async function engineSize(dir: string): Promise<{ bytes: number; parts: Record<string, number> }> {
  const build = await import(pathToFileURL(path.join(ROOT, 'scripts', 'build.mjs')).href);
  const esbuild = await import('esbuild');
  const entry = path.join(dir, 'engine-entry.ts');
  const core = (f: string) => JSON.stringify(path.join(ROOT, 'src', 'core', f));
  fs.writeFileSync(entry, `export { lint } from ${core('engine')};\nexport { lintAndFix } from ${core('fix')};\n`);
  const options = build.webExtensionBuildOptions({ production: true, outfile: path.join(dir, 'engine', 'engine.js') });
  const result = await esbuild.build({ ...options, entryPoints: [entry], metafile: true, logLevel: 'error' });
  const outputs: Record<string, { bytes: number; inputs: Record<string, { bytesInOutput: number }> }> = result.metafile?.outputs ?? {};
  const output = Object.values(outputs)[0];
  if (!output) throw new Error('esbuild gave no metafile for the lint engine');
  const parts: Record<string, number> = {};
  for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
    const name = ENGINE_PARTS.find(([, re]) => re.test(input.split(path.sep).join('/')))?.[0] ?? 'other';
    parts[name] = (parts[name] ?? 0) + bytesInOutput;
  }
  return { bytes: output.bytes, parts };
}

async function mainBench(): Promise<number> {
  const rounds = Number(arg('--rounds') ?? 10);
  const spec: TreeSpec = { files: Number(arg('--files') ?? 100000), planted: 50, covered: 10, seed: 42 };
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'impact-notes-cli-bench-'));
  compileCache = path.join(tmp, 'compile-cache');
  try {
    const built = await buildInto(tmp);
    const node = process.execPath;
    const lintExit = (s: number | null) => s === 0 || s === 1;

    // (a) the example pair against the floor (and, for comparison, the CLI without the compile cache).
    const [exFloorSide, exCliSide, exColdSide] = alternate(
      rounds,
      () => timeRun(node, [built.floor, EXAMPLE], (s) => s === 0),
      () => timeRun(node, [built.bin, 'lint', EXAMPLE], lintExit),
      () => timeRun(node, [built.bin, 'lint', EXAMPLE], lintExit, { NODE_DISABLE_COMPILE_CACHE: '1' }),
    );
    const exFloor = exFloorSide.ms;
    const exCli = exCliSide.ms;
    const ratioA = exCli / exFloor;

    // (b) the generated monorepo against find.
    const treeDir = path.join(scratchDir(), `impact-notes-discovery-bench-${spec.files}-${spec.planted}`);
    if (treeDir.startsWith(ROOT + path.sep)) throw new Error(`the bench tree must be outside the repository: ${treeDir}`);
    const { tree, generatedMs } = ensureTree(spec, treeDir, process.argv.includes('--regen'));
    const [monoFindSide, monoCliSide] = alternate(
      rounds,
      () => timeRun('/bin/sh', ['-c', `find ${JSON.stringify(treeDir)} -type f | wc -l`], (s) => s === 0),
      () => timeRun(node, [built.bin, 'lint', treeDir], lintExit),
    );
    const monoFind = monoFindSide.ms;
    const monoCli = monoCliSide.ms;
    const ratioB = monoCli / monoFind;

    const sizes = await extensionSizes(tmp, !process.argv.includes('--no-vsix'));
    const engine = await engineSize(tmp);
    const passA = ratioA <= 1.3;
    const passB = ratioB <= 3;
    const passC = sizes.vsixJs === undefined ? undefined : sizes.vsixJs <= 450 * 1024;
    const result = {
      node: process.version,
      rounds,
      example: { floor: exFloorSide, cli: exCliSide, cliWithoutCompileCache: exColdSide, ratio: Number(ratioA.toFixed(2)), cpuRatio: cpuRatio(exCliSide, exFloorSide), target: '<= 1.3', pass: passA },
      monorepo: { files: tree.files, find: monoFindSide, cli: monoCliSide, ratio: Number(ratioB.toFixed(2)), cpuRatio: cpuRatio(monoCliSide, monoFindSide), target: '<= 3', pass: passB },
      bytes: { cli: built.cliBytes, cliLint: built.cliLintBytes, extensionDesktop: sizes.desktop, extensionWeb: sizes.web, vsixJs: sizes.vsixJs, vsixJsDeflated: sizes.vsixJsDeflated, vsixJsTarget: 450 * 1024, vsixFiles: sizes.vsixFiles, lintEngine: engine.bytes, lintEngineParts: engine.parts },
    };
    if (process.argv.includes('--json')) console.log(JSON.stringify(result, null, 2));
    else {
      const verdict = (p: boolean | undefined) => (p === undefined ? 'n/a' : p ? 'PASS' : 'MISS');
      console.log(`impact-notes CLI bench (Node ${process.version}; whole processes, ${rounds} rounds alternating, medians of wall-clock time)`);
      if (generatedMs !== undefined) console.log(`  generated the ${tree.files}-file monorepo in ${(generatedMs / 1000).toFixed(1)} s (${treeDir})`);
      console.log(`  (a) lint examples/voice-clone-study  ${exCli.toFixed(0)} ms / floor (markdown-it + yaml parse) ${exFloor.toFixed(0)} ms = ${ratioA.toFixed(2)}  target <= 1.3  ${verdict(passA)}${fmtCpu(exCliSide, exFloorSide)}`);
      console.log(`      without the compile cache        ${exColdSide.ms.toFixed(0)} ms = ${(exColdSide.ms / exFloor).toFixed(2)}${fmtCpu(exColdSide, exFloorSide)}`);
      console.log(`  (b) lint ${tree.files}-file monorepo    ${monoCli.toFixed(0)} ms / find -type f ${monoFind.toFixed(0)} ms = ${ratioB.toFixed(2)}  target <= 3    ${verdict(passB)}${fmtCpu(monoCliSide, monoFindSide)}`);
      console.log(`  bundles (production): CLI ${kb(built.cliBytes)} (lint only ${kb(built.cliLintBytes)}), extension desktop ${kb(sizes.desktop)}, web ${kb(sizes.web)}`);
      if (sizes.vsixJs !== undefined) {
        const files = Object.entries(sizes.vsixFiles ?? {}).map(([f, n]) => `${f.replace(/^extension\//, '')} ${kb(n)}`).join(', ');
        console.log(`  (c) JavaScript in the VSIX          ${kb(sizes.vsixJs)}  target <= 450 KB  ${verdict(passC)}  (${files})`);
        // The target is on the files' own size; as stored (deflated), for the download's sake:
        if (sizes.vsixJsDeflated) console.log(`      as stored in the VSIX (deflated) ${kb(sizes.vsixJsDeflated)}`);
      }
      const parts = Object.entries(engine.parts).sort((x, y) => y[1] - x[1]).map(([name, n]) => `${name} ${kb(n)}`).join(', ');
      console.log(`      of which the lint engine alone   ${kb(engine.bytes)}  (${parts})`);
    }
    return process.argv.includes('--strict') && !(passA && passB && passC !== false) ? 1 : 0;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

if (require.main === module) {
  mainBench().then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      console.error(err);
      process.exitCode = 2;
    },
  );
}
