/**
 * Language server benchmark (run by `npm run bench`, beside the CLI figures): the time from a
 * `textDocument/didChange` on the example IMPACT.md to the `publishDiagnostics` for that version,
 * median over 200 one-character edits (the server started with `debounceMs: 0`, so the figure is
 * the server's own work plus the round trip over stdio; in an editor the debounce, 300 ms by
 * default, comes on top). For comparison: the engine's lint of the same pair in one process, and a
 * whole `impact-notes lint` run of the example.
 *
 * Options: --edits N (200), --json.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { lint } from '../../src/core/engine';
import { allRules } from '../../src/core/rules';
import { buildBundles, ROOT, TestClient } from '../unit/lsp-client';

const TODAY = '2026-06-01';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))];

async function main(): Promise<void> {
  const edits = Number(arg('--edits') ?? 200);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'impact-lsp-bench-'));
  try {
    const cli = await buildBundles(path.join(tmp, 'bin'));
    const dir = path.join(tmp, 'voice-clone-study');
    fs.cpSync(path.join(ROOT, 'examples', 'voice-clone-study'), dir, { recursive: true });
    fs.writeFileSync(path.join(dir, '.impact-notes.yaml'), 'root: true\n');
    const file = path.join(dir, 'IMPACT.md');
    const text = fs.readFileSync(file, 'utf8');
    const release = fs.readFileSync(path.join(dir, 'release.yaml'), 'utf8');

    // The CLI side: the engine in one process, and a whole CLI run.
    const input = { impact: { path: file, text }, release: { path: path.join(dir, 'release.yaml'), text: release }, today: new Date(`${TODAY}T00:00:00Z`), rules: allRules };
    for (let i = 0; i < 50; i++) lint(input);
    const engine: number[] = [];
    for (let i = 0; i < 200; i++) {
      const t0 = performance.now();
      lint(input);
      engine.push(performance.now() - t0);
    }
    const runs: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      spawnSync(process.execPath, [cli, 'lint', '--format', 'json', dir], { env: { PATH: process.env.PATH ?? '', IMPACT_NOTES_TODAY: TODAY }, encoding: 'utf8' });
      runs.push(performance.now() - t0);
    }

    // The server: one keystroke per edit on a rationale line, typed and deleted in turn.
    const client = TestClient.start(cli, dir, { IMPACT_NOTES_TODAY: TODAY });
    await client.initialize(dir, { initializationOptions: { debounceMs: 0 } });
    const uri = client.open(file, text);
    await client.diagnosticsAt(uri, 1, 30000);
    const lines = text.split('\n');
    const line = lines.findIndex((l) => l.includes('**Rationale:**'));
    const col = lines[line].length;
    const times: number[] = [];
    let version = 1;
    for (let i = 0; i < edits + 20; i++) {
      version++;
      const range = i % 2 === 0 ? { start: { line, character: col }, end: { line, character: col } } : { start: { line, character: col }, end: { line, character: col + 1 } };
      const t0 = performance.now();
      client.change(uri, version, [{ range, text: i % 2 === 0 ? 'x' : '' }]);
      await client.diagnosticsAt(uri, version, 30000);
      if (i >= 20) times.push(client.publishedAt.get(uri)! - t0); // the first 20 warm the server up
    }
    const mem = client.memoryMb();
    await client.shutdown();

    const result = {
      impactBytes: Buffer.byteLength(text),
      lsp: { edits: times.length, medianMs: round(median(times)), p90Ms: round(pct(times, 90)), maxMs: round(Math.max(...times)), serverRssMb: mem ? Math.round(mem.rss) : undefined },
      engineLintMs: round(median(engine)),
      cliProcessMs: round(median(runs)),
    };
    if (process.argv.includes('--json')) console.log(JSON.stringify(result, null, 2));
    else {
      console.log(`impact-notes language server bench (example IMPACT.md, ${result.impactBytes} B, with its release.yaml)`);
      console.log(`  didChange -> publishDiagnostics   ${result.lsp.medianMs.toFixed(2)} ms median over ${times.length} edits (p90 ${result.lsp.p90Ms.toFixed(2)} ms, max ${result.lsp.maxMs.toFixed(2)} ms; debounce 0, an editor adds its debounce, 300 ms by default)`);
      console.log(`  engine lint of the pair (CLI core) ${result.engineLintMs.toFixed(2)} ms median, in one process`);
      console.log(`  impact-notes lint (whole process)  ${result.cliProcessMs.toFixed(0)} ms median of 5 runs`);
      if (result.lsp.serverRssMb) console.log(`  server memory after the edits      ${result.lsp.serverRssMb} MB resident`);
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 2;
});
