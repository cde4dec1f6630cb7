/**
 * `impact-notes report [dir]` and `impact-notes export <kind> [dir]`: the report (HTML, Markdown or
 * LaTeX) and the text for papers and model cards, for the assessment in one folder. Output goes to
 * stdout, or to `--out <file>`, which is never overwritten unless `--force` is given (exit 2).
 * The pair is linted with the same configuration chain as `impact-notes lint`, so the report's
 * findings are the lint's findings.
 */
import { summarizeProvenance, type ProvenanceSummary } from '../core/provenance/credentials';
import { readSamples } from '../core/provenance/node';
import { readProvenancePlan } from '../core/provenance/plan';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Argument, Option, type Command } from 'commander';
import { ConfigResolver, loadConfigFile, type ResolvedConfig } from '../core/config-chain';
import { lint } from '../core/engine';
import type { PairFiles } from '../core/pairs';
import {
  buildReport,
  EXPORT_FORMATS,
  EXPORT_KINDS,
  EXPORTS,
  FORMAT_LABEL,
  renderExport,
  renderReportHtml,
  renderReportLatex,
  renderReportMarkdown,
  REPORT_FORMATS,
  type ExportFormat,
  type ExportKind,
  type ReportFormat,
  type ReportModel,
} from '../core/report';
import { allRules } from '../core/rules';
import { findPairs, isIgnored, UsageError } from './find-pairs';
import { listFiles, nodeConfigHost } from './fs-host';
import { nodeFiles } from './node-file-host';
import { buildLintInput } from '../core/lint-input';
import type { Io } from './main';
import { exportInto } from './into';

export interface ReportCliContext {
  io: Io;
  /** Sets the command's exit code (1 when an in-place checklist contradicts the plan). */
  setExitCode?(code: number): void;
  /** The --today option, else IMPACT_NOTES_TODAY, else the real date. */
  todayFrom(flag: Date | undefined): Date;
  parseDate(value: string): Date;
}

/** Thrown when --out names an existing file and --force is not given (exit 2). */
export class OutputExistsError extends UsageError {}

export interface LoadedReport {
  model: ReportModel;
  pair: PairFiles;
}

/** Finds the assessment in `dir` (or the only one below it), lints it and builds the report model. */
export async function loadReport(dir: string, cwd: string, today: Date, configFile?: string): Promise<LoadedReport> {
  let explicit: ResolvedConfig | undefined;
  if (configFile) {
    explicit = await loadConfigFile(nodeConfigHost, path.resolve(cwd, configFile), allRules);
    if (!explicit) throw new UsageError(`Configuration file not found: ${configFile}`);
  }
  const resolver = new ConfigResolver(nodeConfigHost, allRules);
  const configFor = async (d: string): Promise<ResolvedConfig> => explicit ?? resolver.resolve(d);
  const target = path.resolve(cwd, dir);
  const pairs = await findPairs([dir], cwd, { resolve: configFor });
  const rel = (p: string) => path.relative(cwd, p) || '.';
  let pair = pairs.find((p) => p.dir === target || p.impact === target || p.release === target);
  if (!pair && pairs.length === 1) pair = pairs[0];
  if (!pair) {
    if (pairs.length === 0) throw new UsageError(`No IMPACT.md or release plan in ${rel(target)}.`);
    throw new UsageError([`${pairs.length} assessments under ${rel(target)}; name one of these folders:`, ...pairs.map((p) => `  ${rel(p.dir)}`)].join('\n'));
  }
  const resolved = await configFor(pair.dir);
  if (resolved.problems.length) {
    const p = resolved.problems[0];
    throw new UsageError(`${rel(p.file)}:${p.line}:${p.column}: ${p.message}`);
  }
  // A file above maxFileSize is not read, only reported (bounded memory for huge files).
  const built = await buildLintInput(nodeFiles, pair, resolved, { today });
  const result = lint(built?.input ?? { config: resolved.config, today });
  // The Provenance section: only for a plan that declares content credentials (loads the C2PA reader).
  let provenance: ProvenanceSummary | undefined;
  const plan = result.release && readProvenancePlan(result.release);
  if (plan?.c2pa && plan.samples.length) {
    const files = listFiles(pair.dir, { cap: 100000, skip: (abs, isDir) => isIgnored(abs, resolved.ignores, isDir) }) ?? [];
    const read = await readSamples(pair.dir, plan, files, resolved.config);
    provenance = summarizeProvenance(read.samples.map((x) => ({ file: x.sample.file, report: x.report })));
  }
  const model = buildReport({
    result,
    today,
    provenance,
    folder: path.basename(pair.dir),
    fileNames: { impact: pair.impact ? path.basename(pair.impact) : undefined, release: pair.release ? path.basename(pair.release) : undefined },
  });
  return { model, pair };
}

export function renderReport(model: ReportModel, format: ReportFormat): string {
  if (format === 'md') return renderReportMarkdown(model);
  if (format === 'latex') return renderReportLatex(model);
  return renderReportHtml(model);
}

/**
 * Writes `text` to `out` (relative to cwd) without replacing an existing file unless `force`;
 * returns the absolute path. Creates missing parent folders.
 */
export function writeOutput(cwd: string, out: string, text: string, force: boolean): string {
  const file = path.resolve(cwd, out);
  const rel = path.relative(cwd, file) || file;
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) throw new UsageError(`${rel} is a folder; give a file name to --out.`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  try {
    fs.writeFileSync(file, text, { encoding: 'utf8', flag: force ? 'w' : 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw new OutputExistsError(`${rel} already exists and was not overwritten: use --force to replace it, or choose another --out.`);
    throw err;
  }
  return file;
}

interface OutFlags {
  out?: string;
  force?: boolean;
  config?: string;
  today?: Date;
}

/** "a, b or c" (`sep` between all but the last two). */
function orList(items: readonly string[], sep = ', '): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(sep)} or ${items[items.length - 1]}`;
}

/** Every format some export has, in the order the exports name them. */
const ALL_FORMATS: ExportFormat[] = [...new Set(EXPORTS.flatMap((e) => e.formats))];

/** `--format`'s help: "md or latex (model-card: md only; default md)". */
function formatHelp(): string {
  const limited = EXPORTS.filter((e) => e.formats.length < ALL_FORMATS.length).map((e) => `${e.kind}: ${e.formats.join(' or ')} only`);
  const defaults = [...new Set(EXPORTS.map((e) => e.formats[0]))];
  return `${orList(ALL_FORMATS)} (${[...limited, `default ${defaults.join(' or ')}`].join('; ')})`;
}

export function registerReportCommands(program: Command, ctx: ReportCliContext): void {
  const { io } = ctx;
  const setExitCode = (code: number) => ctx.setExitCode?.(code);
  const emit = (text: string, flags: OutFlags, what: string) => {
    if (!flags.out) {
      io.stdout(text);
      return;
    }
    const file = writeOutput(io.cwd, flags.out, text, !!flags.force);
    io.stdout(`Wrote ${what} to ${path.relative(io.cwd, file) || file}\n`);
  };

  program
    .command('report')
    .description('Write the report of the assessment in a folder: completeness, hazard × path-to-harm matrix, access ratchet, release timeline, safeguards and open findings.')
    .argument('[dir]', 'folder with IMPACT.md and release.yaml', '.')
    .addOption(new Option('-f, --format <name>', 'html (self-contained, with pictures), md or latex').choices(REPORT_FORMATS).default('html'))
    .option('-o, --out <file>', 'write to this file instead of stdout (never overwritten without --force)')
    .option('--force', 'replace the --out file if it exists')
    .option('-c, --config <file>', 'use this configuration file instead of finding .impact-notes.yaml files')
    .addOption(new Option('--today <date>', 'the date the report treats as today (YYYY-MM-DD)').argParser(ctx.parseDate).hideHelp())
    .action(async (dir: string, flags: OutFlags & { format: ReportFormat }) => {
      const { model } = await loadReport(dir, io.cwd, ctx.todayFrom(flags.today), flags.config);
      emit(renderReport(model, flags.format), flags, 'the report');
    });

  program
    .command('export')
    .description(`Write text for a paper or a model card from the assessment in a folder: ${orList(EXPORTS.map((e) => `${e.kind} (${e.summary})`), ', ')}.`)
    .addArgument(new Argument('<kind>', 'what to export').choices(EXPORT_KINDS))
    .argument('[dir]', 'folder with IMPACT.md and release.yaml', '.')
    .addOption(new Option('-f, --format <name>', formatHelp()).choices(ALL_FORMATS))
    .option('-o, --out <file>', 'write to this file instead of stdout (never overwritten without --force)')
    .option('--into <file>', 'write into an existing file in place: a model card (README.md, between impact-notes markers) or a NeurIPS checklist.tex (its TODO answers)')
    .option('--force', 'replace the --out file if it exists; with --into checklist, replace answers already written')
    .option('-c, --config <file>', 'use this configuration file instead of finding .impact-notes.yaml files')
    .addOption(new Option('--today <date>', 'the date written into the export (YYYY-MM-DD)').argParser(ctx.parseDate).hideHelp())
    .action(async (kind: ExportKind, dir: string, flags: OutFlags & { format?: ExportFormat; into?: string }) => {
      if (flags.into) {
        if (kind === 'broader-impact') throw new UsageError('--into writes into a model card (export model-card) or a NeurIPS checklist (export checklist); use --out for the broader-impact statement.');
        if (flags.out) throw new UsageError('Give either --out (a new file) or --into (an existing file), not both.');
        const { model } = await loadReport(dir, io.cwd, ctx.todayFrom(flags.today), flags.config);
        const res = exportInto(kind, model, flags.into, io, !!flags.force);
        if (res.exitCode) setExitCode(res.exitCode);
        return;
      }
      const format = flags.format ?? EXPORT_FORMATS[kind][0];
      if (!EXPORT_FORMATS[kind].includes(format)) throw new UsageError(`The ${kind} export is ${orList(EXPORT_FORMATS[kind].map((f) => FORMAT_LABEL[f]))} only; leave out --format or use ${orList(EXPORT_FORMATS[kind].map((f) => `--format ${f}`))}.`);
      const { model } = await loadReport(dir, io.cwd, ctx.todayFrom(flags.today), flags.config);
      const result = renderExport(kind, model, format);
      emit(result.text, flags, `the ${kind} export`);
      for (const g of result.gaps) io.stderr(`impact-notes: not exported yet: ${g}\n`);
    });
}
