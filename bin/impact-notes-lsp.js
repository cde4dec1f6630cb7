#!/usr/bin/env node
'use strict';
// The language server (`impact-notes lsp --stdio` without the CLI around it): one bundle built by
// `npm run build` (scripts/build.mjs → dist/lsp.js). It talks the protocol on stdin/stdout.
require('../dist/lsp.js').runLanguageServer();
