/**
 * The core is pure (STYLE §1): nothing under src/core imports 'vscode', directly or through a
 * relative import that leaves src/core (for example into src/extension). Imports are read with the
 * TypeScript scanner, so comments and strings that merely mention 'vscode' do not count, while
 * `import type`, `export … from`, `require()` and dynamic `import()` all do.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';

const ROOT = path.join(__dirname, '..', '..');
const CORE = path.join(ROOT, 'src', 'core');

function tsFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...tsFiles(p));
    else if (/\.(ts|tsx|mts|cts|js|mjs|cjs)$/.test(e.name) && !e.name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

/** Module specifiers a file imports, with their 1-based lines. */
export function importsOf(text: string): { specifier: string; line: number }[] {
  const info = ts.preProcessFile(text, true, true);
  const lineOf = (pos: number) => text.slice(0, pos).split('\n').length;
  return info.importedFiles.map((f) => ({ specifier: f.fileName, line: lineOf(f.pos) }));
}

const isVscode = (s: string) => s === 'vscode' || s.startsWith('vscode/');

describe('core boundary', () => {
  it('finds the import forms it is meant to catch (self-check)', () => {
    const sample = [
      "// import * as vscode from 'vscode';",
      "const s = \"require('vscode')\";",
      "import type { Uri } from 'vscode';",
      "export { window } from 'vscode';",
      "const v = require('vscode');",
      "async function f() { await import('vscode'); }",
    ].join('\n');
    assert.deepEqual(
      importsOf(sample).filter((i) => isVscode(i.specifier)).map((i) => i.line),
      [3, 4, 5, 6],
    );
  });

  const files = tsFiles(CORE);
  it('scans the core', () => assert.ok(files.length > 10, `only ${files.length} files under src/core`));

  it("no file under src/core imports 'vscode'", () => {
    const bad: string[] = [];
    for (const f of files) {
      for (const i of importsOf(fs.readFileSync(f, 'utf8'))) {
        if (isVscode(i.specifier)) bad.push(`${path.relative(ROOT, f)}:${i.line}: imports '${i.specifier}'`);
      }
    }
    assert.deepEqual(bad, []);
  });

  it('relative imports from src/core stay inside src/core', () => {
    const bad: string[] = [];
    for (const f of files) {
      for (const i of importsOf(fs.readFileSync(f, 'utf8'))) {
        if (!i.specifier.startsWith('.')) continue;
        const target = path.resolve(path.dirname(f), i.specifier);
        if (path.relative(CORE, target).startsWith('..')) bad.push(`${path.relative(ROOT, f)}:${i.line}: imports '${i.specifier}'`);
      }
    }
    assert.deepEqual(bad, []);
  });
});
