/**
 * File names across src: one casing (kebab-case, with a dot only before a platform suffix such as
 * `extension.web.ts`), and none of the vague names that used to repeat across folders (model.ts,
 * exports.ts, text.ts, commands.ts): a module's name says what it holds without its folder.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const SRC = path.join(__dirname, '..', '..', 'src');

function walk(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (/\.(ts|js|mjs|cjs)$/.test(e.name)) out.push(p);
  }
  return out;
}

describe('source file names', () => {
  const files = walk(SRC).map((f) => path.relative(SRC, f).split(path.sep).join('/'));

  it('finds the source files', () => assert.ok(files.length > 100, `${files.length} files`));

  it('are kebab-case, folders included', () => {
    const bad = files.filter((f) => f.split('/').some((part) => !/^[a-z0-9]+(?:-[a-z0-9]+)*(?:\.[a-z0-9]+)*$/.test(part.replace(/\.(ts|js|mjs|cjs)$/, ''))));
    assert.deepEqual(bad, []);
  });

  it('use no name that needs its folder to mean something (model, exports, text, commands)', () => {
    const vague = files.filter((f) => /(^|\/)(model|exports|text|commands)\.ts$/.test(f));
    assert.deepEqual(vague, []);
  });

  it('import the CommonJS libraries yaml and picomatch through one module each (one interop wrapper per bundle)', () => {
    const direct = files.filter((f) => {
      const text = fs.readFileSync(path.join(SRC, f), 'utf8');
      return /from '(yaml|picomatch)'/.test(text) && f !== 'core/util/yaml.ts' && f !== 'core/util/picomatch.ts';
    });
    assert.deepEqual(direct, []);
  });
});
