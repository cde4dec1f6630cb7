#!/usr/bin/env node
'use strict';
// The CLI lives in one bundle built by `npm run build` (scripts/build.mjs → dist/cli.js). Requiring
// it does not run it (it runs itself only as the main module), so start it explicitly.
require('../dist/cli.js').runCli();
