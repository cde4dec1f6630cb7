// Real-VS-Code harness shared by the integration runner and the end-to-end UI tests.
//
// VS Code itself comes from code-server (installed by scripts/setup-vscode-host.sh into a cache
// folder outside the repository); its web workbench is driven by playwright-core in headless
// Debian chromium. The extension host runs in Node on the server side, so extensions and tests see
// a real `vscode` API (uiKind Web, remoteName set).
//
// Library use (test/e2e/*):
//   const wb = require('../integration/workbench');
//   const session = await wb.openWorkbench({ copyOf: 'examples/voice-clone-study' }); // repo's extension loaded
//   await session.runCommand('Impact Notes: Lint Workspace');                 // command palette, exact label
//   const rows = await session.readProblems({ until: /IMPACT\.md/ });         // Problems panel rows
//   await session.waitForNotification('...');                                 // toasts are off: reads the center
//   await session.page.screenshot({ path: 'test-results/x.png' });
//   await session.dispose();                                                 // browser, server, temp dirs
//
// CLI use (scripts/run-vscode-tests.sh keeps one definition of the server's flags and settings here):
//   node workbench.js check                        exit 1 with a message if the host is not installed
//   node workbench.js server-argv <tmp> [port] [settings-json]
//                                                  prepare <tmp> (extra user settings as JSON); print
//                                                  `env VARS... node code-server ARGS...`, NUL-separated
//   node workbench.js wait-ready <log> <pid> [ms]  wait for the server to listen and answer /healthz; print its URL
//   node workbench.js install-vsix <tmp> <file>    install a .vsix into <tmp>'s extensions dir
'use strict';

const { spawn, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');
const util = require('node:util');

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const DEFAULT_TIMEOUT_MS = 180000;

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

// Pre-seeded user settings: no AI/chat features, no telemetry, no update checks or gallery
// traffic, no welcome page, no trust prompt. Tests may add more through `settings`.
const USER_SETTINGS = {
  'chat.disableAIFeatures': true,
  'telemetry.telemetryLevel': 'off',
  'telemetry.feedback.enabled': false,
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'workbench.enableExperiments': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
  'npm.autoDetect': 'off',
  'typescript.tsserver.experimental.enableProjectDiagnostics': false,
};

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Where setup-vscode-host.sh put things; throws a readable error if something is missing. */
function hostPaths() {
  const hostDir = process.env.VSCODE_HOST_DIR || path.join(os.homedir(), '.cache', 'impact-notes-vscode-host');
  const node = path.join(hostDir, 'node', 'node_modules', 'node', 'bin', 'node');
  const codeServer = path.join(hostDir, 'cs', 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  const missing = [node, codeServer].filter((p) => !fs.existsSync(p));
  if (missing.length) {
    throw new Error(
      `VS Code host not installed (missing ${missing.join(', ')}).\n` +
        `Run: bash scripts/setup-vscode-host.sh   (VSCODE_HOST_DIR=${hostDir})`,
    );
  }
  return { hostDir, node, codeServer };
}

function chromiumPath() {
  const p = process.env.CHROME_BIN || '/usr/bin/chromium';
  if (!fs.existsSync(p)) {
    throw new Error(`chromium not found at ${p}. Run: bash scripts/setup-vscode-host.sh (or set CHROME_BIN)`);
  }
  return p;
}

/** Creates <tmp>/{user-data/User/settings.json, extensions, config.yaml, tmp, xdg-*}. */
function prepareServerDirs(tmp, settings = {}) {
  const dirs = {
    tmp,
    userDataDir: path.join(tmp, 'user-data'),
    extensionsDir: path.join(tmp, 'extensions'),
    configFile: path.join(tmp, 'config.yaml'),
    processTmp: path.join(tmp, 'tmp'),
    xdgData: path.join(tmp, 'xdg-data'),
    xdgConfig: path.join(tmp, 'xdg-config'),
    xdgCache: path.join(tmp, 'xdg-cache'),
  };
  for (const d of [dirs.extensionsDir, dirs.processTmp, dirs.xdgData, dirs.xdgConfig, dirs.xdgCache]) {
    fs.mkdirSync(d, { recursive: true });
  }
  fs.mkdirSync(path.join(dirs.userDataDir, 'User'), { recursive: true });
  fs.writeFileSync(
    path.join(dirs.userDataDir, 'User', 'settings.json'),
    JSON.stringify({ ...USER_SETTINGS, ...settings }, null, 2) + '\n',
  );
  // An empty config file keeps code-server from creating ~/.config/code-server/config.yaml.
  fs.writeFileSync(dirs.configFile, '');
  return dirs;
}

/** Variables set for the server (and so for the extension host and the tests inside it). */
function serverEnvOverrides(tmp) {
  return {
    TMPDIR: path.join(tmp, 'tmp'),
    XDG_DATA_HOME: path.join(tmp, 'xdg-data'),
    XDG_CONFIG_HOME: path.join(tmp, 'xdg-config'),
    XDG_CACHE_HOME: path.join(tmp, 'xdg-cache'),
    // No extension gallery: these machines cannot reach open-vsx.org, and the failing queries only
    // add stack traces to the log. (code-server reads the product's gallery from this variable.)
    EXTENSIONS_GALLERY: '{}',
  };
}

function serverEnv(tmp, extra = {}) {
  return { ...process.env, ...serverEnvOverrides(tmp), ...extra };
}

/**
 * argv (node first) that starts code-server on 127.0.0.1:<port>; port 0 = pick a free one.
 * `smokeTestDriver` (default true) is what lets the workbench run a test payload; it also keeps
 * notifications from popping up (they only reach the bell), so `npm start` turns it off.
 */
function serverArgv(tmp, port = 0, { smokeTestDriver = true } = {}) {
  const { node, codeServer } = hostPaths();
  return [
    node,
    codeServer,
    '--config', path.join(tmp, 'config.yaml'),
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--user-data-dir', path.join(tmp, 'user-data'),
    '--extensions-dir', path.join(tmp, 'extensions'),
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    // Without this a release build ignores the test payload (extensionTestsPath) in the URL.
    ...(smokeTestDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
  ];
}

function httpOk(url) {
  return new Promise((resolve) => {
    const req = http.get(url, { timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => req.destroy());
  });
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function tail(file, lines = 30) {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/**
 * Waits until the server logs the address it listens on and answers /healthz. Polls with a
 * deadline; fails early if the server process dies. Resolves to e.g. "http://127.0.0.1:41234".
 */
async function waitForServer(logFile, pid, timeoutMs = 60000) {
  const deadline = Date.now() + timeoutMs;
  let url = null;
  while (Date.now() < deadline) {
    if (!alive(pid)) throw new Error(`code-server exited during startup; last lines of ${logFile}:\n${tail(logFile)}`);
    if (!url) {
      const m = /HTTP server listening on (http:\/\/[0-9.]+:\d+)/.exec(fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : '');
      if (m) url = m[1];
    }
    if (url && (await httpOk(`${url}/healthz`))) return url;
    await sleep(100);
  }
  throw new Error(`code-server not ready after ${timeoutMs} ms; last lines of ${logFile}:\n${tail(logFile)}`);
}

/** Installs a packaged extension into the extensions dir of a prepared <tmp> (server need not run). */
function installVsix(tmp, vsix, env = {}) {
  const abs = path.resolve(vsix);
  if (!fs.existsSync(abs)) throw new Error(`vsix not found: ${abs}`);
  const [node, entry] = serverArgv(tmp);
  const out = execFileSync(
    node,
    [entry, '--config', path.join(tmp, 'config.yaml'), '--user-data-dir', path.join(tmp, 'user-data'),
      '--extensions-dir', path.join(tmp, 'extensions'), '--install-extension', abs],
    { env: serverEnv(tmp, env), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  );
  if (!/successfully installed/i.test(out)) throw new Error(`installing ${abs} failed:\n${out}`);
  return out.trim();
}

function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false;
  }
}

/**
 * Starts code-server in its own session/process group (detached = setsid) with throwaway
 * user-data, extensions, TMPDIR and XDG folders. Returns { url, tmp, pid, logFile, dirs, stop }.
 * stop() kills the whole process group (the server does not exit on its own) and removes tmp
 * unless KEEP_VSCODE_TEST_TMP is set. A process 'exit' hook kills the group as a last resort.
 * Options: settings (extra user settings), env (extra env for server + extension host),
 * vsix (install this packaged extension first), timeoutMs, smokeTestDriver (false: a server for a
 * person, with notifications, which ignores test payloads).
 */
async function startCodeServer(opts = {}) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'impact-notes-vscode-'));
  const dirs = prepareServerDirs(tmp, opts.settings);
  const cleanupTmp = () => {
    if (!process.env.KEEP_VSCODE_TEST_TMP) fs.rmSync(tmp, { recursive: true, force: true });
  };
  try {
    if (opts.vsix) installVsix(tmp, opts.vsix, opts.env);
  } catch (e) {
    cleanupTmp();
    throw e;
  }
  const logFile = path.join(tmp, 'server.log');
  const logFd = fs.openSync(logFile, 'a');
  const [node, ...args] = serverArgv(tmp, opts.port || 0, { smokeTestDriver: opts.smokeTestDriver !== false });
  const child = spawn(node, args, {
    detached: true,
    stdio: ['ignore', logFd, logFd],
    env: serverEnv(tmp, opts.env),
  });
  fs.closeSync(logFd);
  child.unref();
  const pid = child.pid;
  const onExit = () => killGroup(pid, 'SIGKILL');
  process.once('exit', onExit);

  let stopped = false;
  async function stop() {
    if (stopped) return;
    stopped = true;
    process.removeListener('exit', onExit);
    if (killGroup(pid, 'SIGTERM')) {
      const deadline = Date.now() + 5000;
      while (Date.now() < deadline && killGroup(pid, 0)) await sleep(50);
      killGroup(pid, 'SIGKILL');
    }
    cleanupTmp();
  }

  try {
    const url = await waitForServer(logFile, pid, opts.timeoutMs || 60000);
    return { url, tmp, pid, logFile, dirs, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

/**
 * Workbench URL with VS Code's web test payload. Paths are absolute server paths; they are sent
 * as vscode-remote URIs. extensionTestsPath is optional: without it the workbench just opens with
 * the development extension loaded (used by the e2e tests). `workspace` (a .code-workspace file)
 * opens a multi-root workspace instead of `folder` (code-server's `?workspace=` parameter).
 */
function workbenchUrl(serverUrl, { folder, workspace, extensionDevelopmentPath, extensionTestsPath, extensionDevelopmentKind } = {}) {
  const u = new URL(serverUrl);
  const remote = (p) => `vscode-remote://${u.host}${path.resolve(p)}`;
  const payload = [];
  if (extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remote(extensionDevelopmentPath)]);
  if (extensionTestsPath) payload.push(['extensionTestsPath', remote(extensionTestsPath)]);
  // 'web': run the extension under development (its package.json `browser` entry) and the tests in
  // the web worker extension host, as vscode.dev does, instead of the server's Node one.
  if (extensionDevelopmentKind) payload.push(['extensionDevelopmentKind', extensionDevelopmentKind]);
  payload.push(['skipWelcome', 'true']);
  let url = `${u.origin}/?`;
  if (workspace) url += `workspace=${encodeURIComponent(path.resolve(workspace))}&`;
  else if (folder) url += `folder=${encodeURIComponent(path.resolve(folder))}&`;
  return `${url}payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

/**
 * Headless Debian chromium through playwright-core; `options` go to chromium.launch(). Chromium
 * writes crash-report and profile folders under XDG_CONFIG_HOME/XDG_CACHE_HOME even with
 * playwright's temp profile, so those point into a temp folder removed when the browser closes.
 */
async function launchBrowser(options = {}) {
  const { chromium } = require('playwright-core');
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'impact-notes-chromium-'));
  const env = { ...process.env, XDG_CONFIG_HOME: path.join(home, 'config'), XDG_CACHE_HOME: path.join(home, 'cache') };
  try {
    const browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS, env, ...options });
    browser.on('disconnected', () => fs.rmSync(home, { recursive: true, force: true }));
    return browser;
  } catch (e) {
    fs.rmSync(home, { recursive: true, force: true });
    throw e;
  }
}

/**
 * Wires the page's logging. With the smoke-test driver enabled the workbench forwards the
 * extension host's console (mocha's reporter included) to window.codeAutomationLog(type, args);
 * `onLog(line, type)` receives each formatted line. VERBOSE=2 also prints the raw browser console.
 */
async function attachLogging(page, onLog = (line) => console.log(line)) {
  page.on('pageerror', (e) => console.error('[pageerror]', e.message));
  page.on('console', (m) => {
    // The workbench's log already arrives through codeAutomationLog; this is the raw console.
    if (process.env.VERBOSE === '2') console.log(`[browser ${m.type()}]`, m.text());
  });
  await page.exposeFunction('codeAutomationLog', (type, args) => onLog(util.format(...(args || [])), type));
}

/** Resolves once the workbench is restored (smoke-test driver API, with a DOM fallback). */
async function waitForWorkbench(page, timeoutMs = 60000) {
  await page.waitForSelector('.monaco-workbench', { timeout: timeoutMs });
  await page.waitForFunction(() => !!window.driver, null, { timeout: timeoutMs }).catch(() => undefined);
  await page.evaluate(() => (window.driver ? window.driver.whenWorkbenchRestored() : undefined));
}

/**
 * Runs a command through the command palette (F1) by its exact label as shown there, e.g.
 * 'Notifications: Show Notifications'. Clicks the row whose label is exactly `label`, so a
 * different command that merely sorts first is never run.
 */
async function runCommand(page, label, timeoutMs = 15000) {
  const deadline = Date.now() + timeoutMs;
  const left = () => Math.max(1, deadline - Date.now());
  const input = page.locator('.quick-input-widget .quick-input-box input');
  const row = page
    .locator('.quick-input-widget .monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^\\s*${escapeRegExp(label)}\\s*$`) }) })
    .first();
  // While the workbench is still busy (extensions registering, heavy load) the palette can reset
  // or miss the typed text; then close it and try again, up to the deadline.
  for (;;) {
    await page.keyboard.press('F1');
    await input.waitFor({ state: 'visible', timeout: left() });
    await input.fill(`>${label}`);
    try {
      await row.waitFor({ state: 'visible', timeout: Math.min(5000, left()) });
      break;
    } catch (err) {
      if (Date.now() >= deadline) {
        const shown = await page.locator('.quick-input-widget .monaco-list-row .label-name').allInnerTexts().catch(() => []);
        throw new Error(`command palette has no entry '${label}' after ${timeoutMs} ms; it shows: ${JSON.stringify(shown.slice(0, 10))}`);
      }
      await page.keyboard.press('Escape');
      await input.waitFor({ state: 'hidden', timeout: left() }).catch(() => undefined);
    }
  }
  await row.click();
  await input.waitFor({ state: 'hidden', timeout: left() });
}

function escapeRegExp(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Waits until a notification whose message matches `text` (string: substring, or RegExp) is in
 * the notification center and returns its message. With the smoke-test driver enabled the
 * workbench never shows notification toasts, so this opens the notification center.
 */
async function waitForNotification(page, text, timeoutMs = 15000) {
  await runCommand(page, 'Notifications: Show Notifications', timeoutMs);
  const item = page.locator('.notifications-center .notification-list-item-message', { hasText: text }).first();
  await item.waitFor({ state: 'visible', timeout: timeoutMs });
  const message = await item.innerText();
  await page.keyboard.press('Escape');
  return message;
}

/**
 * Opens the Problems panel and returns the text of its rows (file rows and marker rows), after
 * waiting until a row matches `until` (string or RegExp) if given.
 */
async function readProblems(page, { until, timeoutMs = 15000 } = {}) {
  await runCommand(page, 'View: Focus Problems (Errors, Warnings, Infos)', timeoutMs);
  const panel = page.locator('.markers-panel');
  await panel.waitFor({ state: 'visible', timeout: timeoutMs });
  if (until) await panel.locator('.monaco-list-row', { hasText: until }).first().waitFor({ state: 'visible', timeout: timeoutMs });
  return panel.locator('.monaco-list-row').allInnerTexts();
}

/**
 * Starts a server, opens the workbench on `folder` with an extension loaded and returns
 * { page, browser, server, url, folder, logs, runCommand(label), waitForNotification(text),
 * readProblems({ until }), screenshot(file), dispose() }.
 * Options:
 *   folder                    workspace folder to open (absolute, on this machine), or
 *   copyOf                    open a throwaway copy of this folder instead (session.folder is its path)
 *   extensionDevelopmentPath  default: the repository root (its package.json + dist/extension.js);
 *                             pass null with `vsix` to test only the installed package
 *   vsix                      install this .vsix into the throwaway extensions dir first
 *   settings, env             extra user settings / env for the server and extension host
 *   viewport                  default 1400x900
 *   timeoutMs                 default VSCODE_TEST_TIMEOUT_MS or 180000
 */
async function openWorkbench(opts = {}) {
  const timeoutMs = opts.timeoutMs || +(process.env.VSCODE_TEST_TIMEOUT_MS || DEFAULT_TIMEOUT_MS);
  const devPath = opts.extensionDevelopmentPath === undefined ? REPO_ROOT : opts.extensionDevelopmentPath;
  chromiumPath();
  const server = await startCodeServer({ settings: opts.settings, env: opts.env, vsix: opts.vsix, timeoutMs });
  let browser;
  try {
    let folder = opts.folder;
    if (opts.copyOf) {
      // A throwaway copy inside the server's temp dir (removed by dispose), same folder name.
      folder = path.join(server.tmp, 'workspace', path.basename(path.resolve(opts.copyOf)));
      fs.cpSync(path.resolve(opts.copyOf), folder, { recursive: true });
    }
    browser = await launchBrowser();
    const page = await browser.newPage({ viewport: opts.viewport || { width: 1400, height: 900 } });
    const logs = [];
    await attachLogging(page, (line) => {
      logs.push(line);
      if (process.env.VERBOSE) console.log(line);
    });
    const url = workbenchUrl(server.url, { folder, extensionDevelopmentPath: devPath || undefined });
    await page.goto(url);
    await waitForWorkbench(page, timeoutMs);
    return {
      page,
      browser,
      server,
      url,
      folder,
      logs,
      runCommand: (label, ms) => runCommand(page, label, ms),
      waitForNotification: (text, ms) => waitForNotification(page, text, ms),
      readProblems: (o) => readProblems(page, o),
      screenshot: (file) => {
        fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
        return page.screenshot({ path: file });
      },
      async dispose() {
        await browser.close().catch(() => undefined);
        await server.stop();
      },
    };
  } catch (e) {
    if (browser) await browser.close().catch(() => undefined);
    await server.stop();
    throw e;
  }
}

module.exports = {
  REPO_ROOT,
  CHROMIUM_ARGS,
  USER_SETTINGS,
  hostPaths,
  chromiumPath,
  prepareServerDirs,
  serverEnvOverrides,
  serverEnv,
  serverArgv,
  waitForServer,
  installVsix,
  startCodeServer,
  workbenchUrl,
  launchBrowser,
  attachLogging,
  waitForWorkbench,
  runCommand,
  waitForNotification,
  readProblems,
  openWorkbench,
};

// ---- CLI used by scripts/run-vscode-tests.sh -----------------------------------------------------
if (require.main === module) {
  const [cmd, ...rest] = process.argv.slice(2);
  const fail = (e) => {
    console.error(`workbench.js ${cmd}: ${e && e.message ? e.message : e}`);
    process.exit(1);
  };
  try {
    if (cmd === 'check') {
      hostPaths();
      chromiumPath();
    } else if (cmd === 'server-argv') {
      const [tmp, port] = rest;
      if (!tmp) throw new Error('usage: server-argv <tmp> [port] [settings-json]');
      const abs = path.resolve(tmp);
      prepareServerDirs(abs, rest[2] ? JSON.parse(rest[2]) : {});
      // `env K=V ... node entry.js ...`: env execs in place, so the pid setsid reports is the server's.
      const vars = Object.entries(serverEnvOverrides(abs)).map(([k, v]) => `${k}=${v}`);
      process.stdout.write(['env', ...vars, ...serverArgv(abs, +(port || 0))].join('\0') + '\0');
    } else if (cmd === 'wait-ready') {
      const [logFile, pid, ms] = rest;
      if (!logFile || !pid) throw new Error('usage: wait-ready <log> <pid> [timeoutMs]');
      waitForServer(logFile, +pid, +(ms || 60000)).then((url) => console.log(url), fail);
    } else if (cmd === 'install-vsix') {
      const [tmp, vsix] = rest;
      if (!tmp || !vsix) throw new Error('usage: install-vsix <tmp> <file.vsix>');
      console.log(installVsix(path.resolve(tmp), vsix));
    } else {
      throw new Error('commands: check | server-argv <tmp> [port] | wait-ready <log> <pid> [ms] | install-vsix <tmp> <vsix>');
    }
  } catch (e) {
    fail(e);
  }
}
