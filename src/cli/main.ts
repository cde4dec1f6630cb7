/**
 * The `impact-notes` command line: `lint`, `init`, `report`/`export` (registered from report.ts) and
 * `provenance` (provenance.ts). Exit codes: 0 clean, 1 findings that fail the
 * run (errors, or more warnings than --max-warnings), 2 usage or configuration errors (one line each).
 */
import * as fs from 'node:fs';
import { assessment, openQuestions } from '../core/assessment/assessment-model';
import { parseImpact } from '../core/impact/parse';
import { parseRelease } from '../core/release/parse';
import * as path from 'node:path';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { parseDate, todayFrom } from './dates';
import { LINKS, version } from './package-info';
import { ScaffoldError, type ScaffoldArtifact } from '../core/scaffold';
import { format, FORMATS, type FormatName } from './format';
import { writeScaffold } from './fs-host';
import { ConfigError, containingFolders, lintAndJudge, UsageError, type FindingProvider } from './lint';
import { defaultProviders } from './providers';
import { registerProvenanceCommand } from './provenance';

export interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  cwd: string;
  env: Record<string, string | undefined>;
  /** Whether stdout is a terminal (colour by default). */
  isTTY: boolean;
}

function parseMaxWarnings(value: string): number {
  if (!/^-?\d+$/.test(value) || Number(value) < -1) throw new InvalidArgumentError('Use a whole number (0 or more; -1 for no limit).');
  return Number(value);
}

function collect(value: string, prev: string[] = []): string[] {
  return [...prev, value];
}

/** Splits on commas that are not inside {…} glob braces. */
export function splitList(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of s) {
    if (ch === '{') depth++;
    else if (ch === '}') depth = Math.max(0, depth - 1);
    if (ch === ',' && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out.map((x) => x.trim()).filter(Boolean);
}

/** `weights:trained-model:checkpoints/**,*.pt` → { id, content, paths }. */
export function parseArtifact(spec: string): ScaffoldArtifact {
  const first = spec.indexOf(':');
  const second = first < 0 ? -1 : spec.indexOf(':', first + 1);
  if (first < 0) throw new UsageError(`--artifact '${spec}': use id:content[:path,path…], e.g. weights:trained-model:checkpoints/**`);
  const id = spec.slice(0, first).trim();
  const content = (second < 0 ? spec.slice(first + 1) : spec.slice(first + 1, second)).trim();
  const paths = second < 0 ? [] : splitList(spec.slice(second + 1));
  if (!id || !content) throw new UsageError(`--artifact '${spec}': use id:content[:path,path…], e.g. weights:trained-model:checkpoints/**`);
  return { id, content, paths };
}

function useColor(flag: boolean | undefined, io: Io): boolean {
  if (flag !== undefined) return flag;
  if (io.env.NO_COLOR) return false;
  if (io.env.FORCE_COLOR && io.env.FORCE_COLOR !== '0') return true;
  return io.isTTY;
}

interface LintFlags {
  format: FormatName;
  maxWarnings?: number;
  fix?: boolean;
  color?: boolean;
  config?: string;
  discovery: boolean;
  containingFolders?: boolean;
  today?: Date;
}

interface InitFlags {
  title?: string;
  modality?: string[];
  artifact?: string[];
  review: string;
  contact?: string;
  today?: Date;
}

/** main()'s answer while the language server runs: the process must stay up, so no exit code is set. */
export const LSP_RUNNING = -1;

/**
 * The language server is its own bundle (dist/lsp.js beside dist/cli.js), required only when asked
 * for, so `lint` does not load it. From the sources (tests under tsx) the module is loaded directly.
 */
function loadLanguageServer(): { runLanguageServer(): void } {
  const bundled = path.join(__dirname, 'lsp.js');
  const target = fs.existsSync(bundled) ? bundled : path.join(__dirname, '..', 'lsp', 'main');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(target) as { runLanguageServer(): void };
}

export async function main(argv: readonly string[], io: Io, providers: readonly FindingProvider[] = defaultProviders()): Promise<number> {
  let exitCode = 0;
  const program = new Command();
  program
    .name('impact-notes')
    .description('Impact assessments (IMPACT.md) and release plans (release.yaml) for ML research on synthetic media.')
    .version(version, '-v, --version')
    .exitOverride()
    .configureOutput({
      writeOut: io.stdout,
      writeErr: io.stderr,
      outputError: (str, write) => write(`impact-notes: ${str.replace(/^error: /, '')}`),
    })
    .showSuggestionAfterError(true);

  program
    .command('lint')
    .description('Check IMPACT.md and release.yaml pairs in the given files or folders (default: the current folder).')
    .argument('[paths...]', 'files or folders to check')
    .addOption(new Option('-f, --format <name>', 'output format').choices(FORMATS).default('stylish'))
    .addOption(new Option('--max-warnings <n>', 'fail (exit 1) when there are more warnings than this').argParser(parseMaxWarnings))
    .option('--fix', 'apply safe fixes and write the files')
    .option('--color', 'force coloured output')
    .option('--no-color', 'no colour in the output')
    .option('-c, --config <file>', 'use this configuration file instead of finding .impact-notes.yaml files')
    .option('--no-discovery', 'do not look for research artifacts that no release plan covers')
    .option('--containing-folders', 'lint the folder that holds each given file, not just the file (for git hooks that pass changed files)')
    .addOption(new Option('--today <date>', 'the date rules treat as today (YYYY-MM-DD)').argParser(parseDate).hideHelp())
    .action(async (paths: string[], flags: LintFlags) => {
      const today = todayFrom(flags.today, io.env);
      if (flags.containingFolders) paths = containingFolders(paths, io.cwd);
      const result = await lintAndJudge(
        { cwd: io.cwd, paths, fix: !!flags.fix, configFile: flags.config, today, discovery: flags.discovery, maxWarnings: flags.maxWarnings },
        providers,
      );
      const out = format(flags.format, result.findings, { cwd: io.cwd, color: useColor(flags.color, io), rules: result.rules, toolVersion: version, links: LINKS });
      if (out) io.stdout(out);
      if (result.pairs.length === 0 && result.findings.length === 0) {
        io.stderr(`impact-notes: no IMPACT.md or release plan found in ${paths.length ? paths.join(', ') : 'the current folder'}.\n`);
      }
      if (result.fixed.length && flags.format === 'stylish') {
        io.stderr(`Fixed ${result.fixed.map((f) => path.relative(io.cwd, f) || f).join(', ')}.\n`);
      }
      for (const line of result.notFixed) io.stderr(`${line}\n`);
      if (result.tooManyWarnings) io.stderr(`impact-notes found too many warnings (maximum: ${flags.maxWarnings}).\n`);
      exitCode = result.code;
    });

  program
    .command('init')
    .description('Create IMPACT.md and release.yaml in a folder (default: the current one). Existing files are never overwritten.')
    .argument('[dir]', 'folder for the two files', '.')
    .option('--title <title>', 'name of the project or paper')
    .option('--modality <list>', 'modalities, comma-separated: text, image, audio, video, multimodal, other', (v: string, prev?: string[]) => [...(prev ?? []), ...splitList(v)])
    .option('--artifact <spec>', 'an artifact as id:content:path,path (repeatable), e.g. weights:trained-model:checkpoints/**', collect)
    .option('--review <level>', 'review level: exempt, expedited or full', 'expedited')
    .option('--contact <where>', 'where misuse is reported (mailto: link, e-mail or URL)')
    .addOption(new Option('--today <date>', 'the date written into the files (YYYY-MM-DD)').argParser(parseDate).hideHelp())
    .action((dir: string, flags: InitFlags) => {
      const target = path.resolve(io.cwd, dir);
      const answers = {
        title: flags.title,
        modality: flags.modality ?? [],
        artifacts: (flags.artifact ?? []).map(parseArtifact),
        reviewLevel: flags.review,
        contact: flags.contact,
        today: todayFrom(flags.today, io.env),
      };
      const res = writeScaffold(target, answers);
      const rel = (f: string) => path.relative(io.cwd, f) || f;
      for (const f of res.written) io.stdout(`Created ${rel(f)}\n`);
      for (const f of res.skipped) io.stderr(`Skipped ${rel(f)}: it already exists and was not overwritten.\n`);
      if (res.written.length === 0) {
        io.stderr(`impact-notes: nothing written; ${rel(target)} already has both files.\n`);
        exitCode = 2;
        return;
      }
      const lintCmd = dir === '.' ? 'impact-notes lint' : `impact-notes lint ${dir}`;
      // Count what is still open in the pair as it now stands (an IMPACT.md kept from before counts as is).
      const files = [...res.written, ...res.skipped];
      const read = (re: RegExp) => {
        const f = files.find((x) => re.test(path.basename(x)));
        return f ? fs.readFileSync(f, 'utf8') : undefined;
      };
      const impactText = read(/^impact\.md$/i);
      const releaseText = read(/^release\.ya?ml$/i);
      const open = openQuestions(
        assessment(impactText !== undefined ? parseImpact('IMPACT.md', impactText) : undefined, releaseText !== undefined ? parseRelease('release.yaml', releaseText) : undefined),
      ).length;
      io.stdout(
        open
          ? `${open} question${open === 1 ? '' : 's'} to answer: replace the TODO prompts with your own words, then run '${lintCmd}'.\nUntil every question has your answer, lint fails and the release is not ready.\n`
          : `Next: run '${lintCmd}'.\n`,
      );
    });

  program
    .command('lsp')
    .description('Run the language server (for Neovim, Helix, Emacs, JetBrains IDEs, JupyterLab) on standard input and output.')
    .option('--stdio', 'talk the Language Server Protocol over standard input and output (the default and only transport)')
    .action(() => {
      loadLanguageServer().runLanguageServer();
      exitCode = LSP_RUNNING;
    });

  // The lint bundle (dist/cli-lint.js, which bin/impact-notes.js runs for `impact-notes lint …`) is
  // built with IMPACT_NOTES_CLI_BUNDLE set to "lint": these commands and the report, export and
  // provenance code behind them are left out of it, so `lint` neither loads nor compiles them.
  if (process.env.IMPACT_NOTES_CLI_BUNDLE !== 'lint') {
    // Required here, not imported at the top: a require() in a branch the lint bundle's build
    // removes is left out of that bundle with everything behind it (the report, the exports).
    /* eslint-disable @typescript-eslint/no-require-imports */
    const { registerImportCommand } = require('./import') as typeof import('./import');
    const { registerReportCommands } = require('./report') as typeof import('./report');
    /* eslint-enable @typescript-eslint/no-require-imports */
    registerImportCommand(program, { io, todayFrom: (flag) => todayFrom(flag, io.env), parseDate });
    registerReportCommands(program, { io, todayFrom: (flag) => todayFrom(flag, io.env), parseDate, setExitCode: (c) => (exitCode = c) });
    registerProvenanceCommand(program, io, (code) => (exitCode = code), (msg) => new UsageError(msg));
  }

  try {
    await program.parseAsync(argv as string[], { from: 'user' });
    return exitCode;
  } catch (err) {
    if (err instanceof CommanderError) {
      // help, `help <command>`, --help and --version end with exit code 0; usage errors with 2.
      return err.exitCode === 0 ? 0 : 2;
    }
    if (err instanceof UsageError || err instanceof ScaffoldError || err instanceof ConfigError) {
      io.stderr(`impact-notes: ${err.message.split('\n').join('\nimpact-notes: ')}\n`);
      return 2;
    }
    const e = err as NodeJS.ErrnoException;
    if (e && typeof e.code === 'string' && e.syscall) {
      io.stderr(`impact-notes: ${e.message}\n`);
      return 2;
    }
    throw err;
  }
}

/**
 * Runs the command line on this process (argv, stdio, exit code). bin/impact-notes.js calls it:
 * there the bundle is required, not run, so `require.main === module` below does not hold.
 */
export function runCli(): void {
  const io: Io = {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    cwd: process.cwd(),
    env: process.env,
    isTTY: !!process.stdout.isTTY,
  };
  main(process.argv.slice(2), io).then(
    (code) => {
      if (code !== LSP_RUNNING) process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`impact-notes: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exitCode = 2;
    },
  );
}

if (require.main === module) runCli();
