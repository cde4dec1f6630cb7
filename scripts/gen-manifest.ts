/**
 * The one manifest generator: writes package.json's contributions from their sources, so they never
 * drift:
 *   - contributes.configuration: the settings (scripts/gen-settings.ts, from the rule list);
 *   - contributes.commands and contributes.menus: every record of the command table
 *     (src/extension/command-table.ts: id, title, category, icon, palette `when`, menus), the export
 *     commands included (src/core/exports);
 *   - viewsContainers, views, viewsWelcome, snippets and walkthroughs
 *     (src/extension/tree/view-contributions.ts).
 * Every other key is kept as it is. Run: `npm run gen:settings` (this generator alone) or
 * `npm run gen` (every generator; `npm run gen -- --check` only compares).
 */
import { writeFileSync } from 'node:fs';
import { COMMAND_LIST, type CommandRecord, type MenuId } from '../src/extension/command-table';
import { viewContributions } from '../src/extension/tree/view-contributions';
import { buildConfiguration, PACKAGE_JSON, readManifest } from './gen-settings';

type Json = Record<string, unknown>;

/** The menus package.json carries, in this order. */
const MENU_ORDER: readonly ('commandPalette' | MenuId)[] = ['commandPalette', 'explorer/context', 'view/title', 'view/item/context', 'editor/context'];

export function commandEntries(records: readonly CommandRecord[] = COMMAND_LIST): Json[] {
  return records.map((c) => ({ command: c.id, title: c.title, category: c.category, ...(c.icon ? { icon: c.icon } : {}) }));
}

export function menuEntries(records: readonly CommandRecord[] = COMMAND_LIST): Record<string, Json[]> {
  const menus: Record<string, Json[]> = {};
  for (const id of MENU_ORDER) {
    const items: Json[] =
      id === 'commandPalette'
        ? records.filter((c) => c.palette !== undefined).map((c) => ({ command: c.id, when: c.palette }))
        : records.flatMap((c) => (c.menus ?? []).filter((m) => m.menu === id).map((m) => ({ command: c.id, when: m.when, group: m.group })));
    if (items.length) menus[id] = items;
  }
  return menus;
}

/** A copy of the manifest with every generated contribution written in. */
export function applyManifest(pkg: Json): Json {
  const out = JSON.parse(JSON.stringify(pkg)) as Json;
  const c = (out.contributes ??= {}) as Json;
  const v = viewContributions();
  c.configuration = buildConfiguration();
  c.commands = commandEntries();
  c.menus = menuEntries();
  c.viewsContainers = v.viewsContainers;
  c.views = v.views;
  c.viewsWelcome = v.viewsWelcome;
  c.snippets = v.snippets;
  c.walkthroughs = v.walkthroughs;
  return out;
}

/** package.json's text as the generator writes it (two-space JSON, one trailing newline). */
export function renderManifest(text: string): string {
  return JSON.stringify(applyManifest(JSON.parse(text) as Json), null, 2) + '\n';
}

if (require.main === module) {
  writeFileSync(PACKAGE_JSON, JSON.stringify(applyManifest(readManifest()), null, 2) + '\n', 'utf8');
  console.log(`wrote the settings, commands, menus and views of ${PACKAGE_JSON}`);
}
