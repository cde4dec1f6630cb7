/**
 * Help and docs (issue "Reach", item 6): links to the project and its rule pages come from
 * package.json's homepage/repository or are left out, never a placeholder address; `help` exits 0;
 * the release-plan schema is contributed to the YAML extension without claiming other tools'
 * release.yaml; the rule pages ship inside the VSIX.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import Ajv from 'ajv';
import { parse as parseYaml } from 'yaml';
import { formatSarif } from '../../src/cli/format';
import { main, type Io } from '../../src/cli/main';
import { projectLinks, ruleDocUrl, taxonomyDocUrl } from '../../src/core/docs-url';
import { allRules } from '../../src/core/rules';
import type { Finding } from '../../src/core/types';

const ROOT = path.resolve(__dirname, '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

describe('project links', () => {
  it('come from repository (GitHub, GitLab, shorthand, git+ and ssh forms) and homepage', () => {
    for (const repository of [
      'https://github.com/acme/impact-notes',
      'git+https://github.com/acme/impact-notes.git',
      'git@github.com:acme/impact-notes.git',
      'github:acme/impact-notes',
      'acme/impact-notes',
      { type: 'git', url: 'git://github.com/acme/impact-notes.git' },
    ]) {
      const links = projectLinks({ repository });
      assert.equal(links.projectUrl, 'https://github.com/acme/impact-notes', JSON.stringify(repository));
      assert.equal(ruleDocUrl(links, 'missing-section'), 'https://github.com/acme/impact-notes/blob/HEAD/docs/rules/missing-section.md');
    }
    const gitlab = projectLinks({ repository: { url: 'https://gitlab.com/lab/tools.git', directory: 'packages/impact-notes' }, homepage: 'https://lab.example.ac.uk/impact' });
    assert.equal(gitlab.projectUrl, 'https://lab.example.ac.uk/impact');
    assert.equal(taxonomyDocUrl(gitlab), 'https://gitlab.com/lab/tools/-/blob/HEAD/packages/impact-notes/docs/taxonomy.md');
    // A homepage alone gives the project link but no rule pages (their layout is unknown).
    const home = projectLinks({ homepage: 'https://impact-notes.org/' });
    assert.equal(home.projectUrl, 'https://impact-notes.org/');
    assert.equal(ruleDocUrl(home, 'missing-section'), undefined);
  });

  it('are left out when unset or a placeholder', () => {
    for (const fields of [{}, { repository: '' }, { homepage: 'not a url' }, { repository: 'https://example.invalid/impact-notes.git' }, { homepage: 'https://example.com/x' }, { repository: 'ftp://github.com/a/b' }]) {
      const links = projectLinks(fields);
      assert.deepEqual(links, {}, JSON.stringify(fields));
      assert.equal(ruleDocUrl(links, 'x'), undefined);
    }
  });

  it('SARIF has helpUri and informationUri only when the project has an address', () => {
    const findings: Finding[] = [];
    const rules = allRules.map((r) => r.meta);
    const withLinks = JSON.parse(formatSarif(findings, { cwd: ROOT, color: false, rules, toolVersion: '1.0.0', links: projectLinks({ repository: 'acme/impact-notes' }) }));
    const driver = withLinks.runs[0].tool.driver;
    assert.equal(driver.informationUri, 'https://github.com/acme/impact-notes');
    assert.equal(driver.rules.find((r: { id: string }) => r.id === 'invalid-value').helpUri, 'https://github.com/acme/impact-notes/blob/HEAD/docs/rules/invalid-value.md');
    const without = JSON.parse(formatSarif(findings, { cwd: ROOT, color: false, rules, toolVersion: '1.0.0', links: {} })).runs[0].tool.driver;
    assert.equal(without.informationUri, undefined);
    assert.ok(without.rules.every((r: { helpUri?: string }) => r.helpUri === undefined));
  });

  it('no placeholder address anywhere in what ships or generates it (src, scripts, package.json, action.yml)', () => {
    const hits: string[] = [];
    const walk = (p: string) => {
      if (fs.statSync(p).isDirectory()) for (const e of fs.readdirSync(p)) walk(path.join(p, e));
      else if (/example\.invalid/.test(fs.readFileSync(p, 'utf8'))) hits.push(path.relative(ROOT, p));
    };
    for (const p of ['src', 'scripts', 'package.json', 'action.yml', '.pre-commit-hooks.yaml', 'schemas', 'snippets']) walk(path.join(ROOT, p));
    assert.deepEqual(hits, []);
    // package.json as shipped names no placeholder project, so settings carry no rule links.
    assert.deepEqual(projectLinks(pkg), {});
    const ruleSettings = pkg.contributes.configuration.properties['impactNotes.rules'].properties as Record<string, { markdownDescription: string }>;
    for (const [name, s] of Object.entries(ruleSettings)) assert.doesNotMatch(s.markdownDescription, /\]\(/, name);
  });
});

describe('cli: help', () => {
  async function run(args: string[]) {
    let stdout = '';
    let stderr = '';
    const io: Io = { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s), cwd: ROOT, env: {}, isTTY: false };
    return { code: await main(args, io), stdout, stderr };
  }

  it('help, help <command> and --help exit 0 and print the usage', async () => {
    for (const [args, usage] of [
      [['help'], 'Usage: impact-notes [options] [command]'],
      [['--help'], 'Usage: impact-notes [options] [command]'],
      [['-h'], 'Usage: impact-notes [options] [command]'],
      [['help', 'lint'], 'Usage: impact-notes lint [options] [paths...]'],
      [['lint', '--help'], 'Usage: impact-notes lint [options] [paths...]'],
      [['help', 'report'], 'Usage: impact-notes report [options] [dir]'],
      [['help', 'export'], 'Usage: impact-notes export [options] <kind> [dir]'],
      [['init', '--help'], 'Usage: impact-notes init [options] [dir]'],
    ] as [string[], string][]) {
      const r = await run(args);
      assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
      assert.ok(r.stdout.startsWith(usage), `${args.join(' ')}: ${r.stdout.slice(0, 80)}`);
    }
    assert.match((await run(['help', 'lint'])).stdout, /--containing-folders/);
  });

  it('usage errors still exit 2', async () => {
    assert.equal((await run(['bogus'])).code, 2);
    assert.equal((await run(['lint', '--format', 'pdf'])).code, 2);
  });
});

describe('release.yaml schema for the YAML extension (yamlValidation)', () => {
  const contribution = pkg.contributes.yamlValidation as { fileMatch: string | string[]; url: string }[];
  const wrapperFile = path.join(ROOT, contribution[0].url);
  const releaseSchema = JSON.parse(fs.readFileSync(path.join(ROOT, 'schemas', 'release.schema.json'), 'utf8'));
  const wrapper = JSON.parse(fs.readFileSync(wrapperFile, 'utf8'));
  // The wrapper sits beside release.schema.json; give it the sibling address so its $ref resolves.
  const ajv = new Ajv({ strict: false, validateFormats: false, allErrors: true });
  ajv.addSchema(releaseSchema);
  const validate = ajv.compile({ ...wrapper, $id: new URL('release-plan.yaml-validation.json', releaseSchema.$id).href });
  const yaml = (s: string) => parseYaml(s);

  it('is contributed for release.yaml files, from a schema shipped in the package and the VSIX', () => {
    assert.equal(contribution.length, 1);
    assert.deepEqual([contribution[0].fileMatch].flat(), ['**/release.yaml', '**/release.yml']);
    assert.ok(fs.existsSync(wrapperFile));
    assert.equal(wrapper.then.$ref, './release.schema.json');
  });

  it('checks files that declare impact-release against the release-plan schema', () => {
    const clean = fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'pairs', 'clean', 'release.yaml'), 'utf8');
    assert.ok(validate(yaml(clean)), JSON.stringify(validate.errors));
    assert.equal(validate(yaml(`${clean}\nnot-a-plan-key: 1\n`)), false);
    assert.equal(validate(yaml('impact-release: 1\nartifacts: []\nreview: { level: lax }\n')), false);
  });

  it('leaves every other release.yaml alone (Helm, Flux, CI release configurations)', () => {
    for (const other of [
      'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata: { name: podinfo }\nspec: { interval: 5m }\n',
      'name: my-chart\nversion: 1.2.3\nreplicaCount: 2\n',
      '- step: build\n- step: publish\n',
      'changelog:\n  categories:\n    - title: Features\n',
    ]) {
      assert.ok(validate(yaml(other)), `${other}: ${JSON.stringify(validate.errors)}`);
    }
  });
});

describe('VSIX', function () {
  this.timeout(180000);

  it('packs from .vscodeignore despite the npm files list, with the rule pages for offline use', async function () {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'impact-vsix-'));
    try {
      const { packageVsix, allowListRoots } = await import(pathToFileURL(path.join(ROOT, 'scripts', 'package-vsix.mjs')).href);
      assert.deepEqual(allowListRoots('**\n!package.json\n!dist/extension.js\n!media/*.svg\n!docs/rules/**\n# x\n'), ['package.json', 'dist', 'media', 'docs']);
      const out = path.join(tmp, 'impact-notes.vsix');
      await packageVsix({ out, quiet: true });
      const listing = execFileSync('unzip', ['-Z1', out], { encoding: 'utf8' }).split('\n').filter(Boolean);
      for (const r of allRules) assert.ok(listing.includes(`extension/docs/rules/${r.meta.name}.md`), `docs/rules/${r.meta.name}.md`);
      for (const f of ['extension/dist/extension.js', 'extension/package.json', 'extension/schemas/release.schema.json', 'extension/schemas/release-plan.yaml-validation.json', 'extension/docs/taxonomy.md']) {
        assert.ok(listing.includes(f), f);
      }
      assert.deepEqual(listing.filter((f) => /^extension\/(src|test|examples|node_modules|scripts)\//.test(f) || f.endsWith('.map')), []);
      const manifest = JSON.parse(execFileSync('unzip', ['-p', out, 'extension/package.json'], { encoding: 'utf8' }));
      assert.equal(manifest.files, undefined);
      assert.equal(manifest.main, './dist/extension.js');
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});
