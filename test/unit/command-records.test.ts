/**
 * The command table (src/extension/command-table.ts) is the one source of the commands: package.json's
 * contributes.commands and menus say exactly what its records say, both ways; every record is bound
 * to a handler through the one registration function (src/extension/command-registry.ts), and no
 * module registers a command any other way. Also the view contributions that are not commands.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EXPORTS } from '../../src/core/exports';
import { CATEGORY, COMMAND_LIST, COMMANDS, EXPORT_COMMANDS, type CommandKey } from '../../src/extension/command-table';
import { viewContributions } from '../../src/extension/tree/view-contributions';
import { applyManifest, commandEntries, menuEntries } from '../../scripts/gen-manifest';

const ROOT = path.join(__dirname, '..', '..');
type Json = Record<string, any>;
const pkg = (): Json => JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

function sourcesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sourcesUnder(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('command records', () => {
  it('package.json is what scripts/gen-manifest.ts writes (run `npm run gen`)', () => {
    const current = pkg();
    assert.deepEqual(applyManifest(current), current);
  });

  it('every record is in package.json, and every contributed command is a record', () => {
    const contributed = (pkg().contributes.commands as Json[]).map((c) => c.command as string);
    const ids = COMMAND_LIST.map((c) => c.id);
    assert.deepEqual(contributed, ids);
    assert.equal(new Set(ids).size, ids.length, 'a command id is used twice');
    for (const c of COMMAND_LIST) {
      assert.match(c.id, /^impactNotes\.([a-z]+\.)?[a-z][A-Za-z]+$/, c.id);
      assert.equal(c.category, CATEGORY, c.id);
      assert.ok(c.title.trim() && !c.title.startsWith(CATEGORY), c.id);
    }
  });

  it('every menu entry of package.json comes from a record, and every record menu is in package.json', () => {
    const menus = pkg().contributes.menus as Record<string, Json[]>;
    const ids = new Set(COMMAND_LIST.map((c) => c.id));
    for (const [menu, items] of Object.entries(menus)) for (const m of items) assert.ok(ids.has(m.command), `${menu}: ${m.command} is not a record`);
    for (const c of COMMAND_LIST) {
      if (c.palette !== undefined) assert.ok(menus.commandPalette.some((m) => m.command === c.id && m.when === c.palette), `${c.id} palette`);
      else assert.ok(!menus.commandPalette.some((m) => m.command === c.id), `${c.id} has no palette clause but a palette entry`);
      for (const m of c.menus ?? []) assert.ok(menus[m.menu]?.some((x) => x.command === c.id && x.when === m.when && x.group === m.group), `${c.id} in ${m.menu} (${m.group})`);
    }
    assert.deepEqual(menus, menuEntries());
    assert.deepEqual(pkg().contributes.commands, commandEntries());
  });

  it('buttons in title bars and inline menus have icons', () => {
    for (const c of COMMAND_LIST) {
      for (const m of c.menus ?? []) {
        if ((m.menu === 'view/title' && m.group.startsWith('navigation')) || m.group.startsWith('inline')) assert.ok(c.icon, `${c.id} is a button in ${m.menu} without an icon`);
      }
    }
  });

  it('each export has one command, in the palette of a workspace', () => {
    for (const e of EXPORTS) {
      const record = EXPORT_COMMANDS.get(e.kind);
      assert.ok(record, e.kind);
      assert.equal(record.id, e.command.id);
      assert.equal(record.title, e.command.title);
      assert.ok(COMMAND_LIST.includes(record));
    }
    assert.equal(EXPORT_COMMANDS.size, EXPORTS.length);
  });

  it('every record is registered through the one registration function, and nothing registers a command another way', () => {
    const files = sourcesUnder(path.join(ROOT, 'src', 'extension'));
    const registryFile = path.join(ROOT, 'src', 'extension', 'command-registry.ts');
    const bound = new Set<string>();
    for (const f of files) {
      const text = fs.readFileSync(f, 'utf8');
      if (f !== registryFile) assert.doesNotMatch(text, /commands\.register(TextEditor)?Command\(/, `${path.relative(ROOT, f)} registers a command without the registry`);
      for (const call of text.matchAll(/registerCommands\(context, services, \{([\s\S]*?)\n {2}\}\);/g)) {
        for (const key of call[1].matchAll(/^ {4}([A-Za-z]+): /gm)) bound.add(key[1]);
      }
    }
    for (const key of Object.keys(COMMANDS) as CommandKey[]) assert.ok(bound.has(key), `${key} (${COMMANDS[key].id}) has no handler`);
    const report = fs.readFileSync(path.join(ROOT, 'src', 'extension', 'report', 'index.ts'), 'utf8');
    assert.match(report, /for \(const spec of EXPORTS\) \{\s*registerCommand\(context, services, EXPORT_COMMANDS\.get\(spec\.kind\)/, 'the export commands are registered from the export list');
  });

  it('view contributions point at files and commands that exist', () => {
    const v = viewContributions();
    const files = [v.viewsContainers.activitybar[0].icon, ...v.snippets.map((s) => s.path), ...v.walkthroughs.flatMap((w) => w.steps.map((s) => s.media.markdown))];
    for (const f of files) assert.ok(fs.existsSync(path.join(ROOT, f)), f);
    const svg = fs.readFileSync(path.join(ROOT, 'media/impact-notes.svg'), 'utf8');
    assert.match(svg, /viewBox="0 0 24 24"/);
    assert.match(svg, /currentColor/);
    assert.doesNotMatch(svg, /#[0-9a-f]{3,6}\b/i, 'the activity-bar icon must be monochrome (currentColor only)');
    const ids = new Set(COMMAND_LIST.map((c) => c.id));
    const links = JSON.stringify([v.viewsWelcome, v.walkthroughs]).match(/command:impactNotes\.[A-Za-z.]+/g) ?? [];
    assert.ok(links.length > 0);
    for (const l of links) assert.ok(ids.has(l.slice('command:'.length)), l);
  });
});
