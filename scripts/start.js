#!/usr/bin/env node
// `npm start`: opens the example research project in a real VS Code (code-server) with the
// packaged extension installed, on 127.0.0.1, and prints the URL to open in a browser.
// scripts/start.sh installs what is missing first (npm packages, the VS Code host) and packages
// the extension. Env: IMPACT_NOTES_PORT (default 8765), IMPACT_NOTES_FOLDER (default the example).
'use strict';
const path = require('node:path');
const fs = require('node:fs');
const wb = require('../test/integration/workbench');

const ROOT = path.resolve(__dirname, '..');
const folder = path.resolve(process.env.IMPACT_NOTES_FOLDER || path.join(ROOT, 'examples', 'voice-clone-study'));
const vsix = path.join(ROOT, 'impact-notes.vsix');

(async () => {
  if (!fs.existsSync(vsix)) throw new Error(`${vsix} is missing: run \`npm run package\` first`);
  // As a user's VS Code: no smoke-test driver (it keeps notifications from popping up) and the
  // default start-up editor; the extension opens its walkthrough on its first start.
  const server = await wb.startCodeServer({
    vsix,
    port: Number(process.env.IMPACT_NOTES_PORT || 8765),
    smokeTestDriver: false,
    settings: { 'workbench.startupEditor': 'welcomePage' },
  });
  const url = `${server.url.replace(/\/$/, '')}/?folder=${encodeURIComponent(folder)}`;
  console.log('');
  console.log('Impact Notes is running in VS Code (code-server) with the example research project:');
  console.log('');
  console.log(`    ${url}`);
  console.log('');
  console.log('Open that URL in a browser. Look for the Impact Notes icon in the activity bar, the');
  console.log('Problems panel, and the commands under "Impact Notes:" in the command palette.');
  console.log('Press Ctrl+C to stop.');
  const stop = async () => {
    await server.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  // Keep running until interrupted, watching that the server is still alive.
  setInterval(() => {
    try {
      process.kill(server.pid, 0);
    } catch {
      console.error('code-server stopped; its log:', server.logFile);
      process.exit(1);
    }
  }, 2000);
})().catch((e) => {
  console.error(`npm start: ${e.message}`);
  process.exit(1);
});
