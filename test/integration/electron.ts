// `npm run test:electron`: the same integration suite in desktop VS Code, downloaded by
// @vscode/test-electron. It needs access to update.code.visualstudio.com, which the build machines
// here do not have (there the suite runs in code-server through scripts/run-vscode-tests.sh); on a
// developer machine or in CI with internet access it runs as is.
//
// Bundled by scripts/build-tests.mjs to dist/test/integration/electron.js (not a *.test.js file,
// so the suite's index.js never loads it). Env: VSCODE_TEST_VERSION (default 'stable'),
// VSCODE_TEST_WORKSPACE (default examples/voice-clone-study, copied to a temp folder first),
// MOCHA_GREP (passed on to the suite).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<void> {
  const root = path.resolve(__dirname, '..', '..', '..');
  const source = process.env.VSCODE_TEST_WORKSPACE ?? path.join(root, 'examples', 'voice-clone-study');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'impact-notes-electron-'));
  const workspace = path.join(tmp, path.basename(source));
  fs.cpSync(source, workspace, { recursive: true });
  try {
    await runTests({
      version: process.env.VSCODE_TEST_VERSION ?? 'stable',
      extensionDevelopmentPath: root,
      extensionTestsPath: path.join(root, 'dist', 'test', 'integration', 'index.js'),
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
      extensionTestsEnv: { VSCODE_TEST_MODE: 'electron', MOCHA_GREP: process.env.MOCHA_GREP ?? '' },
    });
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(`test:electron: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
