// package.json's settings are generated (scripts/gen-settings.ts, written by scripts/gen-manifest.ts)
// from the rule list; this fails when they drift apart. The commands: test/unit/command-records.test.ts.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { allRules } from '../../src/core/rules';
import { applyManifest } from '../../scripts/gen-manifest';
import { buildConfiguration, readManifest } from '../../scripts/gen-settings';

type Json = Record<string, any>;

describe('package.json settings and commands (generated)', () => {
  const pkg = readManifest() as Json;

  it('is in sync with scripts/gen-settings.ts (run `npm run gen` after adding a rule or setting)', () => {
    assert.deepEqual(pkg.contributes.configuration, buildConfiguration(), 'package.json is out of date: run npm run gen');
    assert.deepEqual((applyManifest(pkg) as Json).contributes.configuration, pkg.contributes.configuration);
  });

  it('has a JSON-schema property per rule under impactNotes.rules, with severities and a description', () => {
    const props = pkg.contributes.configuration.properties['impactNotes.rules'].properties as Json;
    assert.deepEqual(Object.keys(props).sort(), allRules.map((r) => r.meta.name).sort());
    for (const r of allRules) {
      assert.deepEqual(props[r.meta.name].enum, ['error', 'warning', 'info', 'off']);
      assert.ok(props[r.meta.name].markdownDescription.includes(r.meta.description));
    }
  });

  it('gives every setting a scope and a markdownDescription', () => {
    for (const [key, p] of Object.entries(buildConfiguration().properties as Json)) {
      assert.ok(p.scope, `${key} has no scope`);
      assert.ok(p.markdownDescription, `${key} has no markdownDescription`);
      if (p.enum && key !== 'impactNotes.rules') assert.equal(p.enumDescriptions?.length, p.enum.length, `${key} enum descriptions`);
    }
  });

  it('declares lazy activation, limited untrusted support and virtual workspaces', () => {
    assert.ok(!pkg.activationEvents.includes('*'));
    assert.ok(pkg.activationEvents.includes('workspaceContains:**/IMPACT.md'));
    assert.equal(pkg.capabilities.untrustedWorkspaces.supported, 'limited');
    assert.ok(pkg.capabilities.untrustedWorkspaces.restrictedConfigurations.includes('impactNotes.rules'));
    assert.equal(pkg.capabilities.virtualWorkspaces, true);
  });

  it('.vscodeignore is an allow-list', () => {
    const lines = readFileSync(join(__dirname, '..', '..', '.vscodeignore'), 'utf8').split('\n').filter((l) => l && !l.startsWith('#'));
    assert.equal(lines[0], '**');
    assert.ok(lines.slice(1).every((l) => l.startsWith('!')));
    assert.ok(lines.includes('!dist/extension.js'));
  });
});
