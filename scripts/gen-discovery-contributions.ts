/**
 * Adds discovery's commands (src/extension/discovery/contributions.ts) to package.json:
 * `contributes.commands` and `menus.commandPalette` entries, replaced by command id or appended.
 * Then the view contributions (whose `view/item/context` includes discovery's item menus) through
 * scripts/gen-view-contributions.ts. Reads package.json, changes only those entries and writes it
 * back at once; idempotent. Run: `npx tsx scripts/gen-discovery-contributions.ts`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { DISCOVERY_COMMAND_LIST, DISCOVERY_PALETTE } from '../src/extension/discovery/contributions';
import { applyViewContributions, PACKAGE_JSON } from './gen-view-contributions';

type Json = Record<string, unknown>;

function upsert(list: Json[], entry: Json): void {
  const at = list.findIndex((e) => e.command === entry.command);
  if (at >= 0) list[at] = entry;
  else list.push(entry);
}

export function applyDiscoveryContributions(pkg: Json): Json {
  const out = JSON.parse(JSON.stringify(pkg)) as Json;
  const c = (out.contributes ??= {}) as Json;
  const commands = (c.commands ??= []) as Json[];
  const menus = (c.menus ??= {}) as Record<string, Json[]>;
  const palette = (menus.commandPalette ??= []);
  for (const cmd of DISCOVERY_COMMAND_LIST) upsert(commands, { ...cmd });
  for (const p of DISCOVERY_PALETTE) upsert(palette, { ...p });
  return applyViewContributions(out);
}

if (require.main === module) {
  const pkg = JSON.parse(readFileSync(PACKAGE_JSON, 'utf8')) as Json;
  writeFileSync(PACKAGE_JSON, JSON.stringify(applyDiscoveryContributions(pkg), null, 2) + '\n', 'utf8');
  console.log(`updated the discovery commands in ${PACKAGE_JSON}`);
}
