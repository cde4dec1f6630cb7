/**
 * Merges the view features' contributions (src/extension/tree/viewContributions.ts) into
 * package.json: viewsContainers, views, viewsWelcome, menus `view/title` and `view/item/context`,
 * snippets, walkthroughs, plus the tree's own entries in `commands` and `menus.commandPalette`
 * (matched by command id; every other entry is kept as it is). Reads package.json, changes only
 * those keys and writes it back at once, so it never works from a stale copy.
 * Run: `npx tsx scripts/gen-view-contributions.ts`. test/unit/view-contributions.test.ts fails when
 * package.json is out of step.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { VIEW_COMMANDS, viewContributions } from '../src/extension/tree/viewContributions';

export const PACKAGE_JSON = join(__dirname, '..', 'package.json');

type Json = Record<string, unknown>;
const OWN = new Set(VIEW_COMMANDS.map((c) => c.command));

function mergeById(existing: unknown, mine: Json[]): Json[] {
  const kept = (Array.isArray(existing) ? (existing as Json[]) : []).filter((e) => !OWN.has(String(e.command)));
  return [...kept, ...mine];
}

/** Returns a copy of the manifest with the view contributions merged in. */
export function applyViewContributions(pkg: Json): Json {
  const out = JSON.parse(JSON.stringify(pkg)) as Json;
  const c = ((out.contributes ??= {}) as Json);
  const v = viewContributions();
  c.viewsContainers = v.viewsContainers;
  c.views = v.views;
  c.viewsWelcome = v.viewsWelcome;
  c.commands = mergeById(c.commands, VIEW_COMMANDS.map((x) => ({ ...x })));
  const menus = ((c.menus ??= {}) as Json);
  menus['view/title'] = v.viewTitleMenu;
  menus['view/item/context'] = v.viewItemMenu;
  menus.commandPalette = mergeById(menus.commandPalette, v.paletteMenu);
  c.snippets = v.snippets;
  c.walkthroughs = v.walkthroughs;
  return out;
}

if (require.main === module) {
  const pkg = JSON.parse(readFileSync(PACKAGE_JSON, 'utf8')) as Json;
  writeFileSync(PACKAGE_JSON, JSON.stringify(applyViewContributions(pkg), null, 2) + '\n', 'utf8');
  console.log(`updated the view contributions in ${PACKAGE_JSON}`);
}
