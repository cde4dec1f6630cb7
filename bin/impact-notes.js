#!/usr/bin/env node
'use strict';
// The CLI lives in bundles built by `npm run build` (scripts/build.mjs): dist/cli.js has every
// command; dist/cli-lint.js has only `lint` (the most frequent command, and the one in git hooks
// and CI), so it loads and compiles less. Requiring a bundle does not run it (it runs itself only
// as the main module), so start it explicitly.
const path = require('node:path');
const fs = require('node:fs');
const lintOnly = path.join(__dirname, '..', 'dist', 'cli-lint.js');
const bundle = process.argv[2] === 'lint' && fs.existsSync(lintOnly) ? lintOnly : path.join(__dirname, '..', 'dist', 'cli.js');
require(bundle).runCli();
