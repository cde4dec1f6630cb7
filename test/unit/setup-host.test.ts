/**
 * Guards the cause of the fresh-machine failure: `npm test` runs scripts/setup-vscode-host.sh inside
 * npm's environment, and npm hands its own variables (npm_config_user_agent "npm/… node/v20 …",
 * npm_config_prefix, npm_lifecycle_*, …) to every child. code-server's postinstall reads the user
 * agent and refuses Node 20, so the nested installs must start without them.
 */
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

const SCRIPT = path.join(__dirname, '..', '..', 'scripts', 'setup-vscode-host.sh');

function nestedEnv(extra: Record<string, string>): Record<string, string> {
  const out = execFileSync('bash', [SCRIPT, '--print-npm-env', 'env', '-0'], {
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/root', ...extra },
    encoding: 'utf8',
  });
  const env: Record<string, string> = {};
  for (const entry of out.split('\0')) {
    const eq = entry.indexOf('=');
    if (eq > 0) env[entry.slice(0, eq)] = entry.slice(eq + 1);
  }
  return env;
}

describe('VS Code host setup: nested npm installs', () => {
  it("drop npm's own variables (the Node 20 user agent code-server's postinstall refuses)", () => {
    const env = nestedEnv({
      npm_config_user_agent: 'npm/11.19.1 node/v20.20.2 linux x64 workspaces/false',
      npm_config_prefix: '/usr',
      npm_config_local_prefix: '/work/main',
      npm_config_nodedir: '/usr',
      npm_config_node_gyp: '/usr/lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js',
      npm_lifecycle_event: 'test',
      npm_package_name: 'impact-notes',
      npm_execpath: '/usr/lib/node_modules/npm/bin/npm-cli.js',
      npm_command: 'run',
      INIT_CWD: '/work/main',
    });
    const left = Object.keys(env).filter((k) => /^npm_/i.test(k) || k === 'INIT_CWD');
    assert.deepEqual(left, []);
  });

  it('keep where packages come from (registry, cache, proxy, certificates, npmrc files)', () => {
    const env = nestedEnv({
      npm_config_user_agent: 'npm/11 node/v20',
      npm_config_registry: 'https://registry.example.test/',
      npm_config_cache: '/tmp/npm-cache',
      npm_config_cafile: '/etc/ssl/certs/ca-certificates.crt',
      npm_config_https_proxy: 'http://proxy.test:3128',
      npm_config_userconfig: '/root/.npmrc',
    });
    assert.equal(env.npm_config_registry, 'https://registry.example.test/');
    assert.equal(env.npm_config_cache, '/tmp/npm-cache');
    assert.equal(env.npm_config_cafile, '/etc/ssl/certs/ca-certificates.crt');
    assert.equal(env.npm_config_https_proxy, 'http://proxy.test:3128');
    assert.equal(env.npm_config_userconfig, '/root/.npmrc');
    assert.equal(env.npm_config_user_agent, undefined);
  });

  it('every nested npm call in the script goes through clean_npm', async () => {
    const text = (await import('node:fs')).readFileSync(SCRIPT, 'utf8');
    const calls = text
      .replace(/\\\n/g, ' ')
      .split('\n')
      .filter((l) => !l.trim().startsWith('#') && /(^|[\s;(])npm (install|ci|exec|run)\b/.test(l));
    assert.ok(calls.length >= 2, 'expected the node and code-server installs');
    for (const l of calls) assert.match(l, /clean_npm/, `not cleaned: ${l.trim()}`);
  });
});
