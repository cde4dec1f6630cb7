import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyViewContributions, PACKAGE_JSON } from '../../scripts/gen-view-contributions';
import { VIEW_COMMANDS, viewContributions } from '../../src/extension/tree/viewContributions';

const ROOT = join(__dirname, '..', '..');
const pkg = () => JSON.parse(readFileSync(PACKAGE_JSON, 'utf8')) as Record<string, any>;

describe('view contributions', () => {
  it('package.json is up to date (run `npx tsx scripts/gen-view-contributions.ts`)', () => {
    const current = pkg();
    assert.deepEqual(applyViewContributions(current), current);
  });

  it('points at files that exist', () => {
    const v = viewContributions();
    const files = [
      v.viewsContainers.activitybar[0].icon,
      ...v.snippets.map((s) => s.path),
      ...v.walkthroughs.flatMap((w) => w.steps.map((s) => s.media.markdown)),
    ];
    for (const f of files) assert.ok(existsSync(join(ROOT, f)), f);
    const svg = readFileSync(join(ROOT, 'media/impact-notes.svg'), 'utf8');
    assert.match(svg, /viewBox="0 0 24 24"/);
    assert.match(svg, /currentColor/);
    assert.doesNotMatch(svg, /#[0-9a-f]{3,6}\b/i, 'the activity-bar icon must be monochrome (currentColor only)');
  });

  it('uses commands that package.json declares, and registers every tree command', () => {
    const declared = new Set((pkg().contributes.commands as { command: string }[]).map((c) => c.command));
    const v = viewContributions();
    for (const m of [...v.viewTitleMenu, ...v.viewItemMenu]) assert.ok(declared.has(m.command), m.command);
    const links = JSON.stringify([v.viewsWelcome, v.walkthroughs]).match(/command:impactNotes\.[A-Za-z.]+/g) ?? [];
    for (const l of links) assert.ok(declared.has(l.slice('command:'.length)), l);
    const source = readFileSync(join(ROOT, 'src/extension/tree/index.ts'), 'utf8');
    for (const c of VIEW_COMMANDS) assert.ok(source.includes(`'${c.command}'`), `${c.command} is not registered in tree/index.ts`);
  });
});
