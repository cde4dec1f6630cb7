/**
 * Adds the report and export commands (src/extension/commandTable.ts: openReport, exportBroaderImpact,
 * exportChecklist, exportModelCard) to package.json: `contributes.commands` and
 * `menus.commandPalette` entries in the shape and order scripts/gen-settings.ts writes, then the view
 * menus (the tree's title button and pair-item entry) through scripts/gen-view-contributions.ts.
 * Reads package.json, changes only those entries and writes it back at once, so it never works
 * from a stale copy and leaves every other key alone. Idempotent.
 * Run: `npx tsx scripts/gen-report-contributions.ts`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { CATEGORY, COMMAND_LIST, COMMANDS, type CommandSpec } from '../src/extension/commandTable';
import { applyViewContributions, PACKAGE_JSON } from './gen-view-contributions';

type Json = Record<string, unknown>;

export const REPORT_COMMANDS: readonly CommandSpec[] = [
  COMMANDS.openReport,
  COMMANDS.exportBroaderImpact,
  COMMANDS.exportChecklist,
  COMMANDS.exportModelCard,
  COMMANDS.writeModelCardInto,
  COMMANDS.fillChecklistInto,
  COMMANDS.importStatement,
];

const order = (id: string) => COMMAND_LIST.findIndex((c) => c.id === id);

/** Replaces the entry with the same command id, or inserts it after the last entry that precedes it in the command table. */
function upsert(list: Json[], entry: Json): void {
  const id = String(entry.command);
  const at = list.findIndex((e) => e.command === id);
  if (at >= 0) {
    list[at] = entry;
    return;
  }
  let after = -1;
  list.forEach((e, i) => {
    const o = order(String(e.command));
    if (o >= 0 && o < order(id)) after = i;
  });
  list.splice(after + 1, 0, entry);
}

export function applyReportContributions(pkg: Json): Json {
  const out = JSON.parse(JSON.stringify(pkg)) as Json;
  const c = (out.contributes ??= {}) as Json;
  const commands = (c.commands ??= []) as Json[];
  const menus = (c.menus ??= {}) as Record<string, Json[]>;
  const palette = (menus.commandPalette ??= []);
  for (const spec of REPORT_COMMANDS) {
    const entry: Json = { command: spec.id, title: spec.title, category: CATEGORY };
    if (spec.icon) entry.icon = spec.icon;
    upsert(commands, entry);
    if (spec.palette) upsert(palette, { command: spec.id, when: spec.palette });
  }
  return applyViewContributions(out);
}

if (require.main === module) {
  const pkg = JSON.parse(readFileSync(PACKAGE_JSON, 'utf8')) as Json;
  writeFileSync(PACKAGE_JSON, JSON.stringify(applyReportContributions(pkg), null, 2) + '\n', 'utf8');
  console.log(`updated the report and export commands in ${PACKAGE_JSON}`);
}
