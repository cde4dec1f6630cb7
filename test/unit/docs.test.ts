/**
 * Rule docs and rule metadata must not drift apart: every rule has docs/rules/<name>.md, every page
 * belongs to a rule (or to one of the engine's own findings), each page's quote and table match the
 * metadata, and docs/rules/README.md is what scripts/gen-rule-docs.ts generates.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { defaultConfig } from '../../src/core/config';
import { FILE_SKIPPED, INTERNAL_ERROR, lint, UNKNOWN_RULE } from '../../src/core/engine';
import { allRules } from '../../src/core/rules';
import type { Rule } from '../../src/core/types';
import { CATEGORY, COMMAND_LIST } from '../../src/extension/command-table';
import { fixLabel, PSEUDO_RULES, README_PATH, RULE_DOCS_DIR, RULE_INDEX_PATH, renderReadme, renderRuleIndex } from '../../scripts/gen-rule-docs';

interface Page {
  title?: string;
  quote?: string;
  table: Map<string, string>;
  headings: string[];
  text: string;
}

/** Reads the parts of a rule page the template fixes: `# name`, `> description`, the table, the `##` headings. */
export function parsePage(text: string): Page {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const page: Page = { table: new Map(), headings: [], text };
  let inFence = false;
  let i = 0;
  for (; i < lines.length; i++) {
    const l = lines[i];
    if (/^(```|~~~)/.test(l)) inFence = !inFence;
    if (inFence) continue;
    if (page.title === undefined && /^# /.test(l)) page.title = l.slice(2).trim();
    else if (page.quote === undefined && page.title !== undefined && /^>/.test(l)) {
      const q: string[] = [];
      while (i < lines.length && /^>/.test(lines[i])) q.push(lines[i++].replace(/^>\s?/, '').trim());
      page.quote = q.join(' ').trim();
      i--;
    } else if (/^\|/.test(l) && page.headings.length === 0) {
      const cells = l.split(/(?<!\\)\|/).slice(1, -1).map((c) => c.trim());
      if (cells.length === 2 && cells[0] && !/^-+$/.test(cells[0])) page.table.set(cells[0], cells[1]);
    } else if (/^## /.test(l)) page.headings.push(l.slice(3).trim());
  }
  return page;
}

function readPage(name: string): Page | undefined {
  const p = path.join(RULE_DOCS_DIR, `${name}.md`);
  return fs.existsSync(p) ? parsePage(fs.readFileSync(p, 'utf8')) : undefined;
}

const REQUIRED_HEADINGS = ['Why', 'Examples', 'Fix', 'Turning it off'];

function checkStructure(name: string, page: Page) {
  assert.equal(page.title, name, `docs/rules/${name}.md: the title must be '# ${name}'`);
  for (const key of ['File', 'Default severity', 'Fixable', 'Source']) {
    assert.ok(page.table.get(key), `docs/rules/${name}.md: the table has no '${key}' row`);
  }
  const order = REQUIRED_HEADINGS.map((h) => page.headings.indexOf(h));
  REQUIRED_HEADINGS.forEach((h, i) => assert.ok(order[i] >= 0, `docs/rules/${name}.md: no '## ${h}' section`));
  assert.deepEqual([...order].sort((a, b) => a - b), order, `docs/rules/${name}.md: sections must come in the order ${REQUIRED_HEADINGS.join(', ')}`);
}

function fileMatchesScope(file: string, scope: Rule['meta']['scope']): boolean {
  const impact = file.includes('IMPACT.md');
  const release = file.includes('release.yaml');
  switch (scope) {
    case 'impact':
      return impact && !release;
    case 'release':
      return release && !impact;
    case 'pair':
      return impact && release;
    case 'workspace':
      return file.length > 0;
  }
}

const pages = fs
  .readdirSync(RULE_DOCS_DIR)
  .filter((f) => f.endsWith('.md') && f !== 'README.md')
  .map((f) => f.slice(0, -3))
  .sort();
const pseudoNames = PSEUDO_RULES.map((p) => p.name);

describe('rule docs', () => {
  it('the parser reads the template page', () => {
    const p = parsePage(
      ['# x', '', '> Says what x does.', '', '| | |', '|---|---|', '| File | IMPACT.md |', '| Fixable | yes |', '', '## Why', '', '```', '## not a heading', '```', '## Fix'].join('\r\n'),
    );
    assert.equal(p.title, 'x');
    assert.equal(p.quote, 'Says what x does.');
    assert.equal(p.table.get('File'), 'IMPACT.md');
    assert.equal(p.table.get('Fixable'), 'yes');
    assert.deepEqual(p.headings, ['Why', 'Fix']);
  });

  it('the engine pseudo-rules are exactly internal-error, file-skipped and suppression-unknown-rule', () => {
    assert.deepEqual(pseudoNames, [INTERNAL_ERROR, FILE_SKIPPED, UNKNOWN_RULE]);
    for (const n of pseudoNames) assert.ok(!allRules.some((r) => r.meta.name === n), `${n} must not also be a rule`);
  });

  it('every page belongs to a rule or to an engine finding', () => {
    const known = new Set([...allRules.map((r) => r.meta.name), ...pseudoNames]);
    assert.deepEqual(pages.filter((p) => !known.has(p)), [], 'pages without a rule (rename or delete them)');
  });

  it('rule names are unique', () => {
    const names = allRules.map((r) => r.meta.name);
    assert.deepEqual(names.filter((n, i) => names.indexOf(n) !== i), []);
  });

  for (const rule of allRules) {
    const m = rule.meta;
    describe(m.name, () => {
      it('has a page whose quote and table match its metadata', () => {
        const page = readPage(m.name);
        assert.ok(page, `no docs/rules/${m.name}.md (copy docs/rules/missing-section.md and adapt it)`);
        checkStructure(m.name, page);
        assert.equal(page.quote, m.description, 'the quote under the title must be meta.description, word for word');
        assert.equal(page.table.get('Default severity'), m.defaultSeverity, 'Default severity differs from meta.defaultSeverity');
        assert.equal(page.table.get('Fixable'), fixLabel(m), 'Fixable differs from meta.fixable and meta.suggestions');
        if (m.source) assert.equal(page.table.get('Source'), m.source, 'Source differs from meta.source');
        const file = page.table.get('File')!;
        assert.ok(fileMatchesScope(file, m.scope), `File '${file}' does not fit scope '${m.scope}'`);
      });
      if (m.options && Object.keys(m.options).length) {
        it('documents every option', () => {
          const page = readPage(m.name);
          assert.ok(page);
          for (const opt of Object.keys(m.options!)) assert.ok(page.text.includes(`\`${opt}\``) || page.text.includes(`${opt}:`), `option '${opt}' is not documented`);
        });
      }
    });
  }

  describe('engine findings', () => {
    // The severities the engine really uses, observed rather than assumed.
    const throwing: Rule = {
      meta: { name: 'throws', description: 'd', scope: 'impact', defaultSeverity: 'info', fixable: false },
      check() {
        throw new Error('boom');
      },
    };
    const observed: Record<string, string | undefined> = {
      [INTERNAL_ERROR]: lint({ impact: { path: 'IMPACT.md', text: '# x\n' }, rules: [throwing] }).findings.find((f) => f.rule === INTERNAL_ERROR)?.severity,
      [FILE_SKIPPED]: lint({ impact: { path: 'IMPACT.md', text: 'x'.repeat(defaultConfig().maxFileSize + 1) }, rules: [] }).findings.find((f) => f.rule === FILE_SKIPPED)?.severity,
      [UNKNOWN_RULE]: lint({ impact: { path: 'IMPACT.md', text: '# x\n<!-- impact-notes-disable no-such-rule -->\n' }, rules: [] }).findings.find((f) => f.rule === UNKNOWN_RULE)?.severity,
    };
    for (const p of PSEUDO_RULES) {
      it(`${p.name} has a page matching what the engine reports`, () => {
        const page = readPage(p.name);
        assert.ok(page, `no docs/rules/${p.name}.md`);
        checkStructure(p.name, page);
        assert.equal(page.quote, p.description);
        assert.equal(observed[p.name], p.defaultSeverity, 'ENGINE_FINDINGS severity differs from the engine');
        assert.equal(page.table.get('Default severity'), p.defaultSeverity);
        assert.equal(page.table.get('Fixable'), fixLabel(p));
      });
    }
  });

  it('docs/rules/README.md is up to date (run: npx tsx scripts/gen-rule-docs.ts)', () => {
    assert.ok(fs.existsSync(RULE_INDEX_PATH), 'docs/rules/README.md is missing');
    assert.equal(fs.readFileSync(RULE_INDEX_PATH, 'utf8'), renderRuleIndex());
  });

  it("README.md's rule table is up to date (run: npx tsx scripts/gen-rule-docs.ts)", () => {
    const readme = fs.readFileSync(README_PATH, 'utf8');
    assert.equal(readme, renderReadme(readme));
  });

  it('the index links every rule and engine finding to its page', () => {
    const index = renderRuleIndex();
    for (const n of [...allRules.map((r) => r.meta.name), ...pseudoNames]) assert.ok(index.includes(`[${n}](${n}.md)`), n);
  });
});

describe('README generated from the product', () => {
  it('lists every command with a README text under the title the palette shows', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as { contributes: { commands: { command: string; title: string; category: string }[] } };
    const readme = fs.readFileSync(README_PATH, 'utf8');
    for (const c of COMMAND_LIST.filter((x) => x.readme)) {
      const contributed = pkg.contributes.commands.find((p) => p.command === c.id);
      assert.ok(contributed, `${c.id} is not contributed`);
      assert.equal(contributed.category, CATEGORY);
      assert.ok(readme.includes(`| *${contributed.title}* |`), `README.md does not list '${contributed.title}' as the palette shows it`);
    }
    assert.ok(readme.includes('*Export Conference Checklist Answers…*'));
    assert.ok(!readme.includes('Export Checklist Answers*'), 'an old command name is left in README.md');
  });

  it('marks a rule with quick fixes as fixable (invalid-value offers the known values)', () => {
    const readme = fs.readFileSync(README_PATH, 'utf8');
    assert.match(readme, /^\| \[invalid-value\]\(docs\/rules\/invalid-value\.md\) \|.*\| quick fix \|$/m);
    assert.match(readme, /^\| \[missing-section\]\(docs\/rules\/missing-section\.md\) \|.*\| yes \(also --fix\) \|$/m);
  });
});
