/**
 * The floor the CLI benchmark compares `impact-notes lint` with: a Node process that loads
 * markdown-it and yaml and parses a folder's IMPACT.md and release.yaml, the least any linter of
 * these two files must do. cli-bench.ts bundles it with the same esbuild options as the CLI.
 *
 * Usage: node floor.js <folder>
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import MarkdownIt from 'markdown-it';
import { LineCounter, parseDocument } from 'yaml';

const dir = process.argv[2] ?? '.';
const tokens = new MarkdownIt({ html: true }).parse(fs.readFileSync(path.join(dir, 'IMPACT.md'), 'utf8'), {});
const doc = parseDocument(fs.readFileSync(path.join(dir, 'release.yaml'), 'utf8'), { lineCounter: new LineCounter(), uniqueKeys: true, prettyErrors: false, strict: true });
process.exitCode = tokens.length > 0 && doc.contents ? 0 : 1;
