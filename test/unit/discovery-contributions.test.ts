// package.json carries discovery's commands and the tree's item menus for "Unplanned research"
// (scripts/gen-discovery-contributions.ts), and every command is registered.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyDiscoveryContributions } from '../../scripts/gen-discovery-contributions';
import { PACKAGE_JSON } from '../../scripts/gen-view-contributions';
import { DISCOVERY_COMMANDS, DISCOVERY_ITEM_MENUS } from '../../src/extension/discovery/contributions';

const pkg = () => JSON.parse(readFileSync(PACKAGE_JSON, 'utf8')) as Record<string, any>;

describe('discovery contributions', () => {
  it('package.json is up to date (run `npx tsx scripts/gen-discovery-contributions.ts`)', () => {
    const current = pkg();
    assert.deepEqual(applyDiscoveryContributions(current), current);
  });

  it('the tree item menus use declared commands, and each command is registered', () => {
    const declared = new Set((pkg().contributes.commands as { command: string }[]).map((c) => c.command));
    for (const m of DISCOVERY_ITEM_MENUS) assert.ok(declared.has(m.command), m.command);
    const items = pkg().contributes.menus['view/item/context'] as { command: string; when: string }[];
    for (const m of DISCOVERY_ITEM_MENUS) assert.ok(items.some((i) => i.command === m.command && i.when === m.when), `${m.command} not in view/item/context`);
    const source = readFileSync(join(__dirname, '..', '..', 'src', 'extension', 'discovery', 'index.ts'), 'utf8');
    for (const key of Object.keys(DISCOVERY_COMMANDS)) assert.ok(source.includes(`registerCommand(DISCOVERY_COMMANDS.${key}.command`), `${key} is not registered in discovery/index.ts`);
  });
});
