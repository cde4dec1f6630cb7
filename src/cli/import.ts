/**
 * `impact-notes import <file> [dir]`: a new IMPACT.md in `dir` from the broader-impact, impact or
 * ethics statement of a LaTeX (.tex) or Markdown (.md) paper. Never overwrites an IMPACT.md (exit
 * 2); a paper without such a section gets a clear message (exit 2).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Option, type Command } from 'commander';
import { IMPACT_FILE_RE } from '../core/pairs';
import { importStatement, NoStatementError, type PaperFormat, type Target } from '../core/papers/import-statement';
import { UsageError } from './find-pairs';
import { readForEdit } from './into';
import type { Io } from './main';

const LABEL: Record<Target, string> = {
  summary: 'Summary',
  benefits: 'Benefits',
  hazards: 'Hazards',
  'harmed-parties': 'Who could be harmed',
  mitigations: 'Mitigations',
  'detection-guidance': 'Detection guidance',
  'release-plan': 'Release plan',
};

export function formatOf(file: string, flag?: string): PaperFormat {
  if (flag === 'latex' || flag === 'md') return flag;
  if (/\.(tex|ltx|latex)$/i.test(file)) return 'latex';
  if (/\.(md|markdown)$/i.test(file)) return 'md';
  throw new UsageError(`${path.basename(file)}: give a .tex or .md paper, or say which it is with --format latex|md.`);
}

export function registerImportCommand(program: Command, ctx: { io: Io; todayFrom(flag: Date | undefined): Date; parseDate(v: string): Date }): void {
  const { io } = ctx;
  program
    .command('import')
    .description("Create IMPACT.md from a paper's broader-impact, impact or ethics statement (.tex or .md). The authors' sentences come over as written; the rest stays a prompt. Never overwrites.")
    .argument('<file>', 'the paper: a LaTeX (.tex) or Markdown (.md) file')
    .argument('[dir]', 'folder for IMPACT.md', '.')
    .addOption(new Option('-f, --format <name>', 'latex or md (default: from the file name)').choices(['latex', 'md']))
    .addOption(new Option('--today <date>', 'the date written into the file (YYYY-MM-DD)').argParser(ctx.parseDate).hideHelp())
    .action((file: string, dir: string, flags: { format?: string; today?: Date }) => {
      const paper = path.resolve(io.cwd, file);
      const rel = (p: string) => path.relative(io.cwd, p) || p;
      const format = formatOf(paper, flags.format);
      const text = readForEdit(paper, rel(paper));
      const target = path.resolve(io.cwd, dir);
      if (fs.existsSync(target)) {
        if (!fs.statSync(target).isDirectory()) throw new UsageError(`${rel(target)} is not a folder.`);
        const existing = fs.readdirSync(target).find((n) => IMPACT_FILE_RE.test(n));
        if (existing) throw new UsageError(`${rel(path.join(target, existing))} already exists and was not overwritten; import into another folder, or move it away first.`);
      }
      let res;
      try {
        res = importStatement(text, format, { source: path.basename(paper), today: ctx.todayFrom(flags.today) });
      } catch (err) {
        if (err instanceof NoStatementError) throw new UsageError(`${rel(paper)}: nothing imported: ${err.message}. Look for a section titled Broader Impact, Impact Statement or Ethics Statement.`);
        throw err;
      }
      fs.mkdirSync(target, { recursive: true });
      const out = path.join(target, 'IMPACT.md');
      try {
        fs.writeFileSync(out, res.impact, { encoding: 'utf8', flag: 'wx' });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw new UsageError(`${rel(out)} already exists and was not overwritten.`);
        throw err;
      }
      const counts = new Map<Target, number>();
      for (const p of res.placements) counts.set(p.target, (counts.get(p.target) ?? 0) + 1);
      const where = [...counts].map(([t, n]) => `${LABEL[t]} ${n}`).join(', ');
      io.stdout(`Created ${rel(out)} from '${res.statement.title}' (line ${res.statement.line}) of ${rel(paper)}: ${res.placements.length} sentence(s) and block(s), under ${where}.\n`);
      const lintCmd = dir === '.' ? 'impact-notes lint' : `impact-notes lint ${dir}`;
      io.stdout(`Next: run '${lintCmd}' to see what the paper leaves out, and answer the TODO prompts.\n`);
    });
}
