/**
 * End to end in a real editor: Neovim (Debian's 0.7.2, installed here with apt-get when missing and
 * running as root; otherwise the test is skipped with the reason printed) starts headless with the
 * README's Neovim configuration, copied from README.md, against a copy of
 * examples/voice-clone-study. A small Lua script waits for the diagnostics Neovim received
 * (vim.wait), writes them to JSON, edits the buffer, and writes them again. The diagnostics must equal
 * `impact-notes lint --format json` for IMPACT.md, and the edit must clear the finding it fixes.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildBundles, ROOT } from './lsp-client';

const TODAY = '2026-06-01';

function haveNvim(): boolean {
  return spawnSync('nvim', ['--version'], { encoding: 'utf8' }).status === 0;
}

/** Installs Debian's neovim when missing; the reason it could not, or undefined when nvim is there. */
function ensureNvim(): string | undefined {
  if (haveNvim()) return undefined;
  if (process.getuid?.() !== 0) return 'nvim is not installed and installing it needs root (apt-get install neovim)';
  if (spawnSync('apt-get', ['--version']).status !== 0) return 'nvim is not installed and there is no apt-get';
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const update = spawnSync('apt-get', ['update', '-qq'], { env, encoding: 'utf8', timeout: 300000 });
  const install = spawnSync('apt-get', ['install', '-y', '-qq', 'neovim'], { env, encoding: 'utf8', timeout: 600000 });
  if (install.status !== 0) return `apt-get install neovim failed: ${(install.stderr || update.stderr || '').trim().split('\n').pop()}`;
  return haveNvim() ? undefined : 'nvim is still not on PATH after apt-get install neovim';
}

/** The Lua between the README's neovim-0.7 markers. */
function readmeNeovimConfig(): string {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const m = /<!-- neovim-0\.7:start -->\s*```lua\n([\s\S]*?)```\s*<!-- neovim-0\.7:end -->/.exec(readme);
  assert.ok(m, 'README.md has the Neovim 0.7 snippet between its markers');
  return m[1];
}

const HARNESS = String.raw`
local out = os.getenv('IMPACT_NVIM_OUT')
local function dump(name)
  local all = {}
  for _, d in ipairs(vim.diagnostic.get()) do
    table.insert(all, {
      file = vim.api.nvim_buf_get_name(d.bufnr),
      lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
      severity = d.severity, message = d.message, source = d.source,
      code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code) or vim.NIL,
    })
  end
  local f = assert(io.open(out .. '/' .. name .. '.json', 'w'))
  f:write(vim.fn.json_encode({ diagnostics = all, clients = #vim.lsp.get_active_clients() }))
  f:close()
end
local function has(code)
  for _, d in ipairs(vim.diagnostic.get(0)) do
    local c = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
    if c == code then return true end
  end
  return false
end
local ok = vim.wait(60000, function() return has('invalid-value') end, 50)
dump('open')
if ok then
  -- Correct the misspelt rating as a person would, in the buffer.
  local lines = vim.api.nvim_buf_get_lines(0, 0, -1, false)
  for i, l in ipairs(lines) do
    local s = l:find('hgih', 1, true)
    if s then
      vim.api.nvim_buf_set_text(0, i - 1, s - 1, i - 1, s + 3, { 'high' })
      break
    end
  end
  vim.wait(60000, function() return not has('invalid-value') end, 50)
  dump('edited')
end
vim.cmd('qa!')
`;

interface NvimDiag {
  file: string;
  lnum: number;
  col: number;
  end_lnum: number;
  end_col: number;
  severity: number;
  message: string;
  source: string;
  code: string | null;
}

describe('language server in Neovim (end to end)', function () {
  this.timeout(900000);
  let tmp: string;

  before(function () {
    const reason = ensureNvim();
    if (reason) {
      console.log(`    skipped: ${reason}`);
      this.skip();
    }
  });

  after(() => {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('Neovim, configured as the README says, receives the CLI’s diagnostics for the example and follows an edit', async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'impact-nvim-'));
    // The package as installed: bin/impact-notes-lsp.js beside dist/lsp.js, on PATH as impact-notes-lsp.
    const pkg = path.join(tmp, 'pkg');
    const cli = await buildBundles(path.join(pkg, 'dist'));
    fs.mkdirSync(path.join(pkg, 'bin'));
    fs.copyFileSync(path.join(ROOT, 'bin', 'impact-notes-lsp.js'), path.join(pkg, 'bin', 'impact-notes-lsp.js'));
    fs.chmodSync(path.join(pkg, 'bin', 'impact-notes-lsp.js'), 0o755);
    const binDir = path.join(tmp, 'path');
    fs.mkdirSync(binDir);
    fs.symlinkSync(path.join(pkg, 'bin', 'impact-notes-lsp.js'), path.join(binDir, 'impact-notes-lsp'));

    const work = path.join(tmp, 'voice-clone-study');
    fs.cpSync(path.join(ROOT, 'examples', 'voice-clone-study'), work, { recursive: true });
    fs.writeFileSync(path.join(work, '.impact-notes.yaml'), 'root: true\n');
    const out = path.join(tmp, 'out');
    fs.mkdirSync(out);
    fs.writeFileSync(path.join(tmp, 'init.lua'), readmeNeovimConfig());
    fs.writeFileSync(path.join(tmp, 'harness.lua'), HARNESS);

    const home = path.join(tmp, 'home');
    fs.mkdirSync(home);
    const env = {
      PATH: `${binDir}${path.delimiter}${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH ?? ''}`,
      HOME: home,
      XDG_CONFIG_HOME: path.join(home, '.config'),
      XDG_DATA_HOME: path.join(home, '.local', 'share'),
      XDG_STATE_HOME: path.join(home, '.local', 'state'),
      XDG_CACHE_HOME: path.join(home, '.cache'),
      IMPACT_NOTES_TODAY: TODAY,
      IMPACT_NVIM_OUT: out,
    };
    const r = spawnSync('nvim', ['--headless', '-n', '-i', 'NONE', '-u', path.join(tmp, 'init.lua'), '-c', `luafile ${path.join(tmp, 'harness.lua')}`, 'IMPACT.md'], {
      cwd: work,
      env,
      encoding: 'utf8',
      timeout: 180000,
    });
    assert.ok(fs.existsSync(path.join(out, 'open.json')), `Neovim wrote its diagnostics (exit ${r.status}, signal ${r.signal}): ${r.stderr}`);
    const opened = JSON.parse(fs.readFileSync(path.join(out, 'open.json'), 'utf8')) as { diagnostics: NvimDiag[]; clients: number };
    assert.equal(opened.clients, 1, 'one impact-notes client');

    // What the CLI says about the same copy.
    const lint = spawnSync(process.execPath, [cli, 'lint', '--format', 'json', '.'], { cwd: work, env: { PATH: env.PATH, IMPACT_NOTES_TODAY: TODAY }, encoding: 'utf8' });
    const cliRows = (JSON.parse(lint.stdout) as { file: string; line: number; column: number; endLine: number; endColumn: number; rule: string; severity: string; message: string }[])
      .filter((f) => f.file === 'IMPACT.md')
      .map((f) => `${f.line}:${f.column}-${f.endLine}:${f.endColumn} ${f.severity} ${f.rule} ${f.message}`)
      .sort();
    const sev: Record<number, string> = { 1: 'error', 2: 'warning', 3: 'info' };
    const nvimRows = opened.diagnostics
      .filter((d) => path.basename(d.file) === 'IMPACT.md')
      .map((d) => `${d.lnum + 1}:${d.col + 1}-${d.end_lnum + 1}:${d.end_col + 1} ${sev[d.severity]} ${d.code} ${d.message}`)
      .sort();
    assert.ok(cliRows.length >= 5, `the CLI reports ${cliRows.length} findings in IMPACT.md`);
    assert.deepEqual(nvimRows, cliRows);
    assert.ok(opened.diagnostics.every((d) => d.source === 'impact-notes'));

    assert.ok(fs.existsSync(path.join(out, 'edited.json')), 'the harness edited the buffer');
    const edited = JSON.parse(fs.readFileSync(path.join(out, 'edited.json'), 'utf8')) as { diagnostics: NvimDiag[] };
    const after = edited.diagnostics.filter((d) => path.basename(d.file) === 'IMPACT.md');
    assert.ok(!after.some((d) => d.code === 'invalid-value'), 'the corrected rating is no longer reported');
    assert.equal(after.length, nvimRows.length - 1, 'only that finding went away');
  });
});
