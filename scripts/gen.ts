/**
 * Every generator of the project, run at once: `npm run gen` writes every generated file;
 * `npm run gen -- --check` writes nothing and exits 1, naming each file that differs from what its
 * generator would write (CI runs it: scripts/test.sh). Each generator is a pure function from the
 * sources (and, for package.json and README.md, the file's current text) to file contents.
 *
 *   npx tsx scripts/gen.ts [--check] [--only manifest,schema,…] [--root <dir>]
 *
 * `--root` reads and writes the generated files under another folder (the tests check a copy).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { renderManifest } from './gen-manifest';
import { renderReadme, renderRuleIndex } from './gen-rule-docs';
import { renderSchema } from './gen-schema';
import { buildImpactSnippets, buildReleaseSnippets, renderSnippetFile } from './gen-snippets';
import { renderTaxonomyDoc } from './gen-taxonomy-doc';

export const ROOT = path.join(__dirname, '..');

/** Reads a file of the tree being generated (path relative to its root, `/`-separated). */
export type ReadFile = (rel: string) => string;

export interface Generator {
  name: string;
  /** The script that holds it. */
  script: string;
  /** What it generates from: shown by `--check` next to a stale file. */
  source: string;
  /** Generated files by path relative to the root; `read` gives a file's current text. */
  files(read: ReadFile): Record<string, string> | Promise<Record<string, string>>;
}

/** action/main.js, the GitHub Action's committed bundle, as scripts/build.mjs builds it (in memory). */
async function actionBundle(): Promise<Record<string, string>> {
  const build = (await import(pathToFileURL(path.join(ROOT, 'scripts', 'build.mjs')).href)) as { actionBuildOptions(o: { outfile: string }): object };
  const esbuild = await import('esbuild');
  const outfile = path.join(ROOT, 'action', 'main.js');
  const res = await esbuild.build({ ...build.actionBuildOptions({ outfile }), write: false, logLevel: 'error' });
  const out = res.outputFiles.find((f) => path.resolve(f.path) === outfile);
  if (!out) throw new Error('esbuild wrote no action/main.js');
  return { 'action/main.js': out.text };
}

export const GENERATORS: readonly Generator[] = [
  {
    name: 'manifest',
    script: 'scripts/gen-manifest.ts',
    source: 'settings, the command table, the export list and the view contributions',
    files: (read) => ({ 'package.json': renderManifest(read('package.json')) }),
  },
  {
    name: 'rule-docs',
    script: 'scripts/gen-rule-docs.ts',
    source: 'rule metadata and the command table',
    files: (read) => ({ 'docs/rules/README.md': renderRuleIndex(), 'README.md': renderReadme(read('README.md')) }),
  },
  { name: 'schema', script: 'scripts/gen-schema.ts', source: 'src/core/release/schema.ts', files: () => ({ 'schemas/release.schema.json': renderSchema() }) },
  {
    name: 'snippets',
    script: 'scripts/gen-snippets.ts',
    source: 'the taxonomy and the scaffold',
    files: () => ({ 'snippets/impact-md.json': renderSnippetFile(buildImpactSnippets()), 'snippets/release-yaml.json': renderSnippetFile(buildReleaseSnippets()) }),
  },
  { name: 'taxonomy-doc', script: 'scripts/gen-taxonomy-doc.ts', source: 'src/core/taxonomy.ts', files: () => ({ 'docs/taxonomy.md': renderTaxonomyDoc() }) },
  { name: 'action', script: 'scripts/build.mjs --only action', source: 'src/ (the GitHub Action bundle)', files: actionBundle },
];

export interface GenOptions {
  root?: string;
  /** Generator names; all when omitted. */
  only?: readonly string[];
}

export interface GenResult {
  /** Files whose text differs from what their generator writes (relative paths), with the generator's name. */
  stale: { file: string; generator: string }[];
  /** Every generated file. */
  files: string[];
}

function selected(only: readonly string[] | undefined): readonly Generator[] {
  if (!only?.length) return GENERATORS;
  const unknown = only.filter((n) => !GENERATORS.some((g) => g.name === n));
  if (unknown.length) throw new Error(`no generator called ${unknown.join(', ')} (there are ${GENERATORS.map((g) => g.name).join(', ')})`);
  return GENERATORS.filter((g) => only.includes(g.name));
}

function reader(root: string): ReadFile {
  return (rel) => fs.readFileSync(path.join(root, ...rel.split('/')), 'utf8');
}

function current(root: string, rel: string): string | undefined {
  try {
    return fs.readFileSync(path.join(root, ...rel.split('/')), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

/**
 * Runs the generators one after the other (a later one reads what an earlier one wrote) and compares
 * each file with what is on disk; with `write`, writes the files whose text changes. `stale` lists
 * the files that differed (and, with `write`, were written).
 */
async function generate(options: GenOptions, write: boolean): Promise<GenResult> {
  const root = options.root ?? ROOT;
  const read = reader(root);
  const result: GenResult = { stale: [], files: [] };
  for (const g of selected(options.only)) {
    for (const [file, text] of Object.entries(await g.files(read))) {
      result.files.push(file);
      if (current(root, file) === text) continue;
      if (write) {
        const abs = path.join(root, ...file.split('/'));
        fs.mkdirSync(path.dirname(abs), { recursive: true });
        fs.writeFileSync(abs, text, 'utf8');
      }
      result.stale.push({ file, generator: g.name });
    }
  }
  return result;
}

/** Compares every generated file with what its generator writes; writes nothing. */
export function checkGenerated(options: GenOptions = {}): Promise<GenResult> {
  return generate(options, false);
}

/** Writes every generated file whose text changes; returns what it wrote as `stale`. */
export function writeGenerated(options: GenOptions = {}): Promise<GenResult> {
  return generate(options, true);
}

function parseArgs(argv: readonly string[]): GenOptions & { check: boolean } {
  const out: GenOptions & { check: boolean } = { check: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--check') out.check = true;
    else if (a === '--root') out.root = path.resolve(argv[++i] ?? '.');
    else if (a === '--only') out.only = (argv[++i] ?? '').split(',').filter(Boolean);
    else throw new Error(`unknown argument ${a} (use --check, --only <names>, --root <dir>)`);
  }
  return out;
}

export async function runGen(argv: readonly string[], log: (line: string) => void = console.log, error: (line: string) => void = console.error): Promise<number> {
  let options: ReturnType<typeof parseArgs>;
  try {
    options = parseArgs(argv);
    if (options.check) {
      const res = await checkGenerated(options);
      if (!res.stale.length) {
        log(`${res.files.length} generated files are up to date`);
        return 0;
      }
      for (const s of res.stale) {
        const g = GENERATORS.find((x) => x.name === s.generator)!;
        error(`stale: ${s.file} (generated by ${g.script} from ${g.source})`);
      }
      error(`${res.stale.length} generated file${res.stale.length === 1 ? ' is' : 's are'} out of date: run npm run gen and commit the result`);
      return 1;
    }
    const res = await writeGenerated(options);
    for (const s of res.stale) log(`wrote ${s.file}`);
    log(`${res.files.length} generated files, ${res.stale.length} changed`);
    return 0;
  } catch (err) {
    error(`gen: ${err instanceof Error ? err.message : String(err)}`);
    return 2;
  }
}

if (require.main === module) void runGen(process.argv.slice(2)).then((code) => (process.exitCode = code));
