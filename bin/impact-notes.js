#!/usr/bin/env node
'use strict';
// The CLI lives in one bundle built by `npm run build` (scripts/build.mjs → dist/cli.js).
require('../dist/cli.js');
